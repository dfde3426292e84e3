/**
 * What a card shows of the portfolio: the stored snapshot, and the job that is refreshing it. A card
 * never reads the customer tab in full: it reads the snapshot tab (one call), and when the snapshot
 * is missing or the user asked for a refresh it starts the chunked job and runs one short step of it,
 * so a small sheet is fresh at once and a large one keeps going on the hourly trigger.
 */
import type { PortfolioSnapshot } from '../../core/portfolio/snapshot';
import { formatNumber } from '../../core/text/format';
import { keepHourlyTrigger } from '../campaigns/trigger-upkeep';
import type { AppContext } from '../context';
import {
  jobProgress,
  loadJob,
  requestJob,
  stepJob,
  type JobKind,
  type JobProgress,
} from '../jobs/portfolio-job';
import { readSnapshot } from './snapshot-tab';
import { clearSnapshotStale, snapshotStale } from './stale';

export interface SnapshotView {
  snapshot?: PortfolioSnapshot;
  /** The job still running after this card's step. */
  progress?: JobProgress;
  /** Set when this card's own step finished a job (its notification can say what it did). */
  finished?: { job: JobKind; scored: number; unscored: number };
}

/**
 * The snapshot for a card. `start`: a job to start first (Refresh, Rescore all, Scan now); a missing
 * snapshot starts a rescore by itself. A pending job gets one card step either way.
 */
export function currentSnapshot(ctx: AppContext, spreadsheetId: string, start?: JobKind): SnapshotView {
  // An edit through ChurnGuard since the snapshot: recount (a small sheet finishes in this step).
  const stale = snapshotStale(ctx);
  let snapshot = start || stale ? undefined : readSnapshot(ctx, spreadsheetId);
  // No snapshot and no job: start one. No snapshot but a job under way: show its progress only, so
  // every card opened meanwhile does not run a chunk of its own (the trigger and Refresh do).
  const asked = start ?? (stale || (!snapshot && !loadJob(ctx)) ? 'rescore' : undefined);
  // With a snapshot to show and nothing asked, the card reads only that: the job, if any, goes on
  // in the hourly trigger, so browsing cards costs the same whatever the sheet's size.
  if (asked) {
    requestJob(ctx, asked, { restart: stale });
    if (stale) clearSnapshotStale(ctx);
    const step = stepJob(ctx, 'card');
    if (step.kind === 'finished')
      return {
        snapshot: step.snapshot,
        finished: { job: step.job, scored: step.scored, unscored: step.unscored },
      };
  }
  snapshot ??= readSnapshot(ctx, spreadsheetId);
  const job = loadJob(ctx);
  if (!job) return snapshot ? { snapshot } : {};
  // The rest runs on the hourly trigger; make sure it is installed (it stays while a job is pending).
  if (asked) keepHourlyTrigger(ctx);
  return { ...(snapshot ? { snapshot } : {}), progress: jobProgress(job) };
}

/** "rescoring: 40,000 / 100,000" or "scanning: …". */
export function progressText(p: JobProgress): string {
  return `${p.kind === 'scan' ? 'scanning' : 'rescoring'}: ${formatNumber(p.done)} / ${formatNumber(p.total)}`;
}

/** "as of 09:12 UTC" today, "as of 30 Nov 09:12 UTC" another day. */
export function asOfText(asOf: string, now: Date): string {
  const at = new Date(asOf);
  const time = at.toISOString().slice(11, 16);
  const sameDay = at.toISOString().slice(0, 10) === now.toISOString().slice(0, 10);
  const day = at.toLocaleString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return `as of ${sameDay ? '' : `${day} `}${time} UTC`;
}

/** The line a card shows under its figures: their age, and the refresh under way. */
export function freshnessLine(view: SnapshotView, now: Date): string {
  const parts = [
    view.snapshot ? asOfText(view.snapshot.asOf, now) : 'No portfolio snapshot yet',
    view.progress ? progressText(view.progress) : '',
  ];
  return parts.filter(Boolean).join(' · ');
}
