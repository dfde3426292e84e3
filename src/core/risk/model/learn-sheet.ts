/**
 * "Learn from history" for any learner: declines below MIN_HISTORY with a sentence the UI can
 * show; otherwise compares the learners by cross-validated AUC (select.ts), fits the chosen one on
 * every labelled row and serialises it. The JSON may exceed one user property (9 KB): the app
 * splits it across several (model-store.ts), up to MAX_STORED_MODEL_BYTES, a share of the 500 KB
 * a property store holds; a model larger than that falls back to logistic regression, which fits.
 */
import type { Table } from './features';
import { serialiseLearned } from './learned-json';
import { fitLearner, LEARNER_NAMES, type LearnedModel } from './learner';
import { historyShortfall, labelled, modelBytes, type FitOptions } from './model';
import { compareLearners, type LearnerComparison } from './select';

/** The most a stored model may take across its properties: 40% of a 500 KB store. */
export const MAX_STORED_MODEL_BYTES = 200 * 1024;

export type SheetLearning =
  | { ok: true; model: LearnedModel; comparison: LearnerComparison; json: string; bytes: number }
  | { ok: false; reason: string };

export function learnChurnModel(
  table: Table,
  outcome: string,
  options: FitOptions & { folds?: number; seed?: number; maxBytes?: number } = {},
): SheetLearning {
  const { y } = labelled(table, outcome, options.rows);
  const shortfall = historyShortfall(y);
  if (shortfall) return { ok: false, reason: shortfall };
  const comparison = compareLearners(table, outcome, options);
  const maxBytes = options.maxBytes ?? MAX_STORED_MODEL_BYTES;
  let model = fitLearner(comparison.chosen, table, outcome, options);
  let json = serialiseLearned(model);
  if (modelBytes(json) > maxBytes && comparison.chosen !== 'logistic') {
    const tooBig = `${LEARNER_NAMES[comparison.chosen]} took ${modelBytes(json)} bytes, more than the ${maxBytes} kept for a model`;
    model = fitLearner('logistic', table, outcome, options);
    json = serialiseLearned(model);
    comparison.reason = `Logistic regression: ${tooBig}.`;
    comparison.chosen = 'logistic';
  }
  const bytes = modelBytes(json);
  if (bytes > maxBytes)
    return {
      ok: false,
      reason: `The learned model takes ${bytes} bytes; at most ${maxBytes} can be kept. Leave out some columns and learn again.`,
    };
  return { ok: true, model, comparison, json, bytes };
}
