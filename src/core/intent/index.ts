/** Churn intent in the open email: the module's public surface. */
export { detectIntents, MAX_SCANNED_CHARS } from './detect';
export { describeIntent, LANGUAGE_NAMES } from './describe';
export { detectLanguage } from './language';
export { unquotedRanges } from './history';
export { emailIntentSignal, type EmailIntentSignal } from './signal';
export { CHURN_SEVERITY } from './score';
export {
  CHURN_INTENTS,
  INTENT_IDS,
  LANGUAGES,
  type ChurnIntent,
  type DetectedLanguage,
  type IntentHit,
  type IntentId,
  type IntentInput,
  type IntentResult,
  type Language,
} from './types';
