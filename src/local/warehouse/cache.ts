/**
 * Generated warehouse files kept between runs (the bench's million customers take minutes to write):
 * one file per size, seed and generator input, under the system's temporary folder. The name carries a
 * hash of what the table is made from (the sample's customers and impact rules, and the warehouse
 * format), so a change to any of them makes a new file instead of reusing a stale one.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SAMPLE_DIR } from '../sample-world';
import { generateWarehouse, type GenerateReport } from './generate';
import { WAREHOUSE_FORMAT } from './warehouse-file';

export const CACHE_DIR = process.env.CHURNGUARD_CACHE_DIR ?? path.join(os.tmpdir(), 'churnguard-cache');

function inputHash(): string {
  const hash = crypto.createHash('sha256').update(WAREHOUSE_FORMAT);
  for (const f of ['customers.csv', 'impact-rules.csv'])
    hash.update(fs.readFileSync(path.join(SAMPLE_DIR, f)));
  return hash.digest('hex').slice(0, 12);
}

export function cachedWarehousePath(customers: number, seed = 0): string {
  return path.join(CACHE_DIR, `warehouse-${customers}-seed${seed}-${inputHash()}.duckdb`);
}

/** The cached file for this size and seed, generated first when missing (`report` is then set). */
export async function cachedWarehouse(
  customers: number,
  options: { seed?: number; onProgress?: (done: number, total: number, ms: number) => void } = {},
): Promise<{ file: string; report?: GenerateReport }> {
  const file = cachedWarehousePath(customers, options.seed);
  if (fs.existsSync(file)) return { file };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const report = await generateWarehouse({
    customers,
    out: file,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { file, report };
}
