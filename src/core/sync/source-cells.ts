/**
 * The team's own table or view, read as a sheet: its column names are the header row and each value
 * becomes the cell a spreadsheet would hold, so the sheet reader (read-customers.ts) reads it with
 * the same rules, problems and all. The REST API sends every value as a string or null
 * (https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/getQueryResults: rows of
 * `{ f: [{ v }] }`, TableCell), TIMESTAMP as seconds since the epoch in floating point; the schema
 * (TableFieldSchema: type and mode) says which is which.
 */

export interface SourceField {
  name?: string;
  type?: string;
  mode?: string;
}

/** A cell as the sheet reader takes it: text, a number, a boolean, a Date (an instant) or '' (empty). */
export type SourceCell = string | number | boolean | Date;

type Reader = (v: string) => SourceCell;

const number: Reader = (v) => {
  const n = Number(v);
  // A value the parser cannot use is handed on as text, so it says which cell and why.
  return Number.isFinite(n) ? n : v;
};
const utcDay: Reader = (v) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : v;
};

const bool: Reader = (v) => v === 'true';
const text: Reader = (v) => v;
const READERS: Record<string, Reader> = {
  BOOLEAN: bool,
  BOOL: bool,
  DATE: utcDay,
  // Seconds since the epoch ("1.7040672E9"): an instant, read in UTC like every warehouse date.
  TIMESTAMP: (v) => (Number.isFinite(Number(v)) ? new Date(Math.round(Number(v) * 1000)) : v),
  // A civil date and time without a zone ("2026-01-05T10:00:00"): its day, as UTC.
  DATETIME: (v) => utcDay(v.slice(0, 10)),
};
/** INTEGER, INT64, FLOAT, FLOAT64, NUMERIC, BIGNUMERIC are numbers; any other type (STRING, TIME, JSON…) text. */
const readerOf = (type: string): Reader =>
  READERS[type] ?? (/^(INT|FLOAT|NUMERIC|BIGNUMERIC)/.test(type) ? number : text);

/** Per column: how its values are read, or why no customer field can read it. */
export function sourceColumns(fields: readonly SourceField[]): {
  headers: string[];
  readers: (Reader | undefined)[];
  problems: string[];
} {
  const problems: string[] = [];
  const readers = fields.map((f, i) => {
    const name = f.name ?? `column ${i + 1}`;
    const type = (f.type ?? 'STRING').toUpperCase();
    if (f.mode === 'REPEATED' || type === 'RECORD' || type === 'STRUCT') {
      problems.push(
        `column ${name}: a ${f.mode === 'REPEATED' ? 'repeated' : 'nested'} column is left blank (select it as text)`,
      );
      return undefined;
    }
    return readerOf(type);
  });
  return { headers: fields.map((f, i) => f.name ?? `column ${i + 1}`), readers, problems };
}

/** One source row's cells; a null (or a column no field reads) is an empty cell. */
export function sourceRow(
  cells: readonly { v?: unknown }[] | undefined,
  readers: readonly (Reader | undefined)[],
): SourceCell[] {
  return readers.map((read, i) => {
    const v = cells?.[i]?.v;
    if (v === null || v === undefined || !read) return '';
    return read(typeof v === 'string' ? v : String(v));
  });
}
