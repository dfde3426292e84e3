/**
 * "Learn from history": fits the churn model on the sheet's own churned and retained customers,
 * cross-validates it, and stores it in the user's properties (one value, under the 9 KB limit).
 * With too little history it declines and says why; the scorecard stays in use.
 */
import type { ActionResponse } from '../../ui/card/types';
import { customerFeatureRow, customerTable, CHURNED } from '../../core/risk/model/customer-features';
import {
  crossValidate,
  fitModel,
  historyShortfall,
  labelled,
  parseModel,
  predict,
  serialiseModel,
  type ChurnModel,
} from '../../core/risk/model/model';
import { withModel, type RiskScore } from '../../core/risk/scorecard';
import { utf8Length } from '../../core/text/utf8';
import type { Customer } from '../../core/customers/customer';
import type { Settings } from '../../core/settings/settings';
import type { KeyValueStore } from '../../ports/key-value-store';
import type { AppContext } from '../context';
import { UserFacingError } from '../errors';
import { saveSettings } from '../settings-store';
import { withWholeSheet } from '../whole-sheet';

export const MODEL_KEY = 'churnguard.model';
const MAX_MODEL_BYTES = 9 * 1024;

export function learnFromHistory(ctx: AppContext): ActionResponse {
  const today = ctx.clock.now();
  return withWholeSheet(ctx, ({ settings, read }) => {
    const table = customerTable(read.customers, today);
    const shortfall = historyShortfall(labelled(table, CHURNED).y);
    if (shortfall) {
      saveSettings(ctx.userStore, {
        ...settings,
        riskModel: { kind: 'scorecard', blendWeight: 0.5, declined: shortfall },
      });
      return { kind: 'notify', notification: `${shortfall} Scores keep using the scorecard.` };
    }
    const cv = crossValidate(table, CHURNED, { folds: 5 });
    const json = serialiseModel(fitModel(table, CHURNED));
    if (utf8Length(json) > MAX_MODEL_BYTES) {
      throw new UserFacingError(
        'Model too large to store',
        `The learned model takes ${utf8Length(json)} bytes; a user property holds ${MAX_MODEL_BYTES}.`,
        'Reduce the number of distinct plans or industries in the sheet, then learn again.',
      );
    }
    ctx.userStore.set(MODEL_KEY, json);
    const previous = settings.riskModel;
    saveSettings(ctx.userStore, {
      ...settings,
      riskModel: {
        kind: previous?.kind && previous.kind !== 'scorecard' ? previous.kind : 'blend',
        blendWeight: previous?.blendWeight ?? 0.5,
        auc: Math.round(cv.auc * 1000) / 1000,
        rows: cv.rows,
        fittedAt: today.toISOString(),
      },
    });
    return {
      kind: 'notify',
      notification: `Learned from ${cv.rows} customers: 5-fold cross-validated AUC ${cv.auc.toFixed(2)}. Scores now blend it with the scorecard.`,
      stateChanged: true,
    };
  });
}

export function storedModel(store: KeyValueStore): ChurnModel | null {
  const json = store.get(MODEL_KEY);
  if (!json) return null;
  try {
    return parseModel(json);
  } catch {
    return null;
  }
}

/** The score the card shows: the scorecard, or the learned model or a blend when the user chose one. */
export function applyRiskModel(
  ctx: AppContext,
  settings: Settings,
  customer: Customer,
  risk: RiskScore,
): RiskScore {
  const choice = settings.riskModel;
  if (!choice || choice.kind === 'scorecard') return risk;
  const model = storedModel(ctx.userStore);
  if (!model) return risk;
  const probability = predict(model, customerFeatureRow(customer, ctx.clock.now()));
  return withModel(
    risk,
    probability,
    { kind: choice.kind, weight: choice.blendWeight, auc: choice.auc },
    settings.scorecard,
  );
}
