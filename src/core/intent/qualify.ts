/**
 * Reads the words around a matched phrase: is it negated ("we do not want to cancel"), hedged
 * ("we might cancel"), conditional ("if the price goes up, we will cancel"), or about something
 * else entirely ("cancel the meeting")? Windows never leave the sentence; a negation reaches only
 * the clause it is in (up to a comma, "but", "and" … in that language) and a few words back.
 *
 * Scope runs both ways: English, Russian and Norwegian mostly negate before the verb ("we do not
 * want to cancel"), but all five can negate after it ("cancelling is not an option", "отказываться
 * не собираемся", "iptal etmeyi düşünmüyoruz"), and Turkish and Kazakh negate and condition inside
 * the verb itself ("төмендетпейміз", "iptal edersek") or end the clause with it ("… тоқтата тұру
 * керек болса"), so the phrase's last word and the three words after it are read for negative and
 * conditional verb forms.
 */
import type { Cues, Rule } from './rules/compile';

export interface Qualifiers {
  vetoed: boolean;
  negated: boolean;
  hedged: boolean;
  conditional: boolean;
}

/** How far back a negator may stand: "do not want to" / "не собираемся" / "ønsker ikke å". */
const NEGATION_REACH = 28;
const CLAUSE_REACH = 45;
const AFTER_REACH = 40;
const SENTENCE_REACH = 200;

function isSentenceEnd(code: number): boolean {
  return code === 46 || code === 33 || code === 63 || code === 10; // . ! ? newline
}

function sentenceStart(text: string, pos: number): number {
  const limit = Math.max(0, pos - SENTENCE_REACH);
  let i = pos;
  while (i > limit && !isSentenceEnd(text.charCodeAt(i - 1))) i--;
  return i;
}

function sentenceEnd(text: string, pos: number): number {
  const limit = Math.min(text.length, pos + SENTENCE_REACH);
  let i = pos;
  while (i < limit && !isSentenceEnd(text.charCodeAt(i))) i++;
  return i;
}

/** The part of `before` after its last clause break. */
function lastClause(before: string, contrast: RegExp): string {
  contrast.lastIndex = 0;
  let cut = 0;
  let m: RegExpExecArray | null;
  while ((m = contrast.exec(before))) {
    cut = m.index + m[0].length;
    if (m[0].length === 0) contrast.lastIndex++;
  }
  return before.slice(cut);
}

/** The part of `after` before its first clause break. */
function firstClause(after: string, contrast: RegExp): string {
  contrast.lastIndex = 0;
  const m = contrast.exec(after);
  return m ? after.slice(0, m.index) : after;
}

function withoutPolite(text: string, polite: RegExp | null): string {
  if (!polite) return text;
  polite.lastIndex = 0;
  return text.replace(polite, ' ');
}

/** How many words after the phrase may carry its negation or condition ("… karar verirsek"). */
const WORDS_AFTER = 3;

function lastWord(phrase: string): string {
  return phrase.slice(phrase.lastIndexOf(' ') + 1);
}

function firstWords(clause: string, n: number): string[] {
  return clause.trim().split(' ', n).filter(Boolean);
}

/** No verb is longer; a longer "word" is pasted data, and testing it would only cost time. */
const MAX_VERB_LENGTH = 40;

/** True when `form` ends the phrase's last word or one of the words right after it. */
function verbFormNear(form: RegExp | null, phrase: string, clauseAfter: string): boolean {
  if (!form) return false;
  return [lastWord(phrase), ...firstWords(clauseAfter, WORDS_AFTER)].some(
    (w) => w.length <= MAX_VERB_LENGTH && form.test(w),
  );
}

export function qualify(
  text: string,
  start: number,
  end: number,
  tail: string | undefined,
  rule: Rule,
  cues: Cues,
): Qualifiers {
  const sStart = sentenceStart(text, start);
  const sEnd = sentenceEnd(text, end);
  const phrase = text.slice(start, end);
  const clauseBefore = lastClause(text.slice(Math.max(sStart, start - CLAUSE_REACH), start), cues.contrast);
  const clauseAfter = firstClause(text.slice(end, Math.min(sEnd, end + AFTER_REACH)), cues.contrast);

  const sentence = text.slice(sStart, sEnd);
  const vetoed =
    (rule.vetoBefore !== null && rule.vetoBefore.test(clauseBefore)) ||
    (rule.vetoAfter !== null && rule.vetoAfter.test(phrase + clauseAfter)) ||
    // "Is it true prices go up?" asks; it does not object.
    (rule.news && (text.charAt(sEnd) === '?' || cues.hearsay.test(sentence))) ||
    // "One of our customers complained …", "a complaint from a guest": their customer's, not theirs.
    (rule.firstParty &&
      (cues.thirdParty.test(text.slice(sStart, start)) ||
        cues.thirdParty.test(firstWords(clauseAfter, WORDS_AFTER).join(' '))));

  const negated =
    !rule.negative &&
    (cues.negators.test(clauseBefore.slice(-NEGATION_REACH)) ||
      (tail !== undefined && cues.negativeTail !== null && cues.negativeTail.test(tail)) ||
      (cues.negatedBy !== null && cues.negatedBy.test(clauseAfter)) ||
      verbFormNear(cues.negativeWord, phrase, clauseAfter));

  const sentenceBefore = withoutPolite(text.slice(sStart, start), cues.polite);
  const sentenceAfter = firstClause(
    withoutPolite(text.slice(end, sEnd), cues.polite).split(/[;:]/)[0] ?? '',
    cues.contrastWords,
  );
  const hedged =
    cues.hedges.test(sentenceBefore) ||
    (tail !== undefined && cues.hedgeTail !== null && cues.hedgeTail.test(tail)) ||
    (cues.hedgesAfter !== null && cues.hedgesAfter.test(clauseAfter));
  const conditional =
    cues.conditions.test(sentenceBefore) ||
    cues.conditionsAfter.test(sentenceAfter) ||
    verbFormNear(cues.conditionalWord, phrase, clauseAfter);

  return { vetoed, negated, hedged, conditional };
}
