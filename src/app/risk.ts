/**
 * One way to score a customer everywhere (sidebar, homepage, rescore, segments): the scorecard with
 * the customer's effective crisis impact, then the learned model or blend the user chose.
 */
import type { CrisisImpact, Customer } from '../core/customers/customer';
import { scoreSheetOnly, type RiskScore } from '../core/risk/scorecard';
import { withStatedIntent } from '../core/risk/stated-intent';
import { DEFAULT_SCORECARD } from '../core/risk/settings';
import type { EmailIntent } from '../core/risk/signals';
import type { Settings } from '../core/settings/settings';
import type { AppContext } from './context';
import { riskModelBlender } from './learned-scores';

export type RiskScorer = (customer: Customer, emailIntent?: EmailIntent) => RiskScore;

export function riskScorer(
  ctx: AppContext,
  settings: Settings,
  /** The customer's effective impact (manual override, else impact rules); absent: the row's own. */
  impactOf?: (customer: Customer) => CrisisImpact | undefined,
  /** The spreadsheet's time zone, so "today" is the sheet's day (time/calendar.ts). */
  timeZone?: string,
): RiskScorer {
  const today = ctx.clock.now();
  const scorecard = settings.scorecard ?? DEFAULT_SCORECARD;
  const blend = riskModelBlender(ctx, settings);
  // The sheet's score (scorecard, learned model or blend) first, then what the email states on top
  // of it, so the email counts the same whichever model scores the sheet (stated-intent.ts).
  return (customer, emailIntent) => {
    const segmentImpact = impactOf?.(customer);
    const context = { today, ...(timeZone ? { timeZone } : {}), ...(segmentImpact ? { segmentImpact } : {}) };
    const sheet = scoreSheetOnly(customer, context, scorecard);
    return withStatedIntent(blend(customer, sheet), emailIntent, scorecard);
  };
}
