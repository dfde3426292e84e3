/**
 * Customers in a warehouse table (issue 21): the figures the cards need, each one query, so no
 * execution pulls the whole table. Implemented over BigQuery (src/gas/bigquery-customer-store.ts);
 * locally the same requests run on DuckDB.
 */
import type { Query } from '../core/segments';
import type { PortfolioTotals, SegmentFigures, WarehouseMember } from '../core/sql';
import type { WarehouseChanges } from './warehouse-changes';

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
  current?: { status: string | null; tags: string[] };
}

export interface CustomerWarehouse extends WarehouseChanges {
  /**
   * One parameterised lookup returning every column's raw value, so the sheet parser and the risk
   * pipeline read the customer exactly as from the sheet; undefined when the table has no such email.
   */
  customerRow(email: string): WarehouseCustomerRow | undefined;
  /** One parameterised lookup; undefined when the table has no such email. */
  customerByEmail(email: string): WarehouseMember | undefined;
  /** Counts and MRR by band and impact, as the homepage shows them. */
  portfolioTotals(): PortfolioTotals;
  /** Every saved segment's size and MRR, in one scan. */
  segmentFigures(segments: readonly Query[]): SegmentFigures[];
  /** Each segment's first members in the segment card's order. */
  topMembers(segments: readonly Query[]): WarehouseMember[][];
  /** The homepage's call-first list. */
  callFirst(): WarehouseMember[];
}
