/**
 * Moving the rows of campaigns that ended long ago out of the Campaigns tab into "Campaigns archive",
 * in bounded steps the hourly trigger repeats (tab-upkeep.ts), so the tab every run and card searches
 * holds the live campaigns and the last weeks, not years of rows.
 *
 * A campaign has ended when every one of its rows has a final status (sent, failed, excluded,
 * holdout, cancelled: nothing pending, sending or in review) and its newest Updated is older than
 * the archive age (30 days, or the team's cool-down if longer, since the cool-down reads only the
 * Campaigns tab). Like the Alerts archive, a step is safe to kill anywhere because the archive is its
 * own journal: under the shared lock it appends only rows whose key (campaign id, email) the archive
 * lacks, then re-reads the rows and deletes only those that still hold exactly what was archived.
 */
import {
  CAMPAIGNS_ARCHIVE_TAB,
  CAMPAIGNS_TAB,
  FINAL_STATUSES,
  LOG_HEADERS,
  logColumns,
  type LogColumn,
} from '../../core/campaigns/log';
import { normaliseEmail } from '../../core/email/address';
import { cellInstantMs } from '../../core/sheet/cell-instant';
import { rowRuns } from '../../core/sheet/row-runs';
import type { SheetTabs } from '../../ports/sheet-tabs';
import type { AppContext } from '../context';
import { cellByName, READ_GAP_ROWS, readRowsByNumber, sameCells } from '../rows-by-number';
import { withSheetLock } from '../shared-lock';
import { archiveHeader } from '../watch/archive-header';

/** Days after a campaign's last update before its rows move to the archive. */
export const ARCHIVE_CAMPAIGNS_AFTER_DAYS = 30;
/** Rows moved per step: a few calls under the shared lock, ~16,000 cells read twice. */
export const CAMPAIGN_ARCHIVE_BATCH = 2_000;
/** Rows whose Campaign ID, Status and Updated one read looks at while looking for ended campaigns. */
export const SCAN_WINDOW_ROWS = 5_000;
/** Windows a step scans (outside the lock) before it hands back: ~100,000 rows. */
export const SCAN_WINDOWS_PER_STEP = 20;
const DAY_MS = 86_400_000;

/** What one hourly run remembers between its steps (a later run starts again from the top). */
export interface CampaignArchiveRun {
  /** The next row the scan for ended campaigns reads. */
  scanRow: number;
  /** Campaign ids found live (or already dealt with) in this run. */
  judged: Set<string>;
  /** Campaigns a window showed as possibly ended, still to look up. */
  candidates: string[];
  /** The ended campaign being moved. */
  moving: string | null;
  /** The newest Updated a campaign may have to be archived. */
  cutoff: Date;
  /** Rows moved per step and rows per scan window (tests use small ones to cross many steps). */
  batch: number;
  windowRows: number;
}

export function campaignArchiveRun(
  now: Date,
  coolDownDays: number,
  sizes: { batch?: number; windowRows?: number } = {},
): CampaignArchiveRun {
  const days = Math.max(ARCHIVE_CAMPAIGNS_AFTER_DAYS, coolDownDays);
  return {
    scanRow: 2,
    judged: new Set(),
    candidates: [],
    moving: null,
    cutoff: new Date(now.getTime() - days * DAY_MS),
    batch: sizes.batch ?? CAMPAIGN_ARCHIVE_BATCH,
    windowRows: sizes.windowRows ?? SCAN_WINDOW_ROWS,
  };
}

export interface CampaignArchiveStep {
  appended: number;
  deleted: number;
  more: boolean;
}

type Columns = Record<LogColumn, number>;

const idOf = (row: readonly unknown[], at: Columns) => String(row[at['Campaign ID']] ?? '').trim();
const statusOf = (row: readonly unknown[], at: Columns) =>
  String(row[at.Status] ?? '')
    .trim()
    .toLowerCase();

/** A row that, by itself, lets its campaign be archived: a final status, not updated since the cutoff. */
function rowEnded(row: readonly unknown[], at: Columns, cutoff: number): boolean {
  if (!FINAL_STATUSES.has(statusOf(row, at) as never)) return false;
  const updated = cellInstantMs(row[at.Updated]);
  return updated === undefined || updated <= cutoff;
}

/**
 * Whether every row of the campaign has ended: one TextFinder, then its rows. A row with an unknown
 * status, or none updated at all, keeps the campaign in the tab.
 */
function campaignEnded(tabs: SheetTabs, at: Columns, id: string, cutoff: number): boolean {
  const rows = readRowsByNumber(
    tabs,
    CAMPAIGNS_TAB,
    tabs.findRowNumbers(CAMPAIGNS_TAB, at['Campaign ID'] + 1, [id]),
  );
  const mine = [...rows.values()].filter((r) => idOf(r, at) === id);
  return (
    mine.length > 0 &&
    mine.every((r) => rowEnded(r, at, cutoff)) &&
    mine.some((r) => cellInstantMs(r[at.Updated]) !== undefined)
  );
}

/**
 * The next ended campaign, scanning windows of three columns (Campaign ID, Status, Updated) from the run's scan row: a campaign
 * with any live or recent row in a window is ruled out without a lookup.
 */
function nextEnded(tabs: SheetTabs, at: Columns, run: CampaignArchiveRun): string | null {
  const last = tabs.lastRow(CAMPAIGNS_TAB);
  const cutoff = run.cutoff.getTime();
  // Two narrow reads a window: the Campaign ID column, and Status to Updated (next to each other in
  // the shipped layout), so a row costs 3 cells, not the 7 between Campaign ID and Updated.
  const statusFirst = Math.min(at.Status, at.Updated);
  const statusWidth = Math.max(at.Status, at.Updated) - statusFirst + 1;
  const shifted: Columns = {
    ...at,
    'Campaign ID': 0,
    Status: 1 + at.Status - statusFirst,
    Updated: 1 + at.Updated - statusFirst,
  };
  const lookUp = (): string | null => {
    while (run.candidates.length > 0) {
      const id = run.candidates.shift()!;
      if (run.judged.has(id)) continue;
      run.judged.add(id);
      if (campaignEnded(tabs, at, id, cutoff)) return id;
    }
    return null;
  };
  const queued = lookUp();
  if (queued) return queued;
  for (let w = 0; w < SCAN_WINDOWS_PER_STEP && run.scanRow <= last; w++) {
    const [ids = [], statuses = []] = tabs.readBlocks(CAMPAIGNS_TAB, [
      { row: run.scanRow, count: run.windowRows, column: at['Campaign ID'] + 1, columns: 1 },
      { row: run.scanRow, count: run.windowRows, column: statusFirst + 1, columns: statusWidth },
    ]);
    run.scanRow += run.windowRows;
    for (let i = 0; i < ids.length; i++) {
      const r = [ids[i]?.[0], ...(statuses[i] ?? [])];
      const id = idOf(r, shifted);
      if (!id || run.judged.has(id)) continue;
      if (!rowEnded(r, shifted, cutoff)) run.judged.add(id);
      else if (!run.candidates.includes(id)) run.candidates.push(id);
    }
    const found = lookUp();
    if (found) return found;
  }
  return null;
}

/** The emails the archive holds for this campaign: one TextFinder, then its Email cells. */
function archivedEmails(tabs: SheetTabs, archiveAt: Columns, id: string): Set<string> {
  const rows = tabs.findRowNumbers(CAMPAIGNS_ARCHIVE_TAB, archiveAt['Campaign ID'] + 1, [id]);
  const runs = rowRuns(rows, READ_GAP_ROWS);
  const wanted = new Set(rows);
  const blocks = tabs.readBlocks(
    CAMPAIGNS_ARCHIVE_TAB,
    runs.map((r) => ({
      ...r,
      column: archiveAt['Campaign ID'] + 1,
      columns: archiveAt.Email - archiveAt['Campaign ID'] + 1,
    })),
  );
  const out = new Set<string>();
  runs.forEach((run, i) =>
    (blocks[i] ?? []).forEach((r, j) => {
      if (!wanted.has(run.row + j)) return;
      if (String(r[0] ?? '').trim() !== id) return;
      out.add(normaliseEmail(String(r[archiveAt.Email - archiveAt['Campaign ID']] ?? '')));
    }),
  );
  return out;
}

/** A live row laid out under the archive's header: columns matched by name, so added ones travel. */
function archiveRow(
  row: readonly unknown[],
  liveHeader: readonly unknown[],
  header: readonly string[],
): unknown[] {
  return header.map((h) => cellByName(row, liveHeader, h));
}

/** Moves up to one batch of the campaign's rows, under the shared lock; how many went where. */
function moveBatch(
  ctx: AppContext,
  tabs: SheetTabs,
  liveHeader: readonly unknown[],
  at: Columns,
  id: string,
  run: CampaignArchiveRun,
): { appended: number; deleted: number } {
  const cutoff = run.cutoff.getTime();
  return withSheetLock(ctx, () => {
    // Found again under the lock: a person may have sorted, edited or deleted since the scan.
    const found = tabs.findRowNumbers(CAMPAIGNS_TAB, at['Campaign ID'] + 1, [id]).slice(0, run.batch);
    const fresh = readRowsByNumber(tabs, CAMPAIGNS_TAB, found);
    const due = [...fresh].filter(([, r]) => idOf(r, at) === id && rowEnded(r, at, cutoff));
    if (due.length === 0) return { appended: 0, deleted: 0 };
    const header = archiveHeader(tabs, CAMPAIGNS_ARCHIVE_TAB, LOG_HEADERS, liveHeader);
    const archiveAt = logColumns(header);
    if (!archiveAt)
      throw new Error(
        `The "${CAMPAIGNS_ARCHIVE_TAB}" tab's header row lacks a column of ${LOG_HEADERS.join(', ')}: put it back, then the hourly run moves old campaigns again.`,
      );
    const emailOf = (r: readonly unknown[]) => normaliseEmail(String(r[at.Email] ?? ''));
    const already = archivedEmails(tabs, archiveAt, id);
    const seen = new Set(already);
    const toAppend = due.filter(([, r]) => !seen.has(emailOf(r)) && seen.add(emailOf(r)));
    tabs.append(
      CAMPAIGNS_ARCHIVE_TAB,
      header,
      toAppend.map(([, r]) => archiveRow(r, liveHeader, header)),
    );
    // Delete by content, not by number: only rows still holding exactly what was read above, whose
    // key the archive now has (an edit since is kept, and archived by a later step).
    const now = readRowsByNumber(
      tabs,
      CAMPAIGNS_TAB,
      due.map(([row]) => row),
    );
    const deletable = due
      .filter(([row, r]) => seen.has(emailOf(r)) && now.has(row) && sameCells(r, now.get(row)!))
      .map(([row]) => row);
    tabs.deleteRows(CAMPAIGNS_TAB, deletable);
    // Rows below a deleted one move up: the scan goes on from the same row, not past unseen ones.
    run.scanRow -= deletable.filter((row) => row < run.scanRow).length;
    return { appended: toAppend.length, deleted: deletable.length };
  });
}

/** One bounded step: find an ended campaign (outside the lock) or move a batch of the one found. */
export function archiveCampaignsStep(
  ctx: AppContext,
  tabs: SheetTabs,
  run: CampaignArchiveRun,
): CampaignArchiveStep {
  const none: CampaignArchiveStep = { appended: 0, deleted: 0, more: false };
  const liveHeader = tabs.readBlocks(CAMPAIGNS_TAB, [{ row: 1, count: 1 }])[0]?.[0] ?? [];
  const at = logColumns(liveHeader);
  if (!at) return none;
  if (!run.moving) {
    run.moving = nextEnded(tabs, at, run);
    if (!run.moving)
      return { ...none, more: run.candidates.length > 0 || run.scanRow <= tabs.lastRow(CAMPAIGNS_TAB) };
  }
  const moved = moveBatch(ctx, tabs, liveHeader, at, run.moving, run);
  // A batch that moved nothing means the campaign is done (or a row is kept for a person's edit).
  if (moved.deleted === 0 && moved.appended === 0) run.moving = null;
  return { ...moved, more: true };
}
