/**
 * The daily scan: re-score every customer, extend the History tab, raise an alert for each new
 * danger-zone event and send each account manager a digest of their customers' new alerts. It runs
 * as the chunked portfolio job (src/app/jobs/portfolio-job.ts, per-chunk work in scan-chunk.ts):
 * from the hourly trigger once a day, or from Settings on demand.
 */
import type { AppContext } from '../context';
import { loadJob, requestJob, stepJob } from '../jobs/portfolio-job';
import { LAST_SCAN_KEY } from './scan-chunk';

export { LAST_SCAN_KEY };
/** Why the last triggered scan failed, shown in Settings until a scan succeeds. */
export const SCAN_ERROR_KEY = 'churnguard.scanError';

/** Nobody watches a trigger's log: Settings shows the scan's failure until a scan succeeds. */
export function recordScanError(ctx: AppContext, error: unknown): void {
  const at = ctx.clock.now().toISOString().slice(0, 16).replace('T', ' ');
  const why = error instanceof Error ? error.message : String(error);
  ctx.userStore.set(SCAN_ERROR_KEY, `${at} UTC: ${why}`.slice(0, 500));
}

export interface ScanReport {
  day: string;
  scored: number;
  historyRows: number;
  events: number;
  alerts: number;
  digestsSent: number;
  /** Digests not sent (quota, bad address), with why. */
  digestProblems: string[];
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * A whole scan in this execution, from the top: for callers with a trigger's budget and a sheet
 * that fits it (tests, the CLI). Cards and the hourly trigger start the job and step it instead.
 */
export function runDailyScan(ctx: AppContext): ScanReport {
  requestJob(ctx, 'scan', { restart: true });
  for (;;) {
    const step = stepJob(ctx, 'trigger');
    if (step.kind === 'finished' && step.scan)
      return {
        day: step.scan.day,
        scored: step.scored,
        historyRows: step.snapshot.customers,
        events: step.scan.events,
        alerts: step.scan.alerts,
        digestsSent: step.scan.digestsSent,
        digestProblems: step.scan.digestProblems,
      };
    if (step.kind !== 'running' || !loadJob(ctx)) throw new Error(`The scan did not finish (${step.kind}).`);
  }
}

/** Whether the hourly trigger should scan now: turned on, not yet today, and at or past the hour. */
export function scanDue(ctx: AppContext, enabled: boolean, hourUtc: number): boolean {
  if (!enabled) return false;
  const now = ctx.clock.now();
  return ctx.userStore.get(LAST_SCAN_KEY) !== isoDay(now) && now.getUTCHours() >= hourUtc;
}
