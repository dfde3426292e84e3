/**
 * The warehouse homepage's day figures (trend and value lines): the hourly trigger stores them in a
 * tab of the connected sheet, the homepage reads them there instead of computing them, shows the same
 * figures and says when they were computed; missing, unreadable or yesterday's, the homepage
 * computes them itself and stores them again. A teammate's change shows at once in the live totals
 * and in the trend after the next hourly run (the card says the trend is behind until then). Through the dispatcher
 * and the hourly entry point, on the BigQuery stand-in, with pinned clocks.
 */
import { appEntry } from '../../src/app/entry';
import { SYNC_STATE_KEY } from '../../src/app/jobs/source-sync-job';
import { newSyncState } from '../../src/core/sync/sync-state';
import { DAY_FIGURES_TAB, readDayFigures } from '../../src/app/warehouse-day-figures';
import type { Card } from '../../src/ui/card/types';
import { act } from '../helpers/stand-in-context';
import { shownCard } from '../helpers/shown-card';
import { warehouseRows, warehouseWorlds, type WarehouseWorlds } from '../helpers/warehouse-world';

let w: WarehouseWorlds;

beforeAll(async () => {
  w = await warehouseWorlds(warehouseRows(240, 5));
}, 60_000);

afterAll(() => w.close());

/** The homepage as a card button opens it (`refreshHome`: its Refresh button). */
function home(action: 'homePage' | 'refreshHome' = 'homePage'): { card: Card; calls: number } {
  const before = w.warehouse.traffic.calls;
  const card = shownCard(act(w.warehouse.ctx(), action, action === 'homePage' ? { page: '0' } : {}));
  return { card, calls: w.warehouse.traffic.calls - before };
}

const hourly = () =>
  appEntry(
    () => w.warehouse.ctx(),
    (e) => {
      throw e;
    },
  ).hourly();

const widgets = (card: Card) => card.sections.flatMap((s) => s.widgets);
/** Everything the portfolio shows (figures, bands, call first, churn bars), not the freshness line. */
function portfolio(card: Card): string[] {
  return widgets(card)
    .filter((x) => x.kind === 'decoratedText' || x.kind === 'textParagraph')
    .map((x) => JSON.stringify(x))
    .filter((x) => !x.includes('Live from BigQuery'));
}
/** A headline figure as a number ("1,204" → 1204). */
function figure(card: Card, label: string): number {
  const found = widgets(card).find((x) => x.kind === 'decoratedText' && x.topLabel === label);
  return Number(String(found && 'text' in found ? found.text : '').replace(/,/g, ''));
}
const freshness = (card: Card) =>
  widgets(card)
    .map((x) => JSON.stringify(x))
    .find((x) => x.includes('Live from BigQuery'));
const stored = () => readDayFigures(w.warehouse.ctx(), w.warehouse.spreadsheetId);
const tab = () => w.warehouse.ctx().tabs(w.warehouse.spreadsheetId);

describe('the warehouse homepage’s day figures', () => {
  it('are computed by the hourly trigger and read by the homepage, which shows the same figures', () => {
    w.warehouse.world.clock.set('2026-11-20T06:00:00Z');
    // The homepage before any trigger ran: it computes the trend and value lines itself.
    const computed = home();
    expect(computed.calls).toBe(3);
    tab().replace(DAY_FIGURES_TAB, []);
    expect(stored()).toBeUndefined();

    const report = hourly();
    expect(report.errors).toEqual([]);
    expect(stored()?.asOf).toBe('2026-11-20T06:00:00.000Z');
    w.warehouse.world.clock.set('2026-11-20T09:30:00Z');
    const read = home();
    // The live job (totals, call first) and the alerts: the trend comes from the tab.
    expect(read.calls).toBe(2);
    expect(portfolio(read.card)).toEqual(portfolio(computed.card));
    expect(portfolio(read.card).some((x) => x.includes('Churn in'))).toBe(true);
    expect(freshness(read.card)).toContain('at 09:30 UTC · trend as of 06:00 UTC');
    // A later run the same day finds them and computes nothing.
    const calls = w.warehouse.traffic.calls;
    w.warehouse.world.clock.set('2026-11-20T10:00:00Z');
    expect(hourly().errors).toEqual([]);
    expect(stored()?.asOf).toBe('2026-11-20T06:00:00.000Z');
    expect(w.warehouse.traffic.calls - calls).toBeLessThan(3);
  });

  it('are computed by the homepage when the tab is missing, cleared, pasted over or from yesterday', () => {
    w.warehouse.world.clock.set('2026-11-21T08:00:00Z');
    hourly();
    const reference = home();
    expect(reference.calls).toBe(2);
    const damage: [string, () => void][] = [
      ['deleted', () => tab().replace(DAY_FIGURES_TAB, [])],
      ['pasted over', () => tab().replace(DAY_FIGURES_TAB, [['Notes'], ['call Bob on Monday']])],
      ['truncated', () => tab().replace(DAY_FIGURES_TAB, [['x'], ['j{"v":1,"table":']])],
    ];
    for (const [what, spoil] of damage) {
      spoil();
      const again = home();
      expect([what, again.calls]).toEqual([what, 3]);
      expect(portfolio(again.card)).toEqual(portfolio(reference.card));
      // Stored again for the next teammate.
      expect(stored()?.day).toBe('2026-11-21');
      expect(home().calls).toBe(2);
    }
    // The next day, before its trigger ran: yesterday's figures are not shown as today's.
    w.warehouse.world.clock.set('2026-11-22T07:00:00Z');
    expect(home().calls).toBe(3);
    expect(stored()?.day).toBe('2026-11-22');
  });

  it('a teammate marking a customer churned shows at once in the totals, and in the trend after the next hourly run', () => {
    w.warehouse.world.clock.set('2026-11-23T06:00:00Z');
    hourly();
    w.warehouse.world.clock.set('2026-11-23T09:00:00Z');
    const before = home();
    expect(before.calls).toBe(2);
    const active = figure(before.card, 'Active customers');
    expect(active).toBeGreaterThan(10);
    expect(freshness(before.card)).not.toContain('before the latest changes');
    const storedBefore = stored()!;

    const status = 14; // WH_HEADERS' Status column
    const email = String(w.rows.find((r) => String(r[status]).toLowerCase() !== 'churned')![0]);
    w.warehouse.world.clock.set('2026-11-23T09:05:00Z');
    expect(JSON.stringify(act(w.warehouse.ctx(), 'markStatus', { email, status: 'churned' }))).toContain(
      'Marked as churned',
    );
    w.warehouse.world.clock.set('2026-11-23T09:10:00Z');
    const after = home();
    // Live: one active customer fewer at once, still two jobs (no full scan on the card).
    expect(figure(after.card, 'Active customers')).toBe(active - 1);
    expect(after.calls).toBe(2);
    expect(freshness(after.card)).toContain('trend as of 06:00 UTC, before the latest changes');
    expect(stored()!.asOf).toBe(storedBefore.asOf);
    // The next hourly run sees the newer change and computes the figures again, with its time.
    w.warehouse.world.clock.set('2026-11-23T10:00:00Z');
    expect(hourly().errors).toEqual([]);
    expect(stored()!.asOf).toBe('2026-11-23T10:00:00.000Z');
    expect(stored()!.changedMs).toBeGreaterThan(storedBefore.changedMs ?? 0);
    w.warehouse.world.clock.set('2026-11-23T10:30:00Z');
    const caughtUp = home();
    expect(caughtUp.calls).toBe(2);
    expect(freshness(caughtUp.card)).toContain('trend as of 10:00 UTC');
    expect(freshness(caughtUp.card)).not.toContain('before the latest changes');
    // And the run after that keeps them.
    w.warehouse.world.clock.set('2026-11-23T11:00:00Z');
    hourly();
    expect(stored()!.asOf).toBe('2026-11-23T10:00:00.000Z');
  });

  it('Refresh recomputes them when a change came after them, and only then', () => {
    w.warehouse.world.clock.set('2026-11-25T06:00:00Z');
    hourly();
    w.warehouse.world.clock.set('2026-11-25T09:00:00Z');
    expect(home('refreshHome').calls).toBe(2);
    expect(stored()!.asOf).toBe('2026-11-25T06:00:00.000Z');
    const status = 14; // WH_HEADERS' Status column
    const email = String(w.rows.filter((r) => String(r[status]).toLowerCase() !== 'churned')[3]![0]);
    act(w.warehouse.ctx(), 'markStatus', { email, status: 'churned' });
    w.warehouse.world.clock.set('2026-11-25T09:20:00Z');
    expect(freshness(home().card)).toContain('before the latest changes');
    const refreshed = home('refreshHome');
    expect(refreshed.calls).toBe(3);
    expect(stored()!.asOf).toBe('2026-11-25T09:20:00.000Z');
    expect(freshness(refreshed.card)).not.toContain('trend as of');
  });

  it('a table reloaded by the source sync since the morning makes the next trigger run compute them again', () => {
    w.warehouse.world.clock.set('2026-11-24T06:00:00Z');
    hourly();
    expect(stored()?.asOf).toBe('2026-11-24T06:00:00.000Z');
    w.warehouse.world.clock.set('2026-11-24T07:00:00Z');
    hourly();
    expect(stored()?.asOf).toBe('2026-11-24T06:00:00.000Z');
    // This user's sync swapped a reloaded table in at 07:30 (a finished sync: nothing left to run).
    const swapped = Date.parse('2026-11-24T07:30:00Z');
    const state = { ...newSyncState('acme.crm.customers', 's1', swapped - 60_000), phase: 'done' as const };
    w.warehouse
      .ctx()
      .userStore.set(
        SYNC_STATE_KEY,
        JSON.stringify({ ...state, finishedMs: swapped, lastSuccess: { ms: swapped, customers: 240 } }),
      );
    w.warehouse.world.clock.set('2026-11-24T08:00:00Z');
    expect(hourly().errors).toEqual([]);
    expect(stored()?.asOf).toBe('2026-11-24T08:00:00.000Z');
  });
});
