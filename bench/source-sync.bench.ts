/**
 * Issue 21, the source sync: a team table of N rows (the bundled sample grown, its 24 columns, types
 * detected by DuckDB from a CSV as a team's own table would have them) synced into ChurnGuard's
 * tables through build-free app code on the Apps Script stand-ins and the BigQuery stand-in, in
 * hourly runs of RUN_BUDGET_MS modelled time. Per run: source rows, service calls, modelled ms
 * (the latency model: Jobs.insert 1 s, Jobs.get and getQueryResults 300 ms, estimates), wall ms
 * (this machine's JavaScript: reading, scoring and encoding the rows, plus DuckDB's own inserts in
 * the stand-in, so an upper bound for Apps Script's JavaScript), bytes down and bytes uploaded.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createContext } from '../src/gas/runtime';
import { AppsScriptWorld } from '../src/local/standins';
import { createBigQueryStandIn } from '../src/local/standins/bigquery';
import { DuckDbWarehouse } from '../src/local/standins/duckdb-warehouse';
import { SyncDuckDb } from '../src/local/standins/duckdb-sync';
import { SETTINGS_KEY } from '../src/app/settings-store';
import { columnMapFor } from '../src/core/sql';
import { rawKeys } from '../src/core/sheet/read-customers';
import { grownRows, SAMPLE_DIR, SAMPLE_NOW } from '../src/local/sample-world';
import { readTableFile, type TableValue } from '../src/local/table/table-file';
import { loadSyncState, requestSync, stepSync, SYNC_PAGE_ROWS } from '../src/app/jobs/source-sync-job';
import type { AppContext } from '../src/app/context';

const csvCell = (v: TableValue): string => {
  if (v === '' || v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export async function sourceSyncBench(
  n = 100_000,
  pageRows = SYNC_PAGE_ROWS,
): Promise<Record<string, unknown>[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'churnguard-sync-bench-'));
  const table = readTableFile(SAMPLE_DIR);
  const customers = table.sheets.find((s) => s.name.toLowerCase() === 'customers')!;
  const [header, ...base] = customers.values as [TableValue[], ...TableValue[][]];
  const csv = path.join(dir, 'team.csv');
  const out = fs.openSync(csv, 'w');
  fs.writeSync(out, `${header.map(csvCell).join(',')}\n`);
  for (let first = 0; first < n; first += 10_000)
    fs.writeSync(
      out,
      grownRows(header, base, first, Math.min(10_000, n - first))
        .map((r) => `${r.map(csvCell).join(',')}\n`)
        .join(''),
    );
  fs.closeSync(out);
  const file = path.join(dir, 'warehouse.duckdb');
  const wh = await DuckDbWarehouse.open(file);
  const headers = rawKeys(header.map((h) => String(h).trim()));
  await wh.createTables(columnMapFor(headers), headers);
  await wh.run(`CREATE TABLE team_customers AS SELECT * FROM read_csv('${csv}', header = true)`);
  wh.close();
  const db = new SyncDuckDb(file);
  const bq = createBigQueryStandIn(db, { projectId: 'bench-proj', datasetId: 'churnguard' });
  const world = new AppsScriptWorld();
  world.clock.set(SAMPLE_NOW);
  world.bigQuery = bq;
  const ss = world.spreadsheets.create({
    name: 'Customers',
    sheets: [{ name: 'Customers', values: [header] }],
  });
  world.userProperties.put(
    SETTINGS_KEY,
    JSON.stringify({
      spreadsheetId: ss.id,
      store: {
        kind: 'bigquery',
        projectId: 'bench-proj',
        datasetId: 'churnguard',
        source: 'bench-proj.churnguard.team_customers',
      },
    }),
  );
  const run = (): { ctx: AppContext; modelled: () => number; calls: () => number } => {
    const execution = world.startExecution({ kind: 'trigger' });
    const ctx = {
      ...createContext(execution.globals),
      clock: world.clock,
      elapsedMs: () => execution.elapsedMs(),
    };
    return { ctx, modelled: () => execution.elapsedMs(), calls: () => bq.traffic.calls };
  };
  requestSync(run().ctx);
  const rows: Record<string, unknown>[] = [];
  try {
    for (let i = 1; i <= 100; i++) {
      const r = run();
      const before = {
        calls: bq.traffic.calls,
        bytes: bq.traffic.bytes,
        up: bq.traffic.uploaded ?? 0,
        rows: loadSyncState(r.ctx)?.rowsRead ?? 0,
      };
      const wall = Date.now();
      const state = stepSync(r.ctx, { pageRows });
      rows.push({
        run: i,
        'source rows': (state?.rowsRead ?? 0) - before.rows,
        phase: state?.phase,
        'BigQuery calls': bq.traffic.calls - before.calls,
        'modelled s': Math.round(r.modelled() / 100) / 10,
        'wall s': Math.round((Date.now() - wall) / 100) / 10,
        'MB down': Math.round((bq.traffic.bytes - before.bytes) / 1e5) / 10,
        'MB up': Math.round(((bq.traffic.uploaded ?? 0) - before.up) / 1e5) / 10,
        ...(state?.error ? { error: state.error } : {}),
      });
      if (state?.phase === 'done' || state?.phase === 'failed') break;
      world.clock.set(new Date(world.clock.nowMs() + 3_600_000).toISOString());
    }
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
