/**
 * The homepage's churn lines from six months' counts: the last full month's figure and a bar per
 * month. The sheet's snapshot and the warehouse's one trend query (src/core/sql/trend.ts) give the same
 * MonthCounts, so both homepages say the same thing from either store.
 */
import { textBar } from '../../core/metrics/at-risk';
import { monthRates, type MonthCounts } from '../../core/portfolio/snapshot';
import { formatNumber, formatPercent } from '../../core/text/format';

const pct = (value: number | null) => (value === null ? 'n/a' : formatPercent(value));

/** "Churn in November: 2.1% of customers · 1.4% of MRR", from the last of `months`. */
export function lastMonthChurn(months: readonly MonthCounts[]): {
  label: string;
  value: string;
  note: string;
} {
  const month = months[months.length - 1]!;
  const rates = monthRates(month);
  const monthName = new Date(month.start).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
  return {
    label: `Churn in ${monthName}`,
    value: `${pct(rates.churnRate)} of customers · ${pct(rates.grossMrrChurn)} of MRR`,
    note: `${formatNumber(month.lostCustomers)} lost, ${formatNumber(month.newCustomers)} new`,
  };
}

/** Customer churn in each month, as bars scaled to the worst month; none when no month lost anyone. */
export function churnTrend(months: readonly MonthCounts[]) {
  const rows = months.map((m) => ({
    start: new Date(m.start),
    rate: monthRates(m).churnRate,
    lost: m.lostCustomers,
  }));
  const worst = Math.max(...rows.map((m) => m.rate ?? 0));
  if (worst === 0) return [];
  return rows.map((m) => ({
    month: m.start.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' }),
    bar: textBar(worst ? (m.rate ?? 0) / worst : 0, 10),
    text: m.rate === null ? 'n/a' : `${formatPercent(m.rate)} (${m.lost} lost)`,
  }));
}
