/**
 * Portfolio metrics from customer-success practice, for a period [start, end):
 *   churn rate = lost / S, retention rate = (E − N) / S,
 *   gross MRR churn = (lost MRR + contraction MRR) / starting MRR, contraction (downgrades of
 *     customers who stayed) counted when the caller knows it,
 *   net MRR churn = (lost MRR + contraction − expansion) / starting MRR (expansion unknown → equal
 *     to gross, with a note),
 *   ARPA = MRR / active customers at the end, LTV = ARPA / monthly churn rate (the period's churn
 *     rate spread evenly over its months),
 *   revenue lost ≈ lost customers × their average MRR × remaining months: an estimate, since the sheet
 *     has no contract terms; the average is over the lost customers whose MRR is known.
 * S = customers at the start, E = at the end, N = new in the period. A customer who joins and leaves
 * within the period counts in N and in lost, never in S. A customer with neither a start date nor a
 * tenure counts as there before any period; a churned customer with no churn date cannot be placed and
 * is left out. A metric whose denominator is zero is n/a, with the reason, never 0 or Infinity. MRR at
 * risk by band needs the customers' risk scores.
 */
import type { Customer } from '../customers/customer';
import type { Band, RiskScore } from '../risk/scorecard';

export type Metric = { value: number; note?: string } | { value: null; reason: string };

export interface PortfolioMetrics {
  start: Date;
  end: Date;
  customersAtStart: number;
  customersAtEnd: number;
  newCustomers: number;
  lostCustomers: number;
  churnRate: Metric;
  retentionRate: Metric;
  startingMrr: number;
  /** MRR of the customers lost in the period (an unknown MRR counts as 0). */
  lostMrr: number;
  /** Lost MRR plus the contraction given, over starting MRR. */
  grossMrrChurn: Metric;
  /** Net of expansion when `expansionMrr` is given; otherwise equal to gross, with a note saying so. */
  netMrrChurn: Metric;
  arpa: Metric;
  /** Lifetime value in months of ARPA over the monthly churn rate. */
  ltv: Metric;
  revenueLost: Metric;
  /** MRR of customers active at the end of the period, by risk band (present only when risks are passed). */
  mrrAtRisk?: Record<Band, number>;
}

export interface PortfolioOptions {
  /** The day tenure-only start dates are counted back from; defaults to the period's end. */
  today?: Date;
  /** Months of revenue each lost customer would still have paid (default 12). */
  remainingMonths?: number;
  /** MRR gained in the period from existing customers (upgrades), when the sheet knows it. */
  expansionMrr?: number;
  /** MRR lost in the period to downgrades of customers who stayed, when the sheet knows it. */
  contractionMrr?: number;
  /** Risk scores in the same order as `customers`, for MRR at risk by band. */
  risks?: readonly RiskScore[];
}

const BANDS: Band[] = ['Critical', 'High', 'Medium', 'Low', 'Unknown'];

const DAY = 86_400_000;
const na = (reason: string): Metric => ({ value: null, reason });
const ratio = (num: number, den: number, reason: string): Metric =>
  den === 0 ? na(reason) : { value: num / den };

/** A customer's first day: the start date, or today minus tenure; unknown means "before any period". */
function joined(c: Customer, today: Date): number {
  if (c.startDate) return c.startDate.getTime();
  if (c.tenureMonths !== undefined) return today.getTime() - c.tenureMonths * 30.44 * DAY;
  return Number.NEGATIVE_INFINITY;
}

function left(c: Customer): number {
  if (c.status !== 'churned') return Number.POSITIVE_INFINITY;
  return c.churnDate ? c.churnDate.getTime() : Number.NaN;
}

export function portfolioMetrics(
  customers: readonly Customer[],
  period: { start: Date; end: Date },
  options: PortfolioOptions = {},
): PortfolioMetrics {
  const start = period.start.getTime();
  const end = period.end.getTime();
  const today = options.today ?? period.end;
  let S = 0;
  let E = 0;
  let N = 0;
  let lost = 0;
  let startingMrr = 0;
  let lostMrr = 0;
  let lostWithMrr = 0;
  let activeMrr = 0;
  let active = 0;
  const mrrAtRisk = options.risks
    ? (Object.fromEntries(BANDS.map((b) => [b, 0])) as Record<Band, number>)
    : undefined;
  customers.forEach((c, i) => {
    const from = joined(c, today);
    const to = left(c);
    if (Number.isNaN(to)) return; // churned without a date: cannot be placed in a period
    const mrr = c.mrr ?? 0;
    const presentAtStart = from < start && to >= start;
    if (presentAtStart) {
      S++;
      startingMrr += mrr;
    }
    if (from >= start && from < end) N++;
    if (from < end && to >= end) {
      E++;
      activeMrr += mrr;
      active++;
      const band = options.risks?.[i]?.band;
      if (mrrAtRisk && band) mrrAtRisk[band] += mrr;
    }
    if (to >= start && to < end && from <= to) {
      lost++;
      lostMrr += mrr;
      if (c.mrr !== undefined) lostWithMrr++;
    }
  });
  const months = Math.max(1e-9, (end - start) / (30.44 * DAY));
  const noStart = 'n/a: no customers at the start of the period';
  const churnRate = ratio(lost, S, noStart);
  const arpa = ratio(activeMrr, active, 'n/a: no active customers at the end of the period');
  let ltv: Metric;
  if (arpa.value === null) ltv = arpa;
  else if (churnRate.value === null) ltv = churnRate;
  else if (churnRate.value === 0) ltv = na('n/a: no churn in the period, so lifetime is unbounded');
  else ltv = { value: arpa.value / (churnRate.value / months) };
  const remaining = options.remainingMonths ?? 12;
  const contraction = options.contractionMrr ?? 0;
  const grossMrrChurn = ratio(
    lostMrr + contraction,
    startingMrr,
    'n/a: no recurring revenue at the start of the period',
  );
  const netMrrChurn: Metric =
    grossMrrChurn.value === null
      ? grossMrrChurn
      : options.expansionMrr === undefined
        ? {
            value: grossMrrChurn.value,
            note: 'Expansion revenue unknown: net MRR churn shown equal to gross',
          }
        : { value: (lostMrr + contraction - options.expansionMrr) / startingMrr };
  let revenueLost: Metric;
  if (lost === 0) revenueLost = { value: 0 };
  else if (lostWithMrr === 0) revenueLost = na('n/a: no MRR known for the customers lost');
  else {
    // lost customers × average MRR of those with one × remaining months
    const value = lost * (lostMrr / lostWithMrr) * remaining;
    revenueLost =
      lostWithMrr === lost
        ? { value }
        : {
            value,
            note: `Estimated from the ${lostWithMrr} of ${lost} lost customers whose MRR is known`,
          };
  }
  return {
    start: period.start,
    end: period.end,
    customersAtStart: S,
    customersAtEnd: E,
    newCustomers: N,
    lostCustomers: lost,
    churnRate,
    retentionRate: ratio(E - N, S, noStart),
    startingMrr,
    lostMrr,
    grossMrrChurn,
    netMrrChurn,
    arpa,
    ltv,
    revenueLost,
    ...(mrrAtRisk ? { mrrAtRisk } : {}),
  };
}
