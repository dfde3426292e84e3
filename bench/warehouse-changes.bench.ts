/**
 * Issue 21: what reading through the latest-state views costs. A generated 100k-customer table in
 * DuckDB, then 0, 10k and 100k changes appended through the real INSERT statements (three writers,
 * same-millisecond races, retries: the differential test's generator); per step, the homepage
 * totals, the segment sizes of the default segments in one scan, and a lookup by email, read from
 * the base tables and from the views (median of 3, wall ms on this machine's DuckDB); likewise the
 * month trend, the value lines and the scan's events query (first page, no score history), which
 * read the views since the card's edits must reach them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_PLAYBOOK_SETTINGS } from '../src/core/playbooks/settings';
import { DEFAULT_SEGMENTS, readSegments } from '../src/core/segments';
import {
  BASE_TABLES,
  CURRENT_TABLES,
  customerByEmailSql,
  scanEventsSql,
  segmentTotalsSql,
  totalsSql,
  trendSql,
  valueLinesSql,
  type ReadTables,
} from '../src/core/sql';
import { DEFAULT_WATCH } from '../src/core/watch/events';
import { DuckDbWarehouse } from '../src/local/standins/duckdb-warehouse';
import { generateBatches } from '../test/helpers/change-log';
import { randomFrom } from '../test/helpers/fuzz/random';
import { MAP } from '../test/helpers/sql-differential';
import { EXTRA_HEADERS, generateRecords, TODAY } from '../test/helpers/warehouse-data';
import { median, round } from './stats';

export async function warehouseChangesBench(
  customers = 100_000,
  steps = [0, 10_000, 100_000],
): Promise<Record<string, unknown>[]> {
  const segments = readSegments(DEFAULT_SEGMENTS as unknown as unknown[][], EXTRA_HEADERS).segments.map(
    (s) => s.query,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'churnguard-changes-'));
  const wh = await DuckDbWarehouse.open(path.join(dir, 'warehouse.duckdb'));
  const rows: Record<string, unknown>[] = [];
  try {
    await wh.createTables(MAP);
    const rnd = randomFrom(2126);
    const sample = generateRecords(rnd, customers);
    await wh.load(sample, MAP);
    // Changes spread over every customer (the generator aims at its base's first five).
    const spread = Array.from({ length: 2000 }, (_, i) => sample[(i * 7919) % sample.length]!);
    let appended = 0;
    for (const target of steps) {
      const started = Date.now();
      while (appended < target) {
        const base = Array.from({ length: 5 }, () => rnd.pick(spread));
        const batches = generateBatches(rnd, base, { batches: 400 });
        // Unique ids per step: the generator's are random hex already.
        const flat = batches.flat().slice(0, target - appended);
        await wh.append(flat);
        appended += flat.length;
      }
      const appendMs = Date.now() - started;
      const email = sample[Math.floor(customers / 2)]!.customer.email;
      const actions: [string, (t: ReadTables) => Promise<unknown>][] = [
        ['homepage totals', (t) => wh.query(totalsSql(t))],
        [
          `segment sizes (${segments.length} segments, one scan)`,
          (t) => wh.query(segmentTotalsSql(segments, MAP, TODAY, { tables: t })),
        ],
        ['lookup by email', (t) => wh.query(customerByEmailSql(email, t))],
        ['month trend', (t) => wh.query(trendSql(TODAY, { tables: t }).query)],
        ['value lines', (t) => wh.query(valueLinesSql(DEFAULT_PLAYBOOK_SETTINGS, TODAY, t))],
        [
          'scan events, first page',
          (t) => wh.query(scanEventsSql(TODAY, DEFAULT_WATCH, { tables: t }).query),
        ],
      ];
      for (const [action, run] of actions) {
        const time = async (t: ReadTables) => {
          const times: number[] = [];
          for (let i = 0; i < 3; i++) {
            const t0 = process.hrtime.bigint();
            await run(t);
            times.push(Number(process.hrtime.bigint() - t0) / 1e6);
          }
          return round(median(times), 1);
        };
        rows.push({
          customers: customers.toLocaleString('en-US'),
          changes: appended.toLocaleString('en-US'),
          action,
          'base tables ms': await time(BASE_TABLES),
          'latest-state views ms': await time(CURRENT_TABLES),
          'append s (this step)': round(appendMs / 1000, 1),
        });
      }
    }
  } finally {
    wh.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
