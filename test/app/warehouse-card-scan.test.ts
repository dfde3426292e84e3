/**
 * Issue 21: a status set from the customer card on the BigQuery store reaches the daily scan, the
 * score history, the value lines and the month trend, which read the latest-state views. The card's
 * Mark churned goes through the dispatcher on both stores (the warehouse appends a change, its base
 * table still says active; the sheet writes the Status cell); the next scan raises no silence or
 * renewal alert for the customer on either, and the same alerts otherwise. Marked saved the next day,
 * the customer is scanned again and re-alerted, because the churned day's history row kept no
 * threshold facts (history-table.ts). A tag set from the card reaches the alert's suggested move
 * (a segment playbook on the tag), as on the sheet. Clocks are pinned (WH_NOW).
 */
import { recordEmailSignal } from '../../src/app/watch/email-signals';
import { runDailyScan } from '../../src/app/watch/scan';
import { VALUE_LINES_KEY } from '../../src/app/value-lines';
import { requestWarehouseScan, stepWarehouseScan } from '../../src/app/watch/warehouse-scan';
import type { Customer } from '../../src/core/customers/customer';
import { portfolioMetrics } from '../../src/core/metrics/portfolio';
import { DEFAULT_PLAYBOOK_SETTINGS } from '../../src/core/playbooks/settings';
import { valueLines } from '../../src/core/playbooks/value';
import { readCustomers } from '../../src/core/sheet/read-customers';
import { DEFAULT_WATCH } from '../../src/core/watch/events';
import type { CustomerWarehouse } from '../../src/ports/customer-warehouse';
import { shownCard } from '../helpers/shown-card';
import { act } from '../helpers/stand-in-context';
import { comparable, reloadWarehouse, sheetAlerts, warehouseAlerts } from '../helpers/warehouse-scan-world';
import { warehouseRows, warehouseWorlds, WH_HEADERS, type WarehouseWorlds } from '../helpers/warehouse-world';

const DAY = 86_400_000;
const cents = (x: number) => Math.round(x * 100) / 100;
let w: WarehouseWorlds;

// A playbook on a tag, so a tag set from the card changes an alert's suggested move.
const SEGMENTS = [
  ['Segment', 'Query', 'Playbook', 'Description'],
  ['Watch list', 'Tag = watch-list', 'Check-in call', 'Tagged from the card'],
];

beforeAll(async () => {
  w = await warehouseWorlds(warehouseRows(160, 7), { Segments: SEGMENTS });
}, 60_000);
afterAll(() => w.close());

const store = (): CustomerWarehouse => w.warehouse.ctx().warehouse!()!;
const now = () => w.warehouse.world.clock.now();
const sheetCustomers = (): Customer[] => {
  const id = JSON.parse(w.sheet.ctx().userStore.get('churnguard.settings') ?? '{}').spreadsheetId as string;
  const rows = w.sheet.world.spreadsheets.get(id)!.sheet('Customers')!.rows.slice(1);
  return readCustomers({ sheetName: 'Customers', headers: WH_HEADERS, rows, timeZone: 'UTC' }).customers;
};

function warehouseScan(): void {
  requestWarehouseScan(w.warehouse.ctx(), w.warehouse.spreadsheetId, true);
  for (let i = 0; i < 50; i++) {
    const c = w.warehouse.ctx();
    if (stepWarehouseScan(c, c.warehouse!()!, 'trigger').kind === 'finished') return;
  }
  throw new Error('the warehouse scan did not finish');
}

/** Both scans on the day, worded against the same value lines. */
function scanBoth(): void {
  const lines = w.sheet.ctx().userStore.get(VALUE_LINES_KEY);
  if (lines) w.warehouse.ctx().userStore.set(VALUE_LINES_KEY, lines);
  else w.warehouse.ctx().userStore.delete(VALUE_LINES_KEY);
  runDailyScan(w.sheet.ctx());
  warehouseScan();
}

/** The card's tag save on both stores: the warehouse appends the difference from the tags its card showed. */
function addTag(email: string, tag: string): void {
  const card = JSON.stringify(shownCard(act(w.warehouse.ctx(), 'openTags', { email })));
  const m = /"tagsWas":"((?:[^"\\]|\\.)*)"/.exec(card);
  const shown = JSON.parse(JSON.parse(`"${m![1]}"`)) as string[];
  act(
    w.warehouse.ctx(),
    'saveTags',
    { email, impactWas: '', tagsWas: JSON.stringify(shown) },
    { tags: shown, newTag: tag },
  );
  act(w.sheet.ctx(), 'saveTags', { email, impactWas: '' }, { tags: shown, newTag: tag });
}

const mark = (email: string, status: 'churned' | 'saved') => {
  act(w.warehouse.ctx(), 'markStatus', { email, status });
  act(w.sheet.ctx(), 'markStatus', { email, status });
};

/** The trend's counts, comparable with portfolioMetrics' over the sheet store's customers. */
const counts = (t: ReturnType<CustomerWarehouse['monthTrend']>) =>
  t.map((m) => [
    m.start,
    m.customersAtStart,
    m.customersAtEnd,
    m.newCustomers,
    m.lostCustomers,
    cents(m.startingMrr),
  ]);
/**
 * The sheet of this world has no Churn date column, so its own Mark churned records no date; the
 * warehouse card records the day, so the customers in `churnedToday` get it here as the sheet
 * would with the column.
 */
function trendInMemory(churnedToday: ReadonlySet<string> = new Set()) {
  const today = new Date(Math.floor(now().getTime() / DAY) * DAY);
  const customers = sheetCustomers().map((c) => (churnedToday.has(c.email) ? { ...c, churnDate: today } : c));
  return store()
    .monthTrend(now())
    .map((m) => {
      const p = portfolioMetrics(
        customers,
        { start: new Date(m.start), end: new Date(m.end) },
        { today: now() },
      );
      return [
        m.start,
        p.customersAtStart,
        p.customersAtEnd,
        p.newCustomers,
        p.lostCustomers,
        cents(p.startingMrr),
      ];
    });
}

describe('card status changes on the BigQuery store reach the scan, history, value lines and trend', () => {
  let silent: string;
  let renewing: string;
  let linesBefore: ReturnType<CustomerWarehouse['valueLines']>;
  let trendBefore: ReturnType<typeof counts>;

  it('a customer marked churned from the card raises no alert and counts as churned', () => {
    reloadWarehouse(w);
    const events = store().scanEvents(DEFAULT_WATCH, { today: now(), timeZone: 'UTC', limit: 1000 }).events;
    // Active, with MRR (a value line counts them), and a renewal still ahead tomorrow.
    const byEmail = new Map(sheetCustomers().map((c) => [c.email, c]));
    const fits = (email: string) => {
      const c = byEmail.get(email);
      return c?.status === 'active' && c.mrr !== undefined;
    };
    silent = events.find((e) => e.kind === 'inactive' && fits(e.email))!.email;
    renewing = events.find(
      (e) =>
        e.kind === 'renewalSoon' &&
        fits(e.email) &&
        e.email !== silent &&
        byEmail.get(e.email)!.renewalDate!.getTime() > now().getTime() + 2 * DAY,
    )!.email;
    linesBefore = store().valueLines(DEFAULT_PLAYBOOK_SETTINGS, now());
    trendBefore = counts(store().monthTrend(now()));

    const tagged = events.find(
      (e) => e.kind === 'inactive' && fits(e.email) && e.email !== silent && e.email !== renewing,
    )!.email;
    mark(silent, 'churned');
    mark(renewing, 'churned');
    addTag(tagged, 'watch-list');
    // A cancellation email the sidebar queued for one of them: a churned customer gets no alert for it.
    for (const ctx of [w.sheet.ctx(), w.warehouse.ctx()])
      recordEmailSignal(ctx.userStore, {
        email: silent,
        messageId: 'msg-cancel',
        day: '2026-11-20',
        label: 'Cancellation',
        phrase: 'we want to cancel',
      });
    // The base table still says active: only the views know.
    const base = w.db.run(`SELECT status FROM customers WHERE email IN ($a, $b)`, { a: silent, b: renewing });
    expect(base.rows.map((r) => r[0])).toEqual(['active', 'active']);

    const after = store().scanEvents(DEFAULT_WATCH, { today: now(), timeZone: 'UTC', limit: 1000 }).events;
    expect(after.filter((e) => e.email === silent || e.email === renewing)).toEqual([]);
    expect(after.length).toBeLessThan(events.length);

    // Value lines: the two are no longer active customers with a value, exactly as the sheet counts them.
    const lines = store().valueLines(DEFAULT_PLAYBOOK_SETTINGS, now());
    expect(lines.customers).toBe(linesBefore.customers - 2);
    expect({ ...lines, computedAt: '' }).toEqual({
      ...valueLines(sheetCustomers(), DEFAULT_PLAYBOOK_SETTINGS, now()),
      computedAt: '',
    });
    // Trend: the card records today as the churn date, as the sheet's does, so the completed months
    // keep them as customers (without a date they would be in no month and every month would shrink).
    const trend = counts(store().monthTrend(now()));
    expect(trend).toEqual(trendBefore);
    expect(trend).toEqual(trendInMemory(new Set([silent, renewing])));

    scanBoth();
    const alerts = warehouseAlerts(w);
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.filter((a) => a.email === silent || a.email === renewing)).toEqual([]);
    expect(comparable(alerts)).toEqual(comparable(sheetAlerts(w)));
    // The tag set from the card chose the playbook's move (the loaded Tags cell does not have it).
    expect(alerts.find((a) => a.email === tagged && a.kind === 'inactive')?.move).toBe('Check-in call');
    // Their history rows keep no threshold facts: the views said churned.
    const history = w.db.run(
      'SELECT last_activity_ms, renewal_ms FROM score_history WHERE email IN ($a, $b)',
      { a: silent, b: renewing },
    );
    expect(history.rows).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('marked saved the next day, they are scanned and re-alerted, and count as active again', () => {
    w.sheet.world.clock.advance(DAY);
    w.warehouse.world.clock.advance(DAY);
    mark(silent, 'saved');
    mark(renewing, 'saved');
    // The next day's table from the team's source, which never heard of the card: churned there.
    reloadWarehouse(w);
    w.db.run(`UPDATE customers SET status = 'churned' WHERE email IN ($a, $b)`, { a: silent, b: renewing });

    expect(store().valueLines(DEFAULT_PLAYBOOK_SETTINGS, now()).customers).toBe(
      valueLines(sheetCustomers(), DEFAULT_PLAYBOOK_SETTINGS, now()).customers,
    );
    expect(counts(store().monthTrend(now()))).toEqual(trendInMemory());

    scanBoth();
    const alerts = warehouseAlerts(w);
    expect(alerts.some((a) => a.email === silent && a.kind === 'inactive')).toBe(true);
    expect(alerts.some((a) => a.email === renewing && a.kind === 'renewalSoon')).toBe(true);
    expect(comparable(alerts)).toEqual(comparable(sheetAlerts(w)));
  });
});
