/**
 * A page of the warehouse scan's events as alerts (issue 21): the customers the page names are read
 * in one query and parsed by the sheet parser, so each alert's customer, owner and suggested move are
 * worded by the sheet scan's own alertDetails, with the risk band the table holds. The alert id is
 * the event's key (the Alerts tab's Key), so the same event is the same alert on every run.
 */
import type { Customer } from '../../core/customers/customer';
import type { Segment } from '../../core/segments';
import type { Settings } from '../../core/settings/settings';
import { readCustomers } from '../../core/sheet/read-customers';
import type { AlertRaise } from '../../core/sql';
import type { ValueLines } from '../../core/playbooks/value';
import type { RiskScore } from '../../core/risk/risk-score';
import type { DangerEvent } from '../../core/watch/events';
import type { CustomerWarehouse } from '../../ports/customer-warehouse';
import { WAREHOUSE_SHEET_NAME } from '../warehouse-customer';
import { alertDetails } from './scan-chunk';

/** Who raised them: every row of one scan also carries the scan's start time (its stamp). */
export const SCAN_AUTHOR = 'scan';

export interface PageContext {
  settings: Settings;
  segments: readonly Segment[];
  lines?: ValueLines;
  /** The scan's instant: its day, and the time stamp of every alert it appends. */
  now: Date;
  /** The scan's run id, the prefix of every change id it makes ([a-z0-9], 8+ characters). */
  run: string;
}

export type Found = Map<string, { customer: Customer; risk: Pick<RiskScore, 'band' | 'score'> }>;

/** These customers as the sheet parser reads them, by lower-case email, with the table's risk. */
export function customersFor(
  warehouse: CustomerWarehouse,
  emails: readonly string[],
  settings: Settings,
): Found {
  const rows = warehouse.customerRowsFor([...new Set(emails)]);
  const found: Found = new Map();
  if (rows.length === 0) return found;
  const read = readCustomers({
    sheetName: WAREHOUSE_SHEET_NAME,
    headers: rows[0]!.headers,
    rows: rows.map((r) => r.cells),
    rowNumbers: rows.map((r) => r.rowId),
    locale: 'en_US',
    timeZone: 'UTC',
    ...(settings.mapping ? { mapping: settings.mapping } : {}),
  });
  const riskOf = new Map(rows.map((r) => [r.rowId, r.risk]));
  const currentOf = new Map(rows.map((r) => [r.rowId, r.current]));
  for (const parsed of read.customers) {
    // Tags and status a teammate set from the card (the views), as the customer card shows them.
    const current = currentOf.get(parsed.row);
    const c = current
      ? {
          ...parsed,
          tags: current.tags,
          status:
            current.status === 'churned' || current.status === 'active' ? current.status : parsed.status,
        }
      : parsed;
    found.set(c.email.toLowerCase(), { customer: c, risk: riskOf.get(c.row) ?? { band: 'Unknown' } });
  }
  return found;
}

/** The events as alert rows, each id its key (once per page), stamped with the scan's time. */
export function alertRaises(
  events: readonly DangerEvent[],
  found: Found,
  page: PageContext,
  pageNumber: number,
): AlertRaise[] {
  const pad = (n: number) => n.toString(36).padStart(4, '0');
  const atMs = page.now.getTime();
  const seen = new Set<string>();
  const out: AlertRaise[] = [];
  for (const e of events) {
    if (seen.has(e.key)) continue;
    seen.add(e.key);
    const hit = found.get(e.email.toLowerCase());
    const details = hit
      ? alertDetails(page, page.settings, hit.customer, hit.risk, e)
      : { customer: e.email, owner: '', move: '' };
    out.push({
      // The run's id, then page and row: unique, and in the scan's order (customer, then kind) when
      // sorted, so the digests list ties as the sheet's do. The alert's identity is its id, not this.
      changeId: `${page.run}-${pad(pageNumber)}-${pad(out.length)}`,
      author: SCAN_AUTHOR,
      atMs,
      kind: 'alert',
      alertId: e.key,
      email: e.email,
      alertKind: e.kind,
      reason: e.reason,
      ...details,
    });
  }
  return out;
}
