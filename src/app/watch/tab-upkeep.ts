/**
 * Keeping the shared tabs bounded, from the hourly trigger: closed alerts to their archive, rows of
 * campaigns that ended long ago to theirs, then bulk
 * changes past their undo window compacted, each in small steps repeated until none is due or the
 * run's time is spent. A run that stops with work left says so in the user's store, so
 * the trigger stays installed until the tabs are drained even with the daily scan turned off.
 */
import type { AppContext } from '../context';
import { loadSettings } from '../settings-store';
import { archiveAlertsStep } from './alert-archive';
import { archiveCampaignsStep, campaignArchiveRun } from '../campaigns/log-archive';
import { loadTeamConfig } from '../retention-reply';
import { compactBulkLogStep } from './bulk-log-compaction';

/** Set while a run stopped with steps left; the trigger keeps running until one finishes. */
export const TAB_UPKEEP_PENDING_KEY = 'churnguard.tabUpkeepPending';
/** The day the Campaigns archive last went through the whole tab. */
export const CAMPAIGN_ARCHIVE_DAY_KEY = 'churnguard.campaignArchiveDay';
/**
 * Stop starting steps after this much of the run (a step takes ~1-3 s; a triggered run has 6 min
 * and the scan and campaigns come first in it).
 */
export const TAB_UPKEEP_DEADLINE_MS = 300_000;

export interface TabUpkeepReport {
  steps: number;
  archivedAlerts: number;
  /** Rows of campaigns that ended long ago, moved to the Campaigns archive. */
  archivedCampaignRows: number;
  /** Cell rows of bulk changes past their undo window, replaced by one summary row each. */
  compactedBulkRows: number;
  finished: boolean;
}

function coolDownDays(ctx: AppContext, spreadsheetId: string): number {
  try {
    return loadTeamConfig(ctx, spreadsheetId).team.coolDownDays;
  } catch {
    return NaN;
  }
}

export function tabUpkeepPending(ctx: AppContext): boolean {
  return ctx.userStore.get(TAB_UPKEEP_PENDING_KEY) !== null;
}

export function runTabUpkeep(ctx: AppContext, deadlineMs = TAB_UPKEEP_DEADLINE_MS): TabUpkeepReport {
  const { spreadsheetId } = loadSettings(ctx.userStore).settings;
  const report: TabUpkeepReport = {
    steps: 0,
    archivedAlerts: 0,
    archivedCampaignRows: 0,
    compactedBulkRows: 0,
    finished: true,
  };
  if (!spreadsheetId) return report;
  // One adapter for the run: the spreadsheet is opened once, not once a step.
  const tabs = ctx.tabs(spreadsheetId);
  let campaigns: ReturnType<typeof campaignArchiveRun> | undefined;
  const jobs: (() => boolean)[] = [
    () => {
      const step = archiveAlertsStep(ctx, spreadsheetId, tabs);
      report.archivedAlerts += step.appended;
      return step.more;
    },
    () => {
      // The cool-down reads only the Campaigns tab, so a longer cool-down keeps rows there longer.
      // Campaigns end by the day (30 days after their last update): one pass over the tab a day is
      // enough, so the other hourly runs do not read its three columns again.
      const today = ctx.clock.now().toISOString().slice(0, 10);
      if (ctx.userStore.get(CAMPAIGN_ARCHIVE_DAY_KEY) === today) return false;
      // A Settings tab that cannot be read leaves the Campaigns tab alone this run: its cool-down is unknown.
      campaigns ??= campaignArchiveRun(ctx.clock.now(), coolDownDays(ctx, spreadsheetId));
      if (!Number.isFinite(campaigns.cutoff.getTime())) return false;
      const step = archiveCampaignsStep(ctx, tabs, campaigns);
      report.archivedCampaignRows += step.deleted;
      if (!step.more) ctx.userStore.set(CAMPAIGN_ARCHIVE_DAY_KEY, today);
      return step.more;
    },
    () => {
      const step = compactBulkLogStep(ctx, spreadsheetId, tabs);
      report.compactedBulkRows += step.deleted;
      return step.more;
    },
  ];
  for (const job of jobs) {
    for (let more = true; more;) {
      if (ctx.elapsedMs() > deadlineMs) {
        report.finished = false;
        break;
      }
      more = job();
      report.steps++;
    }
    if (!report.finished) break;
  }
  if (report.finished) {
    if (tabUpkeepPending(ctx)) ctx.userStore.delete(TAB_UPKEEP_PENDING_KEY);
  } else ctx.userStore.set(TAB_UPKEEP_PENDING_KEY, ctx.clock.now().toISOString());
  return report;
}
