/**
 * Issue 21: the month trend, the exact value lines and the daily scan's comparisons on the warehouse
 * (BigQuery stand-in on DuckDB), at 10k and 100k customers with a score history of up to three past
 * scans each. The generated book is the differential test's (scanWorld): silences and renewals are
 * put on the scan's thresholds on purpose, so it raises far more events than a real book (the worst
 * case for the scan's pages). Wall ms on this machine's DuckDB, median of 3; calls and bytes are the
 * BigQuery stand-in's.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_PLAYBOOK_SETTINGS } from '../src/core/playbooks/settings';
import { BigQueryCustomerStore } from '../src/gas/bigquery-customer-store';
import { createBigQueryStandIn } from '../src/local/standins/bigquery';
import { DuckDbWarehouse } from '../src/local/standins/duckdb-warehouse';
import { SyncDuckDb } from '../src/local/standins/duckdb-sync';
import { MAP } from '../test/helpers/sql-differential';
import { scanWorld } from '../test/helpers/sql-scan-differential';
import { round } from './stats';
import { measureStoreAction } from './warehouse-traffic';

export async function warehouseScanBench(sizes = [10_000, 100_000]): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (const n of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'churnguard-warehouse-scan-'));
    const file = path.join(dir, 'warehouse.duckdb');
    const w = scanWorld(2026, n);
    const wh = await DuckDbWarehouse.open(file);
    await wh.createTables(MAP);
    await wh.load(w.records, MAP);
    await wh.loadHistory(w.historyRows);
    wh.close();
    const db = new SyncDuckDb(file);
    const bq = createBigQueryStandIn(db, { projectId: 'bench', datasetId: 'churnguard' });
    const store = new BigQueryCustomerStore(bq, {
      projectId: 'bench',
      datasetId: 'churnguard',
      map: MAP,
      today: () => w.scanToday,
    });
    const revenue = { ...DEFAULT_PLAYBOOK_SETTINGS, valueBasis: 'revenueToDate' as const };
    const tomorrow = new BigQueryCustomerStore(bq, {
      projectId: 'bench',
      datasetId: 'churnguard',
      map: MAP,
      today: () => new Date(w.scanToday.getTime() + 86_400_000),
    });
    let events = 0;
    const everyPage = (s: BigQueryCustomerStore, onlyNew: boolean) => {
      events = 0;
      let page = s.scanEvents(w.watch, { timeZone: w.timeZone, limit: 5_000, onlyNew });
      events += page.events.length;
      while (page.next) {
        page = s.scanEvents(w.watch, { timeZone: w.timeZone, limit: 5_000, onlyNew, after: page.next });
        events += page.events.length;
      }
    };
    const actions: [string, () => unknown, number][] = [
      ['month trend (6 months, one scan)', () => store.monthTrend(), 3],
      ['value lines, MRR (exact)', () => store.valueLines(DEFAULT_PLAYBOOK_SETTINGS), 3],
      ['value lines, revenue to date (exact)', () => store.valueLines(revenue), 3],
      ['scan events, first page (500)', () => store.scanEvents(w.watch, { timeZone: w.timeZone }), 3],
      ['scan events, every page (5,000 a page)', () => everyPage(store, false), 1],
      ['scan events, only new, every page', () => everyPage(store, true), 1],
      // Once: a second run of the same day appends nothing.
      ["record today's history (INSERT … SELECT)", () => store.recordScan(w.timeZone), 1],
      ['next day: scan events, every page', () => everyPage(tomorrow, false), 1],
      ['next day: scan events, only new, every page', () => everyPage(tomorrow, true), 1],
    ];
    for (const [action, run, runs] of actions) {
      const { medianMs, calls, bytes } = measureStoreAction(bq.traffic, run, runs);
      rows.push({
        customers: n.toLocaleString('en-US'),
        'history rows': w.historyRows.length.toLocaleString('en-US'),
        action: action.includes('every page')
          ? `${action}: ${events.toLocaleString('en-US')} events`
          : action,
        'DuckDB ms': round(medianMs, 1),
        calls,
        'bytes returned': bytes.toLocaleString('en-US'),
      });
    }
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
