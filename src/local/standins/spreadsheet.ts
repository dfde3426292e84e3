/**
 * SpreadsheetApp over in-memory 2D arrays, as Sheets hands values to scripts: numbers, Date objects,
 * booleans and '' for empty cells, always rectangular. Values are copied in and out (no aliasing),
 * dimension errors use Apps Script's wording, and every call is counted with the cells it moves.
 */
import { AppsScriptError, GAS_ERRORS } from './errors';
import type { ServiceEnv } from './world';

export type CellValue = string | number | boolean | Date;

export class SheetData {
  rows: CellValue[][] = [];
  maxRows: number;
  maxColumns: number;
  frozenRows = 0;

  constructor(
    public name: string,
    readonly sheetId: number,
    values: unknown[][] = [],
  ) {
    this.rows = values.map((r) => r.map(copyIn));
    this.maxRows = Math.max(1000, this.rows.length);
    this.maxColumns = Math.max(26, ...this.rows.map((r) => r.length));
  }

  get(row: number, col: number): CellValue {
    const v = this.rows[row - 1]?.[col - 1];
    return v === undefined ? '' : copyOut(v);
  }

  set(row: number, col: number, value: unknown): void {
    while (this.rows.length < row) this.rows.push([]);
    const r = this.rows[row - 1] as CellValue[];
    while (r.length < col) r.push('');
    r[col - 1] = copyIn(value);
    this.maxRows = Math.max(this.maxRows, row);
    this.maxColumns = Math.max(this.maxColumns, col);
  }

  lastRow(): number {
    for (let i = this.rows.length; i > 0; i--)
      if ((this.rows[i - 1] as CellValue[]).some((v) => v !== '')) return i;
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const r of this.rows) for (let c = r.length; c > last; c--) if (r[c - 1] !== '') last = c;
    return last;
  }

  /** A plain copy of the used values, for persisting the sheet to a file. */
  toValues(): CellValue[][] {
    const rows = this.lastRow();
    const cols = this.lastColumn();
    const out: CellValue[][] = [];
    for (let r = 1; r <= rows; r++) {
      const line: CellValue[] = [];
      for (let c = 1; c <= cols; c++) line.push(this.get(r, c));
      out.push(line);
    }
    return out;
  }
}

export class SpreadsheetData {
  readonly sheets: SheetData[] = [];
  private nextSheetId = 0;
  /** Bumped on every write, so a persister knows when to save. */
  version = 0;

  constructor(
    readonly id: string,
    public name: string,
    readonly locale: string,
    readonly timeZone: string,
  ) {}

  addSheet(name: string, values: unknown[][] = []): SheetData {
    if (this.sheets.some((s) => s.name === name)) {
      throw new AppsScriptError(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    const sheet = new SheetData(name, this.nextSheetId++ === 0 ? 0 : 100_000 + this.nextSheetId, values);
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): SheetData | undefined {
    return this.sheets.find((s) => s.name === name);
  }
}

export class SpreadsheetState {
  private readonly byId = new Map<string, SpreadsheetData>();
  private readonly revoked = new Set<string>();
  private counter = 0;

  create(options: {
    name: string;
    sheets?: { name: string; values: unknown[][] }[];
    locale?: string;
    timeZone?: string;
    id?: string;
  }): SpreadsheetData {
    const id = options.id ?? `1CG${String(++this.counter).padStart(6, '0')}StandinSheet_abcdefghijklmnop`;
    const ss = new SpreadsheetData(
      id,
      options.name,
      options.locale ?? 'en_US',
      options.timeZone ?? 'Etc/UTC',
    );
    for (const s of options.sheets?.length ? options.sheets : [{ name: 'Sheet1', values: [] }])
      ss.addSheet(s.name, s.values);
    this.byId.set(id, ss);
    return ss;
  }

  get(id: string): SpreadsheetData | undefined {
    return this.byId.get(id);
  }

  /** Simulates the user deleting the file (openById then fails as for an unknown ID). */
  delete(id: string): void {
    this.byId.delete(id);
  }

  /** Simulates the owner un-sharing the file. */
  revokeAccess(id: string): void {
    this.revoked.add(id);
  }

  open(id: string): SpreadsheetData {
    if (this.revoked.has(id)) throw new AppsScriptError(GAS_ERRORS.noAccess);
    const ss = this.byId.get(id);
    if (!ss) throw new AppsScriptError(GAS_ERRORS.noSpreadsheet);
    return ss;
  }
}

function copyIn(value: unknown): CellValue {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return new Date(value.getTime());
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

function copyOut(value: CellValue): CellValue {
  return value instanceof Date ? new Date(value.getTime()) : value;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Roughly what Sheets shows for a value under the spreadsheet's locale. */
export function displayValue(value: CellValue, locale: string, timeZone: string): string {
  if (value instanceof Date) {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    }).formatToParts(value);
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    const [y, m, d] = [get('year'), get('month'), get('day')];
    if (locale === 'en_US') return `${m}/${d}/${y}`;
    if (/^(de|ru|nb|no|tr|kk)/.test(locale)) return `${pad(d)}.${pad(m)}.${y}`;
    return `${pad(d)}/${pad(m)}/${y}`;
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function parseA1(a1: string): { row: number; col: number; numRows: number; numCols: number } {
  const m = /^(?:[^!]+!)?\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(a1.trim());
  if (!m) throw new AppsScriptError(`Range not found`);
  const colOf = (letters: string) =>
    [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const c1 = colOf(m[1] as string);
  const r1 = Number(m[2]);
  const c2 = m[3] ? colOf(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  return {
    row: Math.min(r1, r2),
    col: Math.min(c1, c2),
    numRows: Math.abs(r2 - r1) + 1,
    numCols: Math.abs(c2 - c1) + 1,
  };
}

export function createSpreadsheetApp(env: ServiceEnv) {
  const state = env.world.spreadsheets;

  function range(
    ss: SpreadsheetData,
    sheet: SheetData,
    row: number,
    col: number,
    numRows: number,
    numCols: number,
  ) {
    const cells = numRows * numCols;
    const self = {
      getRow: () => row,
      getColumn: () => col,
      getNumRows: () => numRows,
      getNumColumns: () => numCols,
      getLastRow: () => row + numRows - 1,
      getLastColumn: () => col + numCols - 1,
      getA1Notation: () =>
        cells === 1
          ? `${columnLetters(col)}${row}`
          : `${columnLetters(col)}${row}:${columnLetters(col + numCols - 1)}${row + numRows - 1}`,
      getSheet: () => sheetApi(ss, sheet),
      getValues(): CellValue[][] {
        env.hit('Range.getValues', { read: cells });
        const out: CellValue[][] = [];
        for (let r = 0; r < numRows; r++) {
          const line: CellValue[] = [];
          for (let c = 0; c < numCols; c++) line.push(sheet.get(row + r, col + c));
          out.push(line);
        }
        return out;
      },
      getDisplayValues(): string[][] {
        env.hit('Range.getDisplayValues', { read: cells });
        const out: string[][] = [];
        for (let r = 0; r < numRows; r++) {
          const line: string[] = [];
          for (let c = 0; c < numCols; c++)
            line.push(displayValue(sheet.get(row + r, col + c), ss.locale, ss.timeZone));
          out.push(line);
        }
        return out;
      },
      getValue(): CellValue {
        env.hit('Range.getValue', { read: 1 });
        return sheet.get(row, col);
      },
      setValues(values: unknown[][]) {
        env.hit('Range.setValues', { written: cells });
        if (!Array.isArray(values) || values.length !== numRows) {
          throw new AppsScriptError(
            GAS_ERRORS.rowsMismatch(Array.isArray(values) ? values.length : 0, numRows),
          );
        }
        for (const line of values) {
          if (!Array.isArray(line) || line.length !== numCols) {
            throw new AppsScriptError(
              GAS_ERRORS.columnsMismatch(Array.isArray(line) ? line.length : 0, numCols),
            );
          }
        }
        values.forEach((line, r) => line.forEach((v, c) => sheet.set(row + r, col + c, v)));
        ss.version++;
        return self;
      },
      setValue(value: unknown) {
        env.hit('Range.setValue', { written: 1 });
        sheet.set(row, col, value);
        ss.version++;
        return self;
      },
      clearContent() {
        env.hit('Range.clearContent', { written: cells });
        for (let r = 0; r < numRows; r++) for (let c = 0; c < numCols; c++) sheet.set(row + r, col + c, '');
        ss.version++;
        return self;
      },
      createTextFinder: (text: string) => textFinder(ss, sheet, row, col, numRows, numCols, text),
    };
    return self;
  }

  function textFinder(
    ss: SpreadsheetData,
    sheet: SheetData,
    row: number,
    col: number,
    numRows: number,
    numCols: number,
    text: string,
  ) {
    const options = { matchCase: false, entireCell: false, regex: false };
    let cursor = -1;
    const matches = () => {
      const found: [number, number][] = [];
      const pattern = options.regex
        ? new RegExp(options.entireCell ? `^(?:${text})$` : text, options.matchCase ? '' : 'i')
        : null;
      const needle = options.matchCase ? text : text.toLowerCase();
      for (let r = 0; r < numRows; r++) {
        for (let c = 0; c < numCols; c++) {
          const shown = displayValue(sheet.get(row + r, col + c), ss.locale, ss.timeZone);
          const hay = options.matchCase ? shown : shown.toLowerCase();
          const ok = pattern
            ? pattern.test(shown)
            : options.entireCell
              ? hay === needle
              : hay.includes(needle);
          if (ok && shown !== '') found.push([row + r, col + c]);
        }
      }
      // Searching happens on Google's side: a small cost per cell scanned, no cells returned.
      env.world.clock.advance(Math.round(numRows * numCols * env.world.latency.perCell * 0.1));
      return found;
    };
    const finder = {
      matchCase(on: boolean) {
        options.matchCase = on;
        return finder;
      },
      matchEntireCell(on: boolean) {
        options.entireCell = on;
        return finder;
      },
      useRegularExpression(on: boolean) {
        options.regex = on;
        return finder;
      },
      ignoreDiacritics(_on: boolean) {
        return finder;
      },
      findAll() {
        env.hit('TextFinder.findAll');
        return matches().map(([r, c]) => range(ss, sheet, r, c, 1, 1));
      },
      findNext() {
        env.hit('TextFinder.findNext');
        const all = matches();
        cursor++;
        const hit = all[cursor];
        return hit ? range(ss, sheet, hit[0], hit[1], 1, 1) : null;
      },
    };
    return finder;
  }

  function sheetApi(ss: SpreadsheetData, sheet: SheetData) {
    const api = {
      getName: () => sheet.name,
      getSheetId: () => sheet.sheetId,
      getParent: () => spreadsheetApi(ss),
      getLastRow() {
        env.hit('Sheet.getLastRow');
        return sheet.lastRow();
      },
      getLastColumn() {
        env.hit('Sheet.getLastColumn');
        return sheet.lastColumn();
      },
      getMaxRows: () => sheet.maxRows,
      getMaxColumns: () => sheet.maxColumns,
      getRange(a: number | string, column?: number, numRows?: number, numColumns?: number) {
        env.hit('Sheet.getRange');
        const r =
          typeof a === 'string'
            ? parseA1(a)
            : { row: a, col: column ?? 1, numRows: numRows ?? 1, numCols: numColumns ?? 1 };
        if (!(r.row >= 1)) throw new AppsScriptError(GAS_ERRORS.rowStart);
        if (!(r.col >= 1)) throw new AppsScriptError(GAS_ERRORS.columnStart);
        if (!(r.numRows >= 1) || !(r.numCols >= 1)) {
          throw new AppsScriptError('The number of rows in the range must be at least 1.');
        }
        if (r.row + r.numRows - 1 > sheet.maxRows || r.col + r.numCols - 1 > sheet.maxColumns) {
          throw new AppsScriptError(GAS_ERRORS.rangeOutOfBounds);
        }
        return range(ss, sheet, r.row, r.col, r.numRows, r.numCols);
      },
      getDataRange() {
        env.hit('Sheet.getDataRange');
        return range(ss, sheet, 1, 1, Math.max(1, sheet.lastRow()), Math.max(1, sheet.lastColumn()));
      },
      appendRow(values: unknown[]) {
        env.hit('Sheet.appendRow', { written: values.length });
        const row = sheet.lastRow() + 1;
        values.forEach((v, c) => sheet.set(row, c + 1, v));
        ss.version++;
        return api;
      },
      insertRowsAfter(afterPosition: number, howMany: number) {
        env.hit('Sheet.insertRowsAfter');
        const blank = Array.from({ length: howMany }, () => [] as CellValue[]);
        sheet.rows.splice(afterPosition, 0, ...blank);
        sheet.maxRows += howMany;
        ss.version++;
        return api;
      },
      deleteRows(rowPosition: number, howMany: number) {
        env.hit('Sheet.deleteRows');
        sheet.rows.splice(rowPosition - 1, howMany);
        sheet.maxRows = Math.max(1, sheet.maxRows - howMany);
        ss.version++;
      },
      clear() {
        env.hit('Sheet.clear');
        sheet.rows = [];
        ss.version++;
        return api;
      },
      setFrozenRows(rows: number) {
        env.hit('Sheet.setFrozenRows');
        sheet.frozenRows = rows;
      },
      createTextFinder: (text: string) =>
        textFinder(ss, sheet, 1, 1, Math.max(1, sheet.lastRow()), Math.max(1, sheet.lastColumn()), text),
    };
    return api;
  }

  function spreadsheetApi(ss: SpreadsheetData) {
    return {
      getId: () => ss.id,
      getUrl: () => `https://docs.google.com/spreadsheets/d/${ss.id}/edit`,
      getName: () => ss.name,
      getSpreadsheetLocale() {
        env.hit('Spreadsheet.getSpreadsheetLocale');
        return ss.locale;
      },
      getSpreadsheetTimeZone() {
        env.hit('Spreadsheet.getSpreadsheetTimeZone');
        return ss.timeZone;
      },
      getSheetByName(name: string) {
        env.hit('Spreadsheet.getSheetByName');
        const sheet = ss.sheet(name);
        return sheet ? sheetApi(ss, sheet) : null;
      },
      getSheets() {
        env.hit('Spreadsheet.getSheets');
        return ss.sheets.map((s) => sheetApi(ss, s));
      },
      insertSheet(name: string) {
        env.hit('Spreadsheet.insertSheet');
        ss.version++;
        return sheetApi(ss, ss.addSheet(name));
      },
    };
  }

  return {
    openById(id: string) {
      env.hit('SpreadsheetApp.openById');
      return spreadsheetApi(state.open(String(id)));
    },
    openByUrl(url: string) {
      env.hit('SpreadsheetApp.openByUrl');
      const id = /\/d\/([A-Za-z0-9_-]+)/.exec(url)?.[1];
      if (!id) throw new AppsScriptError('Invalid argument: url');
      return spreadsheetApi(state.open(id));
    },
    create(name: string) {
      env.hit('SpreadsheetApp.create');
      return spreadsheetApi(state.create({ name }));
    },
  };
}
