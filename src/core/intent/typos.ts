/**
 * Misspelt key words ("cancle our acount", "подпску", "iptl", "abbonementet", "тумендету") put
 * back into the form the phrase patterns are written for, before they are matched.
 *
 * A word is corrected only when it is one edit away (a swapped pair, a wrong, missing or doubled
 * letter) from exactly one key word, starts with the same letter, and is at least five letters long.
 * Key words are the nouns and verbs churn phrases hang on; words one edit from an ordinary word
 * ("contact" is one letter from "contract") are not key words, so ordinary text is left alone.
 * The corrected word maps back to the whole original word, so the card still quotes the customer.
 */
import type { FoldedText } from './fold';

/** Key words in folded spelling (see fold.ts): Turkish and Kazakh letters already folded. */
const KEY_WORDS = [
  // en
  'cancel',
  'cancellation',
  'account',
  'subscription',
  'terminate',
  'downgrade',
  'postpone',
  'payment',
  'instalments',
  'renew',
  'renewal',
  'competitor',
  'expensive',
  'unacceptable',
  // ru
  'отменить',
  'отмените',
  'подписку',
  'подписка',
  'расторгнуть',
  'договор',
  'отсрочить',
  'отсрочку',
  'понизить',
  'продлевать',
  'конкурент',
  'рассрочку',
  // kk (folded)
  'жазылымнан',
  'жазылымды',
  'келисимшартты',
  'томендету',
  'томендеткимиз',
  'кешиктиру',
  // tr (folded)
  'aboneligimizi',
  'aboneligi',
  'abonelik',
  'iptal',
  'sozlesmeyi',
  'feshetmek',
  'ertelemek',
  'dusurmek',
  'pahali',
  // no
  'abonnementet',
  'abonnement',
  'oppsigelse',
  'nedgradere',
  'utsette',
  'betalingen',
  'fornye',
];

const MIN_LENGTH = 5;
const WORD = /[a-z\u0430-\u044f]+/g;

/** True when `a` and `b` are one substitution, insertion, deletion or adjacent swap apart. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    return swapped || a.slice(i + 1) === b.slice(i + 1);
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}

const byFirstLetter = new Map<string, string[]>();
for (const w of KEY_WORDS)
  byFirstLetter.set(w[0] as string, [...(byFirstLetter.get(w[0] as string) ?? []), w]);
const known = new Set(KEY_WORDS);

function correction(word: string): string | undefined {
  if (word.length < MIN_LENGTH || known.has(word)) return undefined;
  const near = (byFirstLetter.get(word[0] as string) ?? []).filter((k) => oneEditApart(word, k));
  return near.length === 1 ? near[0] : undefined;
}

/** `folded` with misspelt key words corrected; unchanged (the same object) when none are found. */
export function correctTypos(folded: FoldedText): FoldedText {
  const { text, from, to } = folded;
  let out: FoldedText | null = null;
  let copied = 0;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text))) {
    const fixed = correction(m[0]);
    if (fixed === undefined) continue;
    out ??= { text: '', from: [], to: [] };
    out.text += text.slice(copied, m.index) + fixed;
    out.from.push(...from.slice(copied, m.index));
    out.to.push(...to.slice(copied, m.index));
    const start = from[m.index] ?? 0;
    const end = to[m.index + m[0].length - 1] ?? start;
    for (let k = 0; k < fixed.length; k++) {
      out.from.push(start);
      out.to.push(end);
    }
    copied = m.index + m[0].length;
  }
  if (!out) return folded;
  out.text += text.slice(copied);
  out.from.push(...from.slice(copied));
  out.to.push(...to.slice(copied));
  return out;
}
