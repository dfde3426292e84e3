/**
 * detectIntents: what the open email says about churn, in English, Russian, Kazakh, Turkish or
 * Norwegian. Reads the subject and the new part of the body (quoted history and signature removed),
 * folds both (see fold.ts), runs every language's phrase rules over them, drops negated or vetoed
 * phrases, weakens hedged or conditional ones, and combines what is left per intent (see score.ts).
 */
import { describeIntent } from './describe';
import { foldText, originalSpan, type FoldedText } from './fold';
import { unquotedRanges } from './history';
import { correctTypos } from './typos';
import { detectLanguage } from './language';
import { qualify } from './qualify';
import { ruleSet } from './rules';
import type { Cues } from './rules/compile';
import { drivingIntent } from './signal';
import {
  CHURN_SEVERITY,
  CONDITION_FACTOR,
  HEDGE_FACTOR,
  MIN_CONFIDENCE,
  noisyOr,
  REPLY_SUBJECT_FACTOR,
  round3,
  SUBJECT_FACTOR,
} from './score';
import {
  CHURN_INTENTS,
  INTENT_IDS,
  type ChurnIntent,
  type DetectedLanguage,
  type IntentHit,
  type IntentId,
  type IntentInput,
  type IntentResult,
  type Language,
} from './types';

/**
 * Characters of new text read per email. Customer emails are far shorter; past this it is pasted
 * logs or a newsletter, and reading on would only cost time in Apps Script's 30-second budget.
 */
export const MAX_SCANNED_CHARS = 50_000;
const LANGUAGE_SAMPLE_CHARS = 10_000;

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const LATIN = /[a-z]/;
const CYRILLIC = /[\u0430-\u044f]/;
const SCRIPT: Record<Language, 'latin' | 'cyrillic'> = {
  en: 'latin',
  tr: 'latin',
  no: 'latin',
  ru: 'cyrillic',
  kk: 'cyrillic',
};
const REPLY_OR_FORWARD =
  /^(?:re|fw|fwd|aw|sv|vs|antw|ynt|yanit|ilt|iletilen|отв|ответ|пер|rv|tr)\s*(?:\[\d+\])?\s*:/;

interface Candidate {
  intent: IntentId;
  confidence: number;
  source: 'subject' | 'body';
  start: number;
  end: number;
  language: Language;
  hedged: boolean;
}

function clip(ranges: Array<[number, number]>, max: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let left = max;
  for (const [s, e] of ranges) {
    if (left <= 0) break;
    const end = Math.min(e, s + left);
    out.push([s, end]);
    left -= end - s;
  }
  return out;
}

/**
 * A product name stands as the customer typed it: with a capital letter ("HubSpot", "amoCRM"), or
 * with the apostrophe or hyphen suffix Turkish and Kazakh put only after proper names ("Mews'e",
 * "Bnovo-ға"); and it is not one of the language's plan names, months or weekdays.
 */
function isProductName(
  name: string,
  original: string,
  folded: FoldedText,
  start: number,
  cues: Cues,
): boolean {
  if (cues.notProducts?.test(name)) return false;
  // A sentence's first word is capitalised anyway; there only a suffix marks a name.
  let before = start - 1;
  while (before >= 0 && folded.text.charAt(before) === ' ') before--;
  const sentenceInitial = before < 0 || /[.!?\n"]/.test(folded.text.charAt(before));
  const [from, to] = originalSpan(folded, start, start + name.length);
  const typed = original.slice(from, to);
  const suffixed = /^['’-]/.test(original.slice(to, to + 1));
  return suffixed || (!sentenceInitial && typed !== typed.toLowerCase());
}

function scan(folded: FoldedText, original: string, source: 'subject' | 'body', factor: number): Candidate[] {
  const { rules, cues } = ruleSet();
  const text = folded.text;
  const found: Candidate[] = [];
  // Skip a script's rules when the text has none of its letters: cheaper, and V8 then never
  // compiles those patterns on a cold start.
  const scripts = { latin: LATIN.test(text), cyrillic: CYRILLIC.test(text) };
  for (const rule of rules) {
    if (!scripts[SCRIPT[rule.language]]) continue;
    const re = rule.re;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const start = m.index;
      const end = start + m[0].length;
      if (end === start || (start > 0 && WORD_CHAR.test(text.charAt(start - 1)))) {
        re.lastIndex = start + 1; // not at a word start; look again one character on
        continue;
      }
      const name = m.groups?.e;
      if (rule.entity && name !== undefined) {
        const at = start + m[0].indexOf(name);
        if (!isProductName(name, original, folded, at, cues[rule.language])) continue;
      }
      const q = qualify(text, start, end, m.groups?.v, rule, cues[rule.language]);
      if (q.vetoed || q.negated) continue;
      let confidence = rule.weight * factor;
      if (q.hedged) confidence *= HEDGE_FACTOR;
      if (q.conditional) confidence *= CONDITION_FACTOR;
      const [from, to] = originalSpan(folded, start, end);
      found.push({
        intent: rule.intent,
        confidence,
        source,
        start: from,
        end: to,
        language: rule.language,
        hedged: q.hedged || q.conditional,
      });
    }
  }
  return found;
}

const overlaps = (a: Candidate, b: Candidate) => a.source === b.source && a.start < b.end && b.start < a.end;

export function detectIntents(input: IntentInput | string): IntentResult {
  const subject = typeof input === 'string' ? '' : (input.subject ?? '');
  const body = typeof input === 'string' ? input : (input.plainBody ?? '');

  const ranges = clip(unquotedRanges(body), MAX_SCANNED_CHARS);
  const foldedSubject = correctTypos(foldText(subject.slice(0, 1000)));
  const foldedBody = correctTypos(foldText(body, ranges));
  const subjectFactor = REPLY_OR_FORWARD.test(foldedSubject.text) ? REPLY_SUBJECT_FACTOR : SUBJECT_FACTOR;

  const sample = [subject, ...ranges.map(([s, e]) => body.slice(s, e))]
    .join('\n')
    .slice(0, LANGUAGE_SAMPLE_CHARS);
  const language = detectLanguage(sample);

  const candidates = [
    ...scan(foldedSubject, subject, 'subject', subjectFactor),
    ...scan(foldedBody, body, 'body', 1),
  ].sort(
    (a, b) =>
      b.confidence - a.confidence ||
      (a.source === b.source ? a.start - b.start : a.source === 'subject' ? -1 : 1),
  );

  const intents: IntentHit[] = [];
  for (const intent of INTENT_IDS) {
    const kept: Candidate[] = [];
    for (const c of candidates) {
      if (c.intent === intent && !kept.some((k) => overlaps(k, c))) kept.push(c);
    }
    const best = kept[0];
    if (!best) continue;
    // Hedged or conditional phrases do not add up: two "if we cancel" phrases are still an if.
    const anyPlain = kept.some((k) => !k.hedged);
    const confidence = round3(anyPlain ? noisyOr(kept.map((k) => k.confidence)) : best.confidence);
    if (confidence < MIN_CONFIDENCE) continue;
    const text = best.source === 'subject' ? subject : body;
    intents.push({
      intent,
      confidence,
      phrase: text.slice(best.start, best.end),
      index: best.start,
      source: best.source,
      language: best.language,
      hedged: best.hedged,
    });
  }
  intents.sort(
    (a, b) => b.confidence - a.confidence || INTENT_IDS.indexOf(a.intent) - INTENT_IDS.indexOf(b.intent),
  );

  const churn = intents.filter((i): i is IntentHit & { intent: ChurnIntent } =>
    (CHURN_INTENTS as readonly string[]).includes(i.intent),
  );
  const churnSignal = round3(noisyOr(churn.map((i) => CHURN_SEVERITY[i.intent] * i.confidence)));
  const result: IntentResult = { language, intents, churnSignal };
  if (intents[0]) result.strongest = intents[0].intent;
  return result;
}

/** One intent as the sidebar shows it (the reading `detectIntent` gives the message handler). */
export interface DetectedIntent {
  intent: IntentId;
  /** describeIntent's label, naming the language when it is not English. */
  label: string;
  confidence: number;
  phrase: string;
  language: Language;
  inSubject: boolean;
  /** Hedged or conditional ("if prices rise we might cancel"): a worry, not a decision. */
  hedged: boolean;
}

export interface IntentReading {
  language: DetectedLanguage;
  intents: DetectedIntent[];
  /** The churn intent that drives `churnSignal` most; never expansion. */
  strongest?: DetectedIntent;
  churnSignal: number;
}

/** detectIntents, shaped for the message handler and the sidebar cards. */
export function detectIntent(message: { subject?: string; body: string }): IntentReading {
  const result = detectIntents({ subject: message.subject, plainBody: message.body });
  const intents = result.intents.map((h): DetectedIntent => ({
    intent: h.intent,
    label: describeIntent(h.intent, h.language),
    confidence: h.confidence,
    phrase: h.phrase,
    language: h.language,
    inSubject: h.source === 'subject',
    hedged: h.hedged,
  }));
  const driving = drivingIntent(result);
  const strongest = driving ? intents[result.intents.indexOf(driving)] : undefined;
  return {
    language: result.language,
    intents,
    ...(strongest ? { strongest } : {}),
    churnSignal: result.churnSignal,
  };
}
