/**
 * Issue 21: alerts on the BigQuery store through the dispatcher and the BigQuery stand-in: the
 * homepage reads the open alerts (the user's own first) in one query, Done / Snooze / Seen append
 * 'alertState' changes, two teammates acting on one alert at once both land and the newest by (time,
 * change id) is what everyone sees; Settings → Scan now and the hourly trigger run the warehouse
 * scan. Clocks are pinned (WH_NOW).
 */
import { appEntry } from '../../src/app/entry';
import { buildSettingsCard } from '../../src/app/handlers/settings';
import { LAST_SCAN_KEY } from '../../src/app/watch/scan';
import { SETTINGS_KEY } from '../../src/app/settings-store';
import type { AppContext } from '../../src/app/context';
import { act } from '../helpers/stand-in-context';
import { shownCard } from '../helpers/shown-card';
import { warehouseRows, warehouseWorlds, type WarehouseWorlds } from '../helpers/warehouse-world';
import { warehouseAlerts } from '../helpers/warehouse-scan-world';

const DAY = 86_400_000;
const SOFIA = 'sofia@nimbus.example';
const LARS = 'lars@fjord.example';
let w: WarehouseWorlds;

beforeAll(async () => {
  w = await warehouseWorlds(warehouseRows(80, 3));
}, 60_000);
afterAll(() => w.close());

const as = (user: string): AppContext => ({ ...w.warehouse.ctx(), session: { email: () => user } });
const home = (user: string) => JSON.stringify(shownCard(act(as(user), 'refreshHome')));
const openTitle = (card: string) => /Alerts · (\d+) open( for you)?/.exec(card);
const stateOf = (key: string) =>
  String(w.db.run('SELECT state FROM alerts_current WHERE alert_id = $k', { k: key }).rows[0]![0]);
const changes = () => Number(w.db.run('SELECT COUNT(*) FROM alert_changes', {}).rows[0]![0]);

describe('alerts on the BigQuery store', () => {
  it('Scan now runs the scan in the card and says what it raised; Settings no longer says it is unavailable', () => {
    const settings = JSON.stringify(buildSettingsCard(w.warehouse.ctx()));
    expect(settings).not.toMatch(/Not available with the BigQuery store yet: the daily scan/);
    const r = act(w.warehouse.ctx(), 'scanNow');
    const raised = warehouseAlerts(w).length;
    expect(raised).toBeGreaterThan(5);
    expect(JSON.stringify(r)).toContain(`Scanned BigQuery: ${raised} new alerts`);
  });

  it("the homepage shows the user's own open alerts first, from one query", () => {
    const all = warehouseAlerts(w);
    const sofias = all.filter((a) => a.owner.toLowerCase() === SOFIA);
    expect(sofias.length).toBeGreaterThan(0);
    const before = w.warehouse.traffic.calls;
    const card = home(SOFIA);
    // Totals with call first, the trend with the value lines (none stored yet), and the alerts.
    expect(w.warehouse.traffic.calls - before).toBe(3);
    expect(openTitle(card)?.slice(1)).toEqual([String(sofias.length), ' for you']);
    const section = (JSON.parse(card) as { sections: { header?: string }[] }).sections.find((x) =>
      x.header?.startsWith('Alerts ·'),
    );
    const shownEmails = [...JSON.stringify(section).matchAll(/"email":"([^"]+)"/g)].map((m) => m[1]);
    expect(shownEmails.length).toBeGreaterThan(0);
    for (const e of shownEmails) expect(sofias.some((a) => a.email === e)).toBe(true);
    // Someone who owns none sees the team's.
    expect(openTitle(home('nobody@nimbus.example'))?.slice(1)).toEqual([String(all.length), undefined]);
  });

  it('Done hides an alert; Snooze hides it for 7 days; both are appended changes', () => {
    const mine = warehouseAlerts(w).filter((a) => a.owner.toLowerCase() === SOFIA);
    const [done, snoozed] = [mine[0]!, mine[1]!];
    const n = changes();
    expect(JSON.stringify(act(as(SOFIA), 'alertStatus', { key: done.key, change: 'done' }))).toContain(
      'Marked done',
    );
    const snooze = JSON.stringify(act(as(SOFIA), 'alertStatus', { key: snoozed.key, change: 'snoozed' }));
    expect(snooze).toContain('Snoozed until 2026-11-27');
    expect(changes()).toBe(n + 2);
    expect(openTitle(home(SOFIA))?.[1]).toBe(String(mine.length - 2));
    w.warehouse.world.clock.advance(6 * DAY);
    expect(openTitle(home(SOFIA))?.[1]).toBe(String(mine.length - 2));
    w.warehouse.world.clock.set('2026-11-27T00:00:00Z');
    expect(openTitle(home(SOFIA))?.[1]).toBe(String(mine.length - 1));
    expect(stateOf(snoozed.key)).toBe('snoozed');
    expect(stateOf(done.key)).toBe('done');
  });

  it('two teammates acting on one alert at once both land; the newest by (time, change id) wins', () => {
    const alert = warehouseAlerts(w).find((a) => a.owner.toLowerCase() === LARS)!;
    const n = changes();
    // The same millisecond (the pinned clock): the larger change id is the newer.
    act(as(SOFIA), 'alertStatus', { key: alert.key, change: 'acknowledged' });
    act(as(LARS), 'alertStatus', { key: alert.key, change: 'done' });
    expect(changes()).toBe(n + 2);
    const rows = w.db.run(
      'SELECT change_id, state, author FROM alert_changes WHERE alert_id = $k ORDER BY at_ms DESC, change_id DESC',
      { k: alert.key },
    ).rows;
    expect(rows.map((r) => r[2])).toEqual(expect.arrayContaining([SOFIA, LARS]));
    expect(stateOf(alert.key)).toBe(rows[0]![1]);
    // A second later, Sofia's snooze is the newest whatever its id.
    w.warehouse.world.clock.advance(1_000);
    act(as(SOFIA), 'alertStatus', { key: alert.key, change: 'snoozed' });
    expect(stateOf(alert.key)).toBe('snoozed');
  });

  it('the hourly trigger scans the warehouse once a day at the chosen hour', () => {
    const ctx = w.warehouse.ctx();
    const settings = JSON.parse(ctx.userStore.get(SETTINGS_KEY)!) as Record<string, unknown>;
    ctx.userStore.set(
      SETTINGS_KEY,
      JSON.stringify({ ...settings, watch: { enabled: true, digest: true, hourUtc: 5 } }),
    );
    w.warehouse.world.clock.set('2026-12-02T06:00:00Z');
    const before = warehouseAlerts(w).length;
    const hourly = () =>
      appEntry(
        () => w.warehouse.ctx(),
        (e) => {
          throw e;
        },
      ).hourly();
    const first = hourly();
    expect(first.errors).toEqual([]);
    expect(first.scanned).toBe(true);
    expect(w.warehouse.ctx().userStore.get(LAST_SCAN_KEY)).toBe('2026-12-02');
    expect(warehouseAlerts(w).length).toBeGreaterThan(before);
    w.warehouse.world.clock.advance(3_600_000);
    expect(hourly().scanned).toBe(false);
  });
});
