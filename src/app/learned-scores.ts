/**
 * Scores with the stored learned model: read and parsed once per scorer, then folded into each
 * customer's score with its per-column explanation. Kept apart from the "Learn from history" handler
 * so scoring does not depend on the code that reads the whole sheet to learn.
 */
import { scoreCustomerLearned } from '../core/risk/model/customer-features';
import { parseLearned } from '../core/risk/model/learned-json';
import { LEARNER_NAMES, type LearnedModel } from '../core/risk/model/learner';
import { withModel, type RiskScore } from '../core/risk/scorecard';
import type { Customer } from '../core/customers/customer';
import type { Settings } from '../core/settings/settings';
import type { KeyValueStore } from '../ports/key-value-store';
import type { AppContext } from './context';
import { loadModelJson } from './model-store';

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
