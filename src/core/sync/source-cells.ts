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

const READERS: Record<string, Reader> = {
  STRING: (v) => v,
  INTEGER: number,
  INT64: number,
  FLOAT: number,
  FLOAT64: number,
  NUMERIC: number,
  BIGNUMERIC: number,
  BOOLEAN: (v) => v === 'true',
  BOOL: (v) => v === 'true',
  DATE: utcDay,
  // Seconds since the epoch ("1.7040672E9"): an instant, read in UTC like every warehouse date.
  TIMESTAMP: (v) => {
    const s = Number(v);
    return Number.isFinite(s) ? new Date(Math.round(s * 1000)) : v;
  },
  // A civil date and time without a zone ("2026-01-05T10:00:00"): taken as UTC.
  DATETIME: (v) => {
    const d = new Date(`${v.slice(0, 23)}Z`);
    return Number.isNaN(d.getTime()) ? v : d;
  },
  TIME: (v) => v,
  JSON: (v) => v,
  GEOGRAPHY: (v) => v,
};

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
        `column ${name}: a ${f.mode === 'REPEATED' ? 'repeated' : 'nested'} ${type} column is not a sheet cell; its values were left blank (select it as text in the view, e.g. ARRAY_TO_STRING for tags)`,
      );
      return undefined;
    }
    const reader = READERS[type];
    if (!reader)
      problems.push(`column ${name}: BigQuery type ${type} is not read; its values were left blank`);
    return reader;
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
