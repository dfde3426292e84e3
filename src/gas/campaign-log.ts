/**
 * The Campaigns tab on Google Sheets, as the exactly-once runner needs it.
 *
 * Teammates share the tab, so every write (an append of a campaign's rows, a batch of status
 * changes) runs under the shared lock, and inside it rows are found by key in a read taken just
 * before the write: positions learnt earlier are never trusted. A person can still sort the tab
 * between that read and the write (no lock stops people), so each write is checked afterwards and,
 * if a status landed on another recipient's row, the rows are put right: each recipient we wrote
 * gets its status, and each row we overwrote gets back what it held before.
 */
import { literalRows } from '../core/sheet/literal-text';
import {
  CAMPAIGNS_TAB,
  LOG_HEADERS,
  readLog,
  recipientKey,
  type LogEntry,
  type LogRead,
} from '../core/campaigns/log';
import type { CampaignLogStore, StatusChange } from '../core/campaigns/runner';
import { normaliseEmail } from '../core/email/address';
import { SheetAccessError } from '../ports/customer-sheet';
import type { Locks } from '../ports/locks';
import type { SheetLike, SpreadsheetAppLike } from './services';
import { readLogSnapshot, type LogSnapshot } from './campaign-log-snapshot';

export interface SheetsCampaignLog extends CampaignLogStore {
  /** Every campaign's rows (one read), for planning (cool-down), progress and the log check. */
  readAll(): LogRead;
  /** Data rows below the header (0 when the tab is missing): one metadata call, no cells read. */
  rowCount(): number;
  /**
   * Adds the entries whose key is not in the tab yet, in one write, creating the tab and its header
   * if needed: a retried Start adds nothing twice. Returns how many rows it added.
   */
  append(entries: readonly LogEntry[]): number;
}

export interface CampaignLogOptions {
  /** The lock every user shares; tests of one execution may leave it out. */
  locks?: Pick<Locks, 'withSharedLock'>;
  tab?: string;
}

/** How long a write waits for a teammate's write: they hold the lock for a few sheet calls. */
export const SHARED_WAIT_MS = 10_000;
/** Write-check-repair rounds before giving up: each needs a person to sort again in a split second. */
const MAX_ROUNDS = 4;

/** Status, Updated, Detail: the cells a status change writes. */
type StatusCells = [status: unknown, updated: unknown, detail: unknown];

export class CampaignLogConflict extends Error {
  constructor(tab: string) {
    super(
      `The "${tab}" tab kept changing while ChurnGuard wrote statuses (sorted or edited ${MAX_ROUNDS} times in a row). Nothing was sent on it; the next run checks the tab again.`,
    );
    this.name = 'CampaignLogConflict';
  }
}

export function sheetsCampaignLog(
  app: Pick<SpreadsheetAppLike, 'openById'>,
  spreadsheetId: string,
  options: CampaignLogOptions = {},
): SheetsCampaignLog {
  const tab = options.tab ?? CAMPAIGNS_TAB;
  const shared = <T>(work: () => T): T =>
    options.locks ? options.locks.withSharedLock(SHARED_WAIT_MS, work) : work();
  let spreadsheet: ReturnType<SpreadsheetAppLike['openById']> | null = null;

  const openSpreadsheet = () => {
    if (spreadsheet) return spreadsheet;
    try {
      spreadsheet = app.openById(spreadsheetId);
      return spreadsheet;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new SheetAccessError(
        /permission|access/i.test(message) ? 'no-access' : 'spreadsheet-not-found',
        `The customer spreadsheet could not be opened (${message}).`,
      );
    }
  };

  /** The tab, created with its header when missing; an empty tab (a Start killed mid-create) gets its header. */
  const writableTab = (): SheetLike => {
    const ss = openSpreadsheet();
    const s = ss.getSheetByName(tab) ?? ss.insertSheet(tab);
    if (s.getLastRow() === 0) {
      s.getRange(1, 1, 1, LOG_HEADERS.length).setValues(literalRows([[...LOG_HEADERS]]));
      s.setFrozenRows(1);
    }
    return s;
  };

  const readAll = (): LogRead => {
    const s = openSpreadsheet().getSheetByName(tab);
    if (!s || s.getLastRow() === 0) return readLog([], tab);
    return readLog(s.getRange(1, 1, s.getLastRow(), Math.max(s.getLastColumn(), 1)).getValues(), tab);
  };

  return {
    readAll,

    rowCount() {
      const s = openSpreadsheet().getSheetByName(tab);
      return s ? Math.max(0, s.getLastRow() - 1) : 0;
    },

    recipients(campaignId) {
      return readAll().recipients.filter((r) => r.campaignId === campaignId);
    },

    append(entries) {
      if (entries.length === 0) return 0;
      return shared(() => {
        const s = writableTab();
        const snap = readLogSnapshot(s, tab);
        const seen = new Set(snap.rowsByKey.keys());
        const fresh = entries.filter((e) => {
          const key = recipientKey(e.campaignId, e.email);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        if (fresh.length > 0) appendRows(s, snap, fresh);
        return fresh.length;
      });
    },

    update(campaignId, changes: readonly StatusChange[]) {
      if (changes.length === 0) return;
      shared(() => writeChanges(writableTab(), tab, campaignId, changes));
    },
  };
}

/** Writes each change on the row that holds its key, checks the write, and repairs a misplaced one. */
function writeChanges(s: SheetLike, tab: string, campaignId: string, changes: readonly StatusChange[]): void {
  const intended = new Map<string, StatusCells>();
  const byKey = new Map<string, StatusChange>();
  for (const c of changes) {
    const key = recipientKey(campaignId, c.email);
    intended.set(key, [c.status, c.at, c.detail]);
    byKey.set(key, c);
  }
  const before = readLogSnapshot(s, tab);
  let snap = before;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const writes: { row: number; values: StatusCells }[] = [];
    const recreate: StatusChange[] = [];
    for (const [key, values] of intended) {
      const rows = snap.rowsByKey.get(key);
      if (!rows) recreate.push(byKey.get(key)!);
      else for (const row of rows) if (!sameCells(snap.statusAt(row), values)) writes.push({ row, values });
    }
    if (round > 0) writes.push(...restoresOf(snap, before, intended));
    if (writes.length === 0 && recreate.length === 0) return;
    writeStatuses(s, snap, writes);
    // A recipient whose row was deleted gets a new one rather than vanishing from the log.
    if (recreate.length > 0)
      appendRows(
        s,
        snap,
        recreate.map((c) => recreatedEntry(campaignId, c)),
      );
    snap = readLogSnapshot(s, tab);
    if (settled(snap, before, intended)) return;
  }
  throw new CampaignLogConflict(tab);
}

/** Rows that now show a status we wrote for someone else: give them back what they held before. */
function restoresOf(
  snap: LogSnapshot,
  before: LogSnapshot,
  intended: ReadonlyMap<string, StatusCells>,
): { row: number; values: StatusCells }[] {
  const out: { row: number; values: StatusCells }[] = [];
  snap.keyAt.forEach((key, row) => {
    if (!key || intended.has(key)) return;
    const was = before.rowsByKey.get(key);
    if (!was) return;
    const original = before.statusAt(was[0]!);
    if (!sameCells(snap.statusAt(row), original)) out.push({ row, values: original });
  });
  return out;
}

/** Every intended key holds its status, and no other row differs from what it held before the write. */
function settled(
  snap: LogSnapshot,
  before: LogSnapshot,
  intended: ReadonlyMap<string, StatusCells>,
): boolean {
  for (const [key, values] of intended) {
    const rows = snap.rowsByKey.get(key);
    if (!rows || rows.some((row) => !sameCells(snap.statusAt(row), values))) return false;
  }
  return restoresOf(snap, before, intended).length === 0;
}

const text = (v: unknown) => (v instanceof Date ? String(v.getTime()) : String(v ?? '').trim());

/** Status and Detail decide (the Updated date is rewritten with them, and read back in the sheet's format). */
function sameCells(a: StatusCells, b: StatusCells): boolean {
  return text(a[0]).toLowerCase() === text(b[0]).toLowerCase() && text(a[2]) === text(b[2]);
}

function recreatedEntry(campaignId: string, c: StatusChange): LogEntry {
  return {
    campaignId,
    campaign: '',
    email: normaliseEmail(c.email),
    name: '',
    group: 'emailed',
    status: c.status,
    updated: c.at,
    detail: c.detail || 'Row re-created: it was deleted from the tab during the campaign',
  };
}

/** Appends entries below the last row, each value in its header's column, growing the tab first. */
function appendRows(s: SheetLike, snap: LogSnapshot, entries: readonly LogEntry[]): void {
  const width = Math.max(...Object.values(snap.columns)) + 1;
  const rows = entries.map((e) => {
    const row: unknown[] = new Array<unknown>(width).fill('');
    const put = (column: (typeof LOG_HEADERS)[number], value: unknown) => {
      // An optional column the tab does not have (an older tab) is left out, not forced in.
      if (snap.columns[column] >= 0) row[snap.columns[column]] = value;
    };
    put('Campaign ID', e.campaignId);
    put('Campaign', e.campaign);
    put('Email', e.email);
    put('Name', e.name);
    put('Group', e.group);
    put('Status', e.status);
    put('Updated', e.updated ?? '');
    put('Detail', e.detail);
    put('Language', e.language ?? '');
    return row;
  });
  const start = Math.max(s.getLastRow(), 1) + 1;
  const needed = start + rows.length - 1;
  const max = s.getMaxRows();
  if (needed > max) s.insertRowsAfter(max, needed - max);
  s.getRange(start, 1, rows.length, width).setValues(literalRows(rows));
}

/** Status, Updated and Detail of each row, in as few setValues as the rows' order allows. */
function writeStatuses(s: SheetLike, snap: LogSnapshot, rows: { row: number; values: StatusCells }[]): void {
  if (rows.length === 0) return;
  const cols = snap.columns;
  const sorted = [...rows].sort((a, b) => a.row - b.row);
  const order = [cols.Status, cols.Updated, cols.Detail];
  const adjacent = order[1] === order[0]! + 1 && order[2] === order[0]! + 2;
  let runStart = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i]!.row === sorted[i - 1]!.row + 1) continue;
    const run = sorted.slice(runStart, i);
    const top = run[0]!.row;
    if (adjacent) {
      s.getRange(top, order[0]! + 1, run.length, 3).setValues(literalRows(run.map((r) => [...r.values])));
    } else {
      order.forEach((col, k) =>
        s.getRange(top, col + 1, run.length, 1).setValues(literalRows(run.map((r) => [r.values[k]]))),
      );
    }
    runStart = i;
  }
}
