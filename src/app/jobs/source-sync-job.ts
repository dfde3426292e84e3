/**
 * The source sync (issue 21, "read customers from a table or view the team names"): ChurnGuard's
 * warehouse tables built from the team's own BigQuery table or view, inside the add-on, so nothing
 * leaves their Google account. Started by Settings' "Refresh from source" and once a day by the
 * hourly trigger; each run reads pages of the source query's results for up to RUN_BUDGET_MS, reads
 * each page with the sheet reader and scores it with the sheet's impact rules and scorer
 * (segmentRecords), so the cards on the warehouse say what they would on a sheet of the same rows,
 * and stages it (src/gas/bigquery-sync.ts). The state (cursor, counts, problems, last success) is
 * saved after every page; a run killed in between repeats that page, whose load jobs BigQuery
 * already has by id, so nothing is staged twice. When the last page is in, the staging tables are
 * swapped in, one statement per table.
 */
import { readCustomers, type CellIssue } from '../../core/sheet/read-customers';
import {
  MAX_FAILURES,
  parseSyncState,
  newSyncState,
  withProblems,
  type SyncState,
} from '../../core/sync/sync-state';
import type { WarehouseSync } from '../../ports/warehouse-sync';
import type { AppContext } from '../context';
import { segmentConfig, segmentRecords, type SegmentConfig } from '../segments/portfolio';
import { loadSettings } from '../settings-store';
import { layoutCacheKey, storeOf } from '../store-choice';
import { claimSync, markSync, runningClaim, syncClaims, type Ballot } from './sync-ballot';

export const SYNC_STATE_KEY = 'churnguard.sourceSync';
/** Source rows a page: a getQueryResults answer of about 1-2 MB at 24 columns (the API caps a page at 10 MB). */
export const SYNC_PAGE_ROWS = 5_000;
/** A run stops taking pages after this much of its 6 minutes (a page and its loads take well under a minute). */
export const RUN_BUDGET_MS = 4.5 * 60_000;
const DAY_MS = 86_400_000;

export function loadSyncState(ctx: AppContext): SyncState | undefined {
  return parseSyncState(ctx.userStore.get(SYNC_STATE_KEY));
}

function save(ctx: AppContext, state: SyncState): void {
  ctx.userStore.set(SYNC_STATE_KEY, JSON.stringify(state));
}

export function syncRunning(state: SyncState | undefined): boolean {
  return !!state && state.phase !== 'done' && state.phase !== 'failed';
}

/** The store's source and sync port, or why there is none. */
function syncTarget(ctx: AppContext): { source: string; sync: WarehouseSync } {
  const store = storeOf(loadSettings(ctx.userStore).settings);
  // Through the store: only the opt-in bundle has it (src/gas/warehouse-choice.ts).
  const sync = store.kind === 'bigquery' && store.source ? ctx.warehouse?.()?.sourceSync?.() : undefined;
  if (!sync || store.kind !== 'bigquery' || !store.source)
    throw new Error('Settings name no BigQuery source');
  return { source: store.source, sync };
}

/** A new sync's id: its query and load jobs are named from it. */
export function newSyncId(ctx: AppContext): string {
  const now = ctx.clock.now().getTime();
  return `${now.toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

/** Starts a new sync (a running one is replaced: its staging tables are emptied by the new first page). */
export function requestSync(ctx: AppContext, id = newSyncId(ctx)): SyncState {
  const { source } = syncTarget(ctx);
  const state = newSyncState(source, id, ctx.clock.now().getTime(), loadSyncState(ctx));
  save(ctx, state);
  return state;
}

/** The dataset a sync writes, as the ballot names it (teammates on other datasets do not conflict). */
export function syncDataset(ctx: AppContext): { spreadsheetId: string; dataset: string } | undefined {
  const { settings } = loadSettings(ctx.userStore);
  const store = storeOf(settings);
  if (store.kind !== 'bigquery' || !store.source || !settings.spreadsheetId) return undefined;
  return { spreadsheetId: settings.spreadsheetId, dataset: `${store.projectId}.${store.datasetId}` };
}

/**
 * Claims the dataset's sync on the ballot, then starts it here: what the button and the daily sync
 * both do, so a teammate's sync under way (or, daily, one started within `notWithinMs`) is never
 * started again beside it.
 */
export function claimAndRequestSync(ctx: AppContext, notWithinMs?: number): Ballot {
  const { source } = syncTarget(ctx);
  const target = syncDataset(ctx);
  const id = newSyncId(ctx);
  const ballot = target
    ? claimSync(ctx, target.spreadsheetId, {
        id,
        dataset: target.dataset,
        source,
        ...(notWithinMs ? { notWithinMs } : {}),
      })
    : ({ won: true } as const);
  if (ballot.won) requestSync(ctx, id);
  return ballot;
}

/** A daily sync is due: a source is set, none is running, and the last started a day ago or more. */
export function syncDue(ctx: AppContext): boolean {
  const store = storeOf(loadSettings(ctx.userStore).settings);
  if (store.kind !== 'bigquery' || !store.source) return false;
  const state = loadSyncState(ctx);
  if (syncRunning(state)) return false;
  return !state || ctx.clock.now().getTime() - state.startedMs >= DAY_MS;
}

const describe = (issue: CellIssue) =>
  `source row ${issue.row - 1}, column ${issue.column || issue.columnLetter}: ${issue.reason}`;

/**
 * One run: as many pages as fit in `budgetMs` of the execution, saving the state after each; the
 * swap when the last page is in. Returns the state after the run. Errors end the sync as failed,
 * with the message, except a time-out of the runtime itself (the next run repeats the page).
 */
export function stepSync(
  ctx: AppContext,
  /** `maxPages`: at most this many pages (a card's bounded step); the budget still applies. */
  options: { budgetMs?: number; pageRows?: number; maxPages?: number } = {},
): SyncState | undefined {
  let state = loadSyncState(ctx);
  if (!state || !syncRunning(state)) return state;
  const lastPage = state.page + (options.maxPages ?? Infinity);
  const budget = options.budgetMs ?? RUN_BUDGET_MS;
  const pageRows = options.pageRows ?? SYNC_PAGE_ROWS;
  const { settings } = loadSettings(ctx.userStore);
  try {
    const { sync } = syncTarget(ctx);
    state = { ...state, runs: state.runs + 1 };
    save(ctx, state);
    if (state.phase === 'query') {
      const started = sync.startSource(state.source, state.jobId);
      state = { ...state, phase: 'pages', ...(started.location ? { location: started.location } : {}) };
      save(ctx, state);
    }
    let config: SegmentConfig | undefined;
    while (state.phase === 'pages' && ctx.elapsedMs() < budget && state.page < lastPage) {
      const page = sync.readPage(
        {
          jobId: state.jobId,
          ...(state.location ? { location: state.location } : {}),
          ...(state.pageToken ? { pageToken: state.pageToken } : {}),
        },
        pageRows,
      );
      if (!page) break; // the query is still running: the next run asks again
      const today = ctx.clock.now();
      // Positions in the query's results, 1-based; row ids one more, as a sheet of the same rows numbers them.
      const first = state.rowsRead + 1;
      const read = readCustomers({
        sheetName: state.source,
        headers: page.headers,
        rows: page.rows,
        rowNumbers: page.rows.map((_, i) => first + i + 1),
        // Values come typed from BigQuery, not as a spreadsheet displays them (warehouse-customer.ts).
        locale: 'en_US',
        timeZone: 'UTC',
        today,
      });
      // Settings with a store always have a connected spreadsheet (its Impact rules tab applies).
      config ??= segmentConfig(ctx, settings.spreadsheetId ?? '', page.headers);
      const records = segmentRecords(ctx, settings, config, read.customers, 'UTC');
      sync.stage(`${state.jobId}_p${state.page}`, state.page === 0, page.headers, records);
      const problems = [
        ...(state.page === 0 ? page.columnProblems : []),
        ...read.issues.filter((i) => i.severity === 'error').map(describe),
        ...read.duplicates.map(
          (d) => `${d.email} repeats on source rows ${d.rows.map((r) => r - 1).join(', ')}`,
        ),
      ];
      state = withProblems(
        {
          ...state,
          page: state.page + 1,
          rowsRead: state.rowsRead + page.rows.length,
          totalRows: page.totalRows,
          customers: state.customers + records.length,
          headers: page.headers,
          phase: page.nextPageToken ? 'pages' : 'swap',
          failures: 0,
        },
        problems,
      );
      delete state.error;
      if (page.nextPageToken) state.pageToken = page.nextPageToken;
      else delete state.pageToken;
      save(ctx, state);
    }
    if (state.phase === 'swap' && ctx.elapsedMs() < budget) {
      const swapped = sync.swap(state.headers ?? []);
      const now = ctx.clock.now().getTime();
      state = withProblems(
        {
          ...state,
          phase: 'done',
          finishedMs: now,
          customers: state.customers - swapped.duplicateCount,
          lastSuccess: { ms: now, customers: state.customers - swapped.duplicateCount },
        },
        swapped.duplicates.map((d) => `${d.email} repeats on source row ${d.rowId - 1}`),
      );
      if (swapped.duplicateCount > swapped.duplicates.length)
        state = {
          ...state,
          problemCount: state.problemCount + swapped.duplicateCount - swapped.duplicates.length,
        };
      save(ctx, state);
      const store = storeOf(settings);
      // The header ↔ column mapping may have changed with the source's columns.
      if (store.kind === 'bigquery') ctx.cache.remove(layoutCacheKey(store));
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The cursor stays where the last saved page ended: the next run repeats the page, and its
    // load jobs, already known to BigQuery by id, load nothing twice.
    const failures = (state.failures ?? 0) + 1;
    const fatal = failures >= MAX_FAILURES;
    state = {
      ...state,
      error: message,
      failures,
      ...(fatal ? { phase: 'failed' as const, finishedMs: ctx.clock.now().getTime() } : {}),
    };
    save(ctx, state);
  }
  showOnBallot(ctx, state);
  return state;
}

/**
 * A sync whose runs stopped for STALE_SYNC_MS may have been replaced by a teammate's (the ballot's
 * running claim is another): going on would overwrite the staging tables under it, so it ends here.
 */
function stopIfReplaced(ctx: AppContext): void {
  const state = loadSyncState(ctx);
  const target = syncDataset(ctx);
  if (!state || !syncRunning(state) || !target) return;
  const running = runningClaim(
    syncClaims(ctx, target.spreadsheetId, target.dataset),
    ctx.clock.now().getTime(),
  );
  if (!running || running.id === state.id) return;
  save(ctx, {
    ...state,
    phase: 'failed',
    finishedMs: ctx.clock.now().getTime(),
    error: `replaced by the refresh ${running.by || 'a teammate'} started after this one stopped moving`,
  });
}

/** The run's progress on the sync's ballot row, for teammates' Settings; never fails the sync. */
function showOnBallot(ctx: AppContext, state: SyncState): void {
  const target = syncDataset(ctx);
  if (!target) return;
  try {
    markSync(ctx, target.spreadsheetId, state.id, syncStatusLines(state)[0] ?? '', !syncRunning(state));
  } catch {
    // The tab deleted or the sheet unreachable: the sync itself went on.
  }
}

/**
 * The hourly trigger's part: a daily sync when due (and no teammate ran one today), then a step of a
 * running one, under the user lock so a Refresh pressed meanwhile never steps the same page at once.
 */
export function hourlySync(ctx: AppContext): SyncState | undefined {
  return (
    ctx.locks.withUserLock(10_000, () => {
      if (syncDue(ctx)) claimAndRequestSync(ctx, DAY_MS);
      else stopIfReplaced(ctx);
      return stepSync(ctx);
    }) ?? loadSyncState(ctx)
  );
}

/** Lines for Settings: where the sync stands and its first problems. */
/** Settings' lines on the source sync: its last refresh, progress and problems. */
export function sourceSyncStatus(ctx: AppContext): string[] {
  const own = loadSyncState(ctx);
  const target = syncDataset(ctx);
  const teammate = target
    ? runningClaim(syncClaims(ctx, target.spreadsheetId, target.dataset), ctx.clock.now().getTime())
    : undefined;
  if (!teammate || teammate.id === own?.id) return syncStatusLines(own);
  return [teammateLine(teammate), ...syncStatusLines(own).filter((l) => !l.startsWith('Not synced'))];
}

/** A teammate's sync under way, as the ballot shows it. */
export function teammateLine(claim: { by: string; startedMs: number; progress: string }): string {
  const when = new Date(claim.startedMs).toISOString().slice(11, 16);
  return `${claim.by || 'A teammate'} started a refresh at ${when} UTC; it goes on in their hourly runs. ${claim.progress}`.trim();
}

export function syncStatusLines(state: SyncState | undefined): string[] {
  if (!state) return ['Not synced yet.'];
  const when = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const lines: string[] = [];
  if (state.phase === 'done')
    lines.push(
      `Last refresh ${when(state.finishedMs ?? state.startedMs)}: ${state.customers.toLocaleString('en-US')} customers from ${state.rowsRead.toLocaleString('en-US')} source rows.`,
    );
  else if (state.phase === 'failed')
    lines.push(`The refresh started ${when(state.startedMs)} failed: ${state.error ?? 'unknown error'}`);
  else
    lines.push(
      `Refreshing from ${state.source}: ${state.rowsRead.toLocaleString('en-US')}${state.totalRows !== undefined ? ` of ${state.totalRows.toLocaleString('en-US')}` : ''} source rows read (${state.runs} run${state.runs === 1 ? '' : 's'}); the cards read the previous tables until it is done.`,
    );
  if (state.phase !== 'done' && state.lastSuccess)
    lines.push(
      `Last successful refresh ${when(state.lastSuccess.ms)}: ${state.lastSuccess.customers.toLocaleString('en-US')} customers.`,
    );
  if (state.problemCount > 0)
    lines.push(
      `${state.problemCount} problem${state.problemCount === 1 ? '' : 's'} in the source${state.problemCount > state.problems.length ? ` (first ${state.problems.length})` : ''}:`,
      ...state.problems,
    );
  return lines;
}
