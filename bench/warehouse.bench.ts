/**
 * Issue 21: the BigQuery customer store on a generated table in DuckDB (through the BigQuery
 * stand-in, so each figure is one Jobs.query with named parameters and its rows come back as the
 * API sends them). Per action: wall time on this machine's DuckDB (median of 3), service calls and
 * bytes returned, at 10k, 100k and 1M customers. The calls and bytes are the point: flat in N,
 * because every figure is computed in SQL and only the answer travels. The same figures through the
 * cards of build/Code.js are in warehouse-cards.bench.ts.
 */
import * as fs from 'node:fs';
import { DEFAULT_SEGMENTS, parseQuery, readSegments } from '../src/core/segments';
import { BigQueryCustomerStore } from '../src/gas/bigquery-customer-store';
import { createBigQueryStandIn } from '../src/local/standins/bigquery';
import { SyncDuckDb } from '../src/local/standins/duckdb-sync';
import { SAMPLE_NOW } from '../src/local/sample-world';
import { cachedWarehouse } from '../src/local/warehouse/cache';
import { progressLine } from '../src/local/warehouse/main';
import { sampleRecords } from '../src/local/warehouse/sample-records';
import { round } from './stats';
import { measureStoreAction } from './warehouse-traffic';

/**
 * The tables are the warehouse generator's (the sample's 24 columns, src/local/warehouse), made once
 * per size and kept in the cache folder: a second run does not wait for a million customers again.
 */
export async function warehouseBench(
  sizes = [10_000, 100_000, 1_000_000],
): Promise<Record<string, unknown>[]> {
  const { headers, map } = sampleRecords();
  const segments = readSegments(DEFAULT_SEGMENTS as unknown as unknown[][], headers).segments.map(
    (s) => s.query,
  );
  segments.push(parseQuery('"Logins this month" < 3 AND Country contains nor AND NOT Tag = paused', headers));
  const rows: Record<string, unknown>[] = [];
  for (const n of sizes) {
    const { file, report } = await cachedWarehouse(n, {
      onProgress: (done, total, ms) =>
        process.stderr.write(`\r  generating: ${progressLine(done, total, ms)}   `),
    });
    if (report) process.stderr.write('\n');
    const db = new SyncDuckDb(file);
    const bq = createBigQueryStandIn(db, { projectId: 'bench', datasetId: 'churnguard' });
    const store = new BigQueryCustomerStore(bq, {
      projectId: 'bench',
      datasetId: 'churnguard',
      map,
      today: () => new Date(SAMPLE_NOW),
    });
    const email = String(
      db.run('SELECT email FROM customers WHERE row_id = $r', { r: BigInt(Math.floor(n / 2) + 2) })
        .rows[0]?.[0],
    );
    const actions: [string, () => unknown][] = [
      ['homepage (totals + call first)', () => [store.portfolioTotals(), store.callFirst()]],
      [`segment sizes (${segments.length} segments, one scan)`, () => store.segmentFigures(segments)],
      ['segment members (top 10 each)', () => store.topMembers(segments)],
      ['lookup by email', () => store.customerByEmail(email)],
      // The sidebar's lookup: every column's raw, number and date shadows, the source row rebuilt.
      ['sidebar lookup, raw row', () => store.customerRow(email)],
    ];
    for (const [action, run] of actions) {
      const { medianMs, calls, bytes } = measureStoreAction(bq.traffic, run, 3);
      rows.push({
        customers: n.toLocaleString('en-US'),
        action,
        'DuckDB ms (median)': round(medianMs, 1),
        calls,
        'bytes returned': bytes.toLocaleString('en-US'),
        'generated s': report ? round(report.ms / 1000, 1) : 'cached',
        'file MB': round(fs.statSync(file).size / 1e6, 0),
      });
    }
    await db.close();
  }
  return rows;
}
