/**
 * The customer tab in Google Sheets. Every read is batched (getValues on a block, never per cell);
 * a lookup by email uses a TextFinder on the email column plus a short-lived email → row cache, and
 * always checks the row it reads back, because users sort, insert and delete rows at any time.
 */
import {
  SheetAccessError,
  type AppendOnlyTab,
  type CellBlock,
  type CustomerSheet,
  type SheetRows,
} from '../ports/customer-sheet';

interface RangeLike {
  getValues(): unknown[][];
  setValues(values: unknown[][]): unknown;
  getRow(): number;
  createTextFinder(text: string): {
    matchEntireCell(on: boolean): unknown;
    useRegularExpression(on: boolean): unknown;
    matchCase(on: boolean): unknown;
    findAll(): { getRow(): number }[];
  };
}

interface SheetLike {
  appendRow(rowContents: unknown[]): unknown;
  setFrozenRows(rows: number): unknown;
  getSheetId(): number;
  getLastRow(): number;
  getLastColumn(): number;
  getRange(row: number, column: number, numRows: number, numColumns: number): RangeLike;
}

export interface SpreadsheetsForCustomers {
  openById(id: string): {
    getUrl(): string;
    getSpreadsheetLocale(): string;
    getSpreadsheetTimeZone(): string;
    getSheetByName(name: string): SheetLike | null;
    insertSheet(name: string): SheetLike;
  };
}

export interface RowCache {
  get(key: string): string | null;
  put(key: string, value: string, expirationInSeconds?: number): void;
  remove(key: string): void;
}

/** Row numbers change when users sort; ten minutes keeps repeat opens cheap without trusting it long. */
const ROW_CACHE_SECONDS = 600;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function sheetsCustomerSheet(
  app: SpreadsheetsForCustomers,
  cache: RowCache,
  spreadsheetId: string,
  tabName: string,
): CustomerSheet {
  let opened: { ss: ReturnType<SpreadsheetsForCustomers['openById']>; sheet: SheetLike } | null = null;

  const open = () => {
    if (opened) return opened;
    let ss: ReturnType<SpreadsheetsForCustomers['openById']>;
    try {
      ss = app.openById(spreadsheetId);
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
    const sheet = ss.getSheetByName(tabName);
    if (!sheet) throw new SheetAccessError('tab-not-found', `The spreadsheet has no tab named "${tabName}".`);
    opened = { ss, sheet };
    return opened;
  };

  const frame = (headers: unknown[], rows: unknown[][], rowNumbers: number[]): SheetRows => {
    const { ss } = open();
    return {
      sheetName: tabName,
      headers,
      rows,
      rowNumbers,
      locale: ss.getSpreadsheetLocale(),
      timeZone: ss.getSpreadsheetTimeZone(),
    };
  };

  const header = (sheet: SheetLike, width: number) =>
    width > 0 ? (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []) : [];

  const emailColumn = (headers: unknown[], locate: (h: unknown[]) => number) => {
    const index = locate(headers);
    if (index < 0) throw new SheetAccessError('no-email-column', `The "${tabName}" tab has no email column.`);
    return index + 1;
  };

  const readRows = (sheet: SheetLike, width: number, rows: number[]) =>
    rows.map((r) => sheet.getRange(r, 1, 1, width).getValues()[0] ?? []);

  return {
    location() {
      const { ss, sheet } = open();
      return { spreadsheetId, spreadsheetUrl: ss.getUrl(), sheetId: sheet.getSheetId() };
    },

    readAll() {
      const { sheet } = open();
      const lastRow = sheet.getLastRow();
      const width = sheet.getLastColumn();
      if (lastRow === 0 || width === 0) return frame([], [], []);
      const values = sheet.getRange(1, 1, lastRow, width).getValues();
      const [headers = [], ...rows] = values;
      return frame(
        headers,
        rows,
        rows.map((_, i) => i + 2),
      );
    },

    findByEmail(email, locate) {
      const { sheet } = open();
      const width = sheet.getLastColumn();
      const headers = header(sheet, width);
      const col = emailColumn(headers, locate);
      const wanted = email.trim().toLowerCase();
      const key = `cg.row.${spreadsheetId}.${tabName}.${wanted}`.slice(0, 250);
      const holds = (row: unknown[]) =>
        String(row[col - 1] ?? '')
          .trim()
          .toLowerCase() === wanted;

      const cached = cache.get(key);
      if (cached) {
        const rowNumbers = cached.split(',').map(Number);
        const rows = readRows(sheet, width, rowNumbers);
        if (rows.length > 0 && rows.every(holds)) return frame(headers, rows, rowNumbers);
        cache.remove(key);
      }

      const lastRow = sheet.getLastRow();
      if (lastRow < 2) return frame(headers, [], []);
      const finder = sheet
        .getRange(2, col, lastRow - 1, 1)
        .createTextFinder(`^\\s*${escapeRegex(wanted)}\\s*$`);
      finder.useRegularExpression(true);
      finder.matchCase(false);
      const rowNumbers = finder.findAll().map((r) => r.getRow());
      const rows = readRows(sheet, width, rowNumbers);
      if (rowNumbers.length > 0) cache.put(key, rowNumbers.join(','), ROW_CACHE_SECONDS);
      return frame(headers, rows, rowNumbers);
    },

    findByDomain(domain, locate) {
      const { sheet } = open();
      const width = sheet.getLastColumn();
      const headers = header(sheet, width);
      const col = emailColumn(headers, locate);
      const lastRow = sheet.getLastRow();
      if (lastRow < 2) return frame(headers, [], []);
      const finder = sheet
        .getRange(2, col, lastRow - 1, 1)
        .createTextFinder(`@${escapeRegex(domain.toLowerCase())}\\s*$`);
      finder.useRegularExpression(true);
      finder.matchCase(false);
      const rowNumbers = finder.findAll().map((r) => r.getRow());
      // Many matches would mean reading many rows one by one; a company rarely has more than a few.
      const limited = rowNumbers.slice(0, 20);
      return frame(headers, readRows(sheet, width, limited), limited);
    },

    ensureColumns(names, current) {
      const { sheet } = open();
      const headers = current.map((h) => String(h ?? '').trim());
      const width = headers.length;
      const missing = names.filter((n) => !headers.includes(n));
      if (missing.length > 0) sheet.getRange(1, width + 1, 1, missing.length).setValues([missing]);
      const all = [...headers, ...missing];
      return names.map((n) => all.indexOf(n) + 1);
    },

    appendRow(values) {
      open().sheet.appendRow(values);
    },

    readColumn(column) {
      const { sheet } = open();
      const lastRow = sheet.getLastRow();
      if (lastRow < 2) return [];
      return sheet
        .getRange(2, column, lastRow - 1, 1)
        .getValues()
        .map((r) => r[0]);
    },

    write(blocks: CellBlock[]) {
      const { sheet } = open();
      for (const b of blocks) {
        if (b.values.length === 0) continue;
        sheet.getRange(b.row, b.column, b.values.length, b.values[0]?.length ?? 0).setValues(b.values);
      }
    },
  };
}

/** An append-only tab such as Notes: created with a frozen header row the first time it is needed. */
export function sheetsAppendOnlyTab(
  app: SpreadsheetsForCustomers,
  spreadsheetId: string,
  tabName: string,
  headers: string[],
): AppendOnlyTab {
  return {
    appendRow(values) {
      const ss = app.openById(spreadsheetId);
      const sheet = ss.getSheetByName(tabName) ?? ss.insertSheet(tabName);
      // A new tab, or one the user created empty, gets its header row first.
      if (sheet.getLastRow() === 0) {
        sheet.getRange(1, 1, 1, headers.length).setValues([headers]);
        sheet.setFrozenRows(1);
      }
      sheet.appendRow(values);
    },
  };
}
