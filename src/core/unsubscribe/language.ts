/**
 * The language of a customer's unsubscribe footer and page: the customer's language as the template
 * variants know it (src/core/templates/variants.ts). Every language a variant can be in has the words.
 */
import { parseLanguage, type LanguageCode } from '../templates/languages';

export type UnsubscribeLanguage = LanguageCode;

/** A language code or name ("kk", "kk-KZ", "Kazakh", "Türkçe") as a language; English if unknown. */
export function unsubscribeLanguage(value: unknown): UnsubscribeLanguage {
  return parseLanguage(value) ?? 'en';
}
