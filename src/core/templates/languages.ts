/**
 * The languages a template variant or a customer can be in, as a person types them in a sheet cell:
 * a two-letter ISO 639-1 code ("kk") or a common name in English or in the language itself ("Kazakh",
 * "қазақша", "Türkçe"). The list is closed on purpose: a typo ("kz", "Kazak") must be a clear error
 * naming the cell, not a variant nobody ever receives. Codes are the ones Gmail and Google Sheets use,
 * so "no" is Norwegian (Bokmål "nb" and Nynorsk "nn" are accepted as it).
 *
 * Matching folds case without the host's locale: String#toLowerCase maps "İ" to "i" + U+0307 (a
 * combining dot) and a Turkish host's toLocaleLowerCase maps "I" to "ı", so both are avoided; "İ"
 * and "I" fold to "i" explicitly and combining marks that folding introduced are dropped.
 */

export const LANGUAGE_CODES = ['en', 'ru', 'kk', 'tr', 'mn', 'no'] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];

/** The English name of each language, for cards ("7 get English: no variant in Kazakh"). */
export const LANGUAGE_NAMES: Record<LanguageCode, string> = {
  en: 'English',
  ru: 'Russian',
  kk: 'Kazakh',
  tr: 'Turkish',
  mn: 'Mongolian',
  no: 'Norwegian',
};

/**
 * Other words accepted for each language: its English name and its own. Kept to the languages of the
 * product's seeds (the bundle is loaded on every click, so every entry costs); add a language here and
 * in LANGUAGE_NAMES when a team needs it.
 */
const ALIASES: Record<LanguageCode, readonly string[]> = {
  en: ['english'],
  ru: ['russian', 'русский'],
  kk: ['kazakh', 'қазақ', 'қазақша', 'qazaqşa'],
  tr: ['turkish', 'türkçe'],
  mn: ['mongolian', 'монгол'],
  no: ['norwegian', 'norsk', 'bokmål', 'nynorsk', 'nb', 'nn'],
};

/** Case folding that is the same on every host and never corrupts Turkish or Kazakh letters. */
export function foldName(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[İI]/g, 'i')
    .toLowerCase()
    .replace(/\u0307/g, '')
    .trim()
    .replace(/\s+/g, ' ');
}

const BY_WORD = new Map<string, LanguageCode>();
for (const code of LANGUAGE_CODES) {
  BY_WORD.set(code, code);
  for (const alias of ALIASES[code]) BY_WORD.set(foldName(alias), code);
}

/**
 * The language a cell names, or null. A region suffix is accepted ("en-US", "kk_KZ", "tr-TR"), as
 * Sheets locales and browsers write it.
 */
export function parseLanguage(text: unknown): LanguageCode | null {
  const folded = foldName(String(text ?? ''));
  if (!folded) return null;
  const exact = BY_WORD.get(folded);
  if (exact) return exact;
  const region = /^([a-z]{2})[-_][a-z0-9]{2,4}$/.exec(folded);
  return region ? (BY_WORD.get(region[1]!) ?? null) : null;
}

/** The sentence an unknown language cell gets, after its cell reference. */
export function unknownLanguageMessage(text: unknown): string {
  return `'${String(text)}' is not a language ChurnGuard knows; use a code (${LANGUAGE_CODES.join(', ')}) or a name such as Kazakh or қазақша`;
}

export const languageName = (code: LanguageCode) => LANGUAGE_NAMES[code];
