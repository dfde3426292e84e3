/** Crisis-impact rules, saved segments and bulk tagging. */
export { compileTest, OPERATORS, parseOperator, splitList, type Operator } from './conditions';
export { BUILT_IN_FIELD_NAMES, resolveField, type FieldContext, type SegmentRecord } from './fields';
export { foldText } from './fold';
export {
  DEFAULT_IMPACT_RULES,
  IMPACT_RULE_HEADERS,
  IMPACT_RULES_TAB,
  impactOf,
  readImpactRules,
  type ImpactRule,
  type ImpactVerdict,
} from './impact-rules';
export { describeQuery, matches, parseQuery, QueryError, type Query } from './query';
export { DEFAULT_SEGMENTS, readSegments, SEGMENT_HEADERS, SEGMENTS_TAB, type Segment } from './segments-tab';
export { membersOf, playbookSegmentOf, statsOf, type SegmentStats } from './stats';
export {
  applyToColumn,
  BULK_LOG_HEADERS,
  BULK_LOG_TAB,
  bulkLogRows,
  cleanTag,
  lastOpenChange,
  planBulkTag,
  planUndo,
  type BulkTagPlan,
  type LoggedChange,
  type TagOperation,
} from './bulk-tag';
