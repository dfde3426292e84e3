/**
 * Issue 21: the BigQuery customer store on a generated table in DuckDB (through the BigQuery
 * stand-in, so each figure is one Jobs.query with named parameters and its rows come back as the
 * API sends them). Per action: wall time on this machine's DuckDB (median of 3), service calls and
 * bytes returned, at 10k, 100k and 1M customers. The calls and bytes are the point: flat in N,
 * because every figure is computed in SQL and only the answer travels.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SEGMENTS, parseQuery, readSegments } from '../src/core/segments';
import { BigQueryCustomerStore } from '../src/gas/bigquery-customer-store';
import { createBigQueryStandIn } from '../src/local/standins/bigquery';
import { DuckDbWarehouse } from '../src/local/standins/duckdb-warehouse';
import { SyncDuckDb } from '../src/local/standins/duckdb-sync';
import { randomFrom } from '../test/helpers/fuzz/random';
import { MAP } from '../test/helpers/sql-differential';
import { EXTRA_HEADERS, generateRecords, TODAY } from '../test/helpers/warehouse-data';
import { median, round } from './stats';

const BATCH = 50_000;

async function buildTable(file: string, customers: number): Promise<number> {
  const started = Date.now();
  const wh = await DuckDbWarehouse.open(file);
  await wh.createTables(MAP);
  const rnd = randomFrom(2026);
  for (let first = 0; first < customers; first += BATCH) {
    await wh.load(generateRecords(rnd, Math.min(BATCH, customers - first), first + 2), MAP);
  }
  wh.close();
  return Date.now() - started;
}

/** WAREHOUSE_BENCH_SIZES=10000,100000 runs fewer sizes (the 1M table takes ~15 minutes to generate). */
const SIZES = (process.env.WAREHOUSE_BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);

export async function warehouseBench(sizes = SIZES): Promise<Record<string, unknown>[]> {
  const segments = readSegments(DEFAULT_SEGMENTS as unknown as unknown[][], EXTRA_HEADERS).segments.map(
    (s) => s.query,
  );
  segments.push(
    parseQuery('"Logins this month" < 3 AND Country contains nor AND NOT Tag = paused', EXTRA_HEADERS),
  );
  const rows: Record<string, unknown>[] = [];
  for (const n of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'churnguard-warehouse-'));
    const file = path.join(dir, 'warehouse.duckdb');
    const loadMs = await buildTable(file, n);
    const db = new SyncDuckDb(file);
    const bq = createBigQueryStandIn(db, { projectId: 'bench', datasetId: 'churnguard' });
    const store = new BigQueryCustomerStore(bq, {
      projectId: 'bench',
      datasetId: 'churnguard',
      map: MAP,
      today: () => TODAY,
    });
    const email = `c${Math.floor(n / 2)}.anna@example.com`;
    const actions: [string, () => unknown][] = [
      ['homepage (totals + call first)', () => [store.portfolioTotals(), store.callFirst()]],
      [`segment sizes (${segments.length} segments, one scan)`, () => store.segmentFigures(segments)],
      ['segment members (top 10 each)', () => store.topMembers(segments)],
      ['lookup by email', () => store.customerByEmail(email)],
      // The sidebar's lookup: every column's raw, number and date shadows, the source row rebuilt.
      ['sidebar lookup, raw row', () => store.customerRow(email)],
    ];
    for (const [action, run] of actions) {
      const times: number[] = [];
      let calls = 0;
      let bytes = 0;
      for (let i = 0; i < 3; i++) {
        const before = { ...bq.traffic };
        const t = process.hrtime.bigint();
        run();
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
        calls = bq.traffic.calls - before.calls;
        bytes = bq.traffic.bytes - before.bytes;
      }
      rows.push({
        customers: n.toLocaleString('en-US'),
        action,
        'DuckDB ms (median)': round(median(times), 1),
        calls,
        'bytes returned': bytes.toLocaleString('en-US'),
        'table load s': round(loadMs / 1000, 1),
        'file MB': round(fs.statSync(file).size / 1e6, 0),
      });
    }
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
