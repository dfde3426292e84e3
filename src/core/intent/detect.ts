/**
 * "What this email says": churn intent in the open message, with the phrase that triggered it.
 * Patterns run on the folded current message (quoted history cut away) and its subject; a negation
 * just before a match ("we do not want to cancel") drops it, and a condition ("if prices rise we
 * may cancel") halves its confidence.
 */
import { fold, foldPattern } from './normalise';
import { currentMessageText } from './quoted';
import { INTENT_LABELS, INTENT_PATTERNS, type Intent, type Language } from './patterns';

export interface DetectedIntent {
  intent: Intent;
  label: string;
  confidence: number;
  /** The words as the customer wrote them. */
  phrase: string;
  language: Language;
  inSubject: boolean;
}

export interface IntentReading {
  language: Language;
  intents: DetectedIntent[];
  strongest?: DetectedIntent;
  /** 0-1: how strongly the email signals churn (expansion does not count). */
  churnSignal: number;
}

const LETTER = '[\\p{L}\\p{N}]';
const COMPILED = INTENT_PATTERNS.map((p) => ({
  ...p,
  regex: new RegExp(`(?<!${LETTER})(?:${foldPattern(p.pattern)})`, 'gu'),
}));

const NEGATORS: Record<Language, RegExp> = {
  en: /(?:\bnot|n't|\bnever|\bno plans? to|\bno intention to)\s+(?:\S+\s+){0,3}$/u,
  ru: /(?:^|\s)(?:не|нет|никогда не)\s+(?:\S+\s+){0,2}$/u,
  kk: /(?:^|\s)(?:емес|жоқ)\s+$/u,
  tr: /(?:^|\s)(?:degil|asla)\s+$/u,
  no: /(?:^|\s)(?:ikke|ikkje|aldri)\s+(?:\S+\s+){0,3}$/u,
};
/** Turkish and Kazakh negate the verb that follows: "iptal etmek istemiyoruz", "бас тартпаймыз". */
const NEGATED_AFTER: Partial<Record<Language, RegExp>> = {
  tr: /^\S*(?:\s+\S+)?\s+(?:istemiyor|etmiyor|etmeyece|dusunmuyor)|^\S*(?:istemiyor|etmiyor|etmeyece)/u,
  kk: /^\S*(?:паймыз|пейміз|баймыз|бейміз|майды|мейді)/u,
};
const CONDITIONS = /(?:^|[\s,(])(?:if|unless|в случае|если|егер|eger|hvis|dersek|olursa)\s/u;

const CHURN_INTENTS: Intent[] = [
  'cancellation',
  'nonRenewal',
  'competitor',
  'price',
  'paymentDelay',
  'complaint',
  'downgrade',
];

export function detectLanguage(text: string): Language {
  const t = text.toLowerCase();
  const cyrillic = (t.match(/[\u0400-\u04ff]/g) ?? []).length;
  const latin = (t.match(/[a-z\u00c0-\u024f]/g) ?? []).length;
  if (cyrillic > latin) return /[әғқңөұүһі]/.test(t) ? 'kk' : 'ru';
  const words = t.split(/[^\p{L}]+/u);
  const score = (list: string[]) => words.filter((w) => list.includes(w)).length;
  const tr =
    score(['ve', 'bir', 'bu', 'için', 'icin', 'ile', 'çok', 'merhaba', 'değil', 'iptal']) +
    (/[ğış]/.test(t) ? 3 : 0);
  const no =
    score(['og', 'ikke', 'det', 'vi', 'er', 'på', 'med', 'hei', 'for', 'til', 'hilsen']) +
    (/[øæå]/.test(t) ? 3 : 0);
  const en = score(['the', 'and', 'we', 'to', 'is', 'our', 'you', 'please', 'hi', 'thanks']);
  if (tr > en && tr >= no) return 'tr';
  if (no > en) return 'no';
  return 'en';
}

function sentenceBefore(text: string, index: number): string {
  const start = Math.max(
    text.lastIndexOf('.', index - 1),
    text.lastIndexOf('!', index - 1),
    text.lastIndexOf('?', index - 1),
    text.lastIndexOf('\n', index - 1),
  );
  return text.slice(start + 1, index);
}

function scan(original: string, inSubject: boolean, found: Map<Intent, DetectedIntent>): void {
  const { text, origin } = fold(original);
  for (const p of COMPILED) {
    p.regex.lastIndex = 0;
    for (let m = p.regex.exec(text); m; m = p.regex.exec(text)) {
      const before = sentenceBefore(text, m.index);
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 30);
      if (!p.negative && (NEGATORS[p.language].test(before) || NEGATED_AFTER[p.language]?.test(after)))
        continue;
      let confidence = p.strength === 3 ? 0.9 : p.strength === 2 ? 0.7 : 0.4;
      if (CONDITIONS.test(before)) confidence *= 0.5;
      if (inSubject) confidence *= 0.9;
      const from = origin[m.index] ?? 0;
      let end = (origin[m.index + m[0].length - 1] ?? from) + 1;
      // Patterns match word stems; show the whole word the customer wrote.
      while (end < original.length && /[\p{L}\p{M}\p{N}]/u.test(original[end] as string)) end++;
      const phrase = original.slice(from, end).replace(/\s+/g, ' ').trim();
      const existing = found.get(p.intent);
      if (!existing || existing.confidence < confidence) {
        found.set(p.intent, {
          intent: p.intent,
          label: INTENT_LABELS[p.intent],
          confidence,
          phrase,
          language: p.language,
          inSubject,
        });
      }
    }
  }
}

export function detectIntent(message: { subject?: string; body: string }): IntentReading {
  const body = currentMessageText(message.body);
  const found = new Map<Intent, DetectedIntent>();
  scan(body, false, found);
  if (message.subject) scan(message.subject, true, found);
  const intents = [...found.values()].sort((a, b) => b.confidence - a.confidence);
  const churn = intents.filter((i) => CHURN_INTENTS.includes(i.intent));
  const churnSignal = 1 - churn.reduce((keep, i) => keep * (1 - i.confidence), 1);
  return {
    language: detectLanguage(`${message.subject ?? ''} ${body}`),
    intents,
    ...(churn[0] ? { strongest: churn[0] } : {}),
    churnSignal: Math.round(churnSignal * 1000) / 1000,
  };
}
