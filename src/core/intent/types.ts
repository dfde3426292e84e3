/**
 * What the intent detector reads from an email and what it reports. Seven churn intents, plus
 * `expansion` so the sidebar can tell a happy email from a worried one; expansion never adds to the
 * churn signal.
 */
export const CHURN_INTENTS = [
  'cancellation',
  'nonRenewal',
  'competitor',
  'price',
  'paymentDelay',
  'complaint',
  'downgrade',
] as const;

export type ChurnIntent = (typeof CHURN_INTENTS)[number];
export type IntentId = ChurnIntent | 'expansion';
export const INTENT_IDS: readonly IntentId[] = [...CHURN_INTENTS, 'expansion'];

/** English, Russian, Kazakh, Turkish, Norwegian (Bokmål; Nynorsk and Danish spellings tolerated). */
export const LANGUAGES = ['en', 'ru', 'kk', 'tr', 'no'] as const;
export type Language = (typeof LANGUAGES)[number];
export type DetectedLanguage = Language | 'unknown';

/** The part of a Gmail message the detector reads; `OpenMessage` from the mailbox port fits as is. */
export interface IntentInput {
  subject?: string;
  plainBody: string;
}

export interface IntentHit {
  intent: IntentId;
  /** 0-1: how sure the detector is that the email, today, expresses this intent. */
  confidence: number;
  /** The exact span of the original subject or body that triggered it, for display. */
  phrase: string;
  /** Where `phrase` starts in `source` (UTF-16 offset into the original subject or body). */
  index: number;
  source: 'subject' | 'body';
  /** The language of the pattern that matched (a mixed-language email can report several). */
  language: Language;
  /** True when the strongest phrase was conditional or hedged ("if prices rise we might cancel"). */
  hedged: boolean;
}

export interface IntentResult {
  /** The dominant language of the new text (subject + unquoted body), see detectLanguage. */
  language: DetectedLanguage;
  /** One entry per intent found, strongest first. */
  intents: IntentHit[];
  /** The most confident intent, churn or expansion; absent when nothing was found. */
  strongest?: IntentId;
  /** 0-1, the churn intents combined (expansion excluded), for the risk engine's emailIntent signal. */
  churnSignal: number;
}
