/**
 * The daily scan on both stores over the same customers (warehouse-world.ts): a day's edits go into
 * the sheet's customer tab, and the warehouse's customers table is loaded again from the same rows,
 * scored by the add-on's scorer on that day, as a team's nightly loader would. The score history,
 * alerts and change tables are kept.
 */
import { loadSettings } from '../../src/app/settings-store';
import { segmentConfig, segmentRecords } from '../../src/app/segments/portfolio';
import { readCustomers } from '../../src/core/sheet/read-customers';
import { customerRow, tagRows, type SqlValue } from '../../src/core/sql';
import { readAlerts, type Alert } from '../../src/core/watch/alerts';
import { WH_HEADERS, type WarehouseWorlds } from './warehouse-world';

function insert(w: WarehouseWorlds, table: string, row: Record<string, SqlValue>): void {
  const cols = Object.keys(row);
  const values: Record<string, string | number> = {};
  const refs = cols.map((c, i) => {
    const v = row[c];
    if (v === null || v === undefined) return 'NULL';
    values[`v${i}`] = v as string | number;
    return `$v${i}`;
  });
  w.db.run(
    `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${refs.join(', ')})`,
    values,
  );
}

/** The warehouse's customers and tags replaced by the sheet's rows, scored on the worlds' day. */
export function reloadWarehouse(w: WarehouseWorlds): void {
  const ctx = w.sheet.ctx();
  const { settings } = loadSettings(ctx.userStore);
  // The tab's own header row: a test may add a column (Churn date) the generated rows lack.
  const [header, ...rows] = w.sheet.world.spreadsheets.get(settings.spreadsheetId!)!.sheet('Customers')!.rows;
  const headers = (header ?? WH_HEADERS).map(String);
  const read = readCustomers({ sheetName: 'Customers', headers, rows, timeZone: 'UTC' });
  const config = segmentConfig(ctx, settings.spreadsheetId!, headers);
  const records = segmentRecords(ctx, settings, config, read.customers, 'UTC');
  w.db.run('DELETE FROM customer_tags', {});
  w.db.run('DELETE FROM customers', {});
  for (const r of records) {
    insert(w, 'customers', customerRow(r, w.map));
    for (const t of tagRows(r)) insert(w, 'customer_tags', t);
  }
}

/** The sheet's Alerts tab. */
export function sheetAlerts(w: WarehouseWorlds): Alert[] {
  const { settings } = loadSettings(w.sheet.ctx().userStore);
  const tab = w.sheet.world.spreadsheets.get(settings.spreadsheetId!)!.sheet('Alerts');
  return tab ? readAlerts(tab.rows).alerts : [];
}

/** Every alert in the warehouse with its latest state, as the Alerts tab's alerts. */
export function warehouseAlerts(w: WarehouseWorlds): Alert[] {
  const answer = w.db.run(
    'SELECT alert_id, email, kind, reason, customer, owner, move, at_ms, state FROM alerts_current',
    {},
  );
  return answer.rows.map(([key, email, kind, reason, customer, owner, move, at, state]) => ({
    key: String(key),
    raised: new Date(Number(at)).toISOString().slice(0, 10),
    customer: String(customer ?? ''),
    email: String(email),
    owner: String(owner ?? ''),
    kind: kind as Alert['kind'],
    reason: String(reason),
    move: String(move ?? ''),
    status: state as Alert['status'],
  }));
}

/** Raise rows in the alerts table (a duplicate raise of one id would be two). */
export function raiseRows(w: WarehouseWorlds): number {
  return Number(w.db.run('SELECT COUNT(*) FROM alerts', {}).rows[0]![0]);
}

/** What two alerts lists must agree on, in a stable order. */
export const comparable = (alerts: readonly Alert[]) =>
  alerts
    .map((a) => [a.key, a.raised, a.customer, a.email, a.owner, a.kind, a.reason, a.move].join(' ¦ '))
    .sort();
