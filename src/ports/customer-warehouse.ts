/**
 * Customers in a warehouse table (issue 21): the figures the cards need, each one query, so no
 * execution pulls the whole table. Implemented over BigQuery (src/gas/bigquery-customer-store.ts);
 * locally the same requests run on DuckDB.
 */
import type { Query } from '../core/segments';
import type { PortfolioTotals, SegmentFigures, WarehouseMember } from '../core/sql';

export interface CustomerWarehouse {
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
