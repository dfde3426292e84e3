/**
 * The homepage's figures in two jobs instead of five (issue 21: each Jobs.query is about a second of
 * set-up whatever it scans, so five separate jobs put the day's first open past the 10 s card target
 * at 1M customers).
 *
 * - `homeLiveSql`: what teammates' edits move within the minute (totals by band and impact, the
 *   call-first list) and the time of the newest ChurnGuard field change, as one SELECT of tagged parts
 *   joined by UNION ALL. One statement, not a multi-statement script: a script's Jobs.query answers
 *   with its last statement's rows only, the others sit in child jobs that cost a Jobs.list and a
 *   getQueryResults each (docs.cloud.google.com/ruby/docs/reference/google-cloud-bigquery/latest/
 *   Google-Cloud-Bigquery-QueryJob, "With multiple statements and child jobs"), and the DuckDB
 *   stand-in runs one statement a job. Every part pads the others' columns with typed NULLs, so the
 *   arms agree on types without relying on coercion (GoogleSQL conversion rules: supertypes).
 * - `dayFiguresSql`: what moves by the day (the six-month trend and the value lines, each one row)
 *   as one row: the two one-row queries cross-joined, with the same change time beside them so a
 *   reader can tell whether a field change came after them.
 *
 * The parts are the existing queries (totalsSql, callFirstSql, trendSql, valueLinesSql) used as
 * subqueries, so what they read stays theirs; only their parameters are renamed apart.
 */
import type { MonthCounts } from '../portfolio/snapshot';
import type { PlaybookSettings } from '../playbooks/settings';
import type { ValueLines } from '../playbooks/value';
import * as z from '../zod';
import { callFirstSql, MEMBER_COLUMNS, totalsSql } from './aggregates';
import { CHANGE_TABLES } from './change-tables';
import type { SqlQuery } from './params';
import { membersFrom, parseRows, totalsFrom, type PortfolioTotals, type WarehouseMember } from './results';
import { identifier, type ReadTables, type SqlType } from './schema';
import { TREND_FIGURES, trendFrom, trendSql, type TrendMonth } from './trend';
import { valueLinesFrom, valueLinesSql } from './value-lines';

/**
 * The query with its parameters renamed `@<prefix><name>`, so two compiled queries can share one
 * statement. Compiled SQL holds no string literals (dialect.ts), so `@name` is only ever a parameter.
 */
export function renameParams(q: SqlQuery, prefix: string): SqlQuery {
  const names = new Set(q.params.map((p) => p.name));
  return {
    sql: q.sql.replace(/@([A-Za-z][A-Za-z0-9_]*)/g, (ref, name: string) =>
      names.has(name) ? `@${prefix}${name}` : ref,
    ),
    params: q.params.map((p) => ({ ...p, name: `${prefix}${p.name}` })),
  };
}

const TOTALS_COLUMNS: Readonly<Record<string, SqlType>> = {
  status: 'STRING',
  band: 'STRING',
  impact: 'STRING',
  customers: 'INT64',
  mrr: 'FLOAT64',
};
const MEMBER_TYPES: Readonly<Record<(typeof MEMBER_COLUMNS)[number], SqlType>> = {
  row_id: 'INT64',
  email: 'STRING',
  name: 'STRING',
  company: 'STRING',
  mrr: 'FLOAT64',
  risk_score: 'FLOAT64',
  risk_band: 'STRING',
  impact: 'STRING',
};
const CHANGE_COLUMNS_OUT: Readonly<Record<string, SqlType>> = { changed_ms: 'INT64' };

/** Part numbers (integers: compiled SQL holds no string literals). */
const PART = { totals: 0, callFirst: 1, changes: 2 } as const;

/** Output columns: each part's own, prefixed, so no two parts share a column or its type. */
const OUT: readonly (readonly [string, SqlType, number, string])[] = [
  ...Object.entries(TOTALS_COLUMNS).map(([c, t]) => [`t_${c}`, t, PART.totals, c] as const),
  ...Object.entries(MEMBER_TYPES).map(([c, t]) => [`m_${c}`, t, PART.callFirst, c] as const),
  ...Object.entries(CHANGE_COLUMNS_OUT).map(([c, t]) => [`c_${c}`, t, PART.changes, c] as const),
];

function arm(part: number, inner: string): string {
  const cols = OUT.map(([out, type, p, c]) =>
    p === part ? `x.${identifier(c)} AS ${out}` : `CAST(NULL AS ${type}) AS ${out}`,
  );
  return `SELECT ${part} AS part, ${cols.join(', ')} FROM (${inner}) AS x`;
}

/** The newest ChurnGuard field change (status, impact, risk), epoch ms; NULL when none. */
const changedSql = () => `SELECT MAX(ch.at_ms) AS changed_ms FROM ${identifier(CHANGE_TABLES.field)} AS ch`;

/** changedSql alone: the hourly trigger's check whether the day figures are behind a change. */
export const fieldChangedSql = (): SqlQuery => ({ sql: changedSql(), params: [] });

/** fieldChangedSql's one row. */
export function fieldChangedFrom(rows: readonly unknown[]): number | null {
  return parseRows(Changed, rows, 'field changes')[0]?.changed_ms ?? null;
}

/**
 * Totals, the call-first list and (`withChanges`: only where ChurnGuard keeps its change tables,
 * not a team's own table) the newest field change, in one statement.
 */
export function homeLiveSql(tables: ReadTables | undefined, withChanges: boolean): SqlQuery {
  const totals = renameParams(totalsSql(tables), 't');
  const callFirst = renameParams(callFirstSql(undefined, tables), 'm');
  const arms = [arm(PART.totals, totals.sql), arm(PART.callFirst, callFirst.sql)];
  if (withChanges) arms.push(arm(PART.changes, changedSql()));
  return { sql: arms.join(' UNION ALL '), params: [...totals.params, ...callFirst.params] };
}

export interface HomeLive {
  totals: PortfolioTotals;
  callFirst: WarehouseMember[];
  /** The newest field change's time (epoch ms), null when there is none, undefined when not asked. */
  changedMs?: number | null;
}

const Part = z.object({ part: z.coerceNumber().check(z.int()) });

function partRows(rows: readonly Record<string, unknown>[], part: number): Record<string, unknown>[] {
  return rows
    .filter((r) => Part.parse(r).part === part)
    .map((r) =>
      Object.fromEntries(OUT.filter(([, , p]) => p === part).map(([out, , , c]) => [c, r[out] ?? null])),
    );
}

const Changed = z.object({ changed_ms: z.nullable(z.coerceNumber().check(z.int())) });

/**
 * homeLiveSql's rows split by part. Rows of a UNION ALL come in no promised order, so the call-first
 * list is put back in callFirstSql's order here (expected loss, score, source row).
 */
export function homeLiveFrom(rows: readonly Record<string, unknown>[], withChanges: boolean): HomeLive {
  const score = (m: WarehouseMember) => m.risk_score ?? 0;
  const loss = (m: WarehouseMember) => (score(m) / 100) * (m.mrr ?? 0);
  const callFirst = membersFrom(partRows(rows, PART.callFirst), 'call first').sort(
    (a, b) => loss(b) - loss(a) || score(b) - score(a) || a.row_id - b.row_id,
  );
  const out: HomeLive = { totals: totalsFrom(partRows(rows, PART.totals)), callFirst };
  if (withChanges) {
    const [changed] = parseRows(Changed, partRows(rows, PART.changes), 'field changes');
    out.changedMs = changed?.changed_ms ?? null;
  }
  return out;
}

/** The trend's and the value lines' one rows side by side, plus the newest field change (`withChanges`). */
export function dayFiguresSql(
  settings: PlaybookSettings,
  today: Date,
  withChanges: boolean,
): { query: SqlQuery; months: MonthCounts[] } {
  const { query, months } = trendSql(today);
  const trend = renameParams(query, 'd');
  const lines = renameParams(valueLinesSql(settings, today), 'v');
  const from = [`(${trend.sql}) AS d`, `(${lines.sql}) AS v`];
  if (withChanges) from.push(`(${changedSql()}) AS ch`);
  return {
    query: { sql: `SELECT * FROM ${from.join(' CROSS JOIN ')}`, params: [...trend.params, ...lines.params] },
    months,
  };
}

export interface DayFigures {
  months: TrendMonth[];
  valueLines: ValueLines;
  changedMs?: number | null;
}

/** dayFiguresSql's one row as the trend, the value lines and the change time. */
export function dayFiguresFrom(
  rows: readonly Record<string, unknown>[],
  months: readonly MonthCounts[],
  settings: PlaybookSettings,
  today: Date,
  withChanges: boolean,
): DayFigures {
  if (rows.length !== 1) throw new Error(`day figures: expected one row, got ${rows.length}`);
  const row = rows[0]!;
  const trendCols = months.flatMap((_, k) => Object.keys(TREND_FIGURES).map((f) => `m${k}_${f}`));
  const pick = (cols: readonly string[]) => Object.fromEntries(cols.map((c) => [c, row[c] ?? null]));
  const out: DayFigures = {
    months: trendFrom([pick(trendCols)], months),
    valueLines: valueLinesFrom([pick(['customers', 'discount_min', 'relief_min'])], settings, today),
  };
  if (withChanges) out.changedMs = parseRows(Changed, [pick(['changed_ms'])], 'field changes')[0]!.changed_ms;
  return out;
}
