/**
 * Writes a warehouse DuckDB file of N customers grown from the bundled sample (its 24 columns), scored
 * as the add-on scores them: for `npm start -- --store duckdb:FILE` and the warehouse bench.
 *
 * A chunk of customers at a time is grown, read, scored and appended as DuckDB data chunks, so memory
 * stays flat and a million customers take minutes. The file is written beside its final name and
 * renamed only when complete, so a stopped run never leaves a half table that looks finished.
 * Deterministic: the same N and seed give the same table.
 */
import * as fs from 'node:fs';
import { DuckDbWarehouse } from '../standins/duckdb-warehouse';
import { sampleRecords } from './sample-records';
import { META_TABLE, WAREHOUSE_FORMAT, type WarehouseMeta } from './warehouse-file';

export interface GenerateOptions {
  customers: number;
  out: string;
  seed?: number;
  /** Replace an existing file. Default: refuse. */
  overwrite?: boolean;
  /** Called after each chunk with the customers written so far. */
  onProgress?: (done: number, total: number, elapsedMs: number) => void;
}

export interface GenerateReport {
  customers: number;
  tags: number;
  ms: number;
  bytes: number;
}

/** Sheet rows grown per step: large enough to keep DuckDB's chunks full, small enough to keep memory flat. */
const STEP = 20_000;

export async function generateWarehouse(options: GenerateOptions): Promise<GenerateReport> {
  const { customers: total, out } = options;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(total) || total < 1)
    throw new Error(`customers must be a whole number ≥ 1, got ${total}`);
  if (fs.existsSync(out) && !options.overwrite) throw new Error(`${out} already exists (remove it first)`);
  const started = Date.now();
  const partial = `${out}.partial`;
  for (const f of [partial, `${partial}.wal`]) fs.rmSync(f, { force: true });
  const sample = sampleRecords({ seed });
  const wh = await DuckDbWarehouse.open(partial);
  let tags = 0;
  try {
    await wh.createTables(sample.map, sample.headers);
    const writer = await wh.writer(sample.map);
    // Rows the sheet reader skips (the sample's planted rows without an email, duplicates) are not
    // customers, so rows are grown until exactly `total` customers are written.
    let done = 0;
    for (let first = 0; done < total;) {
      // A few rows more than still needed, since a few are skipped (a small table takes a small step).
      const rows = Math.min(STEP, total - done + 16 + Math.ceil((total - done) / 50));
      const records = sample.chunk(first, rows).slice(0, total - done);
      first += rows;
      writer.add(records);
      for (const r of records) tags += r.customer.tags.length;
      done += records.length;
      options.onProgress?.(done, total, Date.now() - started);
    }
    writer.close();
    const meta: Record<keyof WarehouseMeta, string> = {
      format: WAREHOUSE_FORMAT,
      customers: String(total),
      seed: String(seed),
      headers: JSON.stringify(sample.headers),
      scoredOn: sample.today.toISOString().slice(0, 10),
    };
    await wh.run(`CREATE TABLE ${META_TABLE} (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`);
    for (const [key, value] of Object.entries(meta))
      await wh.run(`INSERT INTO ${META_TABLE} VALUES ($key, $value)`, { key, value });
    await wh.run('CHECKPOINT');
  } finally {
    wh.close();
  }
  if (options.overwrite) fs.rmSync(out, { force: true });
  fs.renameSync(partial, out);
  return { customers: total, tags, ms: Date.now() - started, bytes: fs.statSync(out).size };
}
