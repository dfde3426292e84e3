/**
 * The daily scan's comparisons (detectEvents, src/core/watch/events.ts) as one SQL query over
 * today's scores in the customers table and the score history (history-table.ts), returning only
 * the events: one row per event, ordered by customer (row_id) and kind in detectEvents' order,
 * LIMIT n, with a keyset cursor for the next page. Each row carries the facts its sentence quotes,
 * and the key and reason are worded in TypeScript by the same EVENT_WORDS as the in-memory scan.
 *
 * "Previous" is the customer's latest history row before today (of one day, the later written):
 * a scan repeated the same day compares with the same day as the first run and finds the same
 * events, whose keys the Alerts tab already holds. Day counts use today's calendar day in the
 * sheet's time zone, computed in TypeScript and passed as a day number, as detectEvents counts.
 * Churn-intent emails (the sidebar's signals in user properties) are not in the warehouse; the
 * caller adds those events in memory.
 */
import * as z from '../zod';
import type { Band } from '../risk/risk-score';
import { calendarDay } from '../time/calendar';
import { dangerEvent, EVENT_WORDS, RANK, type DangerEvent, type WatchSettings } from '../watch/events';
import { HISTORY_TABLE } from './history-table';
import { ParamBag, type SqlQuery } from './params';
import { parseRows } from './results';
import { CURRENT_TABLES, identifier, type ReadTables } from './schema';

const DAY_MS = 86_400_000;

/** The kinds the SQL finds, in detectEvents' order (the `kind` column is the index). */
export const SQL_EVENT_KINDS = [
  'bandUp',
  'scoreJump',
  'inactive',
  'paymentOverdue',
  'renewalSoon',
  'npsDetractor',
] as const;
export type SqlEventKind = (typeof SQL_EVENT_KINDS)[number];

/** Each kind's condition over the derived row `e`; exported so a test can break one. */
export type ScanCondition = (p: { jump: string }) => string;
const PREVIOUS = 'e.previous_day IS NOT NULL';
const ROSE = `(e.rank_now > e.rank_before AND e.rank_now >= ${RANK.High})`;
export const SCAN_SQL: Readonly<Record<SqlEventKind, ScanCondition>> = {
  bandUp: () => `${PREVIOUS} AND e.score IS NOT NULL AND ${ROSE}`,
  // detectEvents' else-if: a jump into High is a bandUp, not also a scoreJump.
  scoreJump: ({ jump }) =>
    `${PREVIOUS} AND e.score IS NOT NULL AND NOT ${ROSE} AND e.previous_score IS NOT NULL AND e.score - e.previous_score >= ${jump}`,
  inactive: () => 'e.inactive_at IS NOT NULL',
  paymentOverdue: () => `${PREVIOUS} AND COALESCE(e.overdue, 0) > 0 AND COALESCE(e.previous_overdue, 0) = 0`,
  renewalSoon: () => 'e.renewal_at IS NOT NULL',
  npsDetractor: () =>
    `${PREVIOUS} AND e.nps IS NOT NULL AND e.nps <= 6 AND e.previous_nps IS NOT NULL AND e.previous_nps >= 7`,
};

/** The previous scan had the same key: same threshold, same day of activity or renewal. */
type SeenKind = 'inactive' | 'renewalSoon';
export const SEEN_BEFORE_SQL: Readonly<Record<SeenKind, string>> = {
  inactive: 'e.previous_inactive_at = e.inactive_at AND e.previous_activity_day = e.activity_day',
  renewalSoon: 'e.previous_renewal_at = e.renewal_at AND e.previous_renewal_day = e.renewal_day',
};

/** Threshold tests: a silence crossed `t` days, a renewal within `w` days. Breakable by a test too. */
export const THRESHOLD_SQL = {
  crossed: (idle: string, t: string) => `${idle} >= ${t}`,
  within: (left: string, w: string) => `${left} >= 0 AND ${left} <= ${w}`,
};

export interface ScanOptions {
  conditions?: Partial<Record<SqlEventKind, ScanCondition>>;
  thresholds?: Partial<typeof THRESHOLD_SQL>;
  /** The sheet's time zone: which calendar day today is (default UTC). */
  timeZone?: string;
  /** Events per page. */
  limit?: number;
  /** The last event of the previous page. */
  after?: ScanCursor;
  /**
   * Leaves out the threshold events (silence, renewal) the previous scan found with the same key:
   * a customer silent for 200 days is otherwise an event every day, deduplicated only by the Alerts
   * tab. Only for scans whose previous scan raised its alerts (it writes history last) with the same
   * thresholds: after a threshold change, run one scan without it.
   */
  onlyNew?: boolean;
  seenBefore?: Partial<Record<SeenKind, string>>;
  /**
   * What to read: the latest-state views by default, so a customer marked churned (or saved) from the
   * card is left out of (or back in) the next scan.
   */
  tables?: ReadTables;
}

export interface ScanCursor {
  row: number;
  kind: number;
}

export const SCAN_PAGE = 500;

/** Settings' thresholds in the order detectEvents tries them, each once. */
const ordered = (list: readonly number[], descending: boolean) =>
  [...new Set(list)].sort((a, b) => (descending ? b - a : a - b));

const numberParam = (params: ParamBag, n: number) => params.add(Number.isInteger(n) ? 'INT64' : 'FLOAT64', n);

/** `CASE WHEN test(t0) THEN 0 WHEN test(t1) THEN 1 … END`: which threshold, by index. */
function firstOf(thresholds: readonly number[], test: (t: string) => string, params: ParamBag): string {
  if (thresholds.length === 0) return 'CAST(NULL AS INT64)';
  const whens = thresholds.map((t, i) => `WHEN ${test(numberParam(params, t))} THEN ${i}`);
  return `CASE ${whens.join(' ')} END`;
}

function rankOf(expr: string, params: ParamBag): string {
  const whens = (Object.entries(RANK) as [Band, number][])
    .filter(([band]) => band !== 'Unknown')
    .map(([band, rank]) => `WHEN ${params.shared(band, 'STRING', band)} THEN ${rank}`);
  return `CASE ${expr} ${whens.join(' ')} ELSE ${RANK.Unknown} END`;
}

/** The events query for `today`, and the thresholds its indexes refer to. */
export function scanEventsSql(
  today: Date,
  settings: WatchSettings,
  options: ScanOptions = {},
): { query: SqlQuery; inactivity: number[]; renewal: number[] } {
  const params = new ParamBag();
  const thresholds = { ...THRESHOLD_SQL, ...options.thresholds };
  const c = (name: string) => `c.${identifier(name)}`;
  const h = (name: string) => `h.${identifier(name)}`;
  const day = params.add('STRING', today.toISOString().slice(0, 10));
  const todayDay = params.add('INT64', calendarDay(today, options.timeZone).getTime() / DAY_MS);
  const churned = params.add('STRING', 'churned');
  const dayOf = (ms: string) => `CAST(FLOOR(${ms} / ${DAY_MS}) AS INT64)`;
  const idle = `(${todayDay} - ${dayOf(c('last_activity_ms'))})`;
  const left = `(${dayOf(c('renewal_ms'))} - ${todayDay})`;
  const previousIdle = `(p.calendar_day - ${dayOf('p.last_activity_ms')})`;
  const previousLeft = `(${dayOf('p.renewal_ms')} - p.calendar_day)`;
  const inactivity = ordered(settings.inactivityDays, true);
  const renewal = ordered(settings.renewalDays, false);

  const latest = [
    `SELECT ${h('email')} AS email, ${h('day')} AS day, ${h('score')} AS score, ${h('band')} AS band,`,
    `${h('overdue_invoices')} AS overdue_invoices, ${h('nps')} AS nps, ${h('last_activity_ms')} AS last_activity_ms,`,
    `${h('renewal_ms')} AS renewal_ms, ${h('calendar_day')} AS calendar_day,`,
    `ROW_NUMBER() OVER (PARTITION BY ${h('email')} ORDER BY ${h('day')} DESC, ${h('written_ms')} DESC) AS n`,
    `FROM ${identifier(HISTORY_TABLE)} AS h WHERE ${h('day')} < ${day}`,
  ].join(' ');
  const facts = [
    `SELECT ${c('row_id')} AS row_id, ${c('email')} AS email, ${c('risk_score')} AS score, ${c('risk_band')} AS band,`,
    `${c('last_activity_ms')} AS last_activity_ms, ${c('renewal_ms')} AS renewal_ms,`,
    `${c('overdue_invoices__num')} AS overdue, ${c('nps__num')} AS nps,`,
    `p.day AS previous_day, p.score AS previous_score, p.band AS previous_band,`,
    `p.overdue_invoices AS previous_overdue, p.nps AS previous_nps,`,
    `${rankOf(c('risk_band'), params)} AS rank_now, ${rankOf('p.band', params)} AS rank_before,`,
    `${idle} AS idle_days, ${firstOf(inactivity, (t) => thresholds.crossed(idle, t), params)} AS inactive_at,`,
    `${left} AS renewal_left, ${firstOf(renewal, (w) => thresholds.within(left, w), params)} AS renewal_at,`,
    // The previous scan's threshold keys: its calendar day against the facts it saw.
    `${dayOf('p.last_activity_ms')} AS previous_activity_day, ${dayOf(c('last_activity_ms'))} AS activity_day,`,
    `${firstOf(inactivity, (t) => thresholds.crossed(previousIdle, t), params)} AS previous_inactive_at,`,
    `${dayOf('p.renewal_ms')} AS previous_renewal_day, ${dayOf(c('renewal_ms'))} AS renewal_day,`,
    `${firstOf(renewal, (w) => thresholds.within(previousLeft, w), params)} AS previous_renewal_at`,
    `FROM ${identifier((options.tables ?? CURRENT_TABLES).customers)} AS c`,
    `LEFT JOIN (${latest}) AS p ON p.email = ${c('email')} AND p.n = 1`,
    `WHERE ${c('status')} <> ${churned}`,
  ].join(' ');
  const jump = numberParam(params, settings.jumpPoints);
  const kinds = SQL_EVENT_KINDS.map((_, i) => `SELECT ${i} AS kind`).join(' UNION ALL ');
  const tests = SQL_EVENT_KINDS.map((kind, i) => {
    let test = (options.conditions?.[kind] ?? SCAN_SQL[kind])({ jump });
    const seen = { ...SEEN_BEFORE_SQL, ...options.seenBefore }[kind as SeenKind];
    if (options.onlyNew && seen) test = `(${test}) AND NOT COALESCE(${seen}, FALSE)`;
    return `(k.kind = ${i} AND ${test})`;
  });
  let where = `(${tests.join(' OR ')})`;
  if (options.after) {
    const row = params.add('INT64', options.after.row);
    const kind = params.add('INT64', options.after.kind);
    where += ` AND (e.row_id > ${row} OR (e.row_id = ${row} AND k.kind > ${kind}))`;
  }
  const limit = Math.max(1, Math.trunc(options.limit ?? SCAN_PAGE));
  const out = [
    'k.kind',
    ...[
      'row_id',
      'email',
      'score',
      'band',
      'previous_day',
      'previous_score',
      'previous_band',
      'last_activity_ms',
      'idle_days',
      'inactive_at',
      'overdue',
      'renewal_ms',
      'renewal_left',
      'renewal_at',
      'nps',
      'previous_nps',
    ].map((n) => `e.${n}`),
  ].join(', ');
  const sql = [
    `SELECT ${out} FROM (${facts}) AS e CROSS JOIN (${kinds}) AS k`,
    `WHERE ${where} ORDER BY e.row_id, k.kind LIMIT ${limit + 1}`,
  ].join(' ');
  return { query: params.query(sql), inactivity, renewal };
}

const num = z.nullable(z.coerce.number());
const int = z.nullable(z.coerce.number().check(z.int()));
const BandSchema = z.enum(['Critical', 'High', 'Medium', 'Low', 'Unknown']);
const EventRow = z.object({
  kind: z.coerce.number().check(z.int(), z.nonnegative()),
  row_id: z.coerce.number().check(z.int()),
  email: z.string(),
  score: num,
  band: BandSchema,
  previous_day: z.nullable(z.string()),
  previous_score: num,
  previous_band: z.nullable(BandSchema),
  last_activity_ms: int,
  idle_days: int,
  inactive_at: int,
  overdue: num,
  renewal_ms: int,
  renewal_left: int,
  renewal_at: int,
  nps: num,
  previous_nps: num,
});
type EventRow = z.infer<typeof EventRow>;

export interface ScanPage {
  events: DangerEvent[];
  /** Where the next page starts; undefined when this was the last. */
  next?: ScanCursor;
}

/** What an event's sentence needs, or a clear error naming the row and the missing fact. */
function need<T>(v: T | null, row: number, kind: string, what: string): T {
  if (v === null) throw new Error(`scan events: row ${row} (${kind}) has no ${what}`);
  return v;
}

function word(r: EventRow, i: number, day: string, lists: { inactivity: number[]; renewal: number[] }) {
  const kind = SQL_EVENT_KINDS[r.kind];
  if (!kind) throw new Error(`scan events: row ${i} has kind ${r.kind}, not one the query selects`);
  const n = <T>(v: T | null, what: string) => need(v, i, kind, what);
  switch (kind) {
    case 'bandUp':
      return dangerEvent(
        r.email,
        kind,
        EVENT_WORDS.bandUp(r.band, n(r.previous_band, 'previous band'), n(r.score, 'score'), day),
      );
    case 'scoreJump':
      return dangerEvent(
        r.email,
        kind,
        EVENT_WORDS.scoreJump(
          n(r.score, 'score'),
          n(r.previous_score, 'previous score'),
          n(r.previous_day, 'previous day'),
          day,
        ),
      );
    case 'inactive':
      return dangerEvent(
        r.email,
        kind,
        EVENT_WORDS.inactive(
          n(r.idle_days, 'idle days'),
          n(lists.inactivity[n(r.inactive_at, 'threshold')] ?? null, 'threshold'),
          new Date(n(r.last_activity_ms, 'last activity')),
        ),
      );
    case 'paymentOverdue':
      return dangerEvent(r.email, kind, EVENT_WORDS.paymentOverdue(n(r.overdue, 'overdue'), day));
    case 'renewalSoon':
      return dangerEvent(
        r.email,
        kind,
        EVENT_WORDS.renewalSoon(
          n(r.renewal_left, 'days left'),
          n(lists.renewal[n(r.renewal_at, 'window')] ?? null, 'window'),
          new Date(n(r.renewal_ms, 'renewal date')),
        ),
      );
    case 'npsDetractor':
      return dangerEvent(
        r.email,
        kind,
        EVENT_WORDS.npsDetractor(n(r.nps, 'NPS'), n(r.previous_nps, 'previous NPS'), day),
      );
  }
}

/** scanEventsSql's rows as events (at most `limit`), and the cursor of the next page if there is one. */
export function scanEventsFrom(
  rows: readonly unknown[],
  today: Date,
  lists: { inactivity: number[]; renewal: number[] },
  limit = SCAN_PAGE,
): ScanPage {
  const parsed = parseRows(EventRow, rows, 'scan events');
  const page = parsed.slice(0, Math.max(1, Math.trunc(limit)));
  const day = today.toISOString().slice(0, 10);
  const events = page.map((r, i) => word(r, i + 1, day, lists));
  const last = page[page.length - 1];
  return parsed.length > page.length && last
    ? { events, next: { row: last.row_id, kind: last.kind } }
    : { events };
}
