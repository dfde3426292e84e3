/**
 * Tagging every member of a segment, in bounded chunks of the customer tab: the Apply card does one
 * short step (a small sheet is done at once), the hourly trigger does the rest. One job per user, its
 * cursor (src/app/jobs/sheet-walk.ts) in user properties, saved after each chunk.
 *
 * Each chunk, under the shared sheet lock: read it, plan the tag for its members, **record the intent
 * first** (the cells' before/after appended to the Bulk changes tab), then write the chunk's Tags
 * cells. A kill between the log and the write leaves log rows for cells still as they were: undo skips
 * a cell that already holds its "before" (undo is idempotent), and the rerun of the chunk plans those
 * cells again. A kill after the write leaves cells that already have the tag: the rerun finds them
 * unchanged. Either way no cell is tagged twice and undo restores every cell the job changed.
 */
import * as z from '../../core/zod';
import { SheetWalkSchema } from '../jobs/walk-schema';
import { BULK_LOG_HEADERS, BULK_LOG_TAB, bulkLogRows, membersOf, planBulkTag } from '../../core/segments';
import type { AppContext } from '../context';
import { readChunk, startWalk, walkDone, walkProgress, walkStillValid } from '../jobs/sheet-walk';
import { segmentConfig, segmentRecords } from '../segments/portfolio';
import { loadSettings } from '../settings-store';
import { withSheetLock } from '../shared-lock';
import { markSnapshotStale } from '../portfolio/stale';

const JOB_KEY = 'churnguard.bulkTag.job';

export const BulkTagJobSchema = z.object({
  id: z.string(),
  spreadsheetId: z.string(),
  segment: z.string(),
  tag: z.string(),
  operation: z.enum(['add', 'remove']),
  /** The Tags column's header and 1-based position, fixed when the job began. */
  header: z.string(),
  column: z.int().check(z.gte(1)),
  by: z.string(),
  at: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  walk: SheetWalkSchema,
  restarts: z.int().check(z.gte(0)),
  changed: z.int().check(z.gte(0)),
  unchanged: z.int().check(z.gte(0)),
  note: z.optional(z.string().check(z.maxLength(500))),
});
export type BulkTagJob = z.infer<typeof BulkTagJobSchema>;

export function loadBulkTagJob(ctx: AppContext): BulkTagJob | null {
  const raw = ctx.userStore.get(JOB_KEY);
  if (!raw) return null;
  try {
    const parsed = BulkTagJobSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveBulkTagJob(ctx: AppContext, job: BulkTagJob): void {
  ctx.userStore.set(JOB_KEY, JSON.stringify(BulkTagJobSchema.parse(job)));
}

export const bulkTagRunning = (ctx: AppContext) => loadBulkTagJob(ctx)?.state === 'running';

/** "tagging: 40,000 / 100,000" for cards. */
export function bulkTagProgress(job: BulkTagJob): string {
  const p = walkProgress(job.walk);
  return `${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} rows`;
}

/** The job for a new bulk change, its walk at the top of the tab (chunkCells: tests make it small). */
export function newBulkTagJob(
  ctx: AppContext,
  fields: Pick<BulkTagJob, 'spreadsheetId' | 'segment' | 'tag' | 'operation' | 'header' | 'column'>,
  chunkCells?: number,
): BulkTagJob {
  const { settings } = loadSettings(ctx.userStore);
  const sheet = ctx.customerSheet(fields.spreadsheetId, settings.customerSheet);
  const now = ctx.clock.now();
  return {
    ...fields,
    id: `bulk-${now.getTime().toString(36)}`,
    by: ctx.session.email(),
    at: now.toISOString(),
    state: 'running',
    walk: startWalk(sheet, chunkCells),
    restarts: 0,
    changed: 0,
    unchanged: 0,
  };
}

/** Chunks until the walk is done or the execution passes `untilMs` (at least one chunk); the caller holds the user lock. */
export function continueBulkTag(ctx: AppContext, start: BulkTagJob, untilMs: number): BulkTagJob {
  if (start.state !== 'running') return start;
  let job = start;
  const { settings } = loadSettings(ctx.userStore);
  const sheet = ctx.customerSheet(job.spreadsheetId, settings.customerSheet);
  const config = segmentConfig(ctx, job.spreadsheetId, sheet.readHeaders());
  const wanted = job.segment.trim().toLowerCase();
  const segment = config.segments.find((s) => s.name.toLowerCase() === wanted);
  if (!segment) {
    job = { ...job, state: 'failed', note: `The segment "${job.segment}" is no longer in the Segments tab.` };
    saveBulkTagJob(ctx, job);
    return job;
  }
  const tabs = ctx.tabs(job.spreadsheetId);
  const restart = (): BulkTagJob => ({
    ...job,
    // Cells already tagged are found unchanged on the second pass: nothing is written twice.
    walk: { ...startWalk(sheet), chunkRows: job.walk.chunkRows },
    restarts: job.restarts + 1,
  });
  // Once per execution (it reads the Email column): a sort since the last run starts the walk over.
  if (!walkStillValid(sheet, settings, job.walk)) {
    job = restart();
    saveBulkTagJob(ctx, job);
  }
  let first = true;
  while (!walkDone(job.walk) && (first || ctx.elapsedMs() < untilMs)) {
    first = false;
    const current = job;
    job = withSheetLock(ctx, () => {
      const chunk = readChunk(sheet, settings, current.walk);
      const records = segmentRecords(ctx, settings, config, chunk.read.customers, chunk.all.timeZone);
      const members = membersOf(segment.query, records, { today: ctx.clock.now() }).map((r) => r.customer);
      const plan = planBulkTag(members, current.tag, current.operation, current.header);
      if (plan.changes.length > 0) {
        // The intent first: undo can always find what this chunk is about to change.
        tabs.append(
          BULK_LOG_TAB,
          BULK_LOG_HEADERS,
          bulkLogRows(
            { id: current.id, at: new Date(current.at), by: current.by, column: current.header },
            plan.changes,
          ),
        );
        const rowIndex = new Map(chunk.all.rowNumbers.map((row, i) => [row, i]));
        const values = chunk.all.rows.map((r) => [r[current.column - 1] ?? '']);
        for (const c of plan.changes) {
          const i = rowIndex.get(c.row);
          if (i !== undefined) values[i] = [c.after];
        }
        ctx
          .customerSheet(current.spreadsheetId, settings.customerSheet)
          .write([{ row: chunk.all.rowNumbers[0]!, column: current.column, values }]);
      }
      return {
        ...current,
        walk: chunk.next,
        changed: current.changed + plan.changes.length,
        unchanged: current.unchanged + plan.unchanged,
      };
    });
    saveBulkTagJob(ctx, job);
  }
  if (walkDone(job.walk)) {
    job = { ...job, state: 'done' };
    saveBulkTagJob(ctx, job);
    // The Tags column changed: the portfolio snapshot's segment sizes are recounted by the next card.
    if (job.changed > 0) markSnapshotStale(ctx);
  }
  return job;
}

/** The hourly trigger's part: continue a running bulk tag under the user's lock. */
export function runBulkTagHourly(ctx: AppContext, untilMs: number): BulkTagJob | null {
  const job = loadBulkTagJob(ctx);
  if (!job || job.state !== 'running') return job;
  return ctx.locks.withUserLock(10_000, () => {
    const fresh = loadBulkTagJob(ctx);
    return fresh ? continueBulkTag(ctx, fresh, untilMs) : null;
  });
}
