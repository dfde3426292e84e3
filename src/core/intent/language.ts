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
import type { DetectedLanguage, Language } from './types';

const STOP: Record<Language, ReadonlySet<string>> = {
  en: new Set(
    'the and is are was were we you our your to of with this that please thanks thank would could will not have has be it in on as an hi hello regards best dear from can do does just'.split(
      ' ',
    ),
  ),
  no: new Set(
    'og ikke ikkje er det som en et ei på med til av har vi jeg eg deg dere hei takk hilsen vennlig venlig kan vil skal ønsker fra om men også vår våre oss nå når hvis dersom dette denne tak af'.split(
      ' ',
    ),
  ),
  tr: new Set(
    've bir bu için ile çok da de mi mı ama değil biz siz merhaba teşekkürler teşekkür lütfen olarak gibi daha ne var yok ben size bize sayın saygılarımla iyi günler hakkında'.split(
      ' ',
    ),
  ),
  ru: new Set(
    'и в не на что мы вы по для это как с к о от из у же бы если спасибо здравствуйте уважением но или наш наши вас нам нас добрый день просим будем'.split(
      ' ',
    ),
  ),
  kk: new Set(
    'және мен бұл үшін біз сіз емес жоқ бар туралы бойынша қалай рахмет сәлеметсіз бе ба біздің сіздің келесі осы сол болады керек құрметпен қайырлы'.split(
      ' ',
    ),
  ),
};

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
  const scores = new Map<Language, number>(candidates.map((l) => [l, 0]));
  for (const word of lower.split(/[^\p{L}]+/u)) {
    if (!word) continue;
    for (const l of candidates) if (STOP[l].has(word)) scores.set(l, (scores.get(l) ?? 0) + 2);
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
