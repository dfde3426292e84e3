/**
 * The daily scan's alerts on the warehouse (issue 21): raised as 'alert' rows of the append-only
 * `alerts` table, read through the `alerts_current` view, one parameterised statement each.
 *
 * Raising: one `INSERT … SELECT … WHERE NOT EXISTS` per batch, so an alert id (the event's key, the
 * same key the Alerts tab keeps) already in the table is not appended again: a scan repeated the same
 * day, or a page repeated after an execution ended between its INSERT and its cursor, raises nothing
 * twice. A batch is up to RAISE_ROWS rows: each row is 8 parameters (the author and time are shared),
 * under BigQuery's 10,000 query parameters (https://cloud.google.com/bigquery/quotas, "Query jobs"),
 * and one statement per page keeps the alerts table far under the 1,500 DML INSERTs a table gets
 * at once per 24 h (https://cloud.google.com/bigquery/docs/data-manipulation-language, "INSERT DML
 * concurrency"): a first scan of 1M customers is a few hundred.
 */
import * as z from '../zod';
import type { WarehouseChange } from '../changes/change';
import { ALERT_KINDS } from '../watch/events';
import { URGENCY } from '../watch/alerts';
import { changeRow, CHANGE_COLUMNS, CHANGE_TABLES } from './change-tables';
import { ALERTS_VIEW } from './change-views';
import { ParamBag, type SqlQuery } from './params';
import { parseRows } from './results';
import { identifier } from './schema';

export type AlertRaise = Extract<WarehouseChange, { kind: 'alert' }>;

/** Rows per INSERT: 8 parameters a row, under BigQuery's 10,000 a query. */
export const RAISE_ROWS = 1_000;

/** The alerts not raised yet, in statements of at most `rowsPerInsert` rows. */
export function raiseAlertsSql(alerts: readonly AlertRaise[], rowsPerInsert = RAISE_ROWS): SqlQuery[] {
  const cols = CHANGE_COLUMNS.alert;
  const table = identifier(CHANGE_TABLES.alert);
  const names = cols.map(([n]) => identifier(n)).join(', ');
  const out: SqlQuery[] = [];
  for (let i = 0; i < alerts.length; i += rowsPerInsert) {
    const params = new ParamBag();
    const selects = alerts.slice(i, i + rowsPerInsert).map((a) => {
      const row = changeRow(a);
      const values = cols.map(([n, t]) => {
        const v = row[n];
        // A typed NULL: a column NULL in every row would otherwise be read as INT64 by BigQuery.
        const ref =
          v === null || v === undefined
            ? `CAST(NULL AS ${t})`
            : n === 'author' || n === 'at_ms' || n === 'kind'
              ? params.shared(`${n}:${String(v)}`, t, v as string | number)
              : params.add(t, v as string | number);
        return `${ref} AS ${identifier(n)}`;
      });
      return `SELECT ${values.join(', ')}`;
    });
    const id = identifier('alert_id');
    out.push(
      params.query(
        `INSERT INTO ${table} (${names}) SELECT ${cols.map(([n]) => `v.${identifier(n)}`).join(', ')} ` +
          `FROM (${selects.join(' UNION ALL ')}) AS v ` +
          `WHERE NOT EXISTS (SELECT 1 FROM ${table} AS a WHERE a.${id} = v.${id})`,
      ),
    );
  }
  return out;
}

const ALERT_COLUMNS = [
  'alert_id',
  'email',
  'kind',
  'reason',
  'customer',
  'owner',
  'move',
  'at_ms',
  'state',
  'snoozed_until_ms',
] as const;

/**
 * The homepage's open alerts (open, or snoozed until a time now past), the user's own first, then
 * by urgency, those with a move, newest: at most `limit`, with how many there are in all and how
 * many are the user's (window counts over the same filter, before the LIMIT).
 */
export function openAlertsSql(me: string, now: Date, limit: number): SqlQuery {
  const params = new ParamBag();
  const a = (c: string) => `a.${identifier(c)}`;
  const mine = `LOWER(COALESCE(${a('owner')}, ${params.add('STRING', '')})) = ${params.add('STRING', me.trim().toLowerCase())}`;
  const rank = `CASE ${a('kind')} ${URGENCY.map((k, i) => `WHEN ${params.add('STRING', k)} THEN ${i}`).join(' ')} ELSE ${URGENCY.length} END`;
  const noMove = `CASE WHEN COALESCE(${a('move')}, ${params.add('STRING', '')}) = ${params.add('STRING', '')} THEN 1 ELSE 0 END`;
  const open =
    `(${a('state')} = ${params.add('STRING', 'open')} OR (${a('state')} = ${params.add('STRING', 'snoozed')} ` +
    `AND COALESCE(${a('snoozed_until_ms')}, 0) <= ${params.add('INT64', now.getTime())}))`;
  return params.query(
    `SELECT ${ALERT_COLUMNS.map((c) => a(c)).join(', ')}, COUNT(*) OVER () AS total, ` +
      `SUM(CASE WHEN ${mine} THEN 1 ELSE 0 END) OVER () AS mine ` +
      `FROM ${identifier(ALERTS_VIEW)} AS a WHERE ${open} ` +
      `ORDER BY CASE WHEN ${mine} THEN 0 ELSE 1 END, ${rank}, ${noMove}, ` +
      `CAST(FLOOR(${a('at_ms')} / 86400000) AS INT64) DESC, ${a('alert_id')} LIMIT ${Math.max(1, Math.trunc(limit))}`,
  );
}

/**
 * The alerts one scan raised, for its digests: the rows stamped with its time whose change id starts
 * with its run id (an alert raised earlier was not appended again), in the order it raised them
 * (its change ids sort so), at most `limit`.
 */
export function raisedAlertsSql(run: string, atMs: number, limit: number): SqlQuery {
  const params = new ParamBag();
  const a = (c: string) => `a.${identifier(c)}`;
  const cols = ALERT_COLUMNS.filter((c) => c !== 'state' && c !== 'snoozed_until_ms').map(a);
  return params.query(
    `SELECT ${cols.join(', ')} FROM ${identifier(CHANGE_TABLES.alert)} AS a ` +
      `WHERE ${a('at_ms')} = ${params.add('INT64', atMs)} AND STARTS_WITH(${a('change_id')}, ${params.add('STRING', `${run}-`)}) ` +
      `ORDER BY ${a('change_id')} LIMIT ${Math.max(1, Math.trunc(limit))}`,
  );
}

const text = z.nullable(z.string());
const AlertRow = z.object({
  alert_id: z.string(),
  email: z.string(),
  kind: z.enum(ALERT_KINDS),
  reason: z.string(),
  customer: text,
  owner: text,
  move: text,
  at_ms: z.coerceNumber().check(z.int()),
  state: z.optional(z.enum(['open', 'acknowledged', 'snoozed', 'done'])),
  snoozed_until_ms: z.optional(z.nullable(z.coerceNumber())),
  total: z.optional(z.coerceNumber()),
  mine: z.optional(z.nullable(z.coerceNumber())),
});
export type WarehouseAlertRow = z.infer<typeof AlertRow>;

export interface OpenAlerts {
  alerts: WarehouseAlertRow[];
  /** Open alerts in all, and the user's own. */
  total: number;
  mine: number;
}

export function alertRowsFrom(rows: readonly unknown[], what: string): WarehouseAlertRow[] {
  return parseRows(AlertRow, rows, what);
}

export function openAlertsFrom(rows: readonly unknown[]): OpenAlerts {
  const alerts = alertRowsFrom(rows, 'open alerts');
  return { alerts, total: alerts[0]?.total ?? 0, mine: alerts[0]?.mine ?? 0 };
}
