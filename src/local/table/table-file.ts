/**
 * Customer sheets as files: CSV or XLSX in, values out the way Google Sheets' getValues hands them
 * over (numbers, Dates, booleans, '' for empty, text), and atomic writes back.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as XLSX from 'xlsx';
import { parseCsv, toCsv } from './csv';

export type TableValue = string | number | boolean | Date;

export interface TableSheet {
  name: string;
  values: TableValue[][];
}

export interface TableFile {
  sheets: TableSheet[];
}

const NUMBER = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function utcDate(y: number, m: number, d: number): Date | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

/**
 * What Sheets does with a typed CSV cell on import in the en_US locale: plain numbers become numbers,
 * ISO and US dates become dates, TRUE/FALSE become booleans; anything else stays text, so
 * "$1,200.50" or "n/a" reach the sheet reader as text to parse (and report) itself.
 */
export function importCell(text: string): TableValue {
  const t = text.trim();
  if (t === '') return '';
  if (NUMBER.test(t)) return Number(t.replace(/,/g, ''));
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  const iso = ISO_DATE.exec(t);
  if (iso) return utcDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) ?? text;
  const us = US_DATE.exec(t);
  if (us) return utcDate(Number(us[3]), Number(us[1]), Number(us[2])) ?? text;
  return text;
}

function exportCell(value: TableValue): string {
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

function padRows(rows: TableValue[][]): TableValue[][] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array<TableValue>(width - r.length).fill('')]);
}

export function readTableFile(file: string): TableFile {
  if (!fs.existsSync(file)) throw new Error(`No such sheet file: ${file}`);
  if (/\.xlsx$/i.test(file)) {
    const book = XLSX.read(fs.readFileSync(file), { type: 'buffer', cellDates: true });
    return {
      sheets: book.SheetNames.map((name) => {
        const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[name] as XLSX.WorkSheet, {
          header: 1,
          raw: true,
          defval: '',
          blankrows: true,
        });
        return {
          name,
          values: padRows(
            rows.map((r) =>
              r.map((v) =>
                v instanceof Date || typeof v === 'number' || typeof v === 'boolean'
                  ? v
                  : v == null
                    ? ''
                    : String(v),
              ),
            ),
          ),
        };
      }),
    };
  }
  if (!/\.csv$/i.test(file)) throw new Error(`${file}: only .csv and .xlsx sheets are supported`);
  const read = (f: string) => padRows(parseCsv(fs.readFileSync(f, 'utf8')).map((r) => r.map(importCell)));
  // Other tabs of a CSV "spreadsheet" live beside it as customers.Notes.csv, customers.Campaigns.csv, …
  const prefix = `${path.basename(file, path.extname(file))}.`;
  const siblings = fs
    .readdirSync(path.dirname(file))
    .filter((f) => f.startsWith(prefix) && /\.csv$/i.test(f) && f !== path.basename(file))
    .sort();
  return {
    sheets: [
      { name: 'Customers', values: read(file) },
      ...siblings.map((f) => ({
        name: f.slice(prefix.length, -4),
        values: read(path.join(path.dirname(file), f)),
      })),
    ],
  };
}

/** Where a CSV spreadsheet keeps a tab other than Customers. */
export function csvTabPath(file: string, tab: string): string {
  return path.join(
    path.dirname(file),
    `${path.basename(file, path.extname(file))}.${tab.replace(/[^\p{L}\p{N} _-]/gu, '_')}.csv`,
  );
}

/** Writes to a temporary file beside the target and renames it, so a crash never leaves half a file. */
export function writeTableFile(file: string, sheets: TableSheet[]): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    if (/\.xlsx$/i.test(file)) {
      const book = XLSX.utils.book_new();
      for (const s of sheets)
        XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(s.values, { cellDates: true }), s.name);
      fs.writeFileSync(tmp, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    } else {
      const customers = sheets.find((s) => s.name === 'Customers') ?? sheets[0];
      for (const other of sheets.filter((s) => s !== customers)) {
        writeAtomically(csvTabPath(file, other.name), toCsv(other.values.map((r) => r.map(exportCell))));
      }
      fs.writeFileSync(tmp, toCsv((customers?.values ?? []).map((r) => r.map(exportCell))));
    }
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

function writeAtomically(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}
