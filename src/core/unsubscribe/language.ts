/**
 * The language of a customer's unsubscribe footer and page. One small function on purpose: the
 * template-language work (Language column, last email's language) plugs in here.
 */
import type { Customer } from '../customers/customer';
import { sameHeader } from '../sheet/columns';

export const UNSUBSCRIBE_LANGUAGES = ['en', 'ru', 'kk', 'tr'] as const;
export type UnsubscribeLanguage = (typeof UNSUBSCRIBE_LANGUAGES)[number];

/** Names people give the language column, and how they write each language in it. */
const LANGUAGE_HEADERS = ['Language', 'Lang', 'Locale', 'Preferred language'];
const LANGUAGE_WORDS: Record<UnsubscribeLanguage, string[]> = {
  en: ['en', 'eng', 'english'],
  ru: ['ru', 'rus', 'russian', 'русский'],
  kk: ['kk', 'kz', 'kaz', 'kazakh', 'қазақ', 'қазақша', 'казахский'],
  tr: ['tr', 'tur', 'turkish', 'türkçe', 'turkce'],
};

/** A language code or name ("kk", "kk-KZ", "Kazakh", "Türkçe") as one of ours; English otherwise. */
export function unsubscribeLanguage(value: unknown): UnsubscribeLanguage {
  const text = String(value ?? '')
    .trim()
    .toLowerCase()
    .replace(/i̇/g, 'i');
  const base = text.split(/[-_]/)[0] ?? '';
  for (const lang of UNSUBSCRIBE_LANGUAGES)
    if (LANGUAGE_WORDS[lang].some((w) => w === text || w === base)) return lang;
  return 'en';
}

/** The customer's language from a Language column of their row, if the sheet has one. */
export function customerLanguage(customer: Pick<Customer, 'raw'>): UnsubscribeLanguage {
  for (const [header, value] of Object.entries(customer.raw))
    if (LANGUAGE_HEADERS.some((h) => sameHeader(h, header))) return unsubscribeLanguage(value);
  return 'en';
}
