/**
 * The language of a customer's unsubscribe footer and page: the language of the template variant
 * they get (src/core/templates/variants.ts). Every language a variant can be in has the footer's words.
 */
import { parseLanguage, type LanguageCode } from '../templates/languages';

export type UnsubscribeLanguage = LanguageCode;

/** A language code or name ("kk", "kk-KZ", "Kazakh", "Türkçe") as a language; English if unknown. */
export function unsubscribeLanguage(value: unknown): UnsubscribeLanguage {
  return parseLanguage(value) ?? 'en';
}
