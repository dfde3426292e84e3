/**
 * "Learn from history": compares logistic regression, gradient-boosted trees and their blend on
 * the sheet's own churned and retained customers by cross-validated AUC, fits the one that ranks
 * them best (preferring the simpler within noise), and stores it in the user's properties (split
 * into parts when it exceeds one value's 9 KB, see model-store.ts). Settings shows the choice and
 * why. With too little history it declines and says why; the scorecard stays in use.
 */
import type { ActionResponse } from '../../ui/card/types';
import { customerTable, scoreCustomerLearned, CHURNED } from '../../core/risk/model/customer-features';
import { parseLearned } from '../../core/risk/model/learned-json';
import { LEARNER_NAMES, type LearnedModel } from '../../core/risk/model/learner';
import { learnChurnModel } from '../../core/risk/model/learn-sheet';
import { withModel, type RiskScore } from '../../core/risk/scorecard';
import type { Customer } from '../../core/customers/customer';
import type { Settings } from '../../core/settings/settings';
import type { KeyValueStore } from '../../ports/key-value-store';
import type { AppContext } from '../context';
import { loadModelJson, saveModelJson } from '../model-store';
import { saveSettings } from '../settings-store';
import { withWholeSheet } from '../whole-sheet';

export { MODEL_KEY } from '../model-store';

export function learnFromHistory(ctx: AppContext): ActionResponse {
  const today = ctx.clock.now();
  return withWholeSheet(ctx, ({ settings, read, all }) => {
    const table = customerTable(read.customers, today, { rawColumns: true, mapping: settings.mapping });
    const learned = learnChurnModel(table, CHURNED, { folds: 5, asOf: today, locale: all.locale });
    if (!learned.ok) {
      saveSettings(ctx.userStore, {
        ...settings,
        riskModel: { kind: 'scorecard', blendWeight: 0.5, declined: learned.reason },
      });
      return { kind: 'notify', notification: `${learned.reason} Scores keep using the scorecard.` };
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
      kind: 'notify',
      notification: `Learned from ${comparison.rows} customers: 5-fold cross-validated AUC ${auc.toFixed(2)} with ${LEARNER_NAMES[comparison.chosen]}. Scores now blend it with the scorecard.`,
      stateChanged: true,
    };
  });
}

export function storedModel(store: KeyValueStore): LearnedModel | null {
  const json = loadModelJson(store);
  if (!json) return null;
  try {
    return parseLearned(json);
  } catch {
    return null;
  }
}

/**
 * The score the cards show: the scorecard, or the learned model or a blend when the user chose one,
 * with the model's share explained column by column. The stored model is read and parsed once per
 * call of this function, not once per customer: with 100,000 customers that is one read, not 100,000.
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
  const how = {
    kind: choice.kind,
    weight: choice.blendWeight,
    auc: choice.auc,
    learner: LEARNER_NAMES[model.kind],
  };
  return (customer, risk) => {
    const { probability, explanation } = scoreCustomerLearned(model, customer, today);
    return withModel(risk, probability, how, settings.scorecard, explanation);
  };
}
