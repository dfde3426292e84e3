/**
 * Which of the five languages an email is written in, by a deliberately simple heuristic:
 *
 * 1. Script: count Cyrillic and Latin letters; the majority picks the family (ru/kk or en/tr/no).
 * 2. Within the family, each language scores 2 points per stop word (short function words such as
 *    "и, не, что" / "және, үшін, емес" / "the, and, we" / "ve, bir, için" / "og, ikke, det") plus
 *    0.5 per letter only that language uses (Kazakh ә ғ қ ң ө ұ ү һ і; Turkish ş ğ ı ç ö ü;
 *    Norwegian/Danish æ ø å), letters capped at 20 so a name in a signature cannot outvote the text.
 * 3. The highest score wins; ties go to Russian and English, the languages the others borrow from.
 *    No letters or no evidence at all gives "unknown".
 *
 * Good enough to label an email and choose a display language; the phrase patterns of every language
 * run regardless, so a mixed-language email is still read in full.
 */
import { ruleSet } from './rules';
import type { DetectedLanguage, Language } from './types';

const OWN_LETTERS: Partial<Record<Language, RegExp>> = {
  kk: /[әғқңөұүһі]/g,
  tr: /[şğıçöü]/g,
  no: /[æøå]/g,
};

const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

export function detectLanguage(text: string): DetectedLanguage {
  const lower = text.replace(/İ/g, 'i').toLowerCase().normalize('NFC');
  const cyrillic = count(lower, /[\u0400-\u04ff]/g);
  const latin = count(lower, /[a-zà-ɏ]/g);
  if (cyrillic === 0 && latin === 0) return 'unknown';
  const candidates: Language[] = cyrillic > latin ? ['ru', 'kk'] : ['en', 'tr', 'no'];
  // Packed with the rules (rules/stop-words.ts): reading an email unpacks them anyway.
  const { stopWords } = ruleSet();
  const scores = new Map<Language, number>(candidates.map((l) => [l, 0]));
  for (const word of lower.split(/[^\p{L}]+/u)) {
    if (!word) continue;
    for (const l of candidates) if (stopWords[l].has(word)) scores.set(l, (scores.get(l) ?? 0) + 2);
  }
  for (const l of candidates) {
    const own = OWN_LETTERS[l];
    if (own) scores.set(l, (scores.get(l) ?? 0) + Math.min(20, count(lower, own)) * 0.5);
  }
  let best: Language | null = null;
  let bestScore = 0;
  for (const l of candidates) {
    const s = scores.get(l) ?? 0;
    if (s > bestScore) {
      best = l;
      bestScore = s;
    }
  }
  return best ?? 'unknown';
}
