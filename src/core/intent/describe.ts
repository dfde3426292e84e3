/** Short English labels for the sidebar and the risk engine's reason ("Will not renew: “…”"). */
import type { DetectedLanguage, IntentId, Language } from './types';

const LABELS: Record<IntentId, string> = {
  cancellation: 'Cancellation request',
  nonRenewal: 'Will not renew',
  competitor: 'Considering a competitor',
  price: 'Price concern',
  paymentDelay: 'Asks to delay payment',
  complaint: 'Complaint',
  downgrade: 'Wants to downgrade',
  expansion: 'Wants to expand',
};

export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  ru: 'Russian',
  kk: 'Kazakh',
  tr: 'Turkish',
  no: 'Norwegian',
};

/**
 * "Cancellation request"; with a language other than English, the language is named too
 * ("Cancellation request (Turkish)") so a manager knows the quoted phrase is a translation away.
 */
export function describeIntent(intent: IntentId, language?: DetectedLanguage): string {
  const label = LABELS[intent];
  return language && language !== 'en' && language !== 'unknown'
    ? `${label} (${LANGUAGE_NAMES[language]})`
    : label;
}
