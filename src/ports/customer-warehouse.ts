/**
 * Customers in a warehouse table (issue 21): the figures the cards need, each one query, so no
 * execution pulls the whole table. Implemented over BigQuery (src/gas/bigquery-customer-store.ts);
 * locally the same requests run on DuckDB.
 */
import type { Query } from '../core/segments';
import type { PlaybookSettings } from '../core/playbooks/settings';
import type { ValueLines } from '../core/playbooks/value';
import type {
  DayFigures,
  HomeLive,
  PortfolioTotals,
  ScanCursor,
  ScanPage,
  SegmentFigures,
  TrendMonth,
  WarehouseMember,
} from '../core/sql';
import type { WatchSettings } from '../core/watch/events';
import type { WarehouseChanges } from './warehouse-changes';
import type { WarehouseCampaigns } from './warehouse-campaigns';
import type { WarehouseAlerts } from './warehouse-alerts';
import type { WarehouseBulkTags } from './warehouse-bulk-tags';
import type { WarehouseSync } from './warehouse-sync';
import type { WarehouseCardReads } from './warehouse-card';

export interface ScanRequest {
  /** The sheet's time zone: which calendar day today is. */
  timeZone?: string;
  /** The scan's instant (default: the store's clock), so a scan resumed past midnight keeps its day. */
  today?: Date;
  after?: ScanCursor;
  limit?: number;
  onlyNew?: boolean;
}

/** One customer's row as the source sheet held it: its header row and the cells under it. */
export interface WarehouseCustomerRow {
  headers: string[];
  /** The source's row number (row_id), so issues and notes point at the same row as the sheet's. */
  rowId: number;
  cells: unknown[];
  /**
   * Status and tags as the latest-state views hold them (ChurnGuard's own changes included), when
   * the store reads the views; the cells are the loaded row as the source had it.
   */
  current?: {
    status: string | null;
    tags: string[];
    /** The churn date the views hold, epoch ms (null: none); absent when the store did not read it. */
    churnMs?: number | null;
    /** ChurnGuard's newest hand-set crisis impact: '' when withdrawn, absent when never set. */
    impactOverride?: string;
    /** The newest notes ChurnGuard appended for the customer, newest first. */
    notes?: { text: string; author: string; atMs: number }[];
  };
}

export interface CustomerWarehouse
  extends WarehouseChanges, WarehouseAlerts, WarehouseBulkTags, WarehouseCampaigns, WarehouseCardReads {
  /**
   * One parameterised lookup returning every column's raw value, so the sheet parser and the risk
   * pipeline read the customer exactly as from the sheet; undefined when the table has no such email.
   */
  customerRow(email: string): WarehouseCustomerRow | undefined;
  /** Up to `limit` customers whose email is at `domain`, in source order: one query. */
  customerRowsAt(domain: string, limit: number): WarehouseCustomerRow[];
  /** The source's header row (what segment queries may name), from the cached column mapping. */
  headers(): string[];
  /** One parameterised lookup; undefined when the table has no such email. */
  customerByEmail(email: string): WarehouseMember | undefined;
  /** Counts and MRR by band and impact, as the homepage shows them. */
  portfolioTotals(): PortfolioTotals;
  /** Every saved segment's size and MRR, in one scan; `today` (default: the store's) for day counts. */
  segmentFigures(segments: readonly Query[], today?: Date): SegmentFigures[];
  /** Each segment's first members in the segment card's order. */
  topMembers(segments: readonly Query[], today?: Date): WarehouseMember[][];
  /** The homepage's call-first list. */
  callFirst(): WarehouseMember[];
  /**
   * The homepage's month trend: counts, MRR and the rates derived from them, oldest month first;
   * `today` (default: the store's) says which six months.
   */
  monthTrend(today?: Date): TrendMonth[];
  /**
   * The homepage's live part in one job: totals, the call-first list and, where ChurnGuard keeps its
   * change tables, the newest field change's time (src/core/sql/home-sql.ts).
   */
  homeLive(): HomeLive;
  /** The day's figures in one job: the month trend and the value lines (and the newest field change). */
  dayFigures(settings: PlaybookSettings, today?: Date): DayFigures;
  /** The newest field change's time (epoch ms), null when none, undefined where changes are not kept. */
  newestFieldChange(): number | null | undefined;
  /** The exact value lines (top shares by value) over every active customer. */
  valueLines(settings: PlaybookSettings, today?: Date): ValueLines;
  /**
   * One page of today's danger-zone events against the score history; pass `next` for the following
   * page. `onlyNew` leaves out silences and renewals the previous scan already raised (scan.ts).
   */
  scanEvents(settings: WatchSettings, options?: ScanRequest): ScanPage;
  /** Appends today's score-history rows (none for a customer who already has one today). */
  recordScan(timeZone?: string, now?: Date): void;
  /** Building the tables from the team's own table or view (src/app/jobs/source-sync-job.ts), when the store can. */
  sourceSync?(): WarehouseSync;
}
