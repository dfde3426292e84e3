/**
 * "Learn from history": compares logistic regression, gradient-boosted trees and their blend on
 * the sheet's own churned and retained customers by cross-validated AUC, fits the one that ranks
 * them best (preferring the simpler within noise), and stores it in the user's properties (split
 * into parts when it exceeds one value's 9 KB, see model-store.ts). Settings shows the choice and
 * why. With too little history it declines and says why; the scorecard stays in use.
 */
import { count } from '../../core/text/format';
import type { ActionResponse } from '../../ui/card/types';
import { customerTable, CHURNED } from '../../core/risk/model/customer-features';
import { LEARNER_NAMES } from '../../core/risk/model/learner';
import { learnChurnModel } from '../../core/risk/model/learn-sheet';
import type { AppContext } from '../context';
import { saveModelJson } from '../model-store';
import { saveSettings } from '../settings-store';
import { withWholeSheet, type WholeSheet } from '../whole-sheet';
import { keepHourlyTrigger } from '../campaigns/run';
import { LEARN_REQUEST_KEY, learningRequestedAt } from '../learn-request';

export { MODEL_KEY } from '../model-store';

/** Above this many customers with a known outcome, learning runs in the hourly trigger (6 min), not the card (30 s). */
export const LEARN_INLINE_ROWS = 5_000;

/** Learns from the sheet as read, saves the model and the choice, and says what happened. */
function learnFrom(
  ctx: AppContext,
  { settings, read, all }: WholeSheet,
): { learned: boolean; message: string } {
  const today = ctx.clock.now();
  const table = customerTable(read.customers, today, { rawColumns: true, mapping: settings.mapping });
  const learned = learnChurnModel(table, CHURNED, { folds: 5, asOf: today, locale: all.locale });
  if (!learned.ok) {
    saveSettings(ctx.userStore, {
      ...settings,
      riskModel: { kind: 'scorecard', blendWeight: 0.5, declined: learned.reason },
    });
    return { learned: false, message: `${learned.reason} Scores keep using the scorecard.` };
  }
  const { comparison, json } = learned;
  saveModelJson(ctx.userStore, json);
  const previous = settings.riskModel;
  const auc = comparison.auc[comparison.chosen];
  saveSettings(ctx.userStore, {
    ...settings,
    riskModel: {
      kind: previous?.kind && previous.kind !== 'scorecard' ? previous.kind : 'blend',
      blendWeight: previous?.blendWeight ?? 0.5,
      auc: Math.round(auc * 1000) / 1000,
      rows: comparison.rows,
      fittedAt: today.toISOString(),
      learner: comparison.chosen,
      learnerReason: comparison.reason,
      bytes: learned.bytes,
    },
  });
  return {
    learned: true,
    message: `Learned from ${count(comparison.rows, 'customer')}: 5-fold cross-validated AUC ${auc.toFixed(2)} with ${LEARNER_NAMES[comparison.chosen]}. Scores now blend it with the scorecard.`,
  };
}

/**
 * The Settings button. Comparing three learners over five folds takes a few seconds on a few
 * thousand customers but minutes on 100,000, past a card's 30 s: a large sheet is learned by the
 * hourly trigger instead (see runRequestedLearning), and Settings shows the result.
 */
export function learnFromHistory(ctx: AppContext): ActionResponse {
  return withWholeSheet(ctx, (whole) => {
    const known = whole.read.customers.length;
    if (known > LEARN_INLINE_ROWS) {
      ctx.userStore.set(LEARN_REQUEST_KEY, ctx.clock.now().toISOString());
      keepHourlyTrigger(ctx);
      return {
        kind: 'notify',
        notification: `${count(known, 'customer')}: learning runs in the background within the hour (a few minutes); Settings shows the result.`,
      };
    }
    const { learned, message } = learnFrom(ctx, whole);
    return { kind: 'notify', notification: message, ...(learned ? { stateChanged: true } : {}) };
  });
}

/** The hourly trigger's part: a requested learning run, once. */
export function runRequestedLearning(ctx: AppContext): string | null {
  if (learningRequestedAt(ctx.userStore) === null) return null;
  ctx.userStore.delete(LEARN_REQUEST_KEY);
  return withWholeSheet(ctx, (whole) => learnFrom(ctx, whole).message);
}
