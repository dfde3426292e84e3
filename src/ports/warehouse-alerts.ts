/**
 * The daily scan's alerts in a warehouse store (issue 21): raised into the append-only alerts table
 * once per alert id, read back through the latest-state view, and the customers a page of events
 * names, read in one query for the alert's who, whose and what to do.
 */
import type { AlertRaise, OpenAlerts, WarehouseAlertRow } from '../core/sql';
import type { Band } from '../core/risk/risk-score';

/** A customer's source row (as WarehouseCustomerRow) and the risk the table holds for it. */
export interface WarehouseRiskRow {
  headers: string[];
  rowId: number;
  cells: unknown[];
  risk: { score?: number; band: Band };
  /** Status and tags as the latest-state views hold them, when the store reads the views. */
  current?: { status: string | null; tags: string[] };
}

export interface WarehouseAlerts {
  /** Appends the alerts whose id the table lacks; returns how many it appended. */
  raiseAlerts(alerts: readonly AlertRaise[]): number;
  /** The open alerts the homepage shows, the user's own first, at most `limit`, with the counts. */
  openAlerts(me: string, now: Date, limit: number): OpenAlerts;
  /** What one scan appended (its run id and time stamp), in the order it raised them, at most `limit`. */
  alertsRaisedBy(run: string, atMs: number, limit: number): WarehouseAlertRow[];
  /** These customers' rows (one query), each with the risk the table holds for it. */
  customerRowsFor(emails: readonly string[]): WarehouseRiskRow[];
}
