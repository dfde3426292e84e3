/** Retention playbooks: the moves, their guard rails and the next best action. */
export { MOVES, MOVE_LABELS, moveOfTemplate, parseMove, templateForMove, type RetentionMove } from './moves';
export { DEFAULT_PLAYBOOK_SETTINGS, PlaybookSettingsSchema, type PlaybookSettings } from './settings';
export { customerValue, topShareText, valueLines, ValueLinesSchema, type ValueLines } from './value';
export {
  guardRail,
  nextBestAction,
  type PlaybookInput,
  type Recommendation,
  type Refusal,
} from './recommend';
export {
  guardRailFor,
  PLAYBOOK_ALTERNATIVE,
  refusalOf,
  ruleWords,
  type GuardRailVerdict,
  type RailRule,
} from './guard-rail';
