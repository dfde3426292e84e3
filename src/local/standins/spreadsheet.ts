/**
 * SpreadsheetApp over in-memory grids, as Sheets hands values to scripts: getValues returns numbers,
 * strings ('' for empty cells, '#N/A' and the like for formula errors), booleans and fresh Date
 * objects, always as a rectangle; writes are copied in (no aliasing), strings are read as typed input
 * (see sheet-values.ts), and sizes, bounds and argument errors use Apps Script's wording.
 *
 * State (SpreadsheetState, SpreadsheetData, SheetData) lives in the world and outlives executions;
 * the *Standin classes are what one execution's SpreadsheetApp hands out, and they count every call.
 */
import type {
  RangeLike,
  SheetLike,
  SpreadsheetAppLike,
  SpreadsheetLike,
  TextFinderLike,
} from '../../gas/services';
import { AppsScriptError, GAS_ERRORS, describeArgs } from './errors';
import type { CellTraffic } from './latency';
import { cellFromScript, displayValue, isDate, type CellValue, type SheetLocale } from './sheet-values';
import type { ServiceEnv } from './world';

export type { CellValue } from './sheet-values';

/** Sheets' limit on cells in one spreadsheet, over all its tabs. */
export const MAX_CELLS_PER_SPREADSHEET = 10_000_000;
/** A new tab's size in Sheets. */
export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;

export interface SheetSeed {
  name: string;
  values?: unknown[][];
  /** Defaults: at least 1,000 rows and 26 columns, as a new tab has, and at least the values' size. */
  maxRows?: number;
  maxColumns?: number;
}

export interface SpreadsheetSeed {
  name: string;
  sheets?: SheetSeed[];
  /** Sheets locale code, e.g. 'en_US', 'de_DE', 'nb_NO'. Default 'en_US'. */
  locale?: string;
  /** IANA time zone of the spreadsheet. Default: the world's script time zone. */
  timeZone?: string;
  id?: string;
}

/** Copies a value out of storage, so the script cannot alias a stored Date. */
const copyOut = (v: CellValue): CellValue => (isDate(v) ? new Date(v.getTime()) : v);

/** Seeded values are stored as given (no string parsing): a seed says exactly what a cell holds. */
function seedCell(value: unknown): CellValue {
  if (value === null || value === undefined) return '';
  if (isDate(value)) return new Date(value.getTime());
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

export class SheetData {
  /** Row-major values; rows may be shorter than maxColumns (missing cells are empty). */
  rows: CellValue[][];
  maxRows: number;
  maxColumns: number;
  frozenRows = 0;
  private extent: { row: number; column: number } | null = null;

  constructor(
    public name: string,
    readonly sheetId: number,
    values: unknown[][] = [],
    size: { maxRows?: number; maxColumns?: number } = {},
  ) {
    this.rows = values.map((r) => (Array.isArray(r) ? r.map(seedCell) : [seedCell(r)]));
    const width = this.rows.reduce((w, r) => Math.max(w, r.length), 0);
    this.maxRows = Math.max(size.maxRows ?? NEW_SHEET_ROWS, this.rows.length);
    this.maxColumns = Math.max(size.maxColumns ?? NEW_SHEET_COLUMNS, width);
  }

  cells(): number {
    return this.maxRows * this.maxColumns;
  }

  get(row: number, column: number): CellValue {
    const v = this.rows[row - 1]?.[column - 1];
    return v === undefined ? '' : copyOut(v);
  }

  /** Stores an already-normalised value (see cellFromScript). */
  put(row: number, column: number, value: CellValue): void {
    if (value === '' && (this.rows[row - 1]?.length ?? 0) < column) return;
    while (this.rows.length < row) this.rows.push([]);
    const r = this.rows[row - 1] as CellValue[];
    while (r.length < column) r.push('');
    r[column - 1] = value;
    this.extent = null;
  }

  lastRow(): number {
    return this.measure().row;
  }

  lastColumn(): number {
    return this.measure().column;
  }

  private measure(): { row: number; column: number } {
    if (!this.extent) {
      let row = 0;
      let column = 0;
      this.rows.forEach((r, i) => {
        for (let c = r.length; c > 0; c--) {
          if (r[c - 1] !== '') {
            row = i + 1;
            if (c > column) column = c;
            break;
          }
        }
      });
      this.extent = { row, column };
    }
    return this.extent;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.rows.splice(rowPosition - 1, howMany);
    this.maxRows -= howMany;
    this.extent = null;
  }

  insertRowsAfter(afterPosition: number, howMany: number): void {
    if (this.rows.length > afterPosition) {
      this.rows.splice(afterPosition, 0, ...Array.from({ length: howMany }, () => [] as CellValue[]));
    }
    this.maxRows += howMany;
    this.extent = null;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): void {
    for (const r of this.rows) {
      if (r.length > afterPosition) r.splice(afterPosition, 0, ...Array<CellValue>(howMany).fill(''));
    }
    this.maxColumns += howMany;
    this.extent = null;
  }

  clear(): void {
    this.rows = [];
    this.extent = null;
  }

  /** Simulates the user replacing the tab's contents by hand (the workbench reloading an edited file). */
  replaceValues(values: unknown[][]): void {
    this.rows = values.map((r) => (Array.isArray(r) ? r.map(seedCell) : [seedCell(r)]));
    this.maxRows = Math.max(this.maxRows, this.rows.length);
    // A loop, not Math.max(...rows): a spread of 200,000 rows overflows the call stack.
    for (const r of this.rows) this.maxColumns = Math.max(this.maxColumns, r.length);
    this.extent = null;
  }

  /** A plain copy of the used values, for persisting the sheet to a file. */
  toValues(): CellValue[][] {
    const rows = this.lastRow();
    const columns = this.lastColumn();
    const out: CellValue[][] = [];
    for (let r = 1; r <= rows; r++) {
      const line: CellValue[] = [];
      for (let c = 1; c <= columns; c++) line.push(this.get(r, c));
      out.push(line);
    }
    return out;
  }
}

export class SpreadsheetData implements SheetLocale {
  readonly sheets: SheetData[] = [];
  private sheetCounter = 0;
  /** Bumped on every write, so a persister knows when to save. */
  version = 0;

  constructor(
    readonly id: string,
    public name: string,
    public locale: string,
    public timeZone: string,
  ) {}

  get url(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  totalCells(): number {
    return this.sheets.reduce((n, s) => n + s.cells(), 0);
  }

  /** Throws Sheets' error if growing by `extra` cells would pass the 10 million cell limit. */
  checkGrowth(extra: number): void {
    if (this.totalCells() + extra > MAX_CELLS_PER_SPREADSHEET)
      throw new AppsScriptError(GAS_ERRORS.tooManyCells);
  }

  addSheet(
    name: string,
    values: unknown[][] = [],
    size: { maxRows?: number; maxColumns?: number } = {},
  ): SheetData {
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      throw new AppsScriptError(GAS_ERRORS.sheetExists(name));
    }
    const n = this.sheetCounter++;
    const sheet = new SheetData(name, n === 0 ? 0 : 1_000_000_000 - n * 7_919_117, values, size);
    this.checkGrowth(sheet.cells());
    this.sheets.push(sheet);
    this.version++;
    return sheet;
  }

  sheet(name: string): SheetData | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** Simulates the user deleting a tab. */
  removeSheet(name: string): void {
    const i = this.sheets.findIndex((s) => s.name === name);
    if (i >= 0) this.sheets.splice(i, 1);
    this.version++;
  }
}

export class SpreadsheetState {
  private readonly byId = new Map<string, SpreadsheetData>();
  private readonly deleted = new Set<string>();
  /** Spreadsheet ID → users who lost access ('*' for everyone). */
  private readonly revoked = new Map<string, Set<string>>();
  private counter = 0;

  constructor(private readonly defaults: { timeZone: () => string }) {}

  create(seed: SpreadsheetSeed): SpreadsheetData {
    const id = seed.id ?? this.newId();
    const ss = new SpreadsheetData(
      id,
      seed.name,
      seed.locale ?? 'en_US',
      seed.timeZone ?? this.defaults.timeZone(),
    );
    for (const s of seed.sheets?.length ? seed.sheets : [{ name: 'Sheet1' }]) {
      ss.addSheet(s.name, s.values ?? [], { maxRows: s.maxRows, maxColumns: s.maxColumns });
    }
    this.byId.set(id, ss);
    this.deleted.delete(id);
    return ss;
  }

  /** Drive-style IDs: 44 characters starting with '1'. */
  private newId(): string {
    const n = String(++this.counter).padStart(6, '0');
    return `1CG${n}StandinSheet_${'abcdefghijklmnopqrstuvw'.slice(0, 44 - 18 - n.length)}`;
  }

  get(id: string): SpreadsheetData | undefined {
    return this.byId.get(id);
  }

  all(): SpreadsheetData[] {
    return [...this.byId.values()];
  }

  /** Simulates the user deleting the file for good: openById then fails as for an unknown ID. */
  delete(id: string): void {
    if (this.byId.delete(id)) this.deleted.add(id);
  }

  /** Simulates the owner un-sharing the file with `user` (everyone when omitted). */
  revokeAccess(id: string, user = '*'): void {
    const set = this.revoked.get(id) ?? new Set<string>();
    set.add(user);
    this.revoked.set(id, set);
  }

  restoreAccess(id: string, user?: string): void {
    if (user === undefined) this.revoked.delete(id);
    else this.revoked.get(id)?.delete(user);
  }

  canAccess(id: string, user: string): boolean {
    const set = this.revoked.get(id);
    return !set || (!set.has('*') && !set.has(user));
  }

  /** The spreadsheet if it exists and `user` may open it; else the error openById throws. */
  open(id: string, user: string, method: 'openById' | 'openByUrl' = 'openById'): SpreadsheetData {
    const ss = this.byId.get(id);
    if (!ss) {
      throw new AppsScriptError(
        method === 'openById' ? GAS_ERRORS.noSpreadsheet : GAS_ERRORS.noSpreadsheetByUrl,
      );
    }
    if (!this.canAccess(id, user)) throw new AppsScriptError(GAS_ERRORS.noAccess);
    return ss;
  }

  /** For objects already handed out: the file must still exist and be readable. */
  check(ss: SpreadsheetData, user: string): void {
    if (this.byId.get(ss.id) !== ss || !this.canAccess(ss.id, user)) {
      throw new AppsScriptError(GAS_ERRORS.documentMissing(ss.id));
    }
  }
}

function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const columnNumber = (letters: string) =>
  [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** A1 notation: A1, A1:C3, A:C, 2:5, A2:C (open end), with an optional (ignored) sheet prefix. */
function parseA1(a1: string, sheet: SheetData) {
  const ref = a1.trim().replace(/^(?:'(?:[^']|'')*'|[^!]+)!/, '');
  const part = /^\$?([A-Z]*)\$?(\d*)$/i;
  const [from, to, extra] = ref.split(':');
  const a = part.exec(from ?? '');
  const b = part.exec(to ?? from ?? '');
  const single = to === undefined;
  if (
    !a ||
    !b ||
    extra !== undefined ||
    (!a[1] && !a[2]) ||
    (!b[1] && !b[2]) ||
    (single && !(a[1] && a[2]))
  ) {
    throw new AppsScriptError(GAS_ERRORS.rangeNotFound);
  }
  const c1 = a[1] ? columnNumber(a[1]) : 1;
  const r1 = a[2] ? Number(a[2]) : 1;
  const c2 = b[1] ? columnNumber(b[1]) : sheet.maxColumns;
  const r2 = b[2] ? Number(b[2]) : sheet.maxRows;
  return {
    row: Math.min(r1, r2),
    column: Math.min(c1, c2),
    numRows: Math.abs(r2 - r1) + 1,
    numColumns: Math.abs(c2 - c1) + 1,
  };
}

const PKG = 'SpreadsheetApp';

export class SpreadsheetAppStandin implements SpreadsheetAppLike {
  constructor(private readonly env: ServiceEnv) {}

  openById(id: string): SpreadsheetStandin {
    this.env.call('SpreadsheetApp.openById');
    if (typeof id !== 'string')
      throw new AppsScriptError(GAS_ERRORS.signature(describeArgs([id]), `${PKG}.openById`));
    if (id.trim() === '') throw new AppsScriptError(GAS_ERRORS.invalidArgument('id'));
    return new SpreadsheetStandin(this.env, this.env.world.spreadsheets.open(id, this.env.execution.user));
  }

  /** Writes here apply at once, so there is nothing pending; the call is still counted. */
  flush(): void {
    this.env.call('SpreadsheetApp.flush');
  }

  openByUrl(url: string): SpreadsheetStandin {
    this.env.call('SpreadsheetApp.openByUrl');
    const id = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(String(url))?.[1];
    if (!id) throw new AppsScriptError(GAS_ERRORS.invalidArgument('url'));
    return new SpreadsheetStandin(
      this.env,
      this.env.world.spreadsheets.open(id, this.env.execution.user, 'openByUrl'),
    );
  }

  create(name: string): SpreadsheetStandin {
    this.env.call('SpreadsheetApp.create');
    if (typeof name !== 'string')
      throw new AppsScriptError(GAS_ERRORS.signature(describeArgs([name]), `${PKG}.create`));
    return new SpreadsheetStandin(this.env, this.env.world.spreadsheets.create({ name }));
  }
}

/** Counts a call on an object tied to a spreadsheet, then checks the file is still there. */
function touch(env: ServiceEnv, ss: SpreadsheetData, method: string, cells?: CellTraffic): void {
  env.call(method, cells);
  env.world.spreadsheets.check(ss, env.execution.user);
}

export class SpreadsheetStandin implements SpreadsheetLike {
  constructor(
    private readonly env: ServiceEnv,
    readonly data: SpreadsheetData,
  ) {}

  getId(): string {
    touch(this.env, this.data, 'Spreadsheet.getId');
    return this.data.id;
  }

  getUrl(): string {
    touch(this.env, this.data, 'Spreadsheet.getUrl');
    return this.data.url;
  }

  getName(): string {
    touch(this.env, this.data, 'Spreadsheet.getName');
    return this.data.name;
  }

  getSpreadsheetLocale(): string {
    touch(this.env, this.data, 'Spreadsheet.getSpreadsheetLocale');
    return this.data.locale;
  }

  getSpreadsheetTimeZone(): string {
    touch(this.env, this.data, 'Spreadsheet.getSpreadsheetTimeZone');
    return this.data.timeZone;
  }

  getSheetByName(name: string): SheetStandin | null {
    touch(this.env, this.data, 'Spreadsheet.getSheetByName');
    const sheet = this.data.sheet(String(name));
    return sheet ? new SheetStandin(this.env, this.data, sheet) : null;
  }

  getSheets(): SheetStandin[] {
    touch(this.env, this.data, 'Spreadsheet.getSheets');
    return this.data.sheets.map((s) => new SheetStandin(this.env, this.data, s));
  }

  insertSheet(sheetName: string): SheetStandin {
    touch(this.env, this.data, 'Spreadsheet.insertSheet');
    if (typeof sheetName !== 'string') {
      throw new AppsScriptError(
        GAS_ERRORS.signature(describeArgs([sheetName]), `${PKG}.Spreadsheet.insertSheet`),
      );
    }
    return new SheetStandin(this.env, this.data, this.data.addSheet(sheetName));
  }
}

export class SheetStandin implements SheetLike {
  constructor(
    private readonly env: ServiceEnv,
    private readonly ss: SpreadsheetData,
    readonly data: SheetData,
  ) {}

  private touch(method: string, cells?: CellTraffic): void {
    touch(this.env, this.ss, `Sheet.${method}`, cells);
  }

  private range(row: number, column: number, numRows: number, numColumns: number): RangeStandin {
    return new RangeStandin(this.env, this.ss, this.data, row, column, numRows, numColumns);
  }

  getName(): string {
    this.touch('getName');
    return this.data.name;
  }

  setName(name: string): SheetStandin {
    this.touch('setName');
    if (typeof name !== 'string' || name.trim() === '')
      throw new AppsScriptError(GAS_ERRORS.invalidArgument('name'));
    if (this.ss.sheets.some((s) => s !== this.data && s.name === name))
      throw new AppsScriptError(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this.data.name = name;
    return this;
  }

  getSheetId(): number {
    this.touch('getSheetId');
    return this.data.sheetId;
  }

  getParent(): SpreadsheetStandin {
    this.touch('getParent');
    return new SpreadsheetStandin(this.env, this.ss);
  }

  getLastRow(): number {
    this.touch('getLastRow');
    return this.data.lastRow();
  }

  getLastColumn(): number {
    this.touch('getLastColumn');
    return this.data.lastColumn();
  }

  getMaxRows(): number {
    this.touch('getMaxRows');
    return this.data.maxRows;
  }

  getMaxColumns(): number {
    this.touch('getMaxColumns');
    return this.data.maxColumns;
  }

  getRange(row: number, column: number): RangeStandin;
  getRange(row: number, column: number, numRows: number): RangeStandin;
  getRange(row: number, column: number, numRows: number, numColumns: number): RangeStandin;
  getRange(a1Notation: string): RangeStandin;
  getRange(...args: unknown[]): RangeStandin {
    this.touch('getRange');
    const [a, column, numRows = 1, numColumns = 1] = args;
    let r: { row: number; column: number; numRows: number; numColumns: number };
    if (typeof a === 'string' && args.length === 1) r = parseA1(a, this.data);
    else if (
      typeof a === 'number' &&
      args.length >= 2 &&
      args.length <= 4 &&
      args.every((x) => typeof x === 'number')
    ) {
      r = {
        row: Math.trunc(a),
        column: Math.trunc(column as number),
        numRows: Math.trunc(numRows as number),
        numColumns: Math.trunc(numColumns as number),
      };
    } else throw new AppsScriptError(GAS_ERRORS.signature(describeArgs(args), `${PKG}.Sheet.getRange`));
    if (!(r.row >= 1)) throw new AppsScriptError(GAS_ERRORS.rowStart);
    if (!(r.column >= 1)) throw new AppsScriptError(GAS_ERRORS.columnStart);
    if (!(r.numRows >= 1)) throw new AppsScriptError(GAS_ERRORS.numRowsTooSmall);
    if (!(r.numColumns >= 1)) throw new AppsScriptError(GAS_ERRORS.numColumnsTooSmall);
    if (r.row + r.numRows - 1 > this.data.maxRows || r.column + r.numColumns - 1 > this.data.maxColumns) {
      throw new AppsScriptError(GAS_ERRORS.rangeOutOfBounds);
    }
    return this.range(r.row, r.column, r.numRows, r.numColumns);
  }

  getDataRange(): RangeStandin {
    this.touch('getDataRange');
    return this.range(1, 1, Math.max(1, this.data.lastRow()), Math.max(1, this.data.lastColumn()));
  }

  appendRow(rowContents: unknown[]): SheetStandin {
    if (!Array.isArray(rowContents)) {
      this.touch('appendRow');
      throw new AppsScriptError(GAS_ERRORS.signature(describeArgs([rowContents]), `${PKG}.Sheet.appendRow`));
    }
    this.touch('appendRow', { written: rowContents.length });
    const values = rowContents.map((v) => cellFromScript(v, this.ss, this.env.world.parseWrittenStrings));
    const row = this.data.lastRow() + 1;
    const extraRows = Math.max(0, row - this.data.maxRows);
    const extraColumns = Math.max(0, values.length - this.data.maxColumns);
    this.ss.checkGrowth(extraRows * this.data.maxColumns + extraColumns * (this.data.maxRows + extraRows));
    this.data.maxRows += extraRows;
    this.data.maxColumns += extraColumns;
    values.forEach((v, c) => this.data.put(row, c + 1, v));
    this.env.world.calls.cellsWritten += values.length;
    this.ss.version++;
    return this;
  }

  createTextFinder(findText: string): TextFinderStandin {
    this.env.builder('Sheet.createTextFinder');
    return new TextFinderStandin(this.env, this.ss, this.data, null, findText);
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.touch('deleteRows');
    if (!(rowPosition >= 1) || !(howMany >= 1) || rowPosition + howMany - 1 > this.data.maxRows) {
      throw new AppsScriptError(GAS_ERRORS.rowsOutOfBounds);
    }
    if (this.data.maxRows - howMany <= this.data.frozenRows)
      throw new AppsScriptError(GAS_ERRORS.deleteAllRows);
    this.data.deleteRows(Math.trunc(rowPosition), Math.trunc(howMany));
    this.ss.version++;
  }

  insertRowsAfter(afterPosition: number, howMany: number): SheetStandin {
    this.touch('insertRowsAfter');
    if (!(afterPosition >= 1) || afterPosition > this.data.maxRows || !(howMany >= 1)) {
      throw new AppsScriptError(GAS_ERRORS.rowsOutOfBounds);
    }
    this.ss.checkGrowth(howMany * this.data.maxColumns);
    this.data.insertRowsAfter(Math.trunc(afterPosition), Math.trunc(howMany));
    this.ss.version++;
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): SheetStandin {
    this.touch('insertColumnsAfter');
    if (!(afterPosition >= 1) || afterPosition > this.data.maxColumns || !(howMany >= 1)) {
      throw new AppsScriptError(GAS_ERRORS.columnsOutOfBounds);
    }
    this.ss.checkGrowth(howMany * this.data.maxRows);
    this.data.insertColumnsAfter(Math.trunc(afterPosition), Math.trunc(howMany));
    this.ss.version++;
    return this;
  }

  clear(): SheetStandin {
    this.touch('clear');
    this.data.clear();
    this.ss.version++;
    return this;
  }

  setFrozenRows(rows: number): void {
    this.touch('setFrozenRows');
    if (!(rows >= 0) || rows >= this.data.maxRows) {
      throw new AppsScriptError(GAS_ERRORS.freezeAllRows);
    }
    this.data.frozenRows = Math.trunc(rows);
  }
}

export class RangeStandin implements RangeLike {
  constructor(
    private readonly env: ServiceEnv,
    private readonly ss: SpreadsheetData,
    private readonly sheet: SheetData,
    private readonly row: number,
    private readonly column: number,
    private readonly numRows: number,
    private readonly numColumns: number,
  ) {}

  private get cells(): number {
    return this.numRows * this.numColumns;
  }

  private touch(method: string, cells?: CellTraffic): void {
    touch(this.env, this.ss, `Range.${method}`, cells);
  }

  getRow(): number {
    this.touch('getRow');
    return this.row;
  }

  getColumn(): number {
    this.touch('getColumn');
    return this.column;
  }

  getNumRows(): number {
    this.touch('getNumRows');
    return this.numRows;
  }

  getNumColumns(): number {
    this.touch('getNumColumns');
    return this.numColumns;
  }

  getLastRow(): number {
    this.touch('getLastRow');
    return this.row + this.numRows - 1;
  }

  getLastColumn(): number {
    this.touch('getLastColumn');
    return this.column + this.numColumns - 1;
  }

  getA1Notation(): string {
    this.touch('getA1Notation');
    const start = `${columnLetters(this.column)}${this.row}`;
    return this.cells === 1
      ? start
      : `${start}:${columnLetters(this.column + this.numColumns - 1)}${this.row + this.numRows - 1}`;
  }

  getSheet(): SheetStandin {
    this.touch('getSheet');
    return new SheetStandin(this.env, this.ss, this.sheet);
  }

  getValues(): CellValue[][] {
    this.touch('getValues', { read: this.cells });
    this.env.world.calls.cellsRead += this.cells;
    return this.grid((r, c) => this.out(this.sheet.get(r, c)));
  }

  getDisplayValues(): string[][] {
    this.touch('getDisplayValues', { read: this.cells });
    this.env.world.calls.cellsRead += this.cells;
    return this.grid((r, c) => displayValue(this.sheet.get(r, c), this.ss));
  }

  getValue(): CellValue {
    this.touch('getValue', { read: 1 });
    this.env.world.calls.cellsRead += 1;
    return this.out(this.sheet.get(this.row, this.column));
  }

  /** Dates go to the script as objects of its own realm. */
  private out(v: CellValue): CellValue {
    return isDate(v) ? this.env.execution.date(v.getTime()) : v;
  }

  setValues(values: unknown[][]): RangeStandin {
    const method = `${PKG}.Range.setValues`;
    if (!Array.isArray(values)) {
      this.touch('setValues');
      throw new AppsScriptError(GAS_ERRORS.signature(describeArgs([values]), method));
    }
    this.touch('setValues', { written: this.cells });
    if (values.length !== this.numRows)
      throw new AppsScriptError(GAS_ERRORS.rowsMismatch(values.length, this.numRows));
    for (const line of values) {
      if (!Array.isArray(line))
        throw new AppsScriptError(GAS_ERRORS.signature(describeArgs([values]), method));
      if (line.length !== this.numColumns) {
        throw new AppsScriptError(GAS_ERRORS.columnsMismatch(line.length, this.numColumns));
      }
    }
    // Normalise everything first: a bad cell leaves the range untouched, as a rejected call does.
    const parse = this.env.world.parseWrittenStrings;
    const cells = values.map((line) => line.map((v) => cellFromScript(v, this.ss, parse)));
    cells.forEach((line, r) => line.forEach((v, c) => this.sheet.put(this.row + r, this.column + c, v)));
    this.env.world.calls.cellsWritten += this.cells;
    this.ss.version++;
    return this;
  }

  setValue(value: unknown): RangeStandin {
    this.touch('setValue', { written: this.cells });
    const cell = cellFromScript(value, this.ss, this.env.world.parseWrittenStrings);
    for (let r = 0; r < this.numRows; r++) {
      for (let c = 0; c < this.numColumns; c++) {
        this.sheet.put(this.row + r, this.column + c, isDate(cell) ? new Date(cell.getTime()) : cell);
      }
    }
    this.env.world.calls.cellsWritten += this.cells;
    this.ss.version++;
    return this;
  }

  clearContent(): RangeStandin {
    this.touch('clearContent', { written: this.cells });
    for (let r = 0; r < this.numRows; r++) {
      for (let c = 0; c < this.numColumns; c++) this.sheet.put(this.row + r, this.column + c, '');
    }
    this.env.world.calls.cellsWritten += this.cells;
    this.ss.version++;
    return this;
  }

  createTextFinder(findText: string): TextFinderStandin {
    this.env.builder('Range.createTextFinder');
    return new TextFinderStandin(this.env, this.ss, this.sheet, this, findText);
  }

  /** The range's bounds, for TextFinder. */
  bounds(): { row: number; column: number; numRows: number; numColumns: number } {
    return { row: this.row, column: this.column, numRows: this.numRows, numColumns: this.numColumns };
  }

  private grid<T>(cell: (row: number, column: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const line: T[] = [];
      for (let c = 0; c < this.numColumns; c++) line.push(cell(this.row + r, this.column + c));
      out.push(line);
    }
    return out;
  }
}

const stripDiacritics = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');

/**
 * Searches cells as their display text (what the user sees), like Sheets' find: case-insensitive
 * and substring by default; empty cells never match. Options are builder calls (not counted as
 * service calls); findAll/findNext are, and charge a per-cell scan cost on the latency model.
 */
export class TextFinderStandin implements TextFinderLike {
  private readonly options = { matchCase: false, entireCell: false, regex: false, ignoreDiacritics: false };
  /** Row-major index of the last cell findNext returned. */
  private cursor = -1;

  constructor(
    private readonly env: ServiceEnv,
    private readonly ss: SpreadsheetData,
    private readonly sheet: SheetData,
    /** null: the whole sheet, as it is when the search runs. */
    private readonly range: RangeStandin | null,
    private readonly findText: string,
  ) {
    if (typeof findText !== 'string' || findText === '') {
      throw new AppsScriptError(GAS_ERRORS.invalidArgument('findText'));
    }
  }

  matchCase(matchCase: boolean): TextFinderStandin {
    this.env.builder('TextFinder.matchCase');
    this.options.matchCase = Boolean(matchCase);
    return this;
  }

  matchEntireCell(matchEntireCell: boolean): TextFinderStandin {
    this.env.builder('TextFinder.matchEntireCell');
    this.options.entireCell = Boolean(matchEntireCell);
    return this;
  }

  useRegularExpression(useRegEx: boolean): TextFinderStandin {
    this.env.builder('TextFinder.useRegularExpression');
    this.options.regex = Boolean(useRegEx);
    return this;
  }

  ignoreDiacritics(ignoreDiacritics: boolean): TextFinderStandin {
    this.env.builder('TextFinder.ignoreDiacritics');
    this.options.ignoreDiacritics = Boolean(ignoreDiacritics);
    return this;
  }

  findAll(): RangeStandin[] {
    return this.search('findAll').map(([r, c]) => this.cell(r, c));
  }

  findNext(): RangeStandin | null {
    const b = this.bounds();
    const found = this.search('findNext').find(
      ([r, c]) => (r - b.row) * b.numColumns + (c - b.column) > this.cursor,
    );
    if (!found) return null;
    this.cursor = (found[0] - b.row) * b.numColumns + (found[1] - b.column);
    return this.cell(found[0], found[1]);
  }

  private bounds() {
    return (
      this.range?.bounds() ?? {
        row: 1,
        column: 1,
        numRows: Math.max(1, this.sheet.lastRow()),
        numColumns: Math.max(1, this.sheet.lastColumn()),
      }
    );
  }

  private cell(row: number, column: number): RangeStandin {
    return new RangeStandin(this.env, this.ss, this.sheet, row, column, 1, 1);
  }

  private search(method: string): [number, number][] {
    const b = this.bounds();
    touch(this.env, this.ss, `TextFinder.${method}`, { scanned: b.numRows * b.numColumns });
    const { matchCase, entireCell, regex, ignoreDiacritics } = this.options;
    const fold = (s: string) => {
      const t = ignoreDiacritics ? stripDiacritics(s) : s;
      return matchCase ? t : t.toLowerCase();
    };
    let test: (shown: string) => boolean;
    if (regex) {
      let pattern: RegExp;
      try {
        const source = ignoreDiacritics ? stripDiacritics(this.findText) : this.findText;
        pattern = new RegExp(entireCell ? `^(?:${source})$` : source, matchCase ? 'u' : 'iu');
      } catch {
        throw new AppsScriptError(GAS_ERRORS.invalidArgument('findText'));
      }
      test = (shown) => pattern.test(ignoreDiacritics ? stripDiacritics(shown) : shown);
    } else {
      const needle = fold(this.findText);
      test = (shown) => (entireCell ? fold(shown) === needle : fold(shown).includes(needle));
    }
    const found: [number, number][] = [];
    const lastRow = Math.min(b.row + b.numRows - 1, this.sheet.rows.length);
    for (let r = b.row; r <= lastRow; r++) {
      const stored = this.sheet.rows[r - 1] as CellValue[];
      const lastColumn = Math.min(b.column + b.numColumns - 1, stored.length);
      for (let c = b.column; c <= lastColumn; c++) {
        const v = stored[c - 1] as CellValue;
        if (v === '') continue;
        if (test(displayValue(v, this.ss))) found.push([r, c]);
      }
    }
    return found;
  }
}
