/**
 * One small customer portfolio twice: as a Google Sheet on the Apps Script stand-ins, and as the
 * BigQuery store (the loader's tables in DuckDB, behind the BigQuery stand-in), with the same
 * spreadsheet connected for the Segments, Templates and Notes tabs. The warehouse world's customer
 * tab holds the header alone, so a card that read the sheet instead of BigQuery would find nobody.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createContext } from '../../src/gas/runtime';
import { AppsScriptWorld, type Execution } from '../../src/local/standins';
import type { BigQueryLike } from '../../src/gas/bigquery-like';
import { createBigQueryStandIn } from '../../src/local/standins/bigquery';
import { DuckDbWarehouse } from '../../src/local/standins/duckdb-warehouse';
import { SyncDuckDb } from '../../src/local/standins/duckdb-sync';
import { SETTINGS_KEY, loadSettings } from '../../src/app/settings-store';
import { readCustomers, rawKeys } from '../../src/core/sheet/read-customers';
import { segmentConfig, segmentRecords } from '../../src/app/segments/portfolio';
import { columnMapFor, type ColumnMap } from '../../src/core/sql';
import type { AppContext } from '../../src/app/context';
import { randomFrom } from './fuzz/random';

export const WH_NOW = '2026-11-20T12:00:00Z';
export const WH_HEADERS = [
  'Email',
  'Name',
  'Company',
  'Plan',
  'MRR',
  'Last login',
  'Renewal date',
  'Start date',
  'Logins this month',
  'Logins last month',
  'NPS',
  'Open tickets',
  'Overdue invoices',
  'Tags',
  'Status',
  'Owner',
  'Country',
];

const DAY = 86_400_000;
const midnight = (ms: number) => new Date(Math.floor(ms / DAY) * DAY);

/** Rows a customer tab might hold: blanks, numbers typed as text, dates, tags, churned rows. */
export function warehouseRows(count: number, seed = 21): unknown[][] {
  const rnd = randomFrom(seed);
  const now = Date.parse(WH_NOW);
  const maybe = <T>(p: number, v: () => T): T | '' => (rnd.chance(p) ? v() : '');
  return Array.from({ length: count }, (_, i) => [
    `c${i + 2}@${rnd.pick(['nimbus', 'fjord', 'acme'])}.example`,
    maybe(0.9, () => rnd.pick(['Anna Müller', 'José Núñez', 'Zoë Li', 'Lars Berg'])),
    maybe(0.9, () => rnd.pick(['Nimbus', 'Fjord AS', 'Café Lumière', 'ACME'])),
    maybe(0.8, () => rnd.pick(['Pro', 'Business', 'Basic'])),
    maybe(0.9, () => rnd.pick([49, 99.5, 250, 1500, rnd.int(5000), '1,200'])),
    maybe(0.85, () => midnight(now - rnd.int(200) * DAY)),
    maybe(0.7, () => midnight(now + (rnd.int(300) - 60) * DAY)),
    maybe(0.7, () => midnight(now - (30 + rnd.int(900)) * DAY)),
    maybe(0.8, () => rnd.int(60)),
    maybe(0.8, () => rnd.int(60)),
    maybe(0.6, () => rnd.int(11)),
    maybe(0.6, () => rnd.int(6)),
    maybe(0.5, () => rnd.int(3)),
    maybe(0.4, () => rnd.pick(['vip', 'paused, vip', 'crisis-hit'])),
    rnd.chance(0.1) ? 'churned' : 'active',
    maybe(0.7, () => rnd.pick(['sofia@nimbus.example', 'lars@fjord.example'])),
    maybe(0.8, () => rnd.pick(['Norway', 'Türkiye', 'USA'])),
  ]);
}

export interface WarehouseWorlds {
  sheet: { world: AppsScriptWorld; ctx(): AppContext };
  warehouse: {
    world: AppsScriptWorld;
    /** A context for `exec` (a new trigger execution when none is given). */
    ctx(exec?: Execution): AppContext;
    /** BigQuery calls and answer bytes so far. */
    traffic: { calls: number; bytes: number };
    spreadsheetId: string;
    /** The DuckDB file behind the stand-in, for a test that tampers with what BigQuery holds. */
    db: SyncDuckDb;
  };
  rows: unknown[][];
  /** The DuckDB behind the stand-in and the table's column map (to reload the table as a loader would). */
  db: SyncDuckDb;
  map: ColumnMap;
  close(): Promise<void>;
}

const STORE = { kind: 'bigquery', projectId: 'acme-proj', datasetId: 'churnguard' } as const;

function world(customers: unknown[][], tabs: Record<string, unknown[][]>, settings: Record<string, unknown>) {
  const w = new AppsScriptWorld({ latency: 'none' });
  w.clock.set(WH_NOW);
  const ss = w.spreadsheets.create({
    name: 'Customers',
    sheets: [
      { name: 'Customers', values: customers },
      ...Object.entries(tabs).map(([name, values]) => ({ name, values })),
    ],
  });
  w.userProperties.put(SETTINGS_KEY, JSON.stringify({ spreadsheetId: ss.id, ...settings }));
  return { w, id: ss.id };
}

/**
 * Both worlds over `rows`; the warehouse table is loaded the way the loader does: the sheet parser's
 * customers, scored by the add-on's own scorer, written with columnMapFor(the header row).
 */
export async function warehouseWorlds(
  rows: unknown[][],
  tabs: Record<string, unknown[][]> = {},
  /** Wraps the BigQuery stand-in each context gets (fault tests lose answers and kill executions). */
  wrapBigQuery: (bq: BigQueryLike) => BigQueryLike = (bq) => bq,
): Promise<WarehouseWorlds> {
  const { w: sheetWorld } = world([WH_HEADERS, ...rows], tabs, {});
  const sheetCtx = () => ({
    ...createContext(sheetWorld.startExecution({ kind: 'trigger' }).globals),
    clock: sheetWorld.clock,
  });

  const ctx = sheetCtx();
  const { settings } = loadSettings(ctx.userStore);
  const read = readCustomers({ sheetName: 'Customers', headers: WH_HEADERS, rows, timeZone: 'UTC' });
  const config = segmentConfig(ctx, settings.spreadsheetId!, WH_HEADERS);
  const records = segmentRecords(ctx, settings, config, read.customers, 'UTC');
  const headers = rawKeys(WH_HEADERS);
  const map = columnMapFor(headers);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'churnguard-cards-'));
  const file = path.join(dir, 'warehouse.duckdb');
  const wh = await DuckDbWarehouse.open(file);
  await wh.createTables(map, headers);
  await wh.load(records, map);
  wh.close();
  const db = new SyncDuckDb(file);
  const bq = createBigQueryStandIn(db, { projectId: STORE.projectId, datasetId: STORE.datasetId });

  const { w: whWorld, id: whSheet } = world([WH_HEADERS], tabs, { store: STORE });
  const whCtx = (exec: Execution = whWorld.startExecution({ kind: 'trigger' })) => ({
    ...createContext({ ...exec.globals, BigQuery: wrapBigQuery(bq) }),
    clock: whWorld.clock,
  });
  return {
    sheet: { world: sheetWorld, ctx: sheetCtx },
    warehouse: { world: whWorld, ctx: whCtx, traffic: bq.traffic, spreadsheetId: whSheet, db },
    rows,
    db,
    map,
    close: async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
