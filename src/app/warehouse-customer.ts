/**
 * A customer from the BigQuery store, read as the sheet reads one: the lookup returns the source
 * row's raw cells under its header row, and the sheet parser (read-customers.ts) turns them into the
 * same Customer, so the card's who, risk, why and next move come from the same code as the sheet's.
 * Cell issues name the BigQuery table and the source row.
 */
import { readCustomers } from '../core/sheet/read-customers';
import { parseImpact } from '../core/sheet/values';
import type { Customer } from '../core/customers/customer';
import type { ColumnMapping } from '../core/sheet/columns';
import type { CustomerWarehouse, WarehouseCustomerRow } from '../ports/customer-warehouse';
import { domainOf } from '../core/email/address';
import type { SheetLocation } from '../ports/customer-sheet';
import type { Settings } from '../core/settings/settings';
import type { AppContext } from './context';
import { findCustomer, FREE_MAIL, type CustomerMatch } from './find-customer';

/** Colleagues read at most: the sheet adapter's DOMAIN_ROW_LIMIT, so both cards say "1 of 10". */
const MAX_AT_DOMAIN = 10;

/** The name cell issues give the table ("customers!F12" reads as a sheet; this says where it is). */
export const WAREHOUSE_SHEET_NAME = 'BigQuery customers';

/** Where a warehouse row's cells are read: the loader's values, in en_US and UTC (see findInWarehouse). */
export const WAREHOUSE_CELLS = { locale: 'en_US', timeZone: 'UTC' } as const;

/** Warehouse rows read by the sheet parser, row numbers being the source's row_id. */
export function readWarehouseRows(
  found: readonly WarehouseCustomerRow[],
  mapping: ColumnMapping | undefined,
  /** The header row when `found` may be empty (an empty page of a segment). */
  headers?: readonly string[],
) {
  return readCustomers({
    sheetName: WAREHOUSE_SHEET_NAME,
    headers: found[0]?.headers ?? headers ?? [],
    rows: found.map((f) => f.cells),
    rowNumbers: found.map((f) => f.rowId),
    ...WAREHOUSE_CELLS,
    ...(mapping ? { mapping } : {}),
  });
}

/**
 * One lookup by exact email; on a miss, colleagues at a company domain (a second query). Dates were loaded as instants and numbers as numbers, so the row is
 * read with en_US and UTC: the loader's values, not a spreadsheet's display, decide what they mean.
 */
export function findInWarehouse(
  warehouse: CustomerWarehouse,
  address: { email: string; name: string },
  mapping: ColumnMapping | undefined,
): CustomerMatch {
  const read = (found: readonly WarehouseCustomerRow[]) => readWarehouseRows(found, mapping);
  const match = (found: readonly WarehouseCustomerRow[], how: CustomerMatch['how']): CustomerMatch => {
    const r = found.length ? read(found) : { customers: [], issues: [] };
    return {
      sheet: { locale: 'en_US', timeZone: 'UTC', headers: found[0]?.headers ?? [] },
      email: address.email,
      displayName: address.name,
      customers: r.customers,
      issues: r.issues,
      how: r.customers.length ? how : 'none',
    };
  };
  const exact = warehouse.customerRow(address.email);
  if (exact) {
    // Tags and status as the latest-state views hold them: a teammate's edit from Gmail shows at once.
    const found = match([exact], 'email');
    const current = exact.current;
    if (!current) return found;
    const customers = found.customers.map((c) => overlayCurrent(c, current));
    return { ...found, customers, ...(current.notes ? { notes: current.notes } : {}) };
  }
  // Not in the table: someone else at the same company, as the sheet does (a second query, on a miss only).
  const domain = domainOf(address.email);
  if (domain && !FREE_MAIL.has(domain)) {
    const colleagues = warehouse.customerRowsAt(domain, MAX_AT_DOMAIN);
    if (colleagues.length) return match(colleagues, 'domain');
  }
  return match([], 'none');
}

/**
 * The customer as the latest-state views hold them: status, tags and churn date, and ChurnGuard's
 * hand-set crisis impact when one is in force ('' withdrew it: the loaded row's own impact applies).
 */
function overlayCurrent(c: Customer, current: NonNullable<WarehouseCustomerRow['current']>): Customer {
  const out: Customer = {
    ...c,
    tags: current.tags,
    status: current.status === 'churned' || current.status === 'active' ? current.status : c.status,
  };
  if (current.churnMs === null) delete out.churnDate;
  else if (current.churnMs !== undefined) out.churnDate = new Date(current.churnMs);
  const hand = current.impactOverride ? parseImpact(current.impactOverride) : undefined;
  if (hand?.ok) out.impact = hand.value;
  return out;
}

/** Where one customer is looked up, by the store Settings chose. */
export interface CustomerSource {
  find(address: { email: string; name: string }): CustomerMatch;
  /** The customer tab, for "Open in sheet"; undefined for the warehouse (there is no row to open). */
  location(): SheetLocation | undefined;
}

/** The BigQuery store when Settings chose it (one query, no sheet read), else the customer tab. */
export function customerSource(
  ctx: AppContext,
  settings: Settings & { spreadsheetId: string },
): CustomerSource {
  const warehouse = ctx.warehouse?.();
  if (warehouse)
    return { find: (a) => findInWarehouse(warehouse, a, settings.mapping), location: () => undefined };
  const sheet = ctx.customerSheet(settings.spreadsheetId, settings.customerSheet);
  return { find: (a) => findCustomer(sheet, a, settings.mapping), location: () => sheet.location() };
}
