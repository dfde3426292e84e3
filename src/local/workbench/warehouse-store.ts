/**
 * `npm start -- --store duckdb:FILE`: the warehouse file opened for the workbench's Apps Script world.
 * DuckDB runs in a worker thread (SyncDuckDb), the BigQuery stand-in answers the bundle's
 * `BigQuery.Jobs` calls from it, and the file's own meta table says it holds ChurnGuard's tables and
 * which sheet headers its columns came from. A file that is not a warehouse is refused here, naming
 * what is missing, before any card runs on it.
 */
import * as fs from 'node:fs';
import { createBigQueryStandIn, type BigQueryTraffic } from '../standins/bigquery';
import { SyncDuckDb } from '../standins/duckdb-sync';
import type { BigQueryLike } from '../../gas/bigquery-like';
import { generateWarehouse } from '../warehouse/generate';
import { META_TABLE, parseWarehouseMeta, type WarehouseMeta } from '../warehouse/warehouse-file';
import { GENERATE_HINT } from './args';

/** The project and dataset the local warehouse answers as (what Settings names in the workbench). */
export const LOCAL_WAREHOUSE = { projectId: 'churnguard-local', datasetId: 'churnguard' } as const;

export interface OpenWarehouse {
  file: string;
  meta: WarehouseMeta;
  bigQuery: BigQueryLike & { traffic: BigQueryTraffic };
  close(): Promise<void>;
}

export class WarehouseFileError extends Error {}

export async function openWarehouseStore(
  options: { file: string; generate?: number },
  log: (line: string) => void = () => undefined,
): Promise<OpenWarehouse> {
  const { file } = options;
  if (!fs.existsSync(file) && options.generate !== undefined) {
    log(`Generating ${options.generate.toLocaleString('en-US')} customers into ${file} …`);
    const report = await generateWarehouse({ customers: options.generate, out: file });
    log(`  done in ${(report.ms / 1000).toFixed(1)} s (${(report.bytes / 1e6).toFixed(1)} MB)`);
  }
  const db = new SyncDuckDb(file);
  const meta = readMeta(db, file);
  if (!meta.ok) {
    await db.close();
    throw new WarehouseFileError(meta.message);
  }
  return {
    file,
    meta: meta.meta,
    bigQuery: createBigQueryStandIn(db, LOCAL_WAREHOUSE),
    close: async () => void (await db.close()),
  };
}

function readMeta(db: SyncDuckDb, file: string): ReturnType<typeof parseWarehouseMeta> {
  let rows: unknown[][];
  try {
    rows = db.run(`SELECT key, value FROM ${META_TABLE}`, {}).rows;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      message: /does not exist|not found/i.test(message)
        ? `${file} is a DuckDB database but not a ChurnGuard warehouse: it has no ${META_TABLE} table.\n${GENERATE_HINT(file)}`
        : `${file}: DuckDB could not read it: ${message}`,
    };
  }
  return parseWarehouseMeta(rows, file);
}
