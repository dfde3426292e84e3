/**
 * The homepage's month trend as one SQL scan: for each of the TREND_MONTHS months before today's,
 * the counts portfolioMetrics (src/core/metrics/portfolio.ts) takes from a whole read — customers at
 * the start (S) and end (E), new (N), lost, starting MRR and lost MRR — as one row of
 * m<k>_<figure> columns. Each customer's first and last instant are computed once per row in a
 * derived table, as portfolioMetrics places them: the start date, else today minus tenure × 30.44
 * days, else "before any period" (NULL here); the churn date for a churned customer, else "never"
 * (NULL). A churned customer without a churn date is in no month, as in memory. The rates are
 * divided in TypeScript (trendFrom): `x / 0` is an error in BigQuery and NULL in DuckDB.
 */
import * as z from '../zod';
import { monthRates, monthsBefore, type MonthCounts } from '../portfolio/snapshot';
import { ParamBag, type SqlQuery } from './params';
import { parseRows } from './results';
import { CURRENT_TABLES, identifier, type ReadTables } from './schema';

const DAY_MS = 86_400_000;
/** portfolioMetrics' month for tenure-only start dates. */
const TENURE_MONTH_DAYS = 30.44;

/** The figures each month has, as column suffixes, in MonthCounts' terms. */
export const TREND_FIGURES = {
  at_start: 'customersAtStart',
  at_end: 'customersAtEnd',
  new: 'newCustomers',
  lost: 'lostCustomers',
  starting_mrr: 'startingMrr',
  lost_mrr: 'lostMrr',
} as const;
export type TrendFigure = keyof typeof TREND_FIGURES;

/**
 * Each figure's condition over the derived row (`j` first instant or NULL = −∞, `l` last instant or
 * NULL = +∞) for a month [s, e), and whether it sums MRR or counts. Exported so a test can break one.
 */
export type TrendCondition = (s: string, e: string) => string;
export const TREND_SQL: Readonly<Record<TrendFigure, { when: TrendCondition; sums: 'count' | 'mrr' }>> = {
  at_start: { when: (s) => `(t.j IS NULL OR t.j < ${s}) AND (t.l IS NULL OR t.l >= ${s})`, sums: 'count' },
  at_end: { when: (_s, e) => `(t.j IS NULL OR t.j < ${e}) AND (t.l IS NULL OR t.l >= ${e})`, sums: 'count' },
  new: { when: (s, e) => `t.j IS NOT NULL AND t.j >= ${s} AND t.j < ${e}`, sums: 'count' },
  lost: {
    when: (s, e) => `t.l IS NOT NULL AND t.l >= ${s} AND t.l < ${e} AND (t.j IS NULL OR t.j <= t.l)`,
    sums: 'count',
  },
  starting_mrr: {
    when: (s) => `(t.j IS NULL OR t.j < ${s}) AND (t.l IS NULL OR t.l >= ${s})`,
    sums: 'mrr',
  },
  lost_mrr: {
    when: (s, e) => `t.l IS NOT NULL AND t.l >= ${s} AND t.l < ${e} AND (t.j IS NULL OR t.j <= t.l)`,
    sums: 'mrr',
  },
};

export interface TrendOptions {
  /** Replaces figures' conditions (the mutation test). */
  conditions?: Partial<Record<TrendFigure, TrendCondition>>;
  /** What to read: the latest-state views by default, so a status changed from the card counts. */
  tables?: ReadTables;
}

/** The months' figures in one row; `months` gives the months' order (oldest first). */
export function trendSql(
  today: Date,
  options: TrendOptions = {},
): { query: SqlQuery; months: MonthCounts[] } {
  const months = monthsBefore(today);
  const params = new ParamBag();
  const col = (name: string) => `c.${identifier(name)}`;
  const churned = params.add('STRING', 'churned');
  const now = params.add('INT64', today.getTime());
  const tenureDays = params.add('FLOAT64', TENURE_MONTH_DAYS);
  // today − tenure × 30.44 × DAY, in that order, as portfolioMetrics computes it in doubles.
  const joined = `CASE WHEN ${col('start_ms')} IS NOT NULL THEN ${col('start_ms')} WHEN ${col('tenure_months')} IS NOT NULL THEN ${now} - ${col('tenure_months')} * ${tenureDays} * ${DAY_MS} END`;
  const left = `CASE WHEN ${col('status')} = ${churned} THEN ${col('churn_ms')} END`;
  const inner = [
    `SELECT COALESCE(${col('mrr')}, 0) AS mrr, ${joined} AS j, ${left} AS l`,
    `FROM ${identifier((options.tables ?? CURRENT_TABLES).customers)} AS c`,
    `WHERE NOT (${col('status')} = ${churned} AND ${col('churn_ms')} IS NULL)`,
  ].join(' ');
  const sums = months.flatMap((m, k) => {
    const s = params.add('INT64', Date.parse(m.start));
    const e = params.add('INT64', Date.parse(m.end));
    return (Object.keys(TREND_SQL) as TrendFigure[]).map((figure) => {
      const { when, sums } = TREND_SQL[figure];
      const test = (options.conditions?.[figure] ?? when)(s, e);
      // COALESCE: SUM over no rows is NULL.
      return `COALESCE(SUM(CASE WHEN ${test} THEN ${sums === 'mrr' ? 't.mrr' : '1'} ELSE 0 END), 0) AS m${k}_${figure}`;
    });
  });
  return { query: params.query(`SELECT ${sums.join(', ')} FROM (${inner}) AS t`), months };
}

/** A month of the trend: the snapshot's counts, customers at the end, and the rates derived from them. */
export interface TrendMonth extends MonthCounts {
  customersAtEnd: number;
  /** lost / S, null when nobody was there at the start (portfolioMetrics' n/a). */
  churnRate: number | null;
  /** (E − N) / S. */
  retentionRate: number | null;
  /** lost MRR / starting MRR (no contraction known), null without starting MRR. */
  grossMrrChurn: number | null;
}

const count = z.coerce.number().check(z.int(), z.nonnegative());
const amount = z.coerce.number();

/** trendSql's one row as the months, oldest first. */
export function trendFrom(rows: readonly unknown[], months: readonly MonthCounts[]): TrendMonth[] {
  if (rows.length !== 1) throw new Error(`month trend: expected one row, got ${rows.length}`);
  const shape: Record<string, typeof count | typeof amount> = {};
  months.forEach((_, k) => {
    for (const figure of Object.keys(TREND_FIGURES) as TrendFigure[])
      shape[`m${k}_${figure}`] = figure.endsWith('mrr') ? amount : count;
  });
  const row = parseRows(z.object(shape), rows, 'month trend')[0]!;
  return months.map((m, k) => {
    const f = (figure: TrendFigure) => row[`m${k}_${figure}`]!;
    const S = f('at_start');
    const counts: MonthCounts = {
      start: m.start,
      end: m.end,
      customersAtStart: S,
      newCustomers: f('new'),
      lostCustomers: f('lost'),
      startingMrr: f('starting_mrr'),
      lostMrr: f('lost_mrr'),
    };
    const { churnRate, grossMrrChurn } = monthRates(counts);
    return {
      ...counts,
      customersAtEnd: f('at_end'),
      churnRate,
      retentionRate: S === 0 ? null : (f('at_end') - f('new')) / S,
      grossMrrChurn,
    };
  });
}
