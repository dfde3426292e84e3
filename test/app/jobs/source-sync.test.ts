/**
 * The source sync (issue 21): a team's own table of 25 columns in DuckDB, behind the BigQuery
 * stand-in, synced into ChurnGuard's tables across several hourly runs a few pages at a time. The
 * synced tables must hold exactly what the loader writes for a sheet of the same rows (the same
 * reader, impact rules and scorer), a lost answer mid-way must be resumed without a duplicate or a
 * gap, and a row the reader refuses must be reported with its source row and column.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createContext } from '../../../src/gas/runtime';
import { AppsScriptWorld } from '../../../src/local/standins';
import { createBigQueryStandIn } from '../../../src/local/standins/bigquery';
import { DuckDbWarehouse } from '../../../src/local/standins/duckdb-warehouse';
import { SyncDuckDb } from '../../../src/local/standins/duckdb-sync';
import { SETTINGS_KEY, loadSettings } from '../../../src/app/settings-store';
import { readCustomers, rawKeys } from '../../../src/core/sheet/read-customers';
import { segmentConfig, segmentRecords } from '../../../src/app/segments/portfolio';
import { columnMapFor, customerRow, tagRows, type SqlValue } from '../../../src/core/sql';
import { loadSyncState, requestSync, stepSync, syncStatusLines } from '../../../src/app/jobs/source-sync-job';
import type { AppContext } from '../../../src/app/context';
import { WH_HEADERS, WH_NOW, warehouseRows } from '../../helpers/warehouse-world';

const PROJECT = 'acme-proj';
const DATASET = 'churnguard';
const SOURCE = `${PROJECT}.${DATASET}.team_customers`;
const EXTRA = ['Segment', 'Region', 'Seats', 'Health', 'CSM', 'Contract end', 'Industry', 'Language'];
const HEADERS = [...WH_HEADERS, ...EXTRA];
const IMPACT_RULES = [
  ['Rule name', 'Column', 'Operator', 'Value', 'Impact'],
  ['Nordics', 'Country', '=', 'Norway', 'Hit'],
  ['Big', 'Seats', '>', '40', 'Stable'],
];

/** 60 customer rows of 25 columns; row 17 has an MRR no reader can use, row 45 repeats row 3's email. */
function teamRows(): unknown[][] {
  const rows = warehouseRows(60, 7).map((r, i) => [
    ...r,
    ['SMB', 'Mid-market', 'Enterprise'][i % 3],
    ['EMEA', 'APAC', 'AMER', ''][i % 4],
    (i * 7) % 50,
    i % 5 === 0 ? '' : (i * 13) % 100,
    ['Ola', 'Kari', 'Ayşe'][i % 3],
    new Date(Date.UTC(2027, i % 12, 1 + (i % 27))),
    ['Retail', 'Travel', 'Energy'][i % 3],
    ['en', 'no', 'tr', 'ru'][i % 4],
  ]);
  rows[16]![4] = 'n/a';
  rows[44]![0] = rows[2]![0];
  return rows;
}

/** Each column typed by what it holds (all numbers: DOUBLE, all dates: DATE, else text), as a team's table would be. */
function sourceTable(rows: unknown[][]): { types: string[]; cells: unknown[][] } {
  const types = HEADERS.map((_, c) => {
    const values = rows.map((r) => r[c]).filter((v) => v !== '');
    if (values.every((v) => typeof v === 'number')) return 'DOUBLE';
    if (values.every((v) => v instanceof Date)) return 'DATE';
    return 'VARCHAR';
  });
  const cells = rows.map((r) =>
    r.map((v, c) =>
      v === ''
        ? ''
        : types[c] === 'VARCHAR'
          ? v instanceof Date
            ? v.toISOString().slice(0, 10)
            : String(v)
          : v,
    ),
  );
  return { types, cells };
}

let dir: string;
let db: SyncDuckDb;
let cells: unknown[][];
let bq: ReturnType<typeof createBigQueryStandIn>;
let lose: (sql: string) => boolean = () => false;

beforeAll(async () => {
  const source = sourceTable(teamRows());
  cells = source.cells;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'churnguard-sync-'));
  const file = path.join(dir, 'warehouse.duckdb');
  const wh = await DuckDbWarehouse.open(file);
  const headers = rawKeys(HEADERS);
  // Yesterday's tables, loaded before: the cards read them until the sync swaps the new ones in.
  await wh.createTables(columnMapFor(headers), headers);
  const q = (h: string) => `"${h.replace(/"/g, '""')}"`;
  await wh.run(
    `CREATE TABLE team_customers (${HEADERS.map((h, c) => `${q(h)} ${source.types[c]}`).join(', ')})`,
  );
  for (const row of cells) {
    const values: Record<string, string | number> = {};
    const list = row.map((v, c) => {
      if (v === '') return 'NULL';
      values[`v${c}`] = v instanceof Date ? v.toISOString().slice(0, 10) : (v as string | number);
      return source.types[c] === 'DATE' ? `CAST($v${c} AS DATE)` : `$v${c}`;
    });
    await wh.run(`INSERT INTO team_customers VALUES (${list.join(', ')})`, values);
  }
  wh.close();
  db = new SyncDuckDb(file);
  bq = createBigQueryStandIn(db, { projectId: PROJECT, datasetId: DATASET, loseAnswer: (s) => lose(s) });
}, 60_000);

afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function syncWorld() {
  const world = new AppsScriptWorld();
  world.clock.set(WH_NOW);
  // The BigQuery global through the execution's call hook: each Jobs call spends its modelled time.
  world.bigQuery = bq;
  const ss = world.spreadsheets.create({
    name: 'Customers',
    sheets: [
      { name: 'Customers', values: [HEADERS] },
      { name: 'Impact rules', values: IMPACT_RULES },
    ],
  });
  world.userProperties.put(
    SETTINGS_KEY,
    JSON.stringify({
      spreadsheetId: ss.id,
      store: { kind: 'bigquery', projectId: PROJECT, datasetId: DATASET, source: SOURCE },
    }),
  );
  /** One execution (a trigger run): its calls spend modelled time, so a run's budget ends it. */
  const run = (): AppContext => {
    const execution = world.startExecution({ kind: 'trigger' });
    return {
      ...createContext(execution.globals),
      clock: world.clock,
      elapsedMs: () => execution.elapsedMs(),
    };
  };
  return { world, run };
}

/** What the loader writes for a sheet of the same rows: the reference the synced tables must equal. */
function expectedTables(ctx: AppContext) {
  const { settings } = loadSettings(ctx.userStore);
  const read = readCustomers({
    sheetName: 'Customers',
    headers: HEADERS,
    rows: cells,
    locale: 'en_US',
    timeZone: 'UTC',
    today: ctx.clock.now(),
  });
  const config = segmentConfig(ctx, settings.spreadsheetId!, HEADERS);
  const records = segmentRecords(ctx, settings, config, read.customers, 'UTC');
  const map = columnMapFor(rawKeys(HEADERS));
  return {
    customers: records.map((r) => customerRow(r, map)),
    tags: records.flatMap((r) => tagRows(r)),
    read,
  };
}

function table(name: string, order: string): Record<string, SqlValue>[] {
  const answer = db.run(`SELECT * FROM ${name} ORDER BY ${order}`, {});
  return answer.rows.map((r) => {
    const out: Record<string, SqlValue> = {};
    answer.columns.forEach((c, i) => {
      const v = r[i];
      out[c] = typeof v === 'bigint' ? Number(v) : (v as SqlValue);
    });
    return out;
  });
}

const byTag = 'row_id, tag__raw';
const sortTags = (rows: Record<string, SqlValue>[]) =>
  [...rows].sort(
    (a, b) => Number(a.row_id) - Number(b.row_id) || String(a.tag__raw).localeCompare(String(b.tag__raw)),
  );

/** Runs the trigger's step until the sync is done (or failed), returning how many runs it took. */
function runToEnd(run: () => AppContext, pageRows: number, budgetMs: number): number {
  for (let runs = 1; runs <= 60; runs++) {
    const state = stepSync(run(), { pageRows, budgetMs });
    if (state?.phase === 'done' || state?.phase === 'failed') return runs;
  }
  throw new Error('the sync did not finish in 60 runs');
}

describe('syncing the team table into ChurnGuard tables', () => {
  it('several runs of small pages give the same tables as the loader over a sheet of the same rows', () => {
    lose = () => false;
    const { run } = syncWorld();
    requestSync(run());
    const runs = runToEnd(run, 7, 8_000);
    const state = loadSyncState(run())!;
    expect(state.phase).toBe('done');
    expect(runs).toBeGreaterThan(2);
    expect(state.page).toBe(Math.ceil(60 / 7));
    expect(state.rowsRead).toBe(60);

    const expected = expectedTables(run());
    expect(table('customers', 'row_id')).toEqual(expected.customers);
    expect(sortTags(table('customer_tags', byTag))).toEqual(sortTags(expected.tags));
    // Some customers are hit by the rules (the Impact rules tab applies as on the sheet).
    expect(expected.customers.some((c) => c.impact === 'hit')).toBe(true);

    // The store reads them: the lookup's band is the sheet's.
    const someone = expected.customers[5]!;
    const found = run().warehouse!()!.customerByEmail(String(someone.email));
    expect(found?.risk_band).toBe(someone.risk_band);
    expect(found?.row_id).toBe(someone.row_id);
  });

  it('reports the row the reader refuses and the repeated email with their source rows', () => {
    lose = () => false;
    const { run } = syncWorld();
    requestSync(run());
    runToEnd(run, 7, 8_000);
    const state = loadSyncState(run())!;
    const text = syncStatusLines(state).join('\n');
    // Row 17 of the source (its MRR) and row 45 (row 3's email, on another page: found at the swap).
    expect(text).toMatch(/source row 17, column MRR: .*n\/a/);
    expect(text).toContain(`${String(cells[2]![0]).toLowerCase()} repeats on source row 45`);
    expect(text).toMatch(/^Last refresh 2026-11-20 12:\d\d UTC: 59 customers from 60 source rows\./);
  });

  it('a run whose load answer is lost resumes without duplicates or gaps', () => {
    const { run } = syncWorld();
    requestSync(run());
    // The customers load of the third page commits, then its answer is lost (the run ends there).
    let lost = 0;
    lose = (s) => /_p2_c$/.test(s) && lost++ === 0;
    const runs = runToEnd(run, 7, 8_000);
    lose = () => false;
    expect(lost).toBeGreaterThan(0);
    const state = loadSyncState(run())!;
    expect(state.phase).toBe('done');
    expect(runs).toBeGreaterThan(2);
    const expected = expectedTables(run());
    expect(table('customers', 'row_id')).toEqual(expected.customers);
    expect(sortTags(table('customer_tags', byTag))).toEqual(sortTags(expected.tags));
    // No staged row twice either.
    const staged = db.run('SELECT COUNT(*), COUNT(DISTINCT row_id) FROM customers_sync', {}).rows[0]!;
    expect(Number(staged[0])).toBe(Number(staged[1]));
  });

  it('a first sync into a dataset with nothing of ChurnGuard’s makes the change tables, history and views', () => {
    const objects = () =>
      db
        .run('SELECT table_name, table_type FROM information_schema.tables ORDER BY table_name', {})
        .rows.map((r) => `${String(r[0])} ${String(r[1])}`);
    // The dataset holds the team's table alone, as on the day a team chooses BigQuery.
    for (const o of objects()) {
      const [name, type] = o.split(' ');
      if (name !== 'team_customers') db.run(`DROP ${type === 'VIEW' ? 'VIEW' : 'TABLE'} ${name}`, {});
    }
    expect(objects()).toEqual(['team_customers BASE TABLE']);
    const { run } = syncWorld();
    requestSync(run());
    runToEnd(run, 20, 8_000);
    expect(loadSyncState(run())!.phase).toBe('done');
    const made = objects();
    for (const view of ['customers_current', 'customer_tags_current', 'notes_current', 'alerts_current'])
      expect(made).toContain(`${view} VIEW`);
    for (const t of ['customer_changes', 'tag_changes', 'score_history'])
      expect(made).toContain(`${t} BASE TABLE`);

    // A card's change is read back through the views the sync made.
    const store = run().warehouse!()!;
    const someone = expectedTables(run()).customers.find((c) => c.status === 'active')!;
    const email = String(someone.email);
    store.appendChanges([
      {
        changeId: 'first-sync-1',
        author: 'am@acme.example',
        atMs: Date.parse(WH_NOW),
        kind: 'field',
        email,
        field: 'status',
        value: 'churned',
      },
    ]);
    const current = () =>
      db.run('SELECT status FROM customers_current WHERE email = $e', { e: email }).rows.map((r) => r[0]);
    expect(current()).toEqual(['churned']);
    expect(store.customerRow(email)?.current?.status).toBe('churned');
    // A second sync replaces the views and keeps the change.
    requestSync(run());
    runToEnd(run, 20, 8_000);
    expect(current()).toEqual(['churned']);
  });
});
