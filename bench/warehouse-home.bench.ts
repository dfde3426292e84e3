/**
 * Issue 21: the Gmail homepage on the BigQuery store at 100k and 1M customers, through the opt-in
 * bundle on the stand-ins (the BigQuery stand-in over the cached generated warehouse file). In a
 * day's order: the first homepage before any hourly trigger stored the day figures (it computes
 * them), the hourly trigger that stores them, the homepages after it.
 *
 * Per row: BigQuery calls, modelled time (latency.ts: 1 s a Jobs.query, an estimate of BigQuery's job
 * set-up and answer), this machine's wall time (JavaScript plus DuckDB's real scans, on a 2-core
 * machine shared with other sessions), and the DuckDB part of the wall alone. The card target
 * counts modelled + wall; "without DuckDB" is modelled + the JavaScript alone, the figure if the 1 s
 * a job already stood for BigQuery's own scan (see README, "The homepage at 1M customers").
 */
import * as path from 'node:path';
import { bundle } from '../scripts/lib/bundle';
import { gmailEvent } from '../src/local/gmail-events';
import { createBigQueryStandIn } from '../src/local/standins/bigquery';
import type { BigQueryLike } from '../src/gas/bigquery-like';
import { SyncDuckDb } from '../src/local/standins/duckdb-sync';
import { cachedWarehouse } from '../src/local/warehouse/cache';
import { progressLine } from '../src/local/warehouse/main';
import { LOCAL_WAREHOUSE } from '../src/local/workbench/warehouse-store';
import { loadSettings } from '../src/app/settings-store';
import { safeCall, withinCardTarget, type Measured } from './card-actions.bench';
import { round } from './stats';
import { warehouseWorld } from './warehouse-cards.bench';

/** The generated tab the day figures live in (src/app/warehouse-day-figures.ts). */
const DAY_FIGURES_TAB = 'ChurnGuard warehouse figures';

/** The stand-in, timing the DuckDB work inside each BigQuery call. */
function timedStandIn(db: SyncDuckDb) {
  const bq = createBigQueryStandIn(db, LOCAL_WAREHOUSE);
  const spent = { ms: 0 };
  const timed =
    <A extends unknown[], R>(f: (...a: A) => R) =>
    (...a: A): R => {
      const t = process.hrtime.bigint();
      try {
        return f(...a);
      } finally {
        spent.ms += Number(process.hrtime.bigint() - t) / 1e6;
      }
    };
  const wrapped: BigQueryLike = {
    Jobs: { query: timed(bq.Jobs.query), getQueryResults: timed(bq.Jobs.getQueryResults) },
  };
  return { bq: wrapped, traffic: bq.traffic, spent };
}

export async function warehouseHomeBench(sizes: number[]): Promise<Record<string, unknown>[]> {
  const { code } = await bundle(path.resolve(__dirname, '../src/index.ts'), ['bigquery']);
  const rows: Record<string, unknown>[] = [];
  for (const n of sizes) {
    const { file } = await cachedWarehouse(n, {
      onProgress: (done, total, ms) =>
        process.stderr.write(`\r  generating: ${progressLine(done, total, ms)}   `),
    });
    const db = new SyncDuckDb(file);
    // Warm DuckDB's connection and file cache, so the first row is not charged for opening the file.
    db.run('SELECT COUNT(*) FROM customers', {});
    const { bq, traffic, spent } = timedStandIn(db);
    const world = warehouseWorld(bq as never);
    const spreadsheetId = loadSettings(world.userKeyValues()).settings.spreadsheetId!;
    const measure = (what: string, fn: string, kind: 'card' | 'trigger' = 'card') => {
      const before = { calls: traffic.calls, bytes: traffic.bytes, duck: spent.ms };
      const m: Measured = safeCall(world, code, fn, kind === 'card' ? gmailEvent() : {}, kind);
      const duck = spent.ms - before.duck;
      rows.push({
        customers: n.toLocaleString('en-US'),
        action: what,
        'BigQuery calls': traffic.calls - before.calls,
        'bytes returned': (traffic.bytes - before.bytes).toLocaleString('en-US'),
        'modelled s': round(m.modelledMs / 1000, 1),
        'wall s': round(m.wallMs / 1000, 1),
        'of it DuckDB s': round(duck / 1000, 1),
        'total s': round((m.modelledMs + m.wallMs) / 1000, 1),
        'without DuckDB s': round((m.modelledMs + m.wallMs - duck) / 1000, 1),
        result: kind === 'card' ? withinCardTarget(m) : m.outcome,
      });
    };
    measure('homepage, first of the day, no stored day figures', 'onHomepage');
    measure('homepage again', 'onHomepage');
    // The morning's hourly trigger, with no figures stored yet (as on a new day).
    world.spreadsheets.get(spreadsheetId)?.sheet(DAY_FIGURES_TAB)?.clear();
    world.clock.advance(3_600_000);
    measure('hourly trigger (stores the day figures)', 'onHourlyTrigger', 'trigger');
    world.clock.advance(3_600_000);
    measure('homepage after the trigger', 'onHomepage');
    measure('homepage again', 'onHomepage');
    // The fallback once DuckDB has the table in memory (as after the morning's scan): figures deleted.
    world.spreadsheets.get(spreadsheetId)?.sheet(DAY_FIGURES_TAB)?.clear();
    measure('homepage, day figures deleted (computes them)', 'onHomepage');
    await db.close();
  }
  return rows;
}
