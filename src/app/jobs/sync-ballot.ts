/**
 * One source sync per dataset, however many teammates press "Refresh from source" or run the daily
 * sync: the sync's cursor lives in the starter's user properties, but its staging tables are the
 * dataset's (customers_sync), so two syncs at once would overwrite each other's pages. As with the
 * daily scan's election (src/app/watch/scanner-election.ts), the connected spreadsheet is the ballot:
 * under the shared lock, a "ChurnGuard syncs" row names the running sync, who started it and how far
 * it got, so no user needs another user's properties and every teammate's Settings can show it.
 */
import { cellInstantMs } from '../../core/sheet/cell-instant';
import type { AppContext } from '../context';
import { withSheetLock } from '../shared-lock';

export const SYNCS_TAB = 'ChurnGuard syncs';
export const SYNCS_HEADERS = [
  'Sync',
  'Dataset',
  'Source',
  'Started by',
  'Started',
  'Progress',
  'Updated',
  'Finished',
];

/**
 * A running sync that has not moved for this long is taken as abandoned (its starter's hourly trigger
 * is gone): three missed hourly runs, so a teammate can start another.
 */
export const STALE_SYNC_MS = 3 * 3_600_000;

export interface SyncClaim {
  id: string;
  dataset: string;
  source: string;
  by: string;
  startedMs: number;
  progress: string;
  updatedMs: number;
  finishedMs?: number;
}

export type Ballot = { won: true } | { won: false; claim: SyncClaim };

/** The tab's rows for this dataset, oldest first; rows a person mangled are skipped, not fatal. */
export function syncClaims(ctx: AppContext, spreadsheetId: string, dataset: string): SyncClaim[] {
  const rows = ctx.tabs(spreadsheetId).read(SYNCS_TAB)?.values.slice(1) ?? [];
  const claims: SyncClaim[] = [];
  for (const r of rows) {
    const startedMs = cellInstantMs(r[4]);
    if (String(r[1] ?? '') !== dataset || !r[0] || startedMs === undefined) continue;
    const finishedMs = cellInstantMs(r[7]);
    claims.push({
      id: String(r[0]),
      dataset,
      source: String(r[2] ?? ''),
      by: String(r[3] ?? ''),
      startedMs,
      progress: String(r[5] ?? ''),
      updatedMs: cellInstantMs(r[6]) ?? startedMs,
      ...(finishedMs !== undefined ? { finishedMs } : {}),
    });
  }
  return claims.sort((a, b) => a.startedMs - b.startedMs);
}

/** The sync under way on the dataset: not finished, and moved within STALE_SYNC_MS. */
export function runningClaim(claims: readonly SyncClaim[], nowMs: number): SyncClaim | undefined {
  return [...claims].reverse().find((c) => c.finishedMs === undefined && nowMs - c.updatedMs < STALE_SYNC_MS);
}

/**
 * Claims the dataset's next sync for `id`, under the shared lock: refused while another sync is
 * running, or (the daily sync: `notWithinMs`) when one started that recently.
 */
export function claimSync(
  ctx: AppContext,
  spreadsheetId: string,
  claim: { id: string; dataset: string; source: string; notWithinMs?: number },
): Ballot {
  const now = ctx.clock.now().getTime();
  return withSheetLock(ctx, (): Ballot => {
    const claims = syncClaims(ctx, spreadsheetId, claim.dataset);
    const running = runningClaim(claims, now);
    if (running) return { won: false, claim: running };
    const recent = claim.notWithinMs
      ? [...claims].reverse().find((c) => now - c.startedMs < claim.notWithinMs!)
      : undefined;
    if (recent) return { won: false, claim: recent };
    const at = new Date(now).toISOString();
    ctx
      .tabs(spreadsheetId)
      .append(SYNCS_TAB, SYNCS_HEADERS, [
        [claim.id, claim.dataset, claim.source, ctx.session.email(), at, 'started', at, ''],
      ]);
    return { won: true };
  });
}

/**
 * Writes the sync's progress (and its end) on its row: found by id (people sort the tab), one write.
 * Best effort: a row a person deleted only costs teammates the progress line.
 */
export function markSync(
  ctx: AppContext,
  spreadsheetId: string,
  id: string,
  progress: string,
  finished: boolean,
): void {
  const tabs = ctx.tabs(spreadsheetId);
  const row = tabs.findRows(SYNCS_TAB, 1, id)[0]?.row;
  if (!row) return;
  const at = ctx.clock.now().toISOString();
  tabs.write(SYNCS_TAB, row, 6, [[progress, at, finished ? at : '']]);
}
