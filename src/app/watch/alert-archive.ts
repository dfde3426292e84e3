/**
 * Moving closed alerts out of the Alerts tab into "Alerts archive", in small steps the hourly trigger
 * repeats until nothing is due. A step is safe to kill anywhere because the archive is its own
 * journal: it appends only alerts whose key the archive lacks, and deletes from the Alerts tab only
 * rows it has just re-read that hold a key the archive has. A kill between the append and the delete
 * leaves alerts in both tabs for a moment; the next step finds them archived and only deletes them.
 */
import { sameHeader } from '../../core/sheet/columns';
import { rowRuns } from '../../core/sheet/row-runs';
import {
  alertColumns,
  alertRow,
  ALERTS_ARCHIVE_TAB,
  ALERTS_TAB,
  ALERT_HEADERS,
  archivable,
  CLOSED_STATUSES,
  type Alert,
} from '../../core/watch/alerts';
import type { SheetTabs } from '../../ports/sheet-tabs';
import type { AppContext } from '../context';
import { cellByName, READ_GAP_ROWS, sameCells } from '../rows-by-number';
import { withSheetLock } from '../shared-lock';
import { alertHeader, readAlertRows } from './alert-rows';
import { archiveHeader } from './archive-header';

/**
 * Alerts moved per step: their keys make one TextFinder pattern on the archive (~100 × 60 characters)
 * and the step holds the shared lock for a handful of calls (~1 s), so teammates barely wait.
 */
export const ARCHIVE_BATCH = 100;
/** Rows one TextFinder searches for closed alerts; a step searches at most ARCHIVE_WINDOWS of them. */
export const ARCHIVE_WINDOW_ROWS = 2_000;
/** 50 windows: 100,000 rows, ~6 s of TextFinder calls, outside the lock. */
export const ARCHIVE_WINDOWS = 50;

export interface ArchiveStep {
  /** Alerts appended to the archive by this step. */
  appended: number;
  /** Rows deleted from the Alerts tab by this step (including ones an earlier, killed step appended). */
  deleted: number;
  /** Whether another step may find more to move. */
  more: boolean;
}

/** The keys among `keys` that the archive already holds: one TextFinder, then only the found rows. */
function keysInArchive(tabs: SheetTabs, keys: readonly string[]): Set<string> {
  const at = alertHeader(tabs, ALERTS_ARCHIVE_TAB);
  if (!at || at.Key < 0 || keys.length === 0) return new Set();
  const rows = tabs.findRowNumbers(ALERTS_ARCHIVE_TAB, at.Key + 1, keys);
  const runs = rowRuns(rows, READ_GAP_ROWS);
  const blocks = tabs.readBlocks(
    ALERTS_ARCHIVE_TAB,
    runs.map((r) => ({ ...r, column: at.Key + 1, columns: 1 })),
  );
  const wanted = new Set(keys);
  const found = new Set<string>();
  for (const block of blocks)
    for (const [k] of block) {
      const key = String(k ?? '').trim();
      if (wanted.has(key)) found.add(key);
    }
  return found;
}

/** An alert's row laid out under the archive's header: shipped columns by name, added ones copied. */
function archiveRow(
  a: Alert,
  source: readonly unknown[],
  alertsHeader: readonly unknown[],
  header: readonly string[],
): unknown[] {
  const canonical = alertRow(a);
  return header.map((h) => {
    const known = ALERT_HEADERS.findIndex((k) => sameHeader(k, h));
    if (known >= 0) {
      const v = canonical[known];
      // Days and keys stay text, as the Alerts tab holds them.
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `'${v}` : v;
    }
    return cellByName(source, alertsHeader, h);
  });
}

/**
 * Due alerts, searched outside the lock in windows of the tab from the top (the scan appends, so
 * the oldest are there): one TextFinder per window, so a step never gets back 100,000 matches.
 */
function findDue(tabs: SheetTabs, at: ReturnType<typeof alertColumns>, today: string): Alert[] {
  const last = tabs.lastRow(ALERTS_TAB);
  const due: Alert[] = [];
  for (
    let row = 2, windows = 0;
    row <= last && windows < ARCHIVE_WINDOWS && due.length < ARCHIVE_BATCH;
    row += ARCHIVE_WINDOW_ROWS, windows++
  ) {
    const closed = tabs.findRowNumbers(ALERTS_TAB, at.Status + 1, CLOSED_STATUSES, {
      row,
      count: ARCHIVE_WINDOW_ROWS,
    });
    // Read the matches a batch at a time: a window of recently closed alerts yields none due.
    for (let i = 0; i < closed.length && due.length < ARCHIVE_BATCH; i += ARCHIVE_BATCH) {
      const found = readAlertRows(tabs, at, closed.slice(i, i + ARCHIVE_BATCH)).alerts;
      due.push(...found.filter((a) => archivable(a, today)).slice(0, ARCHIVE_BATCH - due.length));
    }
  }
  return due;
}

/**
 * One bounded step. The search runs outside the shared lock; under it (the alert actions write rows
 * by number under it too) the chosen rows are re-read, appended to the archive unless their key is
 * there, re-read again and deleted only where the row still holds exactly what was archived.
 */
export function archiveAlertsStep(
  ctx: AppContext,
  spreadsheetId: string,
  tabs: SheetTabs = ctx.tabs(spreadsheetId),
): ArchiveStep {
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const none: ArchiveStep = { appended: 0, deleted: 0, more: false };
  const alertsHeader = tabs.readBlocks(ALERTS_TAB, [{ row: 1, count: 1 }])[0]?.[0] ?? [];
  const at = alertColumns(alertsHeader);
  if (at.Key < 0 || at.Status < 0) return none;
  const chosen = findDue(tabs, at, today);
  if (chosen.length === 0) return none;

  return withSheetLock(ctx, (): ArchiveStep => {
    const rows = chosen.map((a) => a.row!);
    // What the rows hold now: a person may have sorted, edited or deleted since the search.
    const fresh = readAlertRows(tabs, at, rows);
    const due = fresh.alerts.filter((a) => archivable(a, today));
    if (due.length === 0) return { ...none, more: true };
    const keys = [...new Set(due.map((a) => a.key))];
    const already = keysInArchive(tabs, keys);
    const header = archiveHeader(tabs, ALERTS_ARCHIVE_TAB, ALERT_HEADERS, alertsHeader);
    const seen = new Set(already);
    const toAppend = due.filter((a) => !seen.has(a.key) && seen.add(a.key));
    tabs.append(
      ALERTS_ARCHIVE_TAB,
      header,
      toAppend.map((a) => archiveRow(a, fresh.values.get(a.row!) ?? [], alertsHeader, header)),
    );
    // Delete by content, not by number: only rows that still hold exactly what was read above (an
    // edit since is kept, and archived again in a later step) and whose key the archive now has.
    const archived = new Set([...already, ...toAppend.map((a) => a.key)]);
    const now = readAlertRows(tabs, at, rows).values;
    const deletable = due
      .filter((a) => archived.has(a.key))
      .map((a) => a.row!)
      .filter((row) => {
        const then = fresh.values.get(row);
        const current = now.get(row);
        return then !== undefined && current !== undefined && sameCells(then, current);
      });
    tabs.deleteRows(ALERTS_TAB, deletable);
    return { appended: toAppend.length, deleted: deletable.length, more: true };
  });
}
