/**
 * What a campaign's figures mean, in words an account manager can act on. "95% CI −56.1 to +12.9"
 * at day 0 tells them nothing; "Too early to tell: 9 emailed, 3 held back, 0 churned so far" does.
 * The rules, from the statistics:
 * - no holdout: nothing to compare with, whatever happened;
 * - too few customers or outcomes: an interval from a handful of events is wide whatever the truth,
 *   and Newcombe's interval can exclude 0 on 1 event against 0 by luck of small numbers, so a verdict
 *   waits for MIN_GROUP customers in each group and MIN_EVENTS outcomes in all;
 * - the 95% interval excludes 0: a difference, in the direction that helps or the one that hurts;
 * - otherwise: no difference yet (window still open) or no clear difference (window over).
 * The interval and the method stay available as a "details" line for whoever wants them.
 */
import { count, formatPercent, formatPoints } from '../text/format';
import type { GroupOutcome, Uplift } from './uplift';

/** Fewer customers than this in either group, and no verdict is given. */
export const MIN_GROUP = 10;
/** Fewer outcomes (churned, or active again) than this over both groups, and no verdict is given. */
export const MIN_EVENTS = 5;

export type Measure = 'churn' | 'reactivation';

export type UpliftVerdict = 'no-holdout' | 'too-early' | 'too-few' | 'works' | 'backfires' | 'no-difference';

export interface UpliftWords {
  verdict: UpliftVerdict;
  /** "Looks like it works: 2 of 40 emailed churned vs 5 of 10 held back". */
  headline: string;
  /** The interval and method: "Churn 5% emailed vs 50% held back: −45 points (95% interval …)". */
  details: string;
}

export interface UpliftInput {
  measure: Measure;
  emailed: GroupOutcome;
  holdout: GroupOutcome;
  uplift: Uplift | null;
  /** False while the window is still open: figures are "so far". */
  complete: boolean;
}

const VERB: Record<Measure, string> = { churn: 'churned', reactivation: 'active again' };
const NAME: Record<Measure, string> = { churn: 'Churn', reactivation: 'Active again' };

/** Plain-words verdict on one measure of one campaign window (or a playbook's pooled campaigns). */
export function upliftInWords(input: UpliftInput): UpliftWords {
  const { measure, emailed: e, holdout: h, uplift: u, complete } = input;
  const verb = VERB[measure];
  const soFar = complete ? '' : ' so far';
  const tally = `${e.customers} emailed, ${h.customers} held back, ${e.churned + h.churned} ${verb}${soFar}`;
  const versus = `${e.churned} of ${e.customers} emailed ${verb} vs ${h.churned} of ${h.customers} held back${soFar}`;
  const details = u
    ? `${NAME[measure]} ${formatPercent(u.emailedRate)} emailed vs ${formatPercent(u.holdoutRate)} held back: ${formatPoints(u.difference, 1)} (95% interval ${formatPoints(u.low, 1)} to ${formatPoints(u.high, 1)}, Newcombe's method from Wilson intervals)`
    : `${NAME[measure]}: no holdout group, so no interval`;

  if (h.customers === 0 || !u)
    return {
      verdict: 'no-holdout',
      headline: `Can't tell: nobody was held back to compare with (${count(e.customers, 'customer')} emailed)`,
      details,
    };
  const events = e.churned + h.churned;
  if (e.customers < MIN_GROUP || h.customers < MIN_GROUP || events < MIN_EVENTS)
    return complete
      ? { verdict: 'too-few', headline: `Too few to tell: ${tally}`, details }
      : { verdict: 'too-early', headline: `Too early to tell: ${tally}`, details };
  if (u.significant) {
    // Less churn, or more customers active again, among the emailed is the campaign working.
    const helps = measure === 'churn' ? u.difference < 0 : u.difference > 0;
    return helps
      ? { verdict: 'works', headline: `Looks like it works: ${versus}`, details }
      : {
          verdict: 'backfires',
          headline: `Looks like it backfires: ${versus}`,
          details,
        };
  }
  return {
    verdict: 'no-difference',
    headline: `${complete ? 'No clear difference' : 'No difference yet'}: ${versus}`,
    details,
  };
}

/** What to do next on each verdict, for the homepage's short "What works" lines. */
export const NEXT_STEP: Record<UpliftVerdict, string> = {
  'no-holdout': 'Keep a holdout (Settings tab) so the next campaign can be measured',
  'too-early': 'Look again when more customers have reached the window',
  'too-few': 'Run it on a larger audience before deciding',
  works: 'Keep using this playbook',
  backfires: 'Review this playbook before sending it again',
  'no-difference': 'No effect shown yet; keep the holdout and look again',
};
