/**
 * Issue 21, the customer card's reads on the warehouse: the tag picker's vocabulary (one grouped
 * query over the current tags view) and the card's one lookup (cells, status, churn date, tags,
 * newest notes and hand-set impact in one UNION ALL) against the plain cells lookup, on a generated
 * table in DuckDB with 10k changes appended (the differential test's generator) plus notes for the
 * looked-up customer. Wall ms on this machine's DuckDB, median of 3; BigQuery's own time differs,
 * the number of calls does not.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CURRENT_TABLES,
  customerCardSql,
  customerCellsSql,
  tagVocabularySql,
  type SqlQuery,
} from '../src/core/sql';
import { DuckDbWarehouse } from '../src/local/standins/duckdb-warehouse';
import { generateBatches } from '../test/helpers/change-log';
import { randomFrom } from '../test/helpers/fuzz/random';
import { MAP } from '../test/helpers/sql-differential';
import { EXTRA_HEADERS, generateRecords } from '../test/helpers/warehouse-data';
import { median, round } from './stats';

export async function warehouseCardBench(
  sizes = [100_000],
  changes = 10_000,
): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  const layout = { headers: [...EXTRA_HEADERS], map: MAP };
  for (const customers of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'churnguard-card-'));
    const wh = await DuckDbWarehouse.open(path.join(dir, 'warehouse.duckdb'));
    try {
      await wh.createTables(MAP);
      const rnd = randomFrom(2127);
      const sample = generateRecords(rnd, customers);
      await wh.load(sample, MAP);
      const spread = Array.from({ length: 2000 }, (_, i) => sample[(i * 7919) % sample.length]!);
      let appended = 0;
      while (appended < changes) {
        const base = Array.from({ length: 5 }, () => rnd.pick(spread));
        const flat = generateBatches(rnd, base, { batches: 400 })
          .flat()
          .slice(0, changes - appended);
        await wh.append(flat);
        appended += flat.length;
      }
      const email = sample[Math.floor(customers / 2)]!.customer.email;
      await wh.append(
        Array.from({ length: 20 }, (_, i) => ({
          changeId: `bench-note-${i}`,
          author: 'sofia@acme.example',
          atMs: Date.UTC(2026, 11, 3) + i,
          kind: 'note' as const,
          email,
          text: `Note ${i}`,
        })),
      );
      const actions: [string, SqlQuery][] = [
        ['tag vocabulary (top 100, one grouped query)', tagVocabularySql(CURRENT_TABLES.tags)],
        ['card lookup (cells+status+tags+notes+impact)', customerCardSql(email, layout, CURRENT_TABLES)],
        [
          'plain cells lookup (for comparison)',
          customerCellsSql({ email }, layout, CURRENT_TABLES.customers),
        ],
      ];
      for (const [action, q] of actions) {
        const times: number[] = [];
        let answer = 0;
        for (let i = 0; i < 3; i++) {
          const t0 = process.hrtime.bigint();
          const got = await wh.query(q);
          times.push(Number(process.hrtime.bigint() - t0) / 1e6);
          answer = Buffer.byteLength(JSON.stringify(got));
        }
        rows.push({
          customers: customers.toLocaleString('en-US'),
          changes: changes.toLocaleString('en-US'),
          action,
          calls: 1,
          'answer bytes': answer,
          'ms (DuckDB)': round(median(times), 1),
        });
      }
    } finally {
      wh.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
