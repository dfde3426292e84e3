/**
 * How well the intent detector reads the labelled corpus (test/core/intent/labelled): precision,
 * recall, micro F1 and the share of intent-free emails flagged, per language and overall. The test
 * split is the figure to quote; the development split, which the rules were tuned on, is shown
 * beside it so the gap between the two stays visible.
 */
import { detectIntents, LANGUAGES } from '../src/core/intent';
import { labelledEmails, type Split } from '../test/core/intent/labelled/corpus';
import { measure } from '../test/core/intent/labelled/measure';

export function intentQualityBench(split: Split) {
  const m = measure(labelledEmails(split), (e) =>
    detectIntents({ subject: e.subject, plainBody: e.body }).intents.map((i) => i.intent),
  );
  const row = (language: string, s: (typeof m)['overall']) => ({
    language,
    emails: s.emails,
    precision: s.precision,
    recall: s.recall,
    microF1: s.f1,
    intentFreeFlagged: `${(s.intentFreeFlagged * 100).toFixed(1)}%`,
  });
  return [...LANGUAGES.map((l) => row(l, m.byLanguage[l])), row('overall', m.overall)];
}
