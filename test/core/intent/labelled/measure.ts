/**
 * Scores a detector on labelled emails the way the card is read: an intent counts as predicted when
 * the detector reports it at all. Micro-averaged over (email, intent) pairs; "flagged" is the share
 * of intent-free emails for which anything at all is reported.
 */
import { LANGUAGES, type IntentId, type Language } from '../../../../src/core/intent';
import type { LabelledEmail } from './corpus';

export interface Scores {
  emails: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of intent-free emails with at least one intent reported. */
  intentFreeFlagged: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export type Detector = (email: LabelledEmail) => readonly IntentId[];

export interface Miss {
  id: string;
  kind: string;
  expected: IntentId[];
  reported: IntentId[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function score(emails: LabelledEmail[], detect: Detector, misses?: Miss[]): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let free = 0;
  let flagged = 0;
  for (const email of emails) {
    const reported = [...new Set(detect(email))];
    const expected = new Set(email.intents);
    const hits = reported.filter((i) => expected.has(i)).length;
    tp += hits;
    fp += reported.length - hits;
    fn += expected.size - hits;
    if (expected.size === 0) {
      free++;
      if (reported.length) flagged++;
    }
    if (misses && (hits !== reported.length || hits !== expected.size))
      misses.push({ id: email.id, kind: email.kind, expected: email.intents, reported });
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  return {
    emails: emails.length,
    precision: round3(precision),
    recall: round3(recall),
    f1: round3(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
    intentFreeFlagged: round3(free ? flagged / free : 0),
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
  };
}

export interface Measurement {
  overall: Scores;
  byLanguage: Record<Language, Scores>;
  misses: Miss[];
}

export function measure(emails: LabelledEmail[], detect: Detector): Measurement {
  const misses: Miss[] = [];
  const byLanguage = {} as Record<Language, Scores>;
  for (const language of LANGUAGES)
    byLanguage[language] = score(
      emails.filter((e) => e.language === language),
      detect,
      misses,
    );
  return { overall: score(emails, detect), byLanguage, misses };
}
