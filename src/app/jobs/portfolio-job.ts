/**
 * The chunked whole-sheet job: rescore (also the homepage's Refresh) and the daily scan. Each chunk
 * reads a bounded block of rows (sheet-walk.ts), scores it, writes its risk and band cells, folds it
 * into the portfolio snapshot's partial, and saves cursor + partial. A card runs one short step (so
 * a small sheet finishes at once); the hourly trigger runs the rest.
 *
 * Kills: the commit point is the job's head property, written after the chunk's sheet write and the
 * partial's pieces. A run killed before it repeats the chunk: its cell writes are idempotent and its
 * counts were not committed, so nothing is counted twice or skipped. On resume the walk's anchor is
 * checked; if the sheet was sorted, or rows inserted or deleted, the job starts over from the top.
 *
 * One job per user at a time, run under the user lock, so a card step and the trigger never fold the
 * same chunk twice.
 */
import * as z from '../../core/zod';
import { SheetWalkSchema } from './walk-schema';
import { DEFAULT_PLAYBOOK_SETTINGS } from '../../core/playbooks/settings';
import {
  addChunk,
  emptyPartial,
  finishSnapshot,
  type PortfolioPartial,
  type PortfolioSnapshot,
} from '../../core/portfolio/snapshot';
import { planWrites, type CellUpdate } from '../../core/sheet/write-plan';
import type { SegmentRecord } from '../../core/segments';
import type { Settings } from '../../core/settings/settings';
import type { CustomerSheet } from '../../ports/customer-sheet';
import { listCampaigns } from '../campaigns/meta';
import { requireConnected } from '../connected';
import type { AppContext } from '../context';
import { writeSnapshot } from '../portfolio/snapshot-tab';
import { riskScorer, type RiskScorer } from '../risk';
import { impactResolver, segmentConfig, segmentRecords, type SegmentConfig } from '../segments/portfolio';
import { withSheet } from '../sheet-errors';
import { storeValueLines } from '../value-lines';
import {
  readChunk,
  startWalk,
  walkDone,
  walkProgress,
  walkStillValid,
  type SheetWalk,
  type WalkChunk,
} from './sheet-walk';
import { deletePieces, readPieces, writePieces } from './split-value';
import { LAST_SCAN_KEY, openScanRun, scanChunk, sendDigests, type ScanRun } from '../watch/scan-chunk';
import { takeEmailSignals } from '../watch/email-signals';

export const JOB_KEY = 'churnguard.job.portfolio';
const PARTIAL_PREFIX = 'churnguard.job.portfolio.partial';
export const RISK_COLUMNS = ['ChurnGuard risk', 'ChurnGuard band'] as const;

/**
 * How long a step may run. A card answers well inside Gmail's 30 s: about 5 s of work and at most one
 * chunk (elapsedMs may not see service latency, so the chunk cap bounds it too). A trigger run has
 * 6 minutes: bulk tag and campaigns come first (they stop by 270 s), then this job until 285 s, then
 * the tab upkeep until 300 s, so none of them starves the one after it. The trigger always runs at
 * least one chunk (a few seconds), so campaigns that use their whole share hour after hour cannot
 * stall a rescore or a scan forever.
 */
export const STEP_BUDGET = {
  card: { ms: 5_000, minChunks: 0, maxChunks: 1 },
  /** Counted from the execution's start, after the scan and campaigns of the same run. */
  trigger: { ms: 285_000, minChunks: 1, maxChunks: Number.POSITIVE_INFINITY },
} as const;

/** A card resumes a begun job only on a sheet of at most this many chunks (see stepJob). */
const CARD_RESUME_CHUNKS = 4;

export type JobKind = 'rescore' | 'scan';

const JobSchema = z.object({
  kind: z.enum(['rescore', 'scan']),
  spreadsheetId: z.string(),
  startedAt: z.string(),
  walk: SheetWalkSchema,
  /** Times the sheet moved under the job and it started over. */
  restarts: z.int(),
  chunks: z.int(),
  scored: z.int(),
  unscored: z.int(),
  /** A scan's events and new alerts so far, and the Alerts tab's row count when it began (its digests). */
  events: z._default(z.int(), 0),
  alerts: z._default(z.int(), 0),
  partial: z.object({ gen: z.union([z.literal(0), z.literal(1)]), pieces: z.int() }),
  /** The spreadsheet's locale (from the last chunk read), so the cards write money as the sheet does. */
  locale: z.optional(z.string()),
});

export type PortfolioJob = z.infer<typeof JobSchema>;

export interface JobProgress {
  kind: JobKind;
  done: number;
  total: number;
  startedAt: string;
}

export interface ScanSummary {
  day: string;
  events: number;
  alerts: number;
  digestsSent: number;
  digestProblems: string[];
}

export type StepOutcome =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'running'; progress: JobProgress }
  | {
      kind: 'finished';
      job: JobKind;
      snapshot: PortfolioSnapshot;
      scored: number;
      unscored: number;
      /** For a scan: what it found and sent. */
      scan?: ScanSummary;
    };

export function loadJob(ctx: AppContext): PortfolioJob | undefined {
  const raw = ctx.userStore.get(JOB_KEY);
  if (!raw) return undefined;
  try {
    const parsed = JobSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function jobProgress(job: PortfolioJob): JobProgress {
  return { kind: job.kind, ...walkProgress(job.walk), startedAt: job.startedAt };
}

/** Whether a portfolio job waits for the trigger (trigger-upkeep.ts keeps the trigger while it does). */
export const portfolioJobPending = (ctx: AppContext) => loadJob(ctx) !== undefined;

/** Saves the partial's pieces, then the head naming them: the one write that commits the chunk. */
/**
 * What a job keeps besides its head: the snapshot's partial and, for a scan, the keys of the alerts it
 * raised (its digests mail those and no teammate's), at most MAX_DIGEST_ALERTS (each owner's digest
 * lists 100 lines at most; every alert is in the Alerts tab).
 */
interface Saved {
  p: PortfolioPartial;
  r: string[];
}

export const MAX_DIGEST_ALERTS = 500;

function commit(ctx: AppContext, job: PortfolioJob, saved: Saved): PortfolioJob {
  const previous = job.partial;
  const ref = writePieces(ctx.userStore, PARTIAL_PREFIX, saved, previous);
  const next = { ...job, partial: ref };
  ctx.userStore.set(JOB_KEY, JSON.stringify(next));
  deletePieces(ctx.userStore, PARTIAL_PREFIX, previous);
  return next;
}

function freshJob(
  ctx: AppContext,
  kind: JobKind,
  settings: Settings,
  sheet: CustomerSheet,
  restarts: number,
  /** Rows a chunk reads; by default from CHUNK_CELLS and the tab's width (tests pass small ones). */
  chunkRows?: number,
) {
  const now = ctx.clock.now();
  const walk = startWalk(sheet);
  const job: PortfolioJob = {
    kind,
    spreadsheetId: settings.spreadsheetId!,
    startedAt: now.toISOString(),
    walk: chunkRows ? { ...walk, chunkRows } : walk,
    restarts,
    chunks: 0,
    scored: 0,
    unscored: 0,
    events: 0,
    alerts: 0,
    partial: { gen: 1, pieces: 0 },
  };
  return commit(ctx, job, { p: emptyPartial(now, settings.playbooks ?? DEFAULT_PLAYBOOK_SETTINGS), r: [] });
}

function dropJob(ctx: AppContext, job: PortfolioJob | undefined): void {
  ctx.userStore.delete(JOB_KEY);
  if (job) deletePieces(ctx.userStore, PARTIAL_PREFIX, job.partial);
}

/** Whether a walk has read anything yet (so its anchor must be checked on resume). */
const begun = (walk: SheetWalk) => walk.anchor !== undefined || walk.nextRow > 2;

/**
 * Starts a job unless one that does the same (or more) is under way: a scan rescores too, so a
 * rescore asked for during a scan joins it; a scan asked for during a rescore starts over as a scan.
 */
export function requestJob(
  ctx: AppContext,
  kind: JobKind,
  options: { restart?: boolean; chunkRows?: number } = {},
): void {
  const { settings, sheet } = requireConnected(ctx);
  withSheet(() =>
    ctx.locks.withUserLock(2_000, () => {
      const running = loadJob(ctx);
      const covers =
        running &&
        running.spreadsheetId === settings.spreadsheetId &&
        (running.kind === kind || kind === 'rescore') &&
        // After an edit, a job past the top may have read the edited row before the edit.
        !(options.restart && begun(running.walk));
      if (covers) return;
      dropJob(ctx, running);
      freshJob(ctx, kind, settings, sheet, 0, options.chunkRows);
    }),
  );
}

/** Writes each row's risk and band (clearing rows that are not customers, so no stale score survives). */
function writeChunkScores(
  sheet: CustomerSheet,
  chunk: WalkChunk,
  records: readonly SegmentRecord[],
  columns: [number, number],
) {
  const byRow = new Map(records.map((r) => [r.customer.row, r]));
  const updates: CellUpdate[] = [];
  let scored = 0;
  for (const row of chunk.all.rowNumbers) {
    const r = byRow.get(row);
    const has = r?.score !== undefined;
    if (has) scored++;
    updates.push({ row, column: columns[0], value: has ? Math.round(r.score!) : '' });
    updates.push({ row, column: columns[1], value: has ? r.band : '' });
  }
  sheet.write(planWrites(updates));
  return { scored, unscored: chunk.all.rowNumbers.length - scored };
}

interface ExecutionState {
  config?: SegmentConfig;
  columns?: [number, number];
  outcomeEmails?: ReadonlySet<string>;
  explain?: RiskScorer;
  scan?: ScanRun;
}

/**
 * Who the sheet's campaigns emailed or held out: read once per execution, only if there are campaigns.
 * Includes campaigns the hourly run moved to the Campaigns archive, whose outcomes the card still shows.
 */
function campaignEmails(ctx: AppContext, spreadsheetId: string): ReadonlySet<string> {
  const ids = listCampaigns(ctx.userStore)
    .filter((m) => m.spreadsheetId === spreadsheetId)
    .map((m) => m.id);
  if (ids.length === 0) return new Set();
  return new Set(
    ctx
      .campaignLog(spreadsheetId)
      .recipientsWithArchive(ids)
      .map((r) => r.email),
  );
}

/** One chunk: read, score, write, fold in, commit. Returns the committed job and partial. */
function runChunk(
  ctx: AppContext,
  settings: Settings,
  sheet: CustomerSheet,
  job: PortfolioJob,
  saved: Saved,
  state: ExecutionState,
): { job: PortfolioJob; saved: Saved } {
  const chunk = readChunk(sheet, settings, job.walk);
  const config = (state.config ??= segmentConfig(ctx, job.spreadsheetId, chunk.all.headers));
  const columns = (state.columns ??= sheet.ensureColumns([...RISK_COLUMNS], chunk.all.headers) as [
    number,
    number,
  ]);
  const records = segmentRecords(ctx, settings, config, chunk.read.customers, chunk.all.timeZone);
  const counts = writeChunkScores(sheet, chunk, records, columns);
  // Reads the stored model once per execution, not once per chunk.
  const score = (state.explain ??= riskScorer(
    ctx,
    settings,
    impactResolver(ctx, config.rules),
    chunk.all.timeZone,
  ));
  // The scan's alerts and History rows, after the risk cells and before the commit (scan-chunk.ts).
  const found =
    job.kind === 'scan'
      ? scanChunk(
          ctx,
          (state.scan ??= openScanRun(ctx, settings, config.segments)),
          settings,
          chunk.read.customers,
          (c) => score(c),
          chunk.all.timeZone,
        )
      : { events: 0, alerts: 0, keys: [] };
  const next = addChunk(saved.p, {
    records,
    reasonOf: (r) => score(r.customer).contributions[0]?.sentence ?? '',
    issues: chunk.read.issues.length,
    segments: config.segments.map((s) => ({ name: s.name, source: s.source, query: s.query })),
    outcomeEmails: (state.outcomeEmails ??= campaignEmails(ctx, job.spreadsheetId)),
  });
  const committed = commit(
    ctx,
    {
      ...job,
      walk: chunk.next,
      chunks: job.chunks + 1,
      scored: job.scored + counts.scored,
      unscored: job.unscored + counts.unscored,
      events: job.events + found.events,
      alerts: job.alerts + found.alerts,
      locale: chunk.all.locale,
    },
    { p: next, r: [...saved.r, ...found.keys].slice(0, MAX_DIGEST_ALERTS) },
  );
  return { job: committed, saved: { p: next, r: [...saved.r, ...found.keys].slice(0, MAX_DIGEST_ALERTS) } };
}

/** Ends the job: the snapshot to the sheet's snapshot tab, the value lines to the user's store. */
function finish(ctx: AppContext, settings: Settings, job: PortfolioJob, saved: Saved): StepOutcome {
  const snapshot = {
    ...finishSnapshot(saved.p, ctx.clock.now()),
    ...(job.locale ? { locale: job.locale } : {}),
  };
  writeSnapshot(ctx, job.spreadsheetId, snapshot);
  storeValueLines(ctx, snapshot.valueLines);
  const done = {
    kind: 'finished' as const,
    job: job.kind,
    snapshot,
    scored: job.scored,
    unscored: job.unscored,
  };
  if (job.kind !== 'scan') {
    dropJob(ctx, job);
    return done;
  }
  // The scan is done before its digests go: a kill while sending loses the rest of the digests (the
  // alerts stay in the Alerts tab) rather than sending any twice.
  const day = new Date(job.startedAt).toISOString().slice(0, 10);
  takeEmailSignals(ctx.userStore);
  ctx.userStore.set(LAST_SCAN_KEY, day);
  dropJob(ctx, job);
  const digests = sendDigests(ctx, settings, day, new Set(saved.r));
  return {
    ...done,
    scan: {
      day,
      events: job.events,
      alerts: job.alerts,
      digestsSent: digests.sent,
      digestProblems: digests.problems,
    },
  };
}

/**
 * Continues the user's job within the budget: a card step (a few seconds) or a trigger run. Returns
 * what is left, or the finished snapshot. A job for another sheet than the connected one is dropped.
 */
export function stepJob(ctx: AppContext, budget: keyof typeof STEP_BUDGET): StepOutcome {
  if (!loadJob(ctx)) return { kind: 'idle' };
  const { settings, sheet } = requireConnected(ctx);
  const limits = STEP_BUDGET[budget];
  // A card counts from its step; a trigger from the execution's start (6 minutes in all).
  const started = budget === 'card' ? ctx.elapsedMs() : 0;
  const outcome = withSheet(() =>
    ctx.locks.withUserLock(budget === 'card' ? 1_000 : 10_000, (): StepOutcome => {
      let job = loadJob(ctx);
      if (!job) return { kind: 'idle' };
      if (job.spreadsheetId !== settings.spreadsheetId) {
        dropJob(ctx, job);
        return { kind: 'idle' };
      }
      // Resuming checks the walk (walkStillValid), which reads the whole Email column: 100,000 cells on
      // a 100k sheet, more than a card can add to its chunk. A card resumes only a small sheet's walk
      // and otherwise shows the progress; the trigger checks once per run.
      if (
        budget === 'card' &&
        begun(job.walk) &&
        job.walk.endRow - 1 > CARD_RESUME_CHUNKS * job.walk.chunkRows
      )
        return { kind: 'running', progress: jobProgress(job) };
      let saved = readPieces(ctx.userStore, PARTIAL_PREFIX, job.partial) as Saved | undefined;
      // The sheet moved since the last chunk (or the saved partial is gone): start over from the top.
      if (!saved?.p || (begun(job.walk) && !walkStillValid(sheet, settings, job.walk))) {
        job = freshJob(ctx, job.kind, settings, sheet, job.restarts + 1, job.walk.chunkRows);
        saved = readPieces(ctx.userStore, PARTIAL_PREFIX, job.partial) as Saved;
      }
      const state: ExecutionState = {};
      let chunks = 0;
      let slowest = 0;
      while (!walkDone(job.walk)) {
        const spent = ctx.elapsedMs() - started;
        if (chunks >= limits.maxChunks || (chunks >= limits.minChunks && spent + slowest > limits.ms)) break;
        const before = ctx.elapsedMs();
        ({ job, saved } = runChunk(ctx, settings, sheet, job, saved, state));
        slowest = Math.max(slowest, ctx.elapsedMs() - before);
        chunks++;
      }
      if (walkDone(job.walk)) return finish(ctx, settings, job, saved);
      return { kind: 'running', progress: jobProgress(job) };
    }),
  );
  return outcome ?? { kind: 'busy' };
}
