/**
 * The Campaigns tab on Google Sheets, as the exactly-once runner needs it. Reads the tab once per
 * run; each status write first re-reads only the key cells (campaign id, email) of the rows it is
 * about to write, and re-locates every row by key if anything moved (the user sorted or inserted
 * rows), so a status never lands on the wrong recipient. A recipient whose row was deleted gets a
 * new row: nobody disappears from the log.
 */
import { literalRows } from '../core/sheet/literal-text';
import {
  CAMPAIGNS_TAB,
  LOG_HEADERS,
  logRow,
  readLog,
  recipientKey,
  type LogEntry,
  type LogRead,
} from '../core/campaigns/log';
import type { CampaignLogStore, StatusChange } from '../core/campaigns/runner';
import { normaliseEmail } from '../core/email/address';
import { SheetAccessError } from '../ports/customer-sheet';
import type { SheetLike, SpreadsheetAppLike } from './services';

export interface SheetsCampaignLog extends CampaignLogStore {
  /** Every campaign's rows (one read), for planning (cool-down) and progress. */
  readAll(): LogRead;
  /** Adds a campaign's planned rows in one write, creating the tab with its header row if needed. */
  append(entries: readonly LogEntry[]): void;
}

type Columns = LogRead['columns'];

export function sheetsCampaignLog(
  app: Pick<SpreadsheetAppLike, 'openById'>,
  spreadsheetId: string,
  tab = CAMPAIGNS_TAB,
): SheetsCampaignLog {
  let sheet: SheetLike | null = null;
  let columns: Columns | null = null;
  const positions = new Map<string, number>();

  const open = (create: boolean): SheetLike | null => {
    if (sheet) return sheet;
    let ss;
    try {
      ss = app.openById(spreadsheetId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new SheetAccessError(
        /permission|access/i.test(message) ? 'no-access' : 'spreadsheet-not-found',
        `The customer spreadsheet could not be opened (${message}).`,
      );
    }
    sheet = ss.getSheetByName(tab);
    if (!sheet && create) {
      sheet = ss.insertSheet(tab);
      sheet.getRange(1, 1, 1, LOG_HEADERS.length).setValues(literalRows([[...LOG_HEADERS]]));
      sheet.setFrozenRows(1);
    }
    return sheet;
  };

  const readAll = (): LogRead => {
    const s = open(false);
    if (!s || s.getLastRow() === 0) {
      columns = null;
      return readLog([], tab);
    }
    const values = s.getRange(1, 1, s.getLastRow(), Math.max(s.getLastColumn(), 1)).getValues();
    const read = readLog(values, tab);
    columns = read.columns;
    positions.clear();
    for (const r of read.recipients) positions.set(recipientKey(r.campaignId, r.email), r.row);
    return read;
  };

  /** The key of every row between `first` and `last`, in one read of the key columns. */
  const keysAt = (s: SheetLike, cols: Columns, first: number, last: number): string[] => {
    const left = Math.min(cols['Campaign ID'], cols.Email);
    const right = Math.max(cols['Campaign ID'], cols.Email);
    const cells = s.getRange(first, left + 1, last - first + 1, right - left + 1).getValues();
    return cells.map((r) =>
      recipientKey(
        String(r[cols['Campaign ID'] - left] ?? '').trim(),
        normaliseEmail(String(r[cols.Email - left] ?? '')),
      ),
    );
  };

  const relocate = (s: SheetLike, cols: Columns) => {
    positions.clear();
    const last = s.getLastRow();
    if (last < 2) return;
    keysAt(s, cols, 2, last).forEach((key, i) => positions.set(key, i + 2));
  };

  return {
    readAll,

    recipients(campaignId) {
      return readAll().recipients.filter((r) => r.campaignId === campaignId);
    },

    append(entries) {
      if (entries.length === 0) return;
      const s = open(true)!;
      const start = appendRows(
        s,
        entries.map((e) => logRow(e)),
      );
      entries.forEach((e, i) => positions.set(recipientKey(e.campaignId, e.email), start + i));
    },

    update(campaignId, changes: readonly StatusChange[]) {
      if (changes.length === 0) return;
      const s = open(true)!;
      if (!columns) readAll();
      const cols = columns ?? readLog([], tab).columns;
      const keyOf = (c: StatusChange) => recipientKey(campaignId, c.email);
      // Check that the rows we believe hold these keys still do (one read of the key cells).
      const known = changes.map((c) => positions.get(keyOf(c)));
      let trusted = known.every((r) => r !== undefined);
      if (trusted) {
        const first = Math.min(...(known as number[]));
        const last = Math.max(...(known as number[]));
        const keys = keysAt(s, cols, first, last);
        trusted = changes.every((c, i) => keys[(known[i] as number) - first] === keyOf(c));
      }
      if (!trusted) relocate(s, cols);
      // A recipient whose row was deleted gets a new one rather than vanishing from the log.
      const missing = changes.filter((c) => !positions.has(keyOf(c)));
      if (missing.length > 0) {
        const rows = missing.map((c) =>
          logRow({
            campaignId,
            campaign: '',
            email: normaliseEmail(c.email),
            name: '',
            group: 'emailed',
            status: c.status,
            updated: c.at,
            detail: c.detail || 'Row re-created: it was deleted from the tab during the campaign',
          }),
        );
        const start = appendRows(s, rows);
        missing.forEach((c, i) => positions.set(keyOf(c), start + i));
      }
      const present = changes.filter((c) => !missing.includes(c));
      writeStatuses(
        s,
        cols,
        present.map((c) => ({ row: positions.get(keyOf(c))!, values: [c.status, c.at, c.detail] })),
      );
    },
  };
}

/** Appends rows below the last one, growing the tab first: Sheets refuses a range past its last row. */
function appendRows(s: SheetLike, rows: unknown[][]): number {
  const start = Math.max(s.getLastRow(), 1) + 1;
  const needed = start + rows.length - 1;
  const max = s.getMaxRows();
  if (needed > max) s.insertRowsAfter(max, needed - max);
  s.getRange(start, 1, rows.length, LOG_HEADERS.length).setValues(literalRows(rows));
  return start;
}

/** Status, Updated and Detail of each row, in as few setValues as the rows' order allows. */
function writeStatuses(s: SheetLike, cols: Columns, rows: { row: number; values: unknown[] }[]): void {
  if (rows.length === 0) return;
  const sorted = [...rows].sort((a, b) => a.row - b.row);
  const order = [cols.Status, cols.Updated, cols.Detail];
  const adjacent = order[1] === order[0]! + 1 && order[2] === order[0]! + 2;
  let runStart = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i]!.row === sorted[i - 1]!.row + 1) continue;
    const run = sorted.slice(runStart, i);
    const top = run[0]!.row;
    if (adjacent) {
      s.getRange(top, order[0]! + 1, run.length, 3).setValues(literalRows(run.map((r) => r.values)));
    } else {
      order.forEach((col, k) =>
        s.getRange(top, col + 1, run.length, 1).setValues(literalRows(run.map((r) => [r.values[k]]))),
      );
    }
    runStart = i;
  }
}
