/**
 * Which language variant of a template one customer gets, and why.
 *
 * The customer's language comes from, in order:
 *   1. the customer tab's Language column (a person typed it: it wins);
 *   2. the language of their last email the sidebar read (learned, see src/app/learned-languages.ts);
 *   3. nothing known: the team's default language (Settings tab, "Default language", default en).
 * The variant is the row in that language; a template without one falls back to the team's default
 * language (its explicit row, else the row without a Language, which is written in it), and the
 * fallback is counted so the audience check can say "7 get English: no variant in Kazakh".
 */
import type { Customer } from '../customers/customer';
import { sameHeader } from '../sheet/columns';
import { languageName, parseLanguage, type LanguageCode } from './languages';
import type { Template } from './merge';

export type LanguageSource = 'column' | 'email' | 'none';

export interface CustomerLanguage {
  language?: LanguageCode;
  source: LanguageSource;
}

/** The header of the customer tab's Language column, if it has one. */
export const LANGUAGE_HEADER = 'Language';

/** The customer's language: their Language cell, else the one learned from their last email. */
export function customerLanguage(
  customer: Pick<Customer, 'email' | 'raw'>,
  learned: (email: string) => LanguageCode | undefined,
): CustomerLanguage {
  const header = Object.keys(customer.raw).find((h) => sameHeader(h, LANGUAGE_HEADER));
  const cell = header === undefined ? '' : String(customer.raw[header] ?? '').trim();
  const fromCell = cell ? parseLanguage(cell) : null;
  if (fromCell) return { language: fromCell, source: 'column' };
  // An unreadable cell ("Kazak") counts as empty: the email's language or the default is used.
  const fromEmail = learned(customer.email);
  return fromEmail ? { language: fromEmail, source: 'email' } : { source: 'none' };
}

export interface VariantChoice {
  template: Template;
  /** The language of the chosen text. */
  language: LanguageCode;
  /** The customer's language had no variant (their language is `wanted`). */
  fallback: boolean;
  wanted?: LanguageCode;
}

/** The variant of `template` for a customer whose language is `wanted` (undefined: not known). */
export function chooseVariant(
  template: Template,
  wanted: LanguageCode | undefined,
  teamDefault: LanguageCode,
): VariantChoice {
  const rows = template.variants ?? [template];
  const languageOf = (t: Template) => t.language ?? teamDefault;
  const want = wanted ?? teamDefault;
  // An explicit row in the language beats the default row (which is only presumed to be in it).
  const exact = rows.find((t) => t.language === want) ?? rows.find((t) => languageOf(t) === want);
  if (exact) return { template: exact, language: want, fallback: false, ...(wanted ? { wanted } : {}) };
  const fallback =
    rows.find((t) => t.language === teamDefault) ?? rows.find((t) => t.language === undefined) ?? template;
  return {
    template: fallback,
    language: languageOf(fallback),
    fallback: true,
    ...(wanted ? { wanted } : {}),
  };
}

/** The variants each recipient gets, counted for a card or the CLI. */
export interface LanguageTally {
  /** Recipients per language of the text they get. */
  byLanguage: Partial<Record<LanguageCode, number>>;
  /** Recipients whose language had no variant, by (wanted, given) pair: "kk>en". */
  fallbacks: Record<string, number>;
}

export const emptyTally = (): LanguageTally => ({ byLanguage: {}, fallbacks: {} });

export function countChoice(tally: LanguageTally, choice: VariantChoice): void {
  tally.byLanguage[choice.language] = (tally.byLanguage[choice.language] ?? 0) + 1;
  if (choice.fallback && choice.wanted) {
    const key = `${choice.wanted}>${choice.language}`;
    tally.fallbacks[key] = (tally.fallbacks[key] ?? 0) + 1;
  }
}

export function mergeTallies(into: LanguageTally, from: LanguageTally): void {
  for (const [l, n] of Object.entries(from.byLanguage) as [LanguageCode, number][])
    into.byLanguage[l] = (into.byLanguage[l] ?? 0) + n;
  for (const [k, n] of Object.entries(from.fallbacks)) into.fallbacks[k] = (into.fallbacks[k] ?? 0) + n;
}

/** "7 get English: no variant in Kazakh", one line per (wanted, given) pair, largest first. */
export function fallbackLines(tally: LanguageTally): string[] {
  return Object.entries(tally.fallbacks)
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => {
      const [wanted, given] = key.split('>') as [LanguageCode, LanguageCode];
      return `${n} get${n === 1 ? 's' : ''} ${languageName(given)}: no variant in ${languageName(wanted)}`;
    });
}

/** "English 12 · Kazakh 3", the variants in use, largest first (ties by name, so the card is stable). */
export function variantsLine(tally: LanguageTally): string {
  return (Object.entries(tally.byLanguage) as [LanguageCode, number][])
    .sort((a, b) => b[1] - a[1] || languageName(a[0]).localeCompare(languageName(b[0]), 'en'))
    .map(([l, n]) => `${languageName(l)} ${n}`)
    .join(' · ');
}
