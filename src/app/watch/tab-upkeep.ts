/**
 * Keeping the shared tabs bounded, from the hourly trigger: repeat small archive steps until none is
 * due or the run's time is spent. A run that stops with work left says so in the user's store, so
 * the trigger stays installed until the tabs are drained even with the daily scan turned off.
 */
import type { AppContext } from '../context';
import { loadSettings } from '../settings-store';
import { archiveAlertsStep } from './alert-archive';

/** Set while a run stopped with steps left; the trigger keeps running until one finishes. */
export const TAB_UPKEEP_PENDING_KEY = 'churnguard.tabUpkeepPending';
/**
 * Stop starting steps after this much of the run (a step takes ~1-3 s; a triggered run has 6 min
 * and the scan and campaigns come first in it).
 */
export const TAB_UPKEEP_DEADLINE_MS = 300_000;

export interface TabUpkeepReport {
  steps: number;
  archivedAlerts: number;
  finished: boolean;
}

export function tabUpkeepPending(ctx: AppContext): boolean {
  return ctx.userStore.get(TAB_UPKEEP_PENDING_KEY) !== null;
}

export function runTabUpkeep(ctx: AppContext, deadlineMs = TAB_UPKEEP_DEADLINE_MS): TabUpkeepReport {
  const { spreadsheetId } = loadSettings(ctx.userStore).settings;
  const report: TabUpkeepReport = { steps: 0, archivedAlerts: 0, finished: true };
  if (!spreadsheetId) return report;
  for (;;) {
    if (ctx.elapsedMs() > deadlineMs) {
      report.finished = false;
      break;
    }
    const step = archiveAlertsStep(ctx, spreadsheetId);
    report.steps++;
    report.archivedAlerts += step.appended;
    if (!step.more) break;
  }
  if (report.finished) {
    if (tabUpkeepPending(ctx)) ctx.userStore.delete(TAB_UPKEEP_PENDING_KEY);
  } else ctx.userStore.set(TAB_UPKEEP_PENDING_KEY, ctx.clock.now().toISOString());
  return report;
}
