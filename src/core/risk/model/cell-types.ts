/**
 * How the learned model reads a column's cells: through the same typed parsers as the sheet reader
 * and the scorecard (src/core/sheet/values.ts), so "$1,234.50", "1.234,50 €" and 1234.5 are one
 * number, "12%" is 0.12, "ja"/"no" are 1/0, and a date in any form the reader accepts becomes the
 * days since (negative) or until (positive) the scoring day. Reading cells as plain text instead
 * made money look like an identifier and dates like a hundred rare categories (issue 18).
 */
import { isBlank, parseBoolean, parseDate, parseNumber } from '../../sheet/values';
import { utcDay } from '../../time/calendar';

/** How a numeric feature's cells are read. */
export type CellParse = 'number' | 'date' | 'boolean';

/** What reading a cell needs besides the cell: the sheet's locale and the day dates are counted from. */
export interface CellReading {
  locale: string;
  /** The scoring day (UTC midnight of the calendar day); dates become days relative to it. */
  asOf: Date;
}

const DAY_MS = 86_400_000;

/** A typed number or a numeric string: these are numbers, never dates, however large. */
const PLAIN_NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;

export const isMissingCell = (v: unknown): boolean => v === null || v === undefined || isBlank(v);

/** A cell as a number under a parse, or null when it is blank or does not read that way. */
export function cellNumber(value: unknown, parse: CellParse, reading: CellReading): number | null {
  if (isMissingCell(value)) return null;
  if (parse === 'boolean') {
    const b = parseBoolean(value);
    return b.ok ? (b.value ? 1 : 0) : null;
  }
  if (parse === 'date') {
    if (typeof value === 'number' || (typeof value === 'string' && PLAIN_NUMBER.test(value))) return null;
    const d = parseDate(value, reading.locale);
    return d.ok ? Math.round((utcDay(d.value).getTime() - reading.asOf.getTime()) / DAY_MS) : null;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  const n = parseNumber(value, reading.locale);
  return n.ok ? n.value : null;
}

/** A table's rows, as the feature builders read them. */
export interface Rows {
  rows: unknown[][];
}

const parsedColumns = new WeakMap<Rows, Map<string, Float64Array>>();

/**
 * A column's cells read one way, for every row (NaN where blank or unreadable), parsed once per
 * table and reading: cross-validation and model selection fit a dozen models on one table, and
 * parsing a date is far dearer than anything a fit does with it.
 */
export function typedColumn(
  table: Rows,
  index: number,
  parse: CellParse,
  reading: CellReading,
): Float64Array {
  let byKey = parsedColumns.get(table);
  if (!byKey) parsedColumns.set(table, (byKey = new Map()));
  const key = `${index}|${parse}|${reading.locale}|${reading.asOf.getTime()}`;
  let column = byKey.get(key);
  if (!column) {
    column = new Float64Array(table.rows.length);
    for (let r = 0; r < column.length; r++)
      column[r] = cellNumber(table.rows[r]?.[index], parse, reading) ?? NaN;
    byKey.set(key, column);
  }
  return column;
}

/** Cells a column's type is judged on: enough to tell a date column from a text one, at any size. */
const TYPE_SAMPLE = 2000;

/** Share of present cells that must read as a type for the column to be that type. */
export const TYPED_SHARE = 0.9;

/**
 * The way a column's present cells read best: dates first (a date is never a plain number), then
 * numbers and money, then yes/no words; null when none reads TYPED_SHARE of the cells (a category).
 */
export function inferCellParse(cells: readonly unknown[], reading: CellReading): CellParse | null {
  if (cells.length === 0) return null;
  const step = Math.max(1, Math.floor(cells.length / TYPE_SAMPLE));
  const present = step === 1 ? cells : cells.filter((_, i) => i % step === 0);
  // Stops at the first cell past the share that may fail: a text column costs a few parses, not n.
  const allowedFailures = Math.floor((1 - TYPED_SHARE) * present.length);
  const reads = (parse: CellParse) => {
    let failures = 0;
    for (const v of present)
      if (cellNumber(v, parse, reading) === null && ++failures > allowedFailures) return false;
    return true;
  };
  if (present.some((v) => v instanceof Date || typeof v === 'string') && reads('date')) return 'date';
  if (reads('number')) return 'number';
  if (reads('boolean')) return 'boolean';
  return null;
}
