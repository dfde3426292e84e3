/**
 * SheetTabs on Google Sheets: one getValues per read and one setValues per write, whatever the size,
 * because each service call costs far more than the JavaScript around it.
 */
import { literalRows } from '../core/sheet/literal-text';
import { rowRuns } from '../core/sheet/row-runs';
import { SheetAccessError } from '../ports/customer-sheet';
import { escapeRegex, findRows } from './customer-sheet';
import type { SheetTabs } from '../ports/sheet-tabs';
import type { SheetLike, SpreadsheetAppLike, SpreadsheetLike } from './services';

export type SpreadsheetsForTabs = Pick<SpreadsheetAppLike, 'openById'>;

export function sheetsTabs(app: SpreadsheetsForTabs, spreadsheetId: string): SheetTabs {
  let opened: SpreadsheetLike | null = null;
  const open = (): SpreadsheetLike => {
    if (opened) return opened;
    try {
      opened = app.openById(spreadsheetId);
      return opened;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw /permission|access/i.test(message)
        ? new SheetAccessError(
            'no-access',
            `You no longer have access to the customer spreadsheet (${message}).`,
          )
        : new SheetAccessError(
            'spreadsheet-not-found',
            `The customer spreadsheet could not be opened (${message}).`,
          );
    }
  };
  /** A new tab has 1,000 rows and 26 columns; Sheets refuses a range past them, so grow first. */
  const fit = (sheet: SheetLike, rows: number, columns: number): void => {
    const maxRows = sheet.getMaxRows();
    if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
    const maxColumns = sheet.getMaxColumns();
    if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
  };
  const sheetFor = (tab: string, headers?: string[]): SheetLike => {
    const ss = open();
    const sheet = ss.getSheetByName(tab) ?? ss.insertSheet(tab);
    if (headers && sheet.getLastRow() === 0 && headers.length > 0) {
      sheet.getRange(1, 1, 1, headers.length).setValues(literalRows([headers]));
      sheet.setFrozenRows(1);
    }
    return sheet;
  };
  return {
    read(tab) {
      const sheet = open().getSheetByName(tab);
      if (!sheet) return null;
      // getDataRange: two calls for the whole tab, instead of asking for its size first.
      const values = sheet.getDataRange().getValues();
      const empty = values.length === 1 && (values[0] ?? []).every((v) => v === '' || v === null);
      return { values: empty ? [] : values };
    },
    replace(tab, values) {
      const sheet = sheetFor(tab);
      sheet.clear();
      const width = Math.max(0, ...values.map((r) => r.length));
      if (values.length === 0 || width === 0) return;
      const rect = values.map((r) => [...r, ...Array<unknown>(width - r.length).fill('')]);
      fit(sheet, rect.length, width);
      sheet.getRange(1, 1, rect.length, width).setValues(literalRows(rect));
      sheet.setFrozenRows(1);
    },
    append(tab, headers, rows) {
      const sheet = sheetFor(tab, headers);
      if (rows.length === 0) return;
      const width = Math.max(headers.length, ...rows.map((r) => r.length));
      const rect = rows.map((r) => [...r, ...Array<unknown>(width - r.length).fill('')]);
      const top = sheet.getLastRow() + 1;
      fit(sheet, top + rect.length - 1, width);
      sheet.getRange(top, 1, rect.length, width).setValues(literalRows(rect));
    },
    findRows(tab, column, value, newest) {
      const sheet = open().getSheetByName(tab);
      if (!sheet) return [];
      const width = sheet.getLastColumn();
      const rows = findRows(sheet, column, escapeRegex(value.trim()));
      // Each found row is one range read: with `newest`, only the rows the caller will show.
      return (newest === undefined ? rows : rows.slice(-newest)).map((row) => ({
        row,
        values: sheet.getRange(row, 1, 1, width).getValues()[0] ?? [],
      }));
    },
    findRowNumbers(tab, column, values, within) {
      const sheet = open().getSheetByName(tab);
      if (!sheet || values.length === 0) return [];
      const alternatives = values.map((v) => escapeRegex(v.trim())).join('|');
      return findRows(sheet, column, `\\s*(?:${alternatives})\\s*`, within);
    },
    readBlocks(tab, blocks) {
      const sheet = open().getSheetByName(tab);
      if (!sheet || blocks.length === 0) return blocks.map(() => []);
      const lastRow = sheet.getLastRow();
      const needsWidth = blocks.some((b) => b.columns === undefined);
      const width = needsWidth ? sheet.getLastColumn() : 0;
      return blocks.map((b) => {
        const count = Math.min(b.count, lastRow - b.row + 1);
        const column = b.column ?? 1;
        const columns = b.columns ?? width - column + 1;
        if (count <= 0 || columns <= 0 || b.row < 1) return [];
        return sheet.getRange(b.row, column, count, columns).getValues();
      });
    },
    deleteRows(tab, rows) {
      const sheet = open().getSheetByName(tab);
      if (!sheet) throw new Error(`The "${tab}" tab is gone.`);
      // Bottom-up: deleting a lower run never moves a higher one.
      for (const run of rowRuns(rows, 0).reverse()) sheet.deleteRows(run.row, run.count);
    },
    lastRow(tab) {
      return open().getSheetByName(tab)?.getLastRow() ?? 0;
    },
    write(tab, row, column, values) {
      const sheet = open().getSheetByName(tab);
      if (!sheet) throw new Error(`The "${tab}" tab is gone.`);
      if (values.length === 0) return;
      fit(sheet, row + values.length - 1, column + (values[0]?.length ?? 1) - 1);
      sheet.getRange(row, column, values.length, values[0]?.length ?? 0).setValues(literalRows(values));
    },
    names() {
      return open()
        .getSheets()
        .map((s) => s.getName());
    },
  };
}
