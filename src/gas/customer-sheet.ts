/**
 * The customer tab in Google Sheets, as raw rows (CustomerSheet); src/core/sheet parses them into Customers.
 * Every read is batched (getValues on a block, never per cell). A lookup by email reads the header
 * row, asks a TextFinder on the email column for the matching rows (or takes them from an email → row
 * cache) and reads just those rows; the rows read back are always checked to still hold the address,
 * because users sort, insert and delete rows at any time. Its cost does not grow with the sheet.
 */
import { literalRow, literalRows } from '../core/sheet/literal-text';
import { parseEmail } from '../core/sheet/values';
import {
  SheetAccessError,
  type AppendOnlyTab,
  type CellBlock,
  type CustomerSheet,
  type SheetRows,
} from '../ports/customer-sheet';
import type { CacheLike, SheetLike, SpreadsheetAppLike, SpreadsheetLike } from './services';

/** The spreadsheet service as the adapters use it: opening a spreadsheet by ID. */
export type SpreadsheetsForCustomers = Pick<SpreadsheetAppLike, 'openById'>;

/** The user cache, for email → row hints. */
export type RowCache = Pick<CacheLike, 'get' | 'put' | 'remove'>;

/**
 * Row numbers are only hints (every cached row is checked when read back), so they may live as long
 * as CacheService allows: 6 hours. One small entry per recently looked-up address keeps every value
 * far below the 100 KB limit, whatever the sheet's size.
 */
export const ROW_CACHE_SECONDS = 6 * 60 * 60;
/** A company rarely has more than a few contacts; reading more rows one by one would cost calls. */
export const DOMAIN_ROW_LIMIT = 10;

/** RE2 (Sheets' regex engine) and JavaScript agree on these escapes. */
export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** FNV-1a, twice with different seeds: a short, stable digest for cache keys (not for security). */
function digest(text: string): string {
  const fnv = (seed: number) => {
    let h = (0x811c9dc5 ^ seed) >>> 0;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return h.toString(36);
  };
  return `${fnv(0)}${fnv(0x9e3779b9)}`;
}

/** The cache key for an address's rows in one tab: short (keys may hold 250 characters) and opaque. */
export function rowCacheKey(spreadsheetId: string, tabName: string, email: string): string {
  return `cg.row.${digest(`${spreadsheetId}\u0000${tabName}`)}.${digest(email)}`;
}

/**
 * A TextFinder pattern for an email cell holding exactly this address: as typed, with stray spaces,
 * "mailto:", or as "Name <address>". Used with matchEntireCell, so it must match the whole cell.
 */
export function emailCellPattern(email: string): string {
  const e = escapeRegex(email.trim().toLowerCase());
  return `\\s*(?:mailto:)?${e}\\s*|[^<>]*<\\s*(?:mailto:)?${e}\\s*>\\s*`;
}

/** The same, for any address at this domain (and not at look-alikes such as notdomain.com). */
export function domainCellPattern(domain: string): string {
  const d = escapeRegex(domain.trim().toLowerCase().replace(/^@/, ''));
  return `\\s*(?:mailto:)?[^@\\s<>]+@${d}\\s*|[^<>]*<\\s*(?:mailto:)?[^@\\s<>]+@${d}\\s*>\\s*`;
}

/** Whether an email cell holds this address (parsed as the reader parses it). */
function holdsEmail(cell: unknown, wanted: string): boolean {
  const parsed = parseEmail(cell);
  return parsed.ok && parsed.value.email === wanted;
}

type Opened = { ss: SpreadsheetLike; sheet: SheetLike };

/** Opens the spreadsheet and tab once per adapter, turning failures into SheetAccessErrors. */
function opener(app: SpreadsheetsForCustomers, spreadsheetId: string, tabName: string): () => Opened {
  let opened: Opened | null = null;
  return () => {
    if (opened) return opened;
    let ss: Opened['ss'];
    try {
      ss = app.openById(spreadsheetId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw /permission|access/i.test(message)
        ? new SheetAccessError(
            'no-access',
            `You no longer have access to the customer spreadsheet (${message}).`,
          )
        : new SheetAccessError(
            'spreadsheet-not-found',
            `The customer spreadsheet could not be opened (${message}).`,
          );
    }
    const sheet = ss.getSheetByName(tabName);
    if (!sheet) throw new SheetAccessError('tab-not-found', `The spreadsheet has no tab named "${tabName}".`);
    opened = { ss, sheet };
    return opened;
  };
}

/**
 * Makes sure the sheet has at least `columns` columns before writing there: Sheets refuses a range
 * past the last column. The real Sheet can insert columns; a subset without insertColumnsAfter (the
 * stand-ins) returns false when there is no room, and the caller reports it.
 */
function makeRoom(sheet: SheetLike, columns: number): boolean {
  const max = sheet.getMaxColumns();
  if (columns <= max) return true;
  const grow = (sheet as SheetLike & { insertColumnsAfter?: (after: number, howMany: number) => unknown })
    .insertColumnsAfter;
  if (!grow) return false;
  grow.call(sheet, max, columns - max);
  return true;
}

/** The header row in one read, as wide as the sheet's last used column. */
function readHeader(sheet: SheetLike): { headers: unknown[]; width: number } {
  const width = sheet.getLastColumn();
  return { headers: width > 0 ? (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []) : [], width };
}

/** One read per row: a lookup reads one or a few rows, never a block that grows with the sheet. */
function readRowsAt(sheet: SheetLike, width: number, rows: readonly number[]): unknown[][] {
  return width > 0
    ? rows.map((r) => sheet.getRange(r, 1, 1, width).getValues()[0] ?? [])
    : rows.map(() => []);
}

/** Rows below the header whose cell in `column` (1-based) matches `pattern` entirely, case-insensitive. */
export function findRows(
  sheet: SheetLike,
  column: number,
  pattern: string,
  /** Only these rows (cut to the tab's rows below the header). */
  within?: { row: number; count: number },
): number[] {
  const lastRow = sheet.getLastRow();
  const first = Math.max(2, within?.row ?? 2);
  const last = Math.min(lastRow, within ? within.row + within.count - 1 : lastRow);
  if (last < first) return [];
  const finder = sheet.getRange(first, column, last - first + 1, 1).createTextFinder(pattern);
  finder.useRegularExpression(true);
  finder.matchEntireCell(true);
  finder.matchCase(false);
  return finder
    .findAll()
    .map((r) => r.getRow())
    .sort((a, b) => a - b);
}

/**
 * The rows holding an address: the cached row numbers when every one still holds it, else a
 * TextFinder search, whose answer is cached for next time. Constant calls in the sheet's size.
 */
function locateEmail(
  sheet: SheetLike,
  cache: RowCache,
  key: string,
  width: number,
  column: number,
  email: string,
): { rows: unknown[][]; rowNumbers: number[] } {
  const wanted = email.trim().toLowerCase();
  const cached = cache.get(key);
  if (cached) {
    const rowNumbers = cached
      .split(',')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n >= 2);
    const rows = readRowsAt(sheet, width, rowNumbers);
    if (rows.length > 0 && rows.every((r) => holdsEmail(r[column - 1], wanted))) return { rows, rowNumbers };
  }
  const rowNumbers = findRows(sheet, column, emailCellPattern(wanted));
  const rows = readRowsAt(sheet, width, rowNumbers);
  if (rowNumbers.length > 0) cache.put(key, rowNumbers.join(','), ROW_CACHE_SECONDS);
  else if (cached) cache.remove(key);
  return { rows, rowNumbers };
}

/** The customer tab as raw rows; parsing happens above this port (src/app, or sheetsCustomerStore). */
export function sheetsCustomerSheet(
  app: SpreadsheetsForCustomers,
  cache: RowCache,
  spreadsheetId: string,
  tabName: string,
): CustomerSheet {
  const open = opener(app, spreadsheetId, tabName);

  const frame = (headers: unknown[], rows: unknown[][], rowNumbers: number[]): SheetRows => {
    const { ss } = open();
    return {
      sheetName: tabName,
      headers,
      rows,
      rowNumbers,
      locale: ss.getSpreadsheetLocale(),
      timeZone: ss.getSpreadsheetTimeZone(),
    };
  };

  const emailColumn = (headers: unknown[], locate: (h: unknown[]) => number) => {
    const index = locate(headers);
    if (index < 0) throw new SheetAccessError('no-email-column', `The "${tabName}" tab has no email column.`);
    return index + 1;
  };

  return {
    location() {
      const { ss, sheet } = open();
      return { spreadsheetId, spreadsheetUrl: ss.getUrl(), sheetId: sheet.getSheetId() };
    },

    readAll() {
      const { sheet } = open();
      const lastRow = sheet.getLastRow();
      const width = sheet.getLastColumn();
      if (lastRow === 0 || width === 0) return frame([], [], []);
      const [headers = [], ...rows] = sheet.getRange(1, 1, lastRow, width).getValues();
      return frame(
        headers,
        rows,
        rows.map((_, i) => i + 2),
      );
    },

    lastRow() {
      return open().sheet.getLastRow();
    },

    readRows(firstRow, count) {
      if (!Number.isInteger(firstRow) || firstRow < 2 || !Number.isInteger(count) || count < 0)
        throw new RangeError(`readRows(${firstRow}, ${count}): rows start at 2 and the count is whole`);
      const { sheet } = open();
      const { headers, width } = readHeader(sheet);
      const last = Math.min(sheet.getLastRow(), firstRow + count - 1);
      if (width === 0 || last < firstRow) return frame(headers, [], []);
      const rows = sheet.getRange(firstRow, 1, last - firstRow + 1, width).getValues();
      return frame(
        headers,
        rows,
        rows.map((_, i) => firstRow + i),
      );
    },

    findByEmail(email, locate) {
      const { sheet } = open();
      const { headers, width } = readHeader(sheet);
      const column = emailColumn(headers, locate);
      const key = rowCacheKey(spreadsheetId, tabName, email.trim().toLowerCase());
      const found = locateEmail(sheet, cache, key, width, column, email);
      return frame(headers, found.rows, found.rowNumbers);
    },

    findByDomain(domain, locate) {
      const { sheet } = open();
      const { headers, width } = readHeader(sheet);
      const column = emailColumn(headers, locate);
      const rowNumbers = findRows(sheet, column, domainCellPattern(domain)).slice(0, DOMAIN_ROW_LIMIT);
      return frame(headers, readRowsAt(sheet, width, rowNumbers), rowNumbers);
    },
    ensureColumns(names, current) {
      const { sheet } = open();
      const headers = current.map((h) => String(h ?? '').trim());
      const width = headers.length;
      const missing = names.filter((n) => !headers.includes(n));
      if (missing.length > 0) {
        makeRoom(sheet, width + missing.length);
        sheet.getRange(1, width + 1, 1, missing.length).setValues(literalRows([missing]));
      }
      const all = [...headers, ...missing];
      return names.map((n) => all.indexOf(n) + 1);
    },

    appendRow(values) {
      open().sheet.appendRow(literalRow(values));
    },

    readHeaders() {
      const { sheet } = open();
      return readHeader(sheet).headers;
    },

    readColumn(column) {
      const { sheet } = open();
      const lastRow = sheet.getLastRow();
      if (lastRow < 2) return [];
      return sheet
        .getRange(2, column, lastRow - 1, 1)
        .getValues()
        .map((r) => r[0]);
    },

    write(blocks: CellBlock[]) {
      const { sheet } = open();
      for (const b of blocks) {
        if (b.values.length === 0) continue;
        sheet
          .getRange(b.row, b.column, b.values.length, b.values[0]?.length ?? 0)
          .setValues(literalRows(b.values));
      }
    },
  };
}

/** An append-only tab such as Notes: created with a frozen header row the first time it is needed. */
export function sheetsAppendOnlyTab(
  app: SpreadsheetsForCustomers,
  spreadsheetId: string,
  tabName: string,
  headers: string[],
): AppendOnlyTab {
  return {
    appendRow(values) {
      const ss = app.openById(spreadsheetId);
      const sheet = ss.getSheetByName(tabName) ?? ss.insertSheet(tabName);
      // A new tab, or one the user created empty, gets its header row first.
      if (sheet.getLastRow() === 0) {
        sheet.getRange(1, 1, 1, headers.length).setValues(literalRows([headers]));
        sheet.setFrozenRows(1);
      }
      sheet.appendRow(literalRow(values));
    },
  };
}
