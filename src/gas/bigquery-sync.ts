/**
 * The source sync's BigQuery side (port src/ports/warehouse-sync.ts), in the opt-in bundle only.
 *
 * - The source is read by ONE query job, `SELECT * FROM source`, whose results BigQuery keeps in a
 *   temporary table for about 24 hours (https://cloud.google.com/bigquery/docs/cached-results), read
 *   a page at a time by `Jobs.getQueryResults(projectId, jobId, { pageToken, maxResults })` across
 *   hourly runs (https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/getQueryResults).
 * - Each page goes into the staging tables as a load job of newline-delimited JSON, uploaded with the
 *   job (`Jobs.insert(job, projectId, blob)`, the Apps Script sample "Load CSV data",
 *   https://developers.google.com/apps-script/advanced/bigquery): one job per table per page. Load
 *   jobs are limited to 1,500 per table per day (https://cloud.google.com/bigquery/quotas#load_jobs),
 *   far above a sync's pages; DML INSERT would carry every value as a query parameter (10,000 a
 *   query, https://cloud.google.com/bigquery/quotas#query_jobs), about 40 rows a statement at the
 *   sample's 24 columns × 5 shadows, and 2,500 statements for 100k rows would run past the first
 *   1,500 a table gets at once (https://cloud.google.com/bigquery/docs/data-manipulation-language).
 * - Every job has an id made from the sync's id and the page: BigQuery refuses a second job with an
 *   id it already has ("Already Exists", https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/insert,
 *   JobReference.jobId), so a page loaded by a run that was killed before it saved its cursor is not
 *   loaded twice when the next run repeats it: the existing job is looked up and its outcome used.
 */
import {
  columnMapFor,
  columnTableRows,
  customerRow,
  duplicateRowsSql,
  LOAD_TYPE,
  STAGING,
  stagingColumns,
  schemaUpkeepSql,
  swapSql,
  tagRows,
  type ColumnMap,
  type SqlQuery,
  type SqlValue,
} from '../core/sql';
import { sourceColumns, sourceRow } from '../core/sync/source-cells';
import type { SegmentRecord } from '../core/segments';
import type { SourceCursor, SourcePage, SyncSwap, WarehouseSync } from '../ports/warehouse-sync';
import type { BigQueryJob, BigQueryLike, BlobLike } from './bigquery-like';

export interface BigQuerySyncOptions {
  projectId: string;
  datasetId: string;
  newBlob: (text: string) => BlobLike;
  sleep: (ms: number) => void;
  /** Runs one statement or query to its last row (the store's `run`). */
  run: (q: SqlQuery, what: string) => Record<string, unknown>[];
}

const POLL_MS = [200, 400, 800, 1_600, 3_200, 5_000];
/** Polls of a load job before the run gives up on it (the next run looks it up again by its id). */
const MAX_POLLS = 40;

/** A row as one NDJSON line; NULLs are left out (a missing field loads as NULL). */
function line(row: Record<string, SqlValue>): string {
  const out: Record<string, SqlValue> = {};
  for (const [k, v] of Object.entries(row)) if (v !== null) out[k] = v;
  return JSON.stringify(out);
}

const alreadyExists = (error: unknown) =>
  /Already Exists/i.test(error instanceof Error ? error.message : String(error));

export class BigQuerySync implements WarehouseSync {
  private maps = new Map<string, ColumnMap>();

  constructor(
    private readonly bigQuery: BigQueryLike,
    private readonly options: BigQuerySyncOptions,
  ) {}

  private jobs() {
    const { insert, get } = this.bigQuery.Jobs;
    if (!insert || !get) throw new Error('no BigQuery Jobs.insert');
    return { insert: insert.bind(this.bigQuery.Jobs), get: get.bind(this.bigQuery.Jobs) };
  }

  startSource(source: string, jobId: string): { location?: string } {
    const { insert, get } = this.jobs();
    const { projectId } = this.options;
    // The source's name was checked by Settings (store.ts sourceTableProblem): only letters, digits,
    // underscores, hyphens and the two dots ever reach the backticks.
    const job: BigQueryJob = {
      jobReference: { projectId, jobId },
      configuration: { query: { query: `SELECT * FROM \`${source}\``, useLegacySql: false } },
    };
    let started: BigQueryJob;
    try {
      started = insert(job, projectId);
    } catch (error) {
      if (!alreadyExists(error)) throw error;
      started = get(projectId, jobId);
    }
    const location = started.jobReference?.location;
    return location ? { location } : {};
  }

  readPage(cursor: SourceCursor, maxResults: number): SourcePage | undefined {
    const response = this.bigQuery.Jobs.getQueryResults(this.options.projectId, cursor.jobId, {
      maxResults,
      timeoutMs: 10_000,
      ...(cursor.pageToken ? { pageToken: cursor.pageToken } : {}),
      ...(cursor.location ? { location: cursor.location } : {}),
    });
    if (!response.jobComplete) return undefined;
    const columns = sourceColumns(response.schema?.fields ?? []);
    return {
      headers: columns.headers,
      rows: (response.rows ?? []).map((r) => sourceRow(r.f, columns.readers)),
      ...(response.pageToken ? { nextPageToken: response.pageToken } : {}),
      totalRows: Number(response.totalRows ?? 0),
      columnProblems: columns.problems,
    };
  }

  private mapFor(headers: readonly string[]): ColumnMap {
    const key = JSON.stringify(headers);
    let map = this.maps.get(key);
    if (!map) this.maps.set(key, (map = columnMapFor(headers)));
    return map;
  }

  stage(key: string, first: boolean, headers: readonly string[], records: readonly SegmentRecord[]): void {
    const map = this.mapFor(headers);
    const customers = records.map((r) => line(customerRow(r, map)));
    const tags = records.flatMap((r) => tagRows(r).map(line));
    this.load(`${key}_c`, 'customers', map, customers, first);
    // A page without tags needs no job, except the first, which empties the staging table.
    if (tags.length > 0 || first) this.load(`${key}_t`, 'tags', map, tags, first);
    if (first)
      this.load(
        `${key}_h`,
        'columns',
        map,
        columnTableRows(headers).rows.map((r) => JSON.stringify(r)),
        true,
      );
  }

  private load(
    jobId: string,
    table: keyof typeof STAGING,
    map: ColumnMap,
    lines: readonly string[],
    truncate: boolean,
  ): void {
    const { insert, get } = this.jobs();
    const { projectId, datasetId } = this.options;
    const job: BigQueryJob = {
      jobReference: { projectId, jobId },
      configuration: {
        load: {
          destinationTable: { projectId, datasetId, tableId: STAGING[table] },
          sourceFormat: 'NEWLINE_DELIMITED_JSON',
          schema: {
            fields: stagingColumns(map)[table].map((c) => ({ name: c.name, type: LOAD_TYPE[c.type] })),
          },
          createDisposition: 'CREATE_IF_NEEDED',
          writeDisposition: truncate ? 'WRITE_TRUNCATE' : 'WRITE_APPEND',
        },
      },
    };
    let state: BigQueryJob;
    try {
      state = insert(job, projectId, this.options.newBlob(lines.join('\n')));
    } catch (error) {
      // Loaded (or loading) by a run that was killed before it saved its cursor: not again.
      if (!alreadyExists(error)) throw error;
      state = get(projectId, jobId);
    }
    const location = state.jobReference?.location;
    for (let poll = 0; state.status?.state !== 'DONE'; poll++) {
      if (poll >= MAX_POLLS) throw new Error(`${jobId} still running`);
      this.options.sleep(POLL_MS[Math.min(poll, POLL_MS.length - 1)]!);
      state = get(projectId, jobId, location ? { location } : {});
    }
    const failed = state.status.errorResult;
    if (failed)
      throw new Error(`loading ${STAGING[table]} (job ${jobId}): ${failed.message ?? failed.reason}`);
  }

  swap(headers: readonly string[]): SyncSwap {
    const map = this.mapFor(headers);
    const dups = this.options.run(duplicateRowsSql(), 'sync');
    for (const q of swapSql(map)) this.options.run(q, 'sync');
    for (const q of schemaUpkeepSql(map, this.options.datasetId)) this.options.run(q, 'sync');
    return {
      duplicates: dups.map((d) => ({ rowId: Number(d.row_id), email: String(d.email) })),
      duplicateCount: Number(dups[0]?.n ?? 0),
    };
  }
}
