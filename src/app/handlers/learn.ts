/**
 * "Learn from history": fits the churn model on the sheet's own churned and retained customers,
 * cross-validates it, and stores it in the user's properties (one value, under the 9 KB limit).
 * With too little history it declines and says why; the scorecard stays in use.
 */
import type { ActionResponse } from '../../ui/card/types';
import { customerTable, predictCustomer, CHURNED } from '../../core/risk/model/customer-features';
import { learnModel, parseModel, type ChurnModel } from '../../core/risk/model/model';
import { withModel, type RiskScore } from '../../core/risk/scorecard';
import type { Customer } from '../../core/customers/customer';
import type { Settings } from '../../core/settings/settings';
import type { KeyValueStore } from '../../ports/key-value-store';
import type { AppContext } from '../context';
import { saveSettings } from '../settings-store';
import { withWholeSheet } from '../whole-sheet';

export const MODEL_KEY = 'churnguard.model';

export function learnFromHistory(ctx: AppContext): ActionResponse {
  const today = ctx.clock.now();
  return withWholeSheet(ctx, ({ settings, read }) => {
    const learned = learnModel(customerTable(read.customers, today), CHURNED, { folds: 5 });
    if (!learned.ok) {
      saveSettings(ctx.userStore, {
        ...settings,
        riskModel: { kind: 'scorecard', blendWeight: 0.5, declined: learned.reason },
      });
      return { kind: 'notify', notification: `${learned.reason} Scores keep using the scorecard.` };
    }
    const { cv, json } = learned;
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

/**
 * The score the cards show: the scorecard, or the learned model or a blend when the user chose one.
 * The stored model is read and parsed once per call of this function, not once per customer: with
 * 100,000 customers that is one property read instead of 100,000.
 */
export function riskModelBlender(
  ctx: AppContext,
  settings: Settings,
): (customer: Customer, risk: RiskScore) => RiskScore {
  const choice = settings.riskModel;
  if (!choice || choice.kind === 'scorecard') return (_customer, risk) => risk;
  const model = storedModel(ctx.userStore);
  if (!model) return (_customer, risk) => risk;
  const today = ctx.clock.now();
  const how = { kind: choice.kind, weight: choice.blendWeight, auc: choice.auc };
  return (customer, risk) =>
    withModel(risk, predictCustomer(model, customer, today), how, settings.scorecard);
}
