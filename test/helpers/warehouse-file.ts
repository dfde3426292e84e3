/**
 * A warehouse file for one test file: a DuckDB file in a fresh temp folder, filled once before the
 * tests, then opened the way the BigQuery stand-in reads it (synchronously, from a worker), and
 * removed after them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DuckDbWarehouse } from '../../src/local/standins/duckdb-warehouse';
import { SyncDuckDb } from '../../src/local/standins/duckdb-sync';

export function useWarehouseFile(
  prefix: string,
  fill: (warehouse: DuckDbWarehouse) => Promise<void>,
  opened: (db: SyncDuckDb) => void,
): void {
  let dir: string;
  let db: SyncDuckDb | undefined;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    const file = path.join(dir, 'warehouse.duckdb');
    const warehouse = await DuckDbWarehouse.open(file);
    await fill(warehouse);
    warehouse.close();
    db = new SyncDuckDb(file);
    opened(db);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
}
