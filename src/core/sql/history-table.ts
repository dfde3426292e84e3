/**
 * The warehouse's score history: one row per customer per scan day, appended by the daily scan and
 * never updated, holding what the History tab keeps of a scan (src/core/watch/history.ts): the
 * rounded score and band of each day, and the state the next scan compares with (overdue invoices,
 * NPS). Concurrent scans only append; of two rows for one customer and day the later `written_ms`
 * wins, as "one point a day: the last written wins" in the tab. On BigQuery, cluster it by
 * (day, email) so the scan's "latest day before today" reads a bounded part.
 */
import { calendarDay } from '../time/calendar';
import { ParamBag, type SqlQuery } from './params';
import { CURRENT_TABLES, identifier, type ReadTables, type SqlType } from './schema';

export const HISTORY_TABLE = 'score_history';

export const HISTORY_COLUMNS = [
  { name: 'email', type: 'STRING', about: 'the customer, lower case (the History tab keys rows by it)' },
  { name: 'day', type: 'STRING', about: "the scan's UTC day, YYYY-MM-DD" },
  { name: 'score', type: 'INT64', about: 'risk score rounded as the tab writes it; NULL when unscored' },
  { name: 'band', type: 'STRING', about: 'Critical, High, Medium, Low or Unknown' },
  { name: 'overdue_invoices', type: 'FLOAT64', about: 'overdue invoices that day, NULL when unknown' },
  { name: 'nps', type: 'FLOAT64', about: 'NPS that day, NULL when unknown' },
  { name: 'written_ms', type: 'INT64', about: 'when the row was appended, epoch ms' },
  // What a threshold event's key is made of, so the next scan can tell an event it already raised.
  { name: 'last_activity_ms', type: 'INT64', about: 'last activity that day, epoch ms' },
  { name: 'renewal_ms', type: 'INT64', about: 'renewal date that day, epoch ms' },
  { name: 'calendar_day', type: 'INT64', about: "that day in the sheet's time zone, days since 1970-01-01" },
] as const satisfies readonly { name: string; type: SqlType; about: string }[];

export function createHistoryTableSql(dataset = '', { ifNotExists = false } = {}): string {
  const table = dataset ? `${identifier(dataset)}.${identifier(HISTORY_TABLE)}` : identifier(HISTORY_TABLE);
  return `CREATE TABLE ${ifNotExists ? 'IF NOT EXISTS ' : ''}${table} (${HISTORY_COLUMNS.map((c) => `${identifier(c.name)} ${c.type}`).join(', ')})`;
}

/**
 * Today's rows from the customers table (every customer, churned too, as the scan writes the tab),
 * in one statement, read through the latest-state views by default, so the status, score and band
 * are recorded as ChurnGuard's own changes left them. A customer who already has a row for the day
 * gets none, so a scan killed and repeated appends nothing twice.
 *
 * A churned customer raises no silence or renewal, so their row keeps no threshold facts (last
 * activity and renewal NULL): `onlyNew` must not count a silence as seen that was never raised, or a
 * customer marked active again would miss the alert the sheet's Alerts tab raises (found by
 * test/app/warehouse-scan.fuzz.test.ts in its long run). Through the views this holds for a customer
 * marked churned from the card too (test/app/warehouse-card-scan.test.ts).
 */
export function insertHistorySql(
  now: Date,
  timeZone?: string,
  tables: ReadTables = CURRENT_TABLES,
): SqlQuery {
  const params = new ParamBag();
  const day = params.add('STRING', now.toISOString().slice(0, 10));
  const written = params.add('INT64', now.getTime());
  const calendar = params.add('INT64', calendarDay(now, timeZone).getTime() / 86_400_000);
  const c = (name: string) => `c.${identifier(name)}`;
  const churned = params.add('STRING', 'churned');
  const ifAlertable = (name: string) => `CASE WHEN ${c('status')} = ${churned} THEN NULL ELSE ${c(name)} END`;
  const columns = HISTORY_COLUMNS.map((col) => identifier(col.name)).join(', ');
  return params.query(
    [
      `INSERT INTO ${identifier(HISTORY_TABLE)} (${columns})`,
      `SELECT ${c('email')}, ${day}, CAST(ROUND(${c('risk_score')}) AS INT64), ${c('risk_band')},`,
      `${c('overdue_invoices__num')}, ${c('nps__num')}, ${written},`,
      `${ifAlertable('last_activity_ms')}, ${ifAlertable('renewal_ms')}, ${calendar}`,
      `FROM ${identifier(tables.customers)} AS c`,
      `WHERE NOT EXISTS (SELECT 1 FROM ${identifier(HISTORY_TABLE)} AS h`,
      `WHERE h.${identifier('email')} = ${c('email')} AND h.${identifier('day')} = ${day})`,
    ].join(' '),
  );
}
