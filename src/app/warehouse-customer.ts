/**
 * A customer from the BigQuery store, read as the sheet reads one: the lookup returns the source
 * row's raw cells under its header row, and the sheet parser (read-customers.ts) turns them into the
 * same Customer, so the card's who, risk, why and next move come from the same code as the sheet's.
 * Cell issues name the BigQuery table and the source row.
 */
import { readCustomers } from '../core/sheet/read-customers';
import type { ColumnMapping } from '../core/sheet/columns';
import type { CustomerWarehouse } from '../ports/customer-warehouse';
import type { SheetLocation } from '../ports/customer-sheet';
import type { Settings } from '../core/settings/settings';
import type { AppContext } from './context';
import { findCustomer, type CustomerMatch } from './find-customer';

/** The name cell issues give the table ("customers!F12" reads as a sheet; this says where it is). */
export const WAREHOUSE_SHEET_NAME = 'BigQuery customers';

/**
 * One lookup by exact email. Dates were loaded as instants and numbers as numbers, so the row is
 * read with en_US and UTC: the loader's values, not a spreadsheet's display, decide what they mean.
 */
export function findInWarehouse(
  warehouse: CustomerWarehouse,
  address: { email: string; name: string },
  mapping: ColumnMapping | undefined,
): CustomerMatch {
  const found = warehouse.customerRow(address.email);
  const sheet = { locale: 'en_US', timeZone: 'UTC', headers: found?.headers ?? [] };
  if (!found)
    return { sheet, email: address.email, displayName: address.name, customers: [], issues: [], how: 'none' };
  const read = readCustomers({
    sheetName: WAREHOUSE_SHEET_NAME,
    headers: found.headers,
    rows: [found.cells],
    rowNumbers: [found.rowId],
    locale: sheet.locale,
    timeZone: sheet.timeZone,
    ...(mapping ? { mapping } : {}),
  });
  // Tags and status as the latest-state views hold them: a teammate's edit from Gmail shows at once.
  const current = found.current;
  const customers = current
    ? read.customers.map((c) => ({
        ...c,
        tags: current.tags,
        status: current.status === 'churned' || current.status === 'active' ? current.status : c.status,
      }))
    : read.customers;
  return {
    sheet,
    email: address.email,
    displayName: address.name,
    customers,
    issues: read.issues,
    how: customers.length ? 'email' : 'none',
  };
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
