/**
 * Settings → Customer store → "Refresh from source" through the dispatcher, on the BigQuery stand-in
 * over DuckDB with a team table of 1,200 rows: the card runs one bounded step (it starts the source
 * query) and the hourly trigger the rest; it refuses without a source and while a sync is
 * under way, its own or a teammate's; two teammates pressing at once start one sync (the ballot under
 * the shared lock), and a teammate's hourly run does not start a daily sync beside it.
 */
import { appEntry } from '../../../src/app/entry';
import { SETTINGS_KEY } from '../../../src/app/settings-store';
import { hourlySync, loadSyncState } from '../../../src/app/jobs/source-sync-job';
import { STALE_SYNC_MS, SYNCS_TAB } from '../../../src/app/jobs/sync-ballot';
import type { AppContext } from '../../../src/app/context';
import type { Card } from '../../../src/ui/card/types';
import { act } from '../../helpers/stand-in-context';
import { buttonParams, shownCard } from '../../helpers/shown-card';
import { createSourceTable } from '../../helpers/source-table';
import {
  WH_HEADERS,
  warehouseRows,
  warehouseWorlds,
  type WarehouseWorlds,
} from '../../helpers/warehouse-world';

const AM = 'am@nimbus.example';
const LARS = 'lars@fjord.example';
const SOURCE = 'acme-proj.churnguard.team_customers';
const HOUR = 3_600_000;

let w: WarehouseWorlds;

beforeAll(async () => {
  w = await warehouseWorlds(warehouseRows(20, 3));
  createSourceTable(w.db, 'team_customers', WH_HEADERS, warehouseRows(1_200, 9));
}, 60_000);
afterAll(() => w.close(), 60_000);

const world = () => w.warehouse.world;
const ctxOf = (user: string, kind: 'card' | 'trigger' = 'card'): AppContext => {
  // createContext binds the hourly sync to its own context: bind it to this one, on the world's clock.
  const ctx: AppContext = { ...w.warehouse.ctx(world().startExecution({ kind, user })) };
  ctx.sourceSync = () => void hourlySync(ctx);
  return ctx;
};
const text = (x: unknown) => JSON.stringify(x);

function setSource(user: string, source: string | undefined) {
  world()
    .account(user)
    .properties.put(
      SETTINGS_KEY,
      JSON.stringify({
        spreadsheetId: w.warehouse.spreadsheetId,
        store: {
          kind: 'bigquery',
          projectId: 'acme-proj',
          datasetId: 'churnguard',
          ...(source ? { source } : {}),
        },
      }),
    );
}

const settingsCard = (user: string) => shownCard(act(ctxOf(user), 'openSettings')) as Card;
const press = (user: string) => act(ctxOf(user), 'refreshFromSource');
const notice = (r: ReturnType<typeof press>) => ('notification' in r ? String(r.notification) : '');
const ballotRows = () =>
  world().spreadsheets.get(w.warehouse.spreadsheetId)!.sheet(SYNCS_TAB)?.rows.slice(1) ?? [];
const customers = () => Number(w.db.run('SELECT COUNT(*) FROM customers', {}).rows[0]![0]);

function hourly(user: string) {
  const report = appEntry(
    () => ctxOf(user, 'trigger'),
    (e) => {
      throw e;
    },
  ).hourly();
  expect(report.errors).toEqual([]);
}

describe('Refresh from source', () => {
  it('is offered only with a source, and refused with the reason without one', () => {
    setSource(AM, undefined);
    expect(text(settingsCard(AM))).not.toContain('Refresh from source');
    expect(() => press(AM)).toThrow(/No source table or view/);
    setSource(AM, SOURCE);
    expect(buttonParams(settingsCard(AM), /^Refresh from source$/)).toEqual({});
  });

  it('starts one sync for two teammates, steps it in the card, and the hourly run finishes it', () => {
    setSource(AM, SOURCE);
    setSource(LARS, SOURCE);
    expect(customers()).toBe(20);

    // Lars presses while Am's execution holds the shared lock (Am claiming right now): nothing starts.
    const am = world().startExecution({ kind: 'card', user: AM });
    expect(am.globals.LockService.getScriptLock().tryLock(1_000)).toBe(true);
    expect(() => press(LARS)).toThrow(/A teammate is writing to the sheet/);
    am.end();
    expect(loadSyncState(ctxOf(LARS))).toBeUndefined();
    expect(ballotRows()).toHaveLength(0);

    // Am presses: the source query starts in the card, its pages are left to the hourly run.
    const first = press(AM);
    expect(notice(first)).toMatch(
      /^Refresh started: BigQuery is running acme-proj\.churnguard\.team_customers;/,
    );
    expect(text(shownCard(first))).toContain(
      'Refreshing from acme-proj.churnguard.team_customers: 0 source rows read (1 run)',
    );
    expect(loadSyncState(ctxOf(AM))).toMatchObject({ phase: 'pages', rowsRead: 0 });
    expect(customers()).toBe(20); // the cards read the previous tables until the swap
    expect(ballotRows()).toHaveLength(1);

    // Lars presses now: refused, with who started it and how far it got; his Settings show it too.
    const refused = notice(press(LARS));
    expect(refused).toMatch(
      /^Not started: am@nimbus\.example started a refresh at \d\d:\d\d UTC; it goes on in their hourly runs\. Refreshing from .*0 source rows read/,
    );
    expect(loadSyncState(ctxOf(LARS))).toBeUndefined();
    expect(text(settingsCard(LARS))).toContain('am@nimbus.example started a refresh');
    // Am presses again: his own sync is under way.
    expect(notice(press(AM))).toMatch(
      /^A refresh is already under way\. Refreshing from .*0 source rows read/,
    );
    expect(ballotRows()).toHaveLength(1);

    // Lars's hourly run: never synced, so a daily sync is due for him, but Am's runs: none started.
    world().clock.advance(HOUR);
    hourly(LARS);
    expect(loadSyncState(ctxOf(LARS))).toBeUndefined();
    expect(ballotRows()).toHaveLength(1);

    // Am's hourly run reads the 1,200 rows and swaps the tables in.
    hourly(AM);
    expect(loadSyncState(ctxOf(AM))).toMatchObject({ phase: 'done', rowsRead: 1_200 });
    expect(customers()).toBeGreaterThan(1_100);
    expect(String(ballotRows()[0]![7])).not.toBe('');
    expect(text(settingsCard(LARS))).not.toContain('started a refresh');

    // Finished: Lars may refresh now (a new row on the ballot), while his daily sync still waits a day.
    world().clock.advance(HOUR);
    hourly(LARS);
    expect(ballotRows()).toHaveLength(1);
    expect(notice(press(LARS))).toMatch(/^Refresh started/);
    expect(ballotRows()).toHaveLength(2);
  });

  it('lets a teammate start again when a sync stopped moving (its starter’s trigger is gone)', () => {
    // Lars's sync from the test above never gets another hourly run.
    expect(notice(press(AM))).toMatch(/^Not started: lars@fjord\.example/);
    world().clock.advance(STALE_SYNC_MS + 1);
    expect(notice(press(AM))).toMatch(/^Refresh started/);
    expect(ballotRows()).toHaveLength(3);
    // Lars's trigger comes back: his sync was replaced, so it ends instead of overwriting Am's pages.
    hourly(LARS);
    expect(loadSyncState(ctxOf(LARS))).toMatchObject({ phase: 'failed', rowsRead: 0 });
    expect(loadSyncState(ctxOf(LARS))!.error).toMatch(/replaced by the refresh am@nimbus\.example started/);
    hourly(AM);
    expect(loadSyncState(ctxOf(AM))).toMatchObject({ phase: 'done', rowsRead: 1_200 });
  });
});
