/**
 * Writing back. Field updates ("this customer's status is Churned") become cell updates at the
 * customer's current row and the field's column (adding the column when the sheet lacks it), and
 * cell updates become as few rectangular writes as possible: consecutive rows of a column form one
 * block, and side-by-side columns over the same rows merge, so writing back costs one setValues per
 * block, never one per cell.
 */
import { FIELD_HEADERS, mapColumns, findHeader, type ColumnMapping, type CustomerField } from './columns';
import { literalString } from './literal-text';

export interface CellUpdate {
  /** 1-based sheet row and column. */
  row: number;
  column: number;
  value: unknown;
}

export interface WriteBlock {
  row: number;
  column: number;
  values: unknown[][];
}

export function planWrites(updates: readonly CellUpdate[]): WriteBlock[] {
  const latest = new Map<string, CellUpdate>();
  for (const u of updates) latest.set(`${u.column}:${u.row}`, u); // the last update of a cell wins
  const sorted = [...latest.values()].sort((a, b) => a.column - b.column || a.row - b.row);
  const blocks: WriteBlock[] = [];
  for (const u of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && last.column === u.column && last.row + last.values.length === u.row)
      last.values.push([u.value]);
    else blocks.push({ row: u.row, column: u.column, values: [[u.value]] });
  }
  // Side-by-side columns covering the same rows merge into one wider block.
  const merged: WriteBlock[] = [];
  for (const b of blocks) {
    const prev = merged.find(
      (m) =>
        m.row === b.row &&
        m.values.length === b.values.length &&
        m.column + (m.values[0]?.length ?? 0) === b.column,
    );
    if (prev) {
      prev.values.forEach((line, i) => line.push(b.values[i]![0]));
    } else merged.push({ row: b.row, column: b.column, values: b.values.map((l) => [...l]) });
  }
  return merged;
}

/** Cells a write touches, for call and quota accounting. */
export const cellCount = (blocks: readonly WriteBlock[]) =>
  blocks.reduce((n, b) => n + b.values.length * (b.values[0]?.length ?? 0), 0);

/**
 * A value as it should go into a cell. Sheets reads strings written by a script as if typed, so text
 * that starts like a formula and is not a signed number is kept as text with a leading apostrophe
 * (see literal-text); lists become "a, b"; null, undefined and NaN clear the cell.
 */
export function toCellValue(value: unknown): string | number | boolean | Date {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return toCellValue(value.map((v) => String(v)).join(', '));
  return literalString(String(value));
}

/** One change to one customer: by email (where it is now) or by sheet row, to a field or a named column. */
export interface FieldUpdate {
  email?: string;
  /** 1-based sheet row; when `email` is given too, the row holding the email now wins. */
  row?: number;
  /** A ChurnGuard field; or `header`, for ChurnGuard's own columns ("ChurnGuard risk"). */
  field?: CustomerField;
  header?: string;
  value: unknown;
}

export interface FieldWritePlan {
  /** The writes, header cells of added columns included. */
  blocks: WriteBlock[];
  /** Columns appended to the header row for fields or headers the sheet lacked. */
  addedHeaders: { header: string; column: number }[];
  /** Updates that could not be placed, and why. */
  skipped: { update: FieldUpdate; reason: string }[];
}

export interface SheetShape {
  headers: readonly unknown[];
  mapping?: ColumnMapping;
  /** The rows holding an address now (first one used), or undefined if none. */
  rowsOf?: (email: string) => readonly number[] | undefined;
  /** When the sheet cannot grow: updates needing a column past this one are skipped. */
  maxColumns?: number;
}

/**
 * Field updates → batched writes. Columns come from the sheet's mapping; a field or header the sheet
 * lacks gets a new column after the last header, with FIELD_HEADERS' name for fields.
 */
export function planFieldWrites(updates: readonly FieldUpdate[], sheet: SheetShape): FieldWritePlan {
  const headers = sheet.headers.map((h) => String(h ?? '').trim());
  const columns = mapColumns(headers, sheet.mapping).columns;
  const addedHeaders: FieldWritePlan['addedHeaders'] = [];
  const skipped: FieldWritePlan['skipped'] = [];
  const cells: CellUpdate[] = [];

  const columnFor = (update: FieldUpdate): number | string => {
    if (update.field !== undefined) {
      const index = columns[update.field];
      if (index !== undefined) return index + 1;
      return addColumn(FIELD_HEADERS[update.field]);
    }
    const header = update.header?.trim() ?? '';
    if (header === '') return 'no field or header to write';
    const index = findHeader(headers, header);
    return index >= 0 ? index + 1 : addColumn(header);
  };
  const addColumn = (header: string): number | string => {
    const existing = addedHeaders.find((a) => a.header === header);
    if (existing) return existing.column;
    const column = headers.length + addedHeaders.length + 1;
    if (sheet.maxColumns !== undefined && column > sheet.maxColumns)
      return `no room for a new "${header}" column: the tab has ${sheet.maxColumns} columns`;
    addedHeaders.push({ header, column });
    return column;
  };
  const rowFor = (update: FieldUpdate): number | string => {
    if (update.email !== undefined) {
      const email = update.email.trim().toLowerCase();
      const rows = sheet.rowsOf?.(email);
      if (rows && rows.length > 0) return rows[0]!;
      if (sheet.rowsOf || update.row === undefined) return `no row holds ${email} now`;
    }
    if (update.row !== undefined && Number.isInteger(update.row) && update.row >= 2) return update.row;
    return update.row === undefined ? 'no email or row to write to' : `row ${update.row} is not a data row`;
  };

  for (const update of updates) {
    const row = rowFor(update);
    if (typeof row === 'string') {
      skipped.push({ update, reason: row });
      continue;
    }
    const column = columnFor(update);
    if (typeof column === 'string') {
      skipped.push({ update, reason: column });
      continue;
    }
    cells.push({ row, column, value: toCellValue(update.value) });
  }
  for (const { header, column } of addedHeaders) cells.push({ row: 1, column, value: toCellValue(header) });
  return { blocks: planWrites(cells), addedHeaders, skipped };
}
