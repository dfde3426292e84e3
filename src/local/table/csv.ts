/**
 * RFC 4180 CSV, as spreadsheets export it and people hand-edit it: quoted fields holding the
 * delimiter, quotes ("" escapes) and line breaks; CRLF, LF or CR line ends; a UTF-8 BOM; an optional
 * trailing newline; ',' or the ';' and tab that European Excel exports use (detected, or announced by
 * Excel's `sep=;` first line).
 *
 * `parseCsv` gives the records as they are (rows may differ in length); `parseCsvTable` pads them to
 * a rectangle and reports the rows that did not match the header. `toCsv` writes RFC 4180 back,
 * quoting only where needed, and can guard against CSV formula injection for files other people open.
 */
import { FORMULA_START } from '../../core/sheet/literal-text';

export type CsvDelimiter = ',' | ';' | '\t';

const CANDIDATES: readonly CsvDelimiter[] = [',', ';', '\t'];

/** Excel's hint line: `sep=;` as the first line names the delimiter and is not data. */
const SEP_LINE = /^sep=(.)\r?\n|^sep=(.)\r(?!\n)/;

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

interface RawParse {
  rows: string[][];
  /** Data line (1-based, counted as records) where a quoted field opened and never closed. */
  unterminatedAt?: number;
}

/** The tokenizer. `limit` stops after that many records (for delimiter sniffing). */
function tokenize(src: string, delimiter: string, limit = Infinity): RawParse {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let quoteOpenedAt = 0;
  let i = 0;
  const n = src.length;
  while (i < n) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteOpenedAt = rows.length + 1;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (ch === '\r' && src[i + 1] === '\n') i++;
      if (rows.length >= limit) return { rows };
    } else field += ch;
    i++;
  }
  // The last record needs no line end; a trailing line end adds no empty record.
  if (quoted || field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return quoted ? { rows, unterminatedAt: quoteOpenedAt } : { rows };
}

/**
 * Which of ',', ';' and tab separates the fields: the one that splits the first records (quotes
 * respected) into the same number of fields, more than one, most consistently; ',' on a tie or when
 * nothing splits. A leading `sep=X` line decides outright.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const src = stripBom(text);
  const hint = SEP_LINE.exec(src);
  const hinted = hint?.[1] ?? hint?.[2];
  if (hinted && (CANDIDATES as readonly string[]).includes(hinted)) return hinted as CsvDelimiter;
  const sample = src.slice(0, 64 * 1024);
  let best: CsvDelimiter = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const records = tokenize(sample, d, 20).rows.filter((r) => !(r.length === 1 && r[0] === ''));
    const width = records[0]?.length ?? 0;
    if (width < 2) continue;
    // Records that agree with the header's width, then the width itself, break ties.
    const agreeing = records.filter((r) => r.length === width).length / records.length;
    const score = agreeing * 1000 + Math.min(width, 999);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

export interface ParseCsvOptions {
  /** Field separator; detected when omitted (see detectDelimiter). */
  delimiter?: string;
}

function prepare(text: string, options: ParseCsvOptions | string | undefined) {
  const opts = typeof options === 'string' ? { delimiter: options } : (options ?? {});
  let src = stripBom(text);
  const hint = SEP_LINE.exec(src);
  const delimiter = opts.delimiter ?? detectDelimiter(src);
  if (hint) src = src.slice(hint[0].length);
  return { src, delimiter };
}

/**
 * The records of a CSV text, each a list of fields, exactly as written: rows may be ragged, a blank
 * line is `['']`, and nothing is converted. Never throws; an unterminated quote runs to the end.
 * The second argument may be the delimiter itself (`parseCsv(text, ';')`).
 */
export function parseCsv(text: string, options?: ParseCsvOptions | string): string[][] {
  const { src, delimiter } = prepare(text, options);
  return tokenize(src, delimiter).rows;
}

export interface CsvProblem {
  /** 1-based record number, the header being 1 (the sheet row the record lands in). */
  row: number;
  message: string;
}

export interface CsvTable {
  /** Every record padded with '' to the table's width (the header's, or the longest row's). */
  rows: string[][];
  delimiter: string;
  /** Fields in the header row. */
  headerWidth: number;
  /** Rows whose field count differed from the header's, and an unterminated quote. */
  problems: CsvProblem[];
}

/**
 * A CSV text as a rectangle, the way a spreadsheet imports it: short rows are padded to the header's
 * width, long rows keep their extra fields (every row is then padded to the longest), and each such
 * row is reported. Blank lines stay as blank rows (they keep the sheet's row numbers), unreported.
 */
export function parseCsvTable(text: string, options?: ParseCsvOptions | string): CsvTable {
  const { src, delimiter } = prepare(text, options);
  const { rows, unterminatedAt } = tokenize(src, delimiter);
  const headerWidth = rows[0]?.length ?? 0;
  const problems: CsvProblem[] = [];
  rows.forEach((r, i) => {
    const blank = r.length === 1 && r[0] === '';
    if (i === 0 || blank || r.length === headerWidth) return;
    problems.push({
      row: i + 1,
      message:
        r.length < headerWidth
          ? `row ${i + 1} has ${r.length} of the header's ${headerWidth} fields; the missing ones read as empty`
          : `row ${i + 1} has ${r.length} fields, ${r.length - headerWidth} more than the header's ${headerWidth}; the extra ones are kept in unnamed columns`,
    });
  });
  if (unterminatedAt !== undefined)
    problems.push({
      row: unterminatedAt,
      message: `a quoted field in row ${unterminatedAt} is never closed; it runs to the end of the file`,
    });
  const width = rows.reduce((w, r) => Math.max(w, r.length), headerWidth);
  const padded = rows.map((r) =>
    r.length < width ? [...r, ...Array<string>(width - r.length).fill('')] : r,
  );
  return { rows: padded, delimiter, headerWidth, problems };
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

export interface ToCsvOptions {
  /**
   * Guard against CSV formula injection (OWASP): a text cell starting with =, +, -, @, tab or CR gets
   * a leading apostrophe, so Excel and Sheets show it as text instead of running it. Numbers, dates
   * and booleans are never changed. Turn it on for every file someone else opens (exports).
   */
  guardFormulas?: boolean;
  /** Default ','. */
  delimiter?: string;
  /** Default '\r\n' (RFC 4180). */
  lineEnding?: '\r\n' | '\n';
  /** Start with a UTF-8 byte order mark, so Excel reads non-ASCII text correctly. Default false. */
  bom?: boolean;
}

/** Text that reads as a guarded formula already: one or more apostrophes, then a formula start. */
const GUARDED = new RegExp(`^'+${FORMULA_START.source.slice(1)}`);

/**
 * A text cell under the formula guard: "'" + text when it starts like a formula. Text that already
 * looks guarded ("'=x") gets one more apostrophe, so unguardFormula always gives the text back.
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) || GUARDED.test(text) ? `'${text}` : text;
}

/**
 * The inverse of guardFormula: "'=1+2" reads as "=1+2" (a leading apostrophe marks text in Sheets
 * and Excel, too); any other text is left alone.
 */
export function unguardFormula(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}

/**
 * A cell value as CSV text: numbers as JavaScript writes them (1200.5), booleans as TRUE/FALSE, a
 * Date at UTC midnight as its ISO day (2026-11-20), another Date as "2026-11-20 09:30:00" (UTC),
 * null/undefined as ''.
 */
export function csvText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const iso = value.toISOString();
    if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
    const time = iso.endsWith('.000Z') ? iso.slice(11, 19) : iso.slice(11, 23);
    return `${iso.slice(0, 10)} ${time}`;
  }
  return String(value);
}

/**
 * Rows as RFC 4180 CSV. Cells may be strings, numbers, booleans, Dates, null or undefined (see
 * csvText). A field is quoted when it holds the delimiter, a quote or a line break, or starts or ends
 * with a space. Every record ends with the line ending; no rows give ''.
 */
export function toCsv(rows: readonly (readonly unknown[])[], options: ToCsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const eol = options.lineEnding ?? '\r\n';
  const cell = (value: unknown) => {
    let v = csvText(value);
    if (options.guardFormulas && typeof value === 'string') v = guardFormula(v);
    const needsQuotes = v.includes(delimiter) || /["\r\n]/.test(v) || /^\s|\s$/.test(v);
    return needsQuotes ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const body = rows.map((r) => r.map(cell).join(delimiter) + eol).join('');
  return (options.bom ? '\uFEFF' : '') + body;
}
