/**
 * The connected spreadsheet's other tabs (Impact rules, Segments, Templates, the bulk-change log):
 * small tables read whole in one batched call and written in blocks. Parsing and validation happen
 * above this port, in src/core, so a CSV file and Google Sheets report the same problems.
 */
export interface TabValues {
  /** Every row, the header first, as Sheets returns them (trailing blank rows and columns trimmed). */
  values: unknown[][];
}

/** Rows `row`..`row + count - 1` (1-based), optionally only `columns` columns from `column`. */
export interface RowBlock {
  row: number;
  count: number;
  column?: number;
  columns?: number;
}

export interface SheetTabs {
  /** The whole tab in one read, or null when the spreadsheet has no tab by that name. */
  read(tab: string): TabValues | null;
  /** Replaces the tab's contents with `values` (header first) in one write, creating the tab if missing. */
  replace(tab: string, values: unknown[][]): void;
  /**
   * Appends rows below the last one in one write, creating the tab with `headers` (and a frozen header
   * row) if it is missing or empty.
   */
  append(tab: string, headers: string[], rows: unknown[][]): void;
  /**
   * The rows (with their 1-based numbers) whose cell in `column` (1-based) equals `value`, ignoring
   * case; found with a TextFinder, so the cost does not grow with the tab. Empty for a missing tab.
   * With `newest`, only the last that many are read, each alone.
   */
  findRows(tab: string, column: number, value: string, newest?: number): { row: number; values: unknown[] }[];
  /**
   * The numbers (ascending, below the header) of the rows whose cell in `column` (1-based) is one of
   * `values`, whole cell, ignoring case and surrounding spaces: one TextFinder, no cell returned, so
   * a bounded caller pays for the matches, not for the tab. `within` searches only those rows (a
   * window of a long tab, so a step does not get back 100,000 matches). Empty for a missing tab.
   */
  findRowNumbers(tab: string, column: number, values: readonly string[], within?: RowBlock): number[];
  /**
   * Blocks of rows, one read each (the tab's width once for all): a block past the last row is cut
   * short, one wholly past it is empty. `column`/`columns` narrow a block to some columns (default:
   * every column up to the last). Empty blocks for a missing tab.
   */
  readBlocks(tab: string, blocks: readonly RowBlock[]): unknown[][][];
  /**
   * Deletes rows by number, bottom-up so the numbers given stay right, one call per contiguous run.
   * Callers verify each row's content first (under the shared lock): people sort and delete too.
   */
  deleteRows(tab: string, rows: readonly number[]): void;
  /** The tab's last row with content (0 for a missing or empty tab). */
  lastRow(tab: string): number;
  /** Writes a block at a 1-based row and column of an existing tab, in one call (a status cell, a row). */
  write(tab: string, row: number, column: number, values: unknown[][]): void;
  /** The tab names, so a caller can say which exist. */
  names(): string[];
}
