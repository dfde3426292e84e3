/**
 * The value lines ("top 20% by MRR") computed exactly in SQL, as valueLines (src/core/playbooks/
 * value.ts) computes them over a whole read: active customers' values sorted descending, the line
 * the value at position max(1, ceil(n × share)) (at most n), ties at the edge in. ROW_NUMBER over
 * the values and COUNT(*) OVER () give the position and n in one scan; ties get arbitrary row
 * numbers but the same value, so the line is the same.
 *
 * The chunked job cannot sort the whole book, so it keeps a log-bucket sketch (value-sketch.ts)
 * whose line is at most 2% below the exact one; the warehouse can, so it gives the exact line and
 * needs no sketch.
 */
import * as z from '../zod';
import type { PlaybookSettings } from '../playbooks/settings';
import type { ValueLines } from '../playbooks/value';
import { ParamBag, type SqlQuery } from './params';
import { parseRows } from './results';
import { CURRENT_TABLES, identifier, type ReadTables } from './schema';

const DAY_MS = 86_400_000;
/** value.ts's month for revenue to date. */
const MONTH_DAYS = 30.4375;

/**
 * customerValue() in SQL: MRR, or MRR × max(1, months) for revenue to date, where months is the
 * tenure or (today − start) / DAY / 30.4375 (never below 0); NULL when it has none.
 */
function valueSql(basis: PlaybookSettings['valueBasis'], params: ParamBag, today: Date): string {
  const col = (name: string) => `c.${identifier(name)}`;
  if (basis === 'mrr') return col('mrr');
  const now = params.add('INT64', today.getTime());
  const day = params.add('FLOAT64', DAY_MS);
  const monthDays = params.add('FLOAT64', MONTH_DAYS);
  const months = `(${now} - ${col('start_ms')}) / ${day} / ${monthDays}`;
  // No GREATEST: BigQuery's is NULL when an argument is, DuckDB's skips NULLs.
  const atLeastOne = (m: string) => `CASE WHEN ${m} > 1 THEN ${m} ELSE 1 END`;
  return [
    `CASE WHEN ${col('mrr')} IS NULL THEN NULL`,
    `WHEN ${col('tenure_months')} IS NOT NULL THEN ${col('mrr')} * (${atLeastOne(col('tenure_months'))})`,
    `WHEN ${col('start_ms')} IS NOT NULL THEN ${col('mrr')} * (${atLeastOne(months)})`,
    'END',
  ].join(' ');
}

/** The position of the line for a share among n values: max(1, ceil(n × share)), at most n. */
function edge(share: string): string {
  const wanted = `CEIL(v.n * ${share})`;
  return `CASE WHEN ${wanted} < 1 THEN 1 WHEN ${wanted} > v.n THEN v.n ELSE ${wanted} END`;
}

/**
 * One row: customers (values counted), discount_min, relief_min. Read through the latest-state views
 * by default: a customer marked churned from the card no longer counts as active.
 */
export function valueLinesSql(
  settings: PlaybookSettings,
  today: Date,
  tables: ReadTables = CURRENT_TABLES,
): SqlQuery {
  const params = new ParamBag();
  const churned = params.add('STRING', 'churned');
  const value = valueSql(settings.valueBasis, params, today);
  const values = `SELECT ${value} AS value FROM ${identifier(tables.customers)} AS c WHERE c.${identifier('status')} <> ${churned}`;
  const ranked = `SELECT x.value, ROW_NUMBER() OVER (ORDER BY x.value DESC) AS rn, COUNT(*) OVER () AS n FROM (${values}) AS x WHERE x.value IS NOT NULL`;
  const discount = params.add('FLOAT64', settings.discountTopShare);
  const relief = params.add('FLOAT64', settings.reliefTopShare);
  return params.query(
    [
      'SELECT COUNT(*) AS customers,',
      `MAX(CASE WHEN v.rn = ${edge(discount)} THEN v.value END) AS discount_min,`,
      `MAX(CASE WHEN v.rn = ${edge(relief)} THEN v.value END) AS relief_min`,
      `FROM (${ranked}) AS v`,
    ].join(' '),
  );
}

const LinesRow = z.object({
  customers: z.coerce.number().check(z.int(), z.nonnegative()),
  discount_min: z.nullable(z.coerce.number()),
  relief_min: z.nullable(z.coerce.number()),
});

/** valueLinesSql's row as the ValueLines the guard rails read (0 lines when nobody has a value). */
export function valueLinesFrom(
  rows: readonly unknown[],
  settings: PlaybookSettings,
  today: Date,
): ValueLines {
  if (rows.length !== 1) throw new Error(`value lines: expected one row, got ${rows.length}`);
  const row = parseRows(LinesRow, rows, 'value lines')[0]!;
  return {
    basis: settings.valueBasis,
    discountMin: row.discount_min ?? 0,
    reliefMin: row.relief_min ?? 0,
    discountTopShare: settings.discountTopShare,
    reliefTopShare: settings.reliefTopShare,
    customers: row.customers,
    computedAt: today.toISOString(),
  };
}
