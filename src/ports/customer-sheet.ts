/**
 * Raw access to the customer tab: rows as Sheets returns them, with where they sit in the sheet.
 * Parsing into Customers (src/core/sheet) happens above this port, so every adapter shares it.
 */
export interface SheetRows {
  sheetName: string;
  headers: unknown[];
  /** The rows returned, and the 1-based sheet row number of each. */
  rows: unknown[][];
  rowNumbers: number[];
  locale: string;
  timeZone: string;
}

export interface SheetLocation {
  spreadsheetId: string;
  spreadsheetUrl: string;
  sheetId: number;
}

export type SheetProblem = 'spreadsheet-not-found' | 'no-access' | 'tab-not-found' | 'no-email-column';

export class SheetAccessError extends Error {
  constructor(
    readonly problem: SheetProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SheetAccessError';
  }
}

export interface CellBlock {
  /** 1-based top-left cell and the rectangle of values to write there. */
  row: number;
  column: number;
  values: unknown[][];
}

export interface CustomerSheet {
  location(): SheetLocation;
  /** Every row, in one batched read. Card paths must not call it on a large sheet (see readRows). */
  readAll(): SheetRows;
  /**
   * The last row holding content (1 = the header alone, 0 = an empty tab), one metadata call: how far a
   * chunked job over the tab has to go.
   */
  lastRow(): number;
  /**
   * Up to `count` rows from 1-based row `firstRow` (at least 2, below the header), with the header row:
   * two reads whatever the sheet's size, so background jobs walk a 100k-row tab in bounded chunks.
   * Rows past the end are not returned.
   */
  readRows(firstRow: number, count: number): SheetRows;
  /** Only the rows whose email cell equals `email` (case-insensitive); cost does not grow with the sheet. */
  findByEmail(email: string, emailHeader: (headers: unknown[]) => number): SheetRows;
  /** Rows whose email ends with @domain; reads the email column and the matching rows only. */
  findByDomain(domain: string, emailHeader: (headers: unknown[]) => number): SheetRows;
  /**
   * The 1-based columns with these exact headers, appending any that are missing to row 1 in one write.
   * `current` is the header row already read, so no second read is needed.
   */
  ensureColumns(headers: string[], current: unknown[]): number[];
  /** Writes each block with one batched call. */
  write(blocks: CellBlock[]): void;
  /** Adds one row at the end, atomically (Sheets' appendRow), under the current headers. */
  appendRow(values: unknown[]): void;
  /** The header row alone, in one read: for the column-mapping card, which must not read 100k rows. */
  readHeaders(): unknown[];
  /** Every value in one column (1-based) below the header, in one read; for pick lists such as tags. */
  readColumn(column: number): unknown[];
}

/** A tab the add-on only appends to (Notes, and later Campaigns), created with its header row if missing. */
export interface AppendOnlyTab {
  appendRow(values: unknown[]): void;
}
