/**
 * The language of each customer's last email the sidebar read, for customers whose row has no
 * Language: a campaign then writes to them in the language they write in.
 *
 * Where it is kept, and why: a user property, one per spreadsheet, holding the newest [email, code]
 * pairs that fit in 8 KB of JSON (about 200 customers at 40 bytes a pair; a property holds 9 KB,
 * https://developers.google.com/apps-script/guides/services/quotas). The sidebar never writes the
 * customer tab on open (that would be a write, under the shared lock, on every email read, into a tab
 * people sort and paste over), and a Gmail add-on has no document properties. The trade-off: what one
 * account manager learned is not seen by a teammate's campaign. The Language column is the shared,
 * visible answer, and it always wins; the card says so.
 */
import { normaliseEmail } from '../core/email/address';
import type { DetectedLanguage } from '../core/intent/types';
import { newestWithin, PROPERTY_LIST_BUDGET_BYTES } from '../core/text/byte-budget';
import { parseLanguage, type LanguageCode } from '../core/templates/languages';
import type { KeyValueStore } from '../ports/key-value-store';

export const learnedLanguagesKey = (spreadsheetId: string) => `churnguard.languages.${spreadsheetId}`;

/** The stored pairs; anything else in the value (hand-edited, truncated) reads as nothing learned. */
function readPairs(store: KeyValueStore, spreadsheetId: string): [string, string][] {
  try {
    const parsed: unknown = JSON.parse(store.get(learnedLanguagesKey(spreadsheetId)) ?? '[]');
    const pair = (p: unknown): p is [string, string] =>
      Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string';
    return Array.isArray(parsed) ? parsed.filter(pair) : [];
  } catch {
    // A hand-edited or truncated value loses what was learned, never the sidebar.
    return [];
  }
}

/** Each customer's learned language, by normalised email (one property read). */
export function learnedLanguages(
  store: KeyValueStore,
  spreadsheetId: string,
): (email: string) => LanguageCode | undefined {
  const map = new Map<string, LanguageCode>();
  for (const [email, code] of readPairs(store, spreadsheetId)) {
    const language = parseLanguage(code);
    if (language) map.set(email, language);
  }
  return (email) => map.get(normaliseEmail(email));
}

/** Remembers the language of the email just read; the newest pairs are kept (a write only on change). */
export function learnLanguage(
  store: KeyValueStore,
  spreadsheetId: string,
  email: string,
  detected: DetectedLanguage,
): void {
  const language = parseLanguage(detected);
  if (!language) return;
  const key = normaliseEmail(email);
  const pairs = readPairs(store, spreadsheetId);
  const last = pairs[pairs.length - 1];
  if (last && last[0] === key && last[1] === language) return;
  const next = newestWithin(
    [...pairs.filter(([e]) => e !== key), [key, language]],
    PROPERTY_LIST_BUDGET_BYTES,
  );
  store.set(learnedLanguagesKey(spreadsheetId), JSON.stringify(next));
}
