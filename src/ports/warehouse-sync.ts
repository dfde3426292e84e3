/**
 * Building ChurnGuard's warehouse tables (customers, customer_tags, customer_columns) from the
 * team's own BigQuery table or view, inside the add-on, so the data never leaves their Google
 * account. The job (src/app/jobs/source-sync-job.ts) reads the source a page at a time, reads each
 * page with the sheet reader and scores it as the sheet is scored, and hands the records here; the
 * BigQuery side (src/gas/bigquery-sync.ts) stages them and swaps the staging tables in at the end.
 */
import type { SegmentRecord } from '../core/segments';

/** Where the reading of the source's query results stands between runs (JSON-safe). */
export interface SourceCursor {
  jobId: string;
  location?: string;
  pageToken?: string;
}

/** One page of the source's rows, cells as the sheet reader reads them. */
export interface SourcePage {
  /** The source's column names, in order: its header row. */
  headers: string[];
  rows: unknown[][];
  /** Undefined on the last page. */
  nextPageToken?: string;
  totalRows: number;
  /** Columns no customer field can read (RECORD, REPEATED, BYTES…): reported, their cells left blank. */
  columnProblems: string[];
}

export interface SyncSwap {
  /** Source rows whose email an earlier row already has (the first is kept, as the sheet does). */
  duplicates: { rowId: number; email: string }[];
  duplicateCount: number;
}

export interface WarehouseSync {
  /** Starts `SELECT * FROM source` as the query job `jobId`; starting the same id again is harmless. */
  startSource(source: string, jobId: string): { location?: string };
  /** The next page of the job's results, or undefined while the job is still running. */
  readPage(cursor: SourceCursor, maxResults: number): SourcePage | undefined;
  /**
   * Appends the records to the staging tables, once per `key` even when called again after a kill
   * (the load jobs' ids are made from it). `first` empties the staging tables (a new sync).
   */
  stage(key: string, first: boolean, headers: readonly string[], records: readonly SegmentRecord[]): void;
  /** Replaces the tables the cards read by the staging tables, one statement each. */
  swap(headers: readonly string[]): SyncSwap;
}
