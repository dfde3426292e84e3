/**
 * Issue 21: the daily scan on the BigQuery store (src/app/watch/warehouse-scan.ts), through the
 * BigQuery stand-in on DuckDB, against the sheet's scan on the same customers: the same alerts (key,
 * day, customer, owner, kind, reason, suggested move) and the same digests, day after day; nothing
 * raised twice when a day is scanned again or a page is repeated after an execution ended; a scan that
 * runs out of time goes on from its cursor in the next execution. Clocks are pinned (WH_NOW).
 */
import { runDailyScan } from '../../src/app/watch/scan';
import { recordEmailSignal } from '../../src/app/watch/email-signals';
import { VALUE_LINES_KEY } from '../../src/app/value-lines';
import {
  loadWarehouseScan,
  requestWarehouseScan,
  stepWarehouseScan,
  WAREHOUSE_SCAN_KEY,
  type WarehouseScanStep,
} from '../../src/app/watch/warehouse-scan';
import type { AppContext } from '../../src/app/context';
import { warehouseRows, warehouseWorlds, WH_HEADERS, type WarehouseWorlds } from '../helpers/warehouse-world';
import {
  comparable,
  raiseRows,
  reloadWarehouse,
  sheetAlerts,
  warehouseAlerts,
} from '../helpers/warehouse-scan-world';

const DAY = 86_400_000;
let w: WarehouseWorlds;

beforeAll(async () => {
  w = await warehouseWorlds(warehouseRows(160, 7));
}, 60_000);
afterAll(() => w.close());

const col = (h: string) => WH_HEADERS.indexOf(h);
const sheetRows = () => {
  const ctx = w.sheet.ctx();
  const id = JSON.parse(ctx.userStore.get('churnguard.settings') ?? '{}').spreadsheetId as string;
  return w.sheet.world.spreadsheets.get(id)!.sheet('Customers')!.rows;
};

/** The warehouse scan to its end, an execution per step (as the hourly runs would). */
function warehouseScan(restart = false): Extract<WarehouseScanStep, { kind: 'finished' }> {
  const ctx = w.warehouse.ctx();
  requestWarehouseScan(ctx, w.warehouse.spreadsheetId, restart);
  for (let i = 0; i < 50; i++) {
    const c = w.warehouse.ctx();
    const step = stepWarehouseScan(c, c.warehouse!()!, 'trigger');
    if (step.kind === 'finished') return step;
  }
  throw new Error('the warehouse scan did not finish');
}

/** The sheet's stored value lines, so both scans word moves against the same guard rails. */
function shareValueLines() {
  const lines = w.sheet.ctx().userStore.get(VALUE_LINES_KEY);
  const store = w.warehouse.ctx().userStore;
  if (lines) store.set(VALUE_LINES_KEY, lines);
  else store.delete(VALUE_LINES_KEY);
}

const digests = (world: WarehouseWorlds['sheet']['world']) =>
  world.mail.outbox
    .filter((m) => m.subject.startsWith('ChurnGuard:'))
    .map((m) => `${m.to.join(',')} ¦ ${m.subject} ¦ ${m.body}`)
    .sort();

function signal(ctx: AppContext, email: string, id: string) {
  recordEmailSignal(ctx.userStore, {
    email,
    messageId: id,
    day: '2026-11-20',
    label: 'Cancellation',
    phrase: 'we want to cancel',
  });
}

describe('the daily scan on the BigQuery store', () => {
  it('raises the same alerts and digests as the sheet scan, day after day, each once', () => {
    const email = String(w.rows[3]![0]);
    signal(w.sheet.ctx(), email, 'msg-1');
    signal(w.warehouse.ctx(), email, 'msg-1');
    const perDay: number[] = [];
    for (let d = 0; d < 4; d++) {
      if (d > 0) {
        w.sheet.world.clock.advance(DAY);
        w.warehouse.world.clock.advance(DAY);
      }
      if (d === 1 || d === 3) {
        // Invoices turn overdue and scores fall to detractor: the change events need yesterday's state.
        const rows = sheetRows();
        for (let i = 1 + d; i < rows.length; i += 5) {
          rows[i]![col('Overdue invoices')] = 2;
          rows[i]![col('NPS')] = 3;
        }
        for (let i = 2 + d; i < rows.length; i += 7) rows[i]![col('Logins this month')] = 0;
      }
      reloadWarehouse(w);
      shareValueLines();
      const sheet = runDailyScan(w.sheet.ctx());
      const warehouse = warehouseScan();
      expect(warehouse.scan.alerts).toBe(sheet.alerts);
      expect(comparable(warehouseAlerts(w))).toEqual(comparable(sheetAlerts(w)));
      perDay.push(warehouse.scan.alerts);
    }
    const alerts = warehouseAlerts(w);
    expect(alerts.length).toBe(perDay.reduce((a, b) => a + b, 0));
    expect(raiseRows(w)).toBe(alerts.length);
    expect(alerts.some((a) => a.kind === 'churnEmail')).toBe(true);
    expect(alerts.some((a) => a.kind === 'paymentOverdue')).toBe(true);
    expect(alerts.some((a) => a.kind === 'npsDetractor')).toBe(true);
    expect(alerts.some((a) => a.move !== '')).toBe(true);
    expect(perDay.slice(1).some((n) => n > 0)).toBe(true);
    expect(digests(w.warehouse.world)).toEqual(digests(w.sheet.world));
    expect(digests(w.warehouse.world).length).toBeGreaterThan(0);
    // Today's history row per customer, once, however many scans ran (recordScan is once a day).
    const history = w.db.run(
      'SELECT day, COUNT(*), COUNT(DISTINCT email) FROM score_history GROUP BY day',
      {},
    );
    expect(history.rows).toHaveLength(4);
    for (const [, n, distinct] of history.rows) expect(Number(n)).toBe(Number(distinct));
    // No risk field change per customer per day: the daily risk lives in score_history.
    expect(Number(w.db.run('SELECT COUNT(*) FROM customer_changes', {}).rows[0]![0])).toBe(0);
  });

  it('scanning the same day again raises nothing and mails nothing', () => {
    const before = { raises: raiseRows(w), mails: w.warehouse.world.mail.outbox.length };
    const again = warehouseScan(true);
    expect(again.scan.alerts).toBe(0);
    expect(again.scan.events).toBeGreaterThan(0);
    expect(raiseRows(w)).toBe(before.raises);
    expect(w.warehouse.world.mail.outbox.length).toBe(before.mails);
  });

  it('resumes from its cursor when an execution ends mid-scan, and a repeated page raises nothing twice', () => {
    const rows = sheetRows();
    const nextDay = () => {
      w.warehouse.world.clock.advance(DAY);
      w.sheet.world.clock.advance(DAY);
    };
    // A day with these invoices paid, scanned on both stores, then a day with them overdue.
    nextDay();
    for (let i = 1; i < rows.length; i += 3) rows[i]![col('Overdue invoices')] = 0;
    reloadWarehouse(w);
    shareValueLines();
    runDailyScan(w.sheet.ctx());
    warehouseScan();
    nextDay();
    for (let i = 1; i < rows.length; i += 3) rows[i]![col('Overdue invoices')] = 3;
    reloadWarehouse(w);
    const before = raiseRows(w);
    const ctx = w.warehouse.ctx();
    requestWarehouseScan(ctx, w.warehouse.spreadsheetId, true);
    // Small pages, so the scan needs several executions.
    const job = loadWarehouseScan(ctx)!;
    ctx.userStore.set(WAREHOUSE_SCAN_KEY, JSON.stringify({ ...job, pageSize: 4 }));
    const step = () => {
      const c = w.warehouse.ctx();
      return stepWarehouseScan(c, c.warehouse!()!, 'card');
    };
    expect(step().kind).toBe('running');
    const afterFirst = ctx.userStore.get(WAREHOUSE_SCAN_KEY)!;
    expect(step().kind).toBe('running');
    // The execution ended after the second page's INSERT, before its cursor was saved: it runs again.
    const raisedSoFar = raiseRows(w);
    ctx.userStore.set(WAREHOUSE_SCAN_KEY, afterFirst);
    expect(step().kind).toBe('running');
    expect(raiseRows(w)).toBe(raisedSoFar);
    let last: WarehouseScanStep = { kind: 'idle' };
    for (let i = 0; i < 200 && last.kind !== 'finished'; i++) last = step();
    expect(last.kind).toBe('finished');
    expect(JSON.parse(afterFirst).pages).toBe(1);
    const raised = raiseRows(w) - before;
    expect(raised).toBeGreaterThan(4);
    // The same day on the sheet raises the same alerts.
    shareValueLines();
    runDailyScan(w.sheet.ctx());
    expect(comparable(warehouseAlerts(w))).toEqual(comparable(sheetAlerts(w)));
    expect(raiseRows(w)).toBe(warehouseAlerts(w).length);
  });
});
