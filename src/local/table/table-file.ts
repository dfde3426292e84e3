/**
 * Customer spreadsheets as local files, for the workbench and the CLI: a CSV file, a folder of CSV
 * files, or an XLSX workbook in; values out the way Google Sheets' getValues hands them over
 * (numbers, Dates, booleans, '' for empty, text); and atomic writes back that keep those types.
 *
 * - A CSV file is one tab named after the file ("customers.csv" → "Customers", "q3 export.csv" →
 *   "q3 export"); the add-on's other tabs live beside it as customers.Notes.csv, customers.Campaigns.csv.
 * - A folder of CSV files is a spreadsheet with a tab per file (customers.csv, segments.csv,
 *   templates.csv, campaigns.csv, notes.csv, settings.csv, and any other).
 * - An XLSX workbook keeps its own tabs; dates are real date cells.
 *
 * Dates are UTC: a day is UTC midnight, as the sheet reader expects when no time zone is given.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as XlsxModule from 'xlsx';
import { FORMULA_START } from '../../core/sheet/literal-text';
import {
  guardFormula,
  unguardFormula,
  parseCsvTable,
  toCsv,
  type CsvDelimiter,
  detectDelimiter,
  csvText,
} from './csv';

export type TableValue = string | number | boolean | Date;

export interface TableProblem {
  /** 1-based sheet row (the header is row 1). */
  row: number;
  message: string;
}

export interface TableSheet {
  name: string;
  values: TableValue[][];
  /** What reading had to repair (ragged CSV rows, an unterminated quote); absent when nothing. */
  problems?: TableProblem[];
}

export interface TableFile {
  sheets: TableSheet[];
}

/** What the add-on keeps in a spreadsheet, in the order a folder of CSVs lists them. */
export const KNOWN_TABS = [
  'Customers',
  'Impact rules',
  'Segments',
  'Templates',
  'Campaigns',
  'Notes',
  'Settings',
] as const;

/** A known tab's file in a folder: lower case, spaces as hyphens ("Impact rules" → impact-rules.csv). */
const knownTabFile = (tab: string) => tab.toLowerCase().replace(/ /g, '-');

// ---------------------------------------------------------------------------------------------
// CSV cells as Sheets imports them (en_US)
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
/** 1,234,567.89 / 1234567.89 / .5 / 5. / 1e+21; no leading zeros ("007" is a code), no '+'. */
const NUMBER = /^-?(?:(?:0|[1-9]\d*|[1-9]\d{0,2}(?:,\d{3})+)(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i;
const ISO_DAY = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const ISO_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?Z?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AP]M))?)?$/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_WORD =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const MONTH_DAY_YEAR = new RegExp(`^${MONTH_WORD} (\\d{1,2}),? (\\d{4})$`, 'i');
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})[ -]${MONTH_WORD}[ -](\\d{4})$`, 'i');

function utc(y: number, m: number, d: number, h = 0, min = 0, s = 0, ms = 0): Date | null {
  if (y < 1000 || h > 23 || min > 59 || s > 59) return null;
  const date = new Date(Date.UTC(y, m - 1, d, h, min, s, ms));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

function monthOf(word: string): number {
  return MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;
}

function toNumber(t: string): number | null {
  if (!NUMBER.test(t)) return null;
  const plain = t.replace(/,/g, '');
  const n = Number(plain);
  if (!Number.isFinite(n)) return null;
  // More than 15 significant digits is an ID or a card number: Sheets would round it, so keep the
  // text, unless it is exactly how JavaScript writes that number (what writeTableFile produced).
  const digits = plain.replace(/e.*$/i, '').replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '');
  if (digits.length > 15 && String(n) !== plain) return null;
  return n === 0 ? 0 : n;
}

function toDate(t: string): Date | null {
  let m = ISO_DAY.exec(t);
  if (m) return utc(+m[1]!, +m[2]!, +m[3]!);
  m = ISO_TIME.exec(t);
  if (m) return utc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0), +(m[7] ?? '0').padEnd(3, '0'));
  m = US_DATE.exec(t);
  if (m) {
    // Two-digit years as Sheets reads them: 00-29 → 2000s, 30-99 → 1900s.
    const yy = +m[3]!;
    const year = m[3]!.length === 2 ? (yy < 30 ? 2000 + yy : 1900 + yy) : yy;
    let hour = +(m[4] ?? 0);
    const half = m[7]?.toUpperCase();
    if (half) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (half === 'PM' ? 12 : 0);
    }
    return utc(year, +m[1]!, +m[2]!, hour, +(m[5] ?? 0), +(m[6] ?? 0));
  }
  m = MONTH_DAY_YEAR.exec(t);
  if (m) return utc(+m[3]!, monthOf(m[1]!), +m[2]!);
  m = DAY_MONTH_YEAR.exec(t);
  if (m) return utc(+m[3]!, monthOf(m[2]!), +m[1]!);
  return null;
}

/** The typed value a CSV text stands for, or null when it stays text. */
function convert(text: string): number | boolean | Date | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^(?:true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  return toNumber(t) ?? toDate(t);
}

/** Text that a leading apostrophe protects: a formula start, or something that would convert. */
function needsApostrophe(core: string): boolean {
  return FORMULA_START.test(core) || convert(core) !== null;
}

/**
 * A CSV cell as Google Sheets imports it in the en_US locale, so CSV reads like getValues:
 * - '' stays ''; TRUE/FALSE (any case) become booleans;
 * - numbers become numbers: "1,200.50" → 1200.5, "-3", ".5", "1e+21"; but "007" (a code), "+7 701…"
 *   (a phone) and IDs of more than 15 digits stay text;
 * - dates become UTC Dates: "2026-11-20", "2026/11/20", "11/20/2026" and "11/20/26" (month first, as in
 *   en_US), "Nov 20, 2026", "20 Nov 2026", and date-times "2026-11-20 09:30[:05]" or "11/20/2026 9:30 PM";
 *   impossible dates ("2026-02-30", "20/11/2026") stay text;
 * - a leading apostrophe marks text, as when typed into Sheets: "'=1+2" → "=1+2", "'42" → "42" (text);
 *   an apostrophe before ordinary text ("'Tis") is kept;
 * - everything else stays the text it was, spaces included: "$1,200.50", "15%", "n/a", "#N/A", "10:30".
 *   (Sheets would also convert money and percentages; the sheet reader parses those itself, in the
 *   sheet's locale, so leaving them as text loses nothing and keeps what the user typed visible.)
 */
export function importCell(text: string): TableValue {
  if (text === '') return '';
  if (text.startsWith("'") && needsApostrophe(text.replace(/^'+/, ''))) return text.slice(1);
  return convert(text) ?? text;
}

/**
 * A value as CSV text that importCell reads back as the same value and type: numbers, booleans and
 * Dates as csvText writes them; text that would read as a number, date or boolean, and text that
 * starts like a formula (OWASP's CSV injection guard: = + - @ tab CR), behind an apostrophe.
 */
export function exportCell(value: unknown): string {
  if (typeof value !== 'string') return csvText(value);
  if (value === '') return '';
  if (guardFormula(value) !== value) return guardFormula(value);
  const core = value.replace(/^'+/, '');
  if (core !== value ? needsApostrophe(core) : convert(value) !== null) return `'${value}`;
  return value;
}

// ---------------------------------------------------------------------------------------------
// Tab names and file layout
// ---------------------------------------------------------------------------------------------

/** The tab a CSV file stands for: a known tab by its own spelling, else the file's name. */
export function tabNameForFile(file: string): string {
  const base = path
    .basename(file)
    .replace(/\.csv$/i, '')
    .trim();
  const loose = base.toLowerCase().replace(/[-_]+/g, ' ');
  return KNOWN_TABS.find((t) => t.toLowerCase() === loose) ?? (base || 'Customers');
}

const safeFileName = (tab: string) => tab.replace(/[^\p{L}\p{N} _.-]/gu, '_').replace(/^\.+/, '_');

/** Where a CSV spreadsheet keeps a tab other than its main one: customers.Notes.csv beside customers.csv. */
export function csvTabPath(file: string, tab: string): string {
  return path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.${safeFileName(tab)}.csv`);
}

/** The file a folder spreadsheet keeps a tab in: known tabs lower-cased (customers.csv), others as named. */
export function folderTabFile(dir: string, tab: string): string {
  const known = KNOWN_TABS.find((t) => t === tab);
  return path.join(dir, `${known ? knownTabFile(known) : safeFileName(tab)}.csv`);
}

function tabOrder(a: string, b: string): number {
  const rank = (n: string) => {
    const i = (KNOWN_TABS as readonly string[]).indexOf(n);
    return i < 0 ? KNOWN_TABS.length : i;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

function isBlankCell(v: TableValue): boolean {
  return v === '';
}

/** Drops trailing blank rows and columns, as getDataRange().getValues() does; inner blanks stay. */
function trimToData(rows: TableValue[][]): TableValue[][] {
  let height = rows.length;
  while (height > 0 && rows[height - 1]!.every(isBlankCell)) height--;
  let width = 0;
  for (let r = 0; r < height; r++) {
    const row = rows[r]!;
    for (let c = row.length - 1; c >= width; c--)
      if (!isBlankCell(row[c]!)) {
        width = c + 1;
        break;
      }
  }
  return rows.slice(0, height).map((r) => {
    const out = r.slice(0, width);
    while (out.length < width) out.push('');
    return out;
  });
}

function readCsvSheet(file: string, name: string): TableSheet {
  const table = parseCsvTable(fs.readFileSync(file, 'utf8'));
  const values = trimToData(table.rows.map((r) => r.map(importCell)));
  const problems = table.problems.filter((p) => p.row <= values.length || p.message.includes('never closed'));
  return problems.length ? { name, values, problems } : { name, values };
}

export function csvFilesIn(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.csv$/i.test(f) && !f.startsWith('.'))
    .sort();
}

let xlsxModule: typeof XlsxModule | undefined;
/** SheetJS, loaded only when an .xlsx file is read or written, so CSV users never need it. */
function xlsx(): typeof XlsxModule {
  xlsxModule ??= require('xlsx') as typeof XlsxModule;
  return xlsxModule;
}

/** Excel's day 0 (1899-12-30, so that serial 60 is the 1900 leap day Lotus invented) and 1904's. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function serialToDate(serial: number, date1904: boolean): Date {
  return new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + Math.round(serial * DAY_MS));
}

function dateToSerial(d: Date): number {
  return (d.getTime() - EPOCH_1900) / DAY_MS;
}

function readXlsx(file: string): TableFile {
  const X = xlsx();
  // cellDates off: SheetJS would turn serials into Dates in the machine's time zone; we do it in UTC.
  const book = X.read(fs.readFileSync(file), { type: 'buffer', cellDates: false, cellNF: true });
  const date1904 = Boolean(book.Workbook?.WBProps?.date1904);
  return {
    sheets: book.SheetNames.map((name) => {
      const ws = book.Sheets[name];
      const ref = ws?.['!ref'];
      if (!ws || !ref) return { name, values: [] };
      const range = X.utils.decode_range(ref);
      const rows: TableValue[][] = [];
      // From A1, whatever the used range says, so row numbers are the sheet's.
      for (let r = 0; r <= range.e.r; r++) {
        const row: TableValue[] = [];
        for (let c = 0; c <= range.e.c; c++) {
          const cell = ws[X.utils.encode_cell({ r, c })] as XlsxModule.CellObject | undefined;
          row.push(cell ? xlsxValue(X, cell, date1904) : '');
        }
        rows.push(row);
      }
      return { name, values: trimToData(rows) };
    }),
  };
}

function xlsxValue(X: typeof XlsxModule, cell: XlsxModule.CellObject, date1904: boolean): TableValue {
  const v = cell.v;
  switch (cell.t) {
    case 'n':
      if (typeof v !== 'number') return '';
      return typeof cell.z === 'string' && X.SSF.is_date(cell.z) ? serialToDate(v, date1904) : v;
    case 'b':
      return Boolean(v);
    case 'd':
      return v instanceof Date ? v : new Date(String(v));
    case 'e':
      // getValues hands a formula error over as its text.
      return cell.w ?? '#ERROR!';
    case 's':
      return v === undefined || v === null ? '' : unguardFormula(String(v));
    default:
      return '';
  }
}

/**
 * The spreadsheet in `file`: a .csv file (with its customers.Tab.csv siblings), a folder of .csv
 * files, or an .xlsx workbook. Throws a message naming the file when it is missing or of another kind.
 */
export function readTableFile(file: string): TableFile {
  if (!fs.existsSync(file)) throw new Error(`No such sheet file: ${file}`);
  if (fs.statSync(file).isDirectory()) {
    const files = csvFilesIn(file);
    if (files.length === 0) throw new Error(`${file}: a folder spreadsheet needs at least one .csv file`);
    const sheets = files.map((f) => readCsvSheet(path.join(file, f), tabNameForFile(f)));
    return { sheets: sheets.sort((a, b) => tabOrder(a.name, b.name)) };
  }
  if (/\.xlsx$/i.test(file)) return readXlsx(file);
  if (!/\.csv$/i.test(file))
    throw new Error(`${file}: only .csv and .xlsx sheets (or a folder of .csv) are supported`);
  // Other tabs of a CSV spreadsheet live beside it as customers.Notes.csv, customers.Campaigns.csv, …
  const prefix = `${path.basename(file, path.extname(file))}.`;
  const siblings = csvFilesIn(path.dirname(file)).filter(
    (f) => f.startsWith(prefix) && f !== path.basename(file) && f.length > prefix.length + 4,
  );
  return {
    sheets: [
      readCsvSheet(file, tabNameForFile(file)),
      ...siblings.map((f) => readCsvSheet(path.join(path.dirname(file), f), f.slice(prefix.length, -4))),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/** What writeTableFile accepts: getValues-like rows; null and undefined write as empty cells. */
export interface TableSheetInput {
  name: string;
  values: readonly (readonly unknown[])[];
}

/**
 * Every text cell written, CSV or XLSX, that starts with =, +, -, @, tab or CR gets an apostrophe
 * (OWASP's CSV injection guard); reading strips it again. Always on: the sheet holds text from strangers
 * (an email sender's display name), and an XLSX cell that is inert in Excel runs once exported to CSV.
 */
export interface WriteTableOptions {
  /** CSV format for new files; an existing CSV keeps its own delimiter, BOM and line ends. */
  csv?: { delimiter?: CsvDelimiter; bom?: boolean; lineEnding?: '\r\n' | '\n' };
  /** CSV only: write just these tabs' files, leaving the others' files as they are on disk. */
  only?: ReadonlySet<string>;
}

interface CsvFormat {
  delimiter: CsvDelimiter;
  bom: boolean;
  lineEnding: '\r\n' | '\n';
}

/** The format of the CSV file being replaced, so a ';' export from European Excel stays one. */
function csvFormatOf(file: string, defaults: WriteTableOptions['csv'] = {}): CsvFormat {
  const fallback: CsvFormat = {
    delimiter: defaults.delimiter ?? ',',
    bom: defaults.bom ?? false,
    lineEnding: defaults.lineEnding ?? '\r\n',
  };
  let head: string;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(64 * 1024);
      head = buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return fallback;
  }
  if (head.replace(/^\uFEFF/, '') === '') return fallback;
  const firstBreak = /\r\n|\n|\r/.exec(head);
  return {
    delimiter: detectDelimiter(head),
    bom: head.charCodeAt(0) === 0xfeff,
    lineEnding: firstBreak?.[0] === '\n' ? '\n' : firstBreak ? '\r\n' : fallback.lineEnding,
  };
}

function csvTextOf(sheet: TableSheetInput, format: CsvFormat): string {
  return toCsv(
    sheet.values.map((r) => r.map((v) => exportCell(v))),
    format,
  );
}

const XLSX_BAD_NAME = /[[\]:*?/\\]/;

function xlsxBook(sheets: readonly TableSheetInput[]): Buffer {
  const X = xlsx();
  const seen = new Set<string>();
  for (const s of sheets) {
    if (!s.name.trim() || s.name.length > 31 || XLSX_BAD_NAME.test(s.name) || /^'|'$/.test(s.name))
      throw new Error(
        `Tab name "${s.name}" cannot be saved in an .xlsx file (1-31 characters, none of [ ] : * ? / \\)`,
      );
    if (seen.has(s.name.toLowerCase())) throw new Error(`Two tabs are named "${s.name}"`);
    seen.add(s.name.toLowerCase());
  }
  const book = X.utils.book_new();
  for (const s of sheets) {
    const ws: XlsxModule.WorkSheet = {};
    let width = 0;
    s.values.forEach((row, r) => {
      width = Math.max(width, row.length);
      row.forEach((value, c) => {
        const cell = xlsxCell(value);
        if (cell) ws[X.utils.encode_cell({ r, c })] = cell;
      });
    });
    if (s.values.length && width)
      ws['!ref'] = X.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: s.values.length - 1, c: width - 1 } });
    X.utils.book_append_sheet(book, ws, s.name);
  }
  return X.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

function xlsxCell(value: unknown): XlsxModule.CellObject | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number')
    return Number.isFinite(value) ? { t: 'n', v: value } : { t: 'e', v: 0x24, w: '#NUM!' };
  if (typeof value === 'boolean') return { t: 'b', v: value };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    // A real date cell: the serial day number with a date format, computed in UTC (see readXlsx).
    const midnight = value.getTime() % DAY_MS === 0;
    return { t: 'n', v: dateToSerial(value), z: midnight ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss' };
  }
  return { t: 's', v: guardFormula(String(value)) };
}

/**
 * Replaces `file` with `data` so that a crash or a failed write never leaves half a file: writes a
 * temporary file in the same folder, fsyncs it, renames it over the target (atomic on POSIX and on
 * NTFS), then fsyncs the folder. The old file stays as it was until the rename. Keeps the target's
 * permissions, and writes through a symbolic link to the file it points at.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  let target = file;
  let mode: number | undefined;
  try {
    target = fs.realpathSync(file);
    mode = fs.statSync(target).mode & 0o777;
  } catch {
    // A new file.
  }
  const dir = path.dirname(target);
  const tmp = path.join(
    dir,
    `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`,
  );
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', mode ?? 0o666);
    if (mode !== undefined) fs.fchmodSync(fd, mode);
    for (let offset = 0; offset < bytes.length;)
      offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, target);
  } catch (error) {
    if (fd !== undefined)
      try {
        fs.closeSync(fd);
      } catch {
        // Already failing; the original error is the one to report.
      }
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  // Make the rename itself durable. Not every platform can open a folder (Windows cannot).
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // Best effort.
  }
}

/**
 * Writes the spreadsheet back to `file`, each file atomically (see writeFileAtomic), keeping types:
 * - .xlsx: every tab in one workbook; Dates as date cells, numbers, booleans and text typed;
 * - a folder: one CSV file per tab (customers.csv for Customers …; an existing file for a tab is
 *   reused whatever its spelling);
 * - .csv: the tab named after the file (or Customers, or the first tab) in the file, every other tab
 *   beside it as customers.Tab.csv.
 * CSV text is written so that readTableFile gives back the same values and types (see exportCell), in
 * the delimiter, BOM and line ends the replaced file had. Tabs of a multi-file spreadsheet are written
 * one by one, the main file last; files of tabs that no longer exist are left alone.
 */
export function writeTableFile(
  file: string,
  sheets: readonly TableSheetInput[],
  options: WriteTableOptions = {},
): void {
  if (/\.xlsx$/i.test(file)) {
    writeFileAtomic(file, xlsxBook(sheets));
    return;
  }
  const isFolder = fs.existsSync(file) && fs.statSync(file).isDirectory();
  if (isFolder) {
    const existing = new Map(csvFilesIn(file).map((f) => [tabNameForFile(f), path.join(file, f)]));
    // Render every tab before writing any, so a value that cannot be written changes no file.
    const out = sheets.map((s) => {
      const target = existing.get(s.name) ?? folderTabFile(file, s.name);
      return { name: s.name, target, text: csvTextOf(s, csvFormatOf(target, options.csv)) };
    });
    for (const o of out) if (!options.only || options.only.has(o.name)) writeFileAtomic(o.target, o.text);
    return;
  }
  if (!/\.csv$/i.test(file))
    throw new Error(`${file}: only .csv and .xlsx sheets (or a folder of .csv) are supported`);
  const mainName = tabNameForFile(file);
  const main =
    sheets.find((s) => s.name === mainName) ?? sheets.find((s) => s.name === 'Customers') ?? sheets[0];
  const out = sheets
    .filter((s) => s !== main)
    .map((s) => {
      const target = csvTabPath(file, s.name);
      return { name: s.name, target, text: csvTextOf(s, csvFormatOf(target, options.csv)) };
    });
  out.push({
    name: main?.name ?? '',
    target: file,
    text: main ? csvTextOf(main, csvFormatOf(file, options.csv)) : '',
  });
  for (const o of out) if (!options.only || options.only.has(o.name)) writeFileAtomic(o.target, o.text);
}
