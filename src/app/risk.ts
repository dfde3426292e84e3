/**
 * One way to score a customer everywhere (sidebar, homepage, rescore, segments): the scorecard with
 * the customer's effective crisis impact, then the learned model or blend the user chose.
 */
import type { CrisisImpact, Customer } from '../core/customers/customer';
import { scoreCustomer, type RiskScore } from '../core/risk/scorecard';
import { DEFAULT_SCORECARD } from '../core/risk/settings';
import type { EmailIntent } from '../core/risk/signals';
import type { Settings } from '../core/settings/settings';
import type { AppContext } from './context';
import { riskModelBlender } from './handlers/learn';

export type RiskScorer = (customer: Customer, emailIntent?: EmailIntent) => RiskScore;

export function riskScorer(
  ctx: AppContext,
  settings: Settings,
  /** The customer's effective impact (manual override, else impact rules); absent: the row's own. */
  impactOf?: (customer: Customer) => CrisisImpact | undefined,
): RiskScorer {
  const today = ctx.clock.now();
  const scorecard = settings.scorecard ?? DEFAULT_SCORECARD;
  const blend = riskModelBlender(ctx, settings);
  return (customer, emailIntent) => {
    const segmentImpact = impactOf?.(customer);
    const base = scoreCustomer(
      customer,
      { today, ...(emailIntent ? { emailIntent } : {}), ...(segmentImpact ? { segmentImpact } : {}) },
      scorecard,
    );
    return blend(customer, base);
  };
}
