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
  CAMPAIGNS_ARCHIVE_TAB,
  CAMPAIGNS_TAB,
  LOG_HEADERS,
  readLog,
  readLogRows,
  recipientKey,
  type LogEntry,
  type LoggedRecipient,
  type LogRead,
} from '../core/campaigns/log';
import type { CampaignLogStore, StatusChange } from '../core/campaigns/runner';
import { normaliseEmail } from '../core/email/address';
import { SheetAccessError } from '../ports/customer-sheet';
import { escapeRegex, findRows } from './customer-sheet';
import type { Locks } from '../ports/locks';
import type { SheetLike, SpreadsheetAppLike } from './services';
import {
  campaignRows,
  emailRows,
  keysAt,
  EMAILS_PER_FINDER,
  logHeader,
  readCampaignRows,
  readLogSnapshot,
  readRowsAt,
  type LogSnapshot,
} from './campaign-log-snapshot';

export interface SheetsCampaignLog extends CampaignLogStore {
  /** Every campaign's rows (one read of the whole tab): background planning (cool-down) only. */
  readAll(): LogRead;
  /** One campaign's rows, found by Campaign ID with a TextFinder (the run's log check). */
  readCampaign(campaignId: string): LogRead;
  /**
   * The rows of these campaigns (one TextFinder), and for those with none left in the tab, their
   * rows in the Campaigns archive: a finished campaign's card and outcomes still find them.
   */
  recipientsWithArchive(campaignIds: readonly string[]): LoggedRecipient[];
  /** Archived rows of campaigns whose name starts with `prefix` (automatic reactivation's history). */
  archivedNamed(prefix: string): LoggedRecipient[];
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
  archiveTab?: string;
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
  const archiveTab = options.archiveTab ?? CAMPAIGNS_ARCHIVE_TAB;
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

  const readCampaign = (campaignId: string): LogRead => {
    const s = openSpreadsheet().getSheetByName(tab);
    return (s && readCampaignRows(s, tab, [campaignId])) ?? readLog([], tab);
  };

  return {
    readAll,
    readCampaign,

    rowCount() {
      const s = openSpreadsheet().getSheetByName(tab);
      return s ? Math.max(0, s.getLastRow() - 1) : 0;
    },

    recipients(campaignId) {
      return readCampaign(campaignId).recipients;
    },

    recipientsWithArchive(campaignIds) {
      if (campaignIds.length === 0) return [];
      const ss = openSpreadsheet();
      const live = ss.getSheetByName(tab);
      const inTab = (live && readCampaignRows(live, tab, campaignIds)?.recipients) ?? [];
      // Every id is looked up in the archive too: a campaign half moved by a killed step has rows in both.
      const archive = ss.getSheetByName(archiveTab);
      const archived = (archive && readCampaignRows(archive, archiveTab, campaignIds)?.recipients) ?? [];
      const seen = new Set(inTab.map((r) => recipientKey(r.campaignId, r.email)));
      return [...inTab, ...archived.filter((r) => !seen.has(recipientKey(r.campaignId, r.email)))];
    },

    archivedNamed(prefix) {
      const archive = openSpreadsheet().getSheetByName(archiveTab);
      const columns = archive && logHeader(archive, archiveTab);
      if (!archive || !columns) return [];
      const rows = findRows(archive, columns.Campaign + 1, `\\s*${escapeRegex(prefix)}.*`);
      return readLogRows(columns, readRowsAt(archive, rows), archiveTab).recipients.filter((r) =>
        r.campaign.startsWith(prefix),
      );
    },

    append(entries) {
      if (entries.length === 0) return 0;
      return shared(() => {
        const s = writableTab();
        // Keys are per campaign: only the appended campaigns' rows are read, not the whole tab.
        const ids = [...new Set(entries.map((e) => e.campaignId))];
        const columns = logHeader(s, tab)!;
        const seen = keysAt(s, columns, campaignRows(s, columns, ids));
        const fresh = entries.filter((e) => {
          const key = recipientKey(e.campaignId, e.email);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        if (fresh.length > 0) appendRows(s, withOptionalColumns(s, columns, fresh), fresh);
        return fresh.length;
      });
    },

    update(campaignId, changes: readonly StatusChange[]) {
      if (changes.length === 0) return;
      shared(() => writeChanges(writableTab(), tab, campaignId, changes));
    },
  };
}

/**
 * The rows a status write reads: a small batch's rows by Email (one TextFinder, so the read follows
 * the batch, not the campaign), a large change set (Cancel, Retry failed) by Campaign ID.
 */
function locatorFor(s: SheetLike, campaignId: string, changes: readonly StatusChange[]) {
  const emails = [...new Set(changes.map((c) => normaliseEmail(c.email)))];
  return emails.length <= EMAILS_PER_FINDER
    ? (columns: LogSnapshot['columns']) => emailRows(s, columns, emails)
    : (columns: LogSnapshot['columns']) => campaignRows(s, columns, [campaignId]);
}

/**
 * Writes each change on the row that holds its key, checks the write, and repairs a misplaced one.
 * Only the changed recipients' rows are read (found by key just before the write, under the shared
 * lock), then the rows written are read back: a sort between the read and the write shows there.
 */
function writeChanges(s: SheetLike, tab: string, campaignId: string, changes: readonly StatusChange[]): void {
  const intended = new Map<string, StatusCells>();
  const byKey = new Map<string, StatusChange>();
  for (const c of changes) {
    const key = recipientKey(campaignId, c.email);
    intended.set(key, [c.status, c.at, c.detail]);
    byKey.set(key, c);
  }
  const locate = locatorFor(s, campaignId, changes);
  const before = readLogSnapshot(s, tab, locate);
  /**
   * What each row of the last round was written with for one of our recipients: read back holding
   * another key, that row was overwritten (a sort moved it under the write).
   */
  let wroteFor = new Map<number, StatusCells>();
  const flagged = new Set<number>();
  let snap = before;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const writes: { row: number; values: StatusCells }[] = [];
    const recreate: StatusChange[] = [];
    for (const [key, values] of intended) {
      const rows = snap.rowsByKey.get(key);
      if (!rows) recreate.push(byKey.get(key)!);
      else for (const row of rows) if (!sameCells(snap.statusAt(row), values)) writes.push({ row, values });
    }
    if (round > 0) writes.push(...restoresOf(snap, before, intended, wroteFor, flagged, changes[0]!.at));
    if (writes.length === 0 && recreate.length === 0) return;
    const written = writeStatuses(s, snap, writes);
    wroteFor = new Map(written.filter((w) => !flagged.has(w.row)).map((w) => [w.row, w.values]));
    // A recipient whose row was deleted gets a new one rather than vanishing from the log.
    if (recreate.length > 0)
      appendRows(
        s,
        snap.columns,
        recreate.map((c) => recreatedEntry(campaignId, c)),
      );
    snap = readLogSnapshot(s, tab, locate, [...wroteFor.keys()], before.columns);
    if (settled(snap, before, intended, wroteFor, flagged)) return;
  }
  throw new CampaignLogConflict(tab);
}

/** What a row overwritten while a person sorted gets when what it held before is not known. */
export const OVERWRITTEN_NOTE =
  'ChurnGuard wrote another recipient’s status on this row while the tab was being sorted, and what it held before is not known. Check your Sent folder, then mark it sent or send it again.';

/**
 * Rows that now show a status we wrote for someone else: give them back what they held before. A
 * row of a recipient this write never read (a sort moved it under our write) is put in review, so
 * its own campaign neither sends it again nor skips it without a person deciding.
 */
function restoresOf(
  snap: LogSnapshot,
  before: LogSnapshot,
  intended: ReadonlyMap<string, StatusCells>,
  wroteFor: ReadonlyMap<number, StatusCells>,
  flagged: Set<number>,
  at: Date,
): { row: number; values: StatusCells }[] {
  const out: { row: number; values: StatusCells }[] = [];
  snap.keyAt.forEach((key, row) => {
    if (!key || intended.has(key)) return;
    const was = before.rowsByKey.get(key);
    if (was) {
      const original = before.statusAt(was[0]!);
      if (!sameCells(snap.statusAt(row), original)) out.push({ row, values: original });
      return;
    }
    const ours = wroteFor.get(row);
    if (ours && !flagged.has(row) && sameCells(snap.statusAt(row), ours)) {
      flagged.add(row);
      out.push({ row, values: ['review', at, OVERWRITTEN_NOTE] });
    }
  });
  return out;
}

/** Every intended key holds its status, and no other row differs from what it held before the write. */
function settled(
  snap: LogSnapshot,
  before: LogSnapshot,
  intended: ReadonlyMap<string, StatusCells>,
  wroteFor: ReadonlyMap<number, StatusCells>,
  flagged: ReadonlySet<number>,
): boolean {
  for (const [key, values] of intended) {
    const rows = snap.rowsByKey.get(key);
    if (!rows || rows.some((row) => !sameCells(snap.statusAt(row), values))) return false;
  }
  // A dry run of the restores: a copy of `flagged`, so checking does not mark anything.
  return restoresOf(snap, before, intended, wroteFor, new Set(flagged), new Date(0)).length === 0;
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

/**
 * A tab made before an optional column (Template, Language) gets its header, after the last column,
 * the first time an appended row has a value for it; until then the tab stays as it was.
 */
function withOptionalColumns(
  s: SheetLike,
  columns: LogSnapshot['columns'],
  entries: readonly LogEntry[],
): LogSnapshot['columns'] {
  const needed = (['Template', 'Language'] as const).filter(
    (c) => columns[c] < 0 && entries.some((e) => (c === 'Template' ? e.template : e.language)),
  );
  if (needed.length === 0) return columns;
  const at = Math.max(s.getLastColumn(), Math.max(...Object.values(columns)) + 1);
  s.getRange(1, at + 1, 1, needed.length).setValues(literalRows([needed]));
  const added = Object.fromEntries(needed.map((c, i) => [c, at + i]));
  return { ...columns, ...added };
}

/** Appends entries below the last row, each value in its header's column, growing the tab first. */
function appendRows(s: SheetLike, columns: LogSnapshot['columns'], entries: readonly LogEntry[]): void {
  const width = Math.max(...Object.values(columns)) + 1;
  const rows = entries.map((e) => {
    const row: unknown[] = new Array<unknown>(width).fill('');
    const put = (column: (typeof LOG_HEADERS)[number], value: unknown) => {
      // An optional column the tab does not have (an older tab, no row needing it yet) is left out.
      if (columns[column] >= 0) row[columns[column]] = value;
    };
    put('Campaign ID', e.campaignId);
    put('Campaign', e.campaign);
    put('Email', e.email);
    put('Name', e.name);
    put('Group', e.group);
    put('Status', e.status);
    put('Updated', e.updated ?? '');
    put('Detail', e.detail);
    put('Template', e.template ?? '');
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
function writeStatuses(
  s: SheetLike,
  snap: LogSnapshot,
  rows: { row: number; values: StatusCells }[],
): { row: number; values: StatusCells }[] {
  if (rows.length === 0) return [];
  const cols = snap.columns;
  const sorted = withFillers(
    [...rows].sort((a, b) => a.row - b.row),
    snap,
  );
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
  return sorted;
}

/** Rows between two writes written again with what they hold (read moments ago), up to this many. */
const FILL_GAP_ROWS = 50;

/**
 * Joins nearby writes into one range by writing the rows between them back with what they were read
 * holding: a Cancel of 1,200 recipients scattered among sent rows is a few setValues, not hundreds.
 * Only rows this write read are filled; the read-back check covers them like any other write.
 */
function withFillers(
  sorted: { row: number; values: StatusCells }[],
  snap: LogSnapshot,
): { row: number; values: StatusCells }[] {
  const out: { row: number; values: StatusCells }[] = [];
  for (const w of sorted) {
    const prev = out[out.length - 1];
    if (prev && w.row - prev.row > 1 && w.row - prev.row - 1 <= FILL_GAP_ROWS) {
      const gap = Array.from({ length: w.row - prev.row - 1 }, (_, i) => prev.row + 1 + i);
      if (gap.every((row) => snap.keyAt.has(row)))
        for (const row of gap) out.push({ row, values: snap.statusAt(row) });
    }
    out.push(w);
  }
  return out;
}
