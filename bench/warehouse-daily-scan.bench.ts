/**
 * Issue 21: the daily scan on the BigQuery store, as the hourly trigger runs it (build/Code.js with
 * the bigquery opt-in, on the stand-ins, the BigQuery stand-in over a copy of the generated warehouse
 * file, so the cached file keeps no alerts or history). Per trigger run: BigQuery calls, INSERT
 * statements, bytes answered, modelled time (latency.ts: 1 s a Jobs.query, an estimate) and this
 * machine's wall time (JavaScript plus DuckDB's real scans). Then the homepage with the alerts the
 * scan raised: its modelled + wall time must stay within the 10 s card target.
 *
 * Two days: "first scan" (no score history yet: every silence and renewal in the book is new) and
 * "a normal day" (yesterday's history written by recordScan: only what changed or crossed a threshold
 * today). A size in CHURNGUARD_SCAN_FIRST (default 100000) also runs the first scan. With
 * CHURNGUARD_BENCH_CHANGES=n, n card edits are appended to the copy first (warehouse-card-edits.ts):
 * the scan reads the latest-state views, whose window grows with the change rows.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundle } from '../scripts/lib/bundle';
import { loadSettings, saveSettings } from '../src/app/settings-store';
import { LAST_SCAN_KEY } from '../src/app/watch/scan';
import { BigQueryCustomerStore } from '../src/gas/bigquery-customer-store';
import type { BigQueryLike } from '../src/gas/bigquery-like';
import { gmailEvent } from '../src/local/gmail-events';
import { SAMPLE_NOW } from '../src/local/sample-world';
import { createBigQueryStandIn } from '../src/local/standins/bigquery';
import { SyncDuckDb } from '../src/local/standins/duckdb-sync';
import { cachedWarehouse } from '../src/local/warehouse/cache';
import { LOCAL_WAREHOUSE } from '../src/local/workbench/warehouse-store';
import { safeCall, withinCardTarget } from './card-actions.bench';
import { round } from './stats';
import { appendCardEdits, benchChangeCount } from './warehouse-card-edits';
import { warehouseWorld } from './warehouse-cards.bench';

const DAY = 86_400_000;

/** The stand-in, counting INSERT statements beside its calls and bytes. */
function countingStandIn(db: SyncDuckDb) {
  const bq = createBigQueryStandIn(db, LOCAL_WAREHOUSE);
  const counts = { inserts: 0 };
  const wrapped: BigQueryLike = {
    Jobs: {
      query: (request, projectId) => {
        if (/^\s*INSERT\s/i.test(request.query)) counts.inserts++;
        return bq.Jobs.query(request, projectId);
      },
      getQueryResults: (...args) => bq.Jobs.getQueryResults(...args),
    },
  };
  return { bq: wrapped, traffic: bq.traffic, counts };
}

function alertRows(db: SyncDuckDb): number {
  return Number(db.run('SELECT COUNT(*) FROM alerts', {}).rows[0]![0]);
}

export async function warehouseDailyScanBench(sizes: number[]): Promise<Record<string, unknown>[]> {
  const { code } = await bundle(path.resolve(__dirname, '../src/index.ts'), ['bigquery']);
  const firstScan = (process.env.CHURNGUARD_SCAN_FIRST ?? '100000').split(',').map(Number);
  const rows: Record<string, unknown>[] = [];
  for (const n of sizes) {
    for (const day of firstScan.includes(n) ? ['first scan', 'a normal day'] : ['a normal day']) {
      const { file: cached } = await cachedWarehouse(n);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'churnguard-daily-scan-'));
      const file = path.join(dir, 'warehouse.duckdb');
      fs.copyFileSync(cached, file);
      const db = new SyncDuckDb(file);
      const { bq, traffic, counts } = countingStandIn(db);
      const changes = benchChangeCount();
      appendCardEdits(db, bq, changes, Date.parse(SAMPLE_NOW) - 2 * DAY);
      const world = warehouseWorld(bq as never);
      const store = world.userKeyValues();
      saveSettings(store, {
        ...loadSettings(store).settings,
        watch: { enabled: true, digest: true, hourUtc: 0 },
      });
      if (day === 'a normal day') {
        // Yesterday's scan: its score history (one INSERT … SELECT), as recordScan wrote it.
        const yesterday = new BigQueryCustomerStore(bq, {
          ...LOCAL_WAREHOUSE,
          today: () => new Date(Date.parse(SAMPLE_NOW) - DAY),
        });
        yesterday.recordScan('UTC');
      }
      const label = `${n.toLocaleString('en-US')} · ${day} · ${changes.toLocaleString('en-US')} card changes`;
      let runs = 0;
      let all = { calls: 0, inserts: 0, bytes: 0, modelledMs: 0, wallMs: 0 };
      while (store.get(LAST_SCAN_KEY) === null && runs < 40) {
        const before = { ...traffic, inserts: counts.inserts };
        const m = safeCall(world, code, 'onHourlyTrigger', {}, 'trigger');
        runs++;
        const run = {
          calls: traffic.calls - before.calls,
          inserts: counts.inserts - before.inserts,
          bytes: traffic.bytes - before.bytes,
          modelledMs: m.modelledMs,
          wallMs: m.wallMs,
        };
        all = {
          calls: all.calls + run.calls,
          inserts: all.inserts + run.inserts,
          bytes: all.bytes + run.bytes,
          modelledMs: all.modelledMs + run.modelledMs,
          wallMs: all.wallMs + run.wallMs,
        };
        if (runs === 1)
          rows.push({
            scan: label,
            what: 'first trigger run',
            'BigQuery calls': run.calls,
            INSERTs: run.inserts,
            'bytes returned': run.bytes.toLocaleString('en-US'),
            'modelled s': round(run.modelledMs / 1000, 1),
            'wall s': round(run.wallMs / 1000, 1),
            outcome: m.outcome,
          });
        // The next hourly run.
        world.clock.advance(3_600_000);
      }
      rows.push({
        scan: label,
        what: `whole scan: ${runs} trigger runs, ${alertRows(db).toLocaleString('en-US')} alerts`,
        'BigQuery calls': all.calls,
        INSERTs: all.inserts,
        'bytes returned': all.bytes.toLocaleString('en-US'),
        'modelled s': round(all.modelledMs / 1000, 1),
        'wall s': round(all.wallMs / 1000, 1),
        outcome: store.get(LAST_SCAN_KEY) ? `scanned ${store.get(LAST_SCAN_KEY)}` : 'not finished',
      });
      const before = { ...traffic };
      const home = safeCall(world, code, 'onHomepage', gmailEvent());
      rows.push({
        scan: label,
        what: 'then the homepage (alerts section included)',
        'BigQuery calls': traffic.calls - before.calls,
        INSERTs: 0,
        'bytes returned': (traffic.bytes - before.bytes).toLocaleString('en-US'),
        'modelled s': round(home.modelledMs / 1000, 1),
        'wall s': round(home.wallMs / 1000, 1),
        outcome: `${withinCardTarget(home)}: ${round((home.modelledMs + home.wallMs) / 1000, 1)} s`,
      });
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
