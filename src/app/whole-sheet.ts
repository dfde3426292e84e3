/** Reading the whole customer tab in one batched call, for operations over every customer. */
import type { Settings } from '../core/settings/settings';
import { readCustomers, type CustomerSheetRead } from '../core/sheet/read-customers';
import type { CustomerSheet, SheetRows } from '../ports/customer-sheet';
import type { AppContext } from './context';
import { requireConnected } from './connected';
import { withSheet } from './sheet-errors';

export interface WholeSheet {
  settings: Settings;
  sheet: CustomerSheet;
  all: SheetRows;
  read: CustomerSheetRead;
}

/** Every row of the customer tab parsed into customers, with the user's column mapping. */
export function readAllCustomers(
  sheet: CustomerSheet,
  settings: Settings,
): { all: SheetRows; read: CustomerSheetRead } {
  const all = sheet.readAll();
  return { all, read: parseSheetRows(all, settings) };
}

/** Raw rows (the whole tab, or one chunk of it) parsed into customers with the user's column mapping. */
export function parseSheetRows(all: SheetRows, settings: Pick<Settings, 'mapping'>): CustomerSheetRead {
  return readCustomers({
    sheetName: all.sheetName,
    headers: all.headers,
    rows: all.rows,
    rowNumbers: all.rowNumbers,
    locale: all.locale,
    timeZone: all.timeZone,
    mapping: settings.mapping,
  });
}

/** Runs `use` on the connected sheet read in full; sheet problems become cards that say how to fix them. */
export function withWholeSheet<T>(ctx: AppContext, use: (whole: WholeSheet) => T): T {
  const { settings, sheet } = requireConnected(ctx);
  return withSheet(() => {
    const { all, read } = readAllCustomers(sheet, settings);
    return use({ settings, sheet, all, read });
  });
}
