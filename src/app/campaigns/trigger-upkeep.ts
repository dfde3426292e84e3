/**
 * The hourly trigger exists exactly while there is background work. Callers keep it while they
 * still hold the user's lock, so a run that just finished the last campaign cannot remove the
 * trigger after a card action has queued more work ("Send it" on a review) without seeing it.
 */
import { learningRequestedAt } from '../learn-request';
import type { AppContext } from '../context';
import { loadSettings } from '../settings-store';
import { tabUpkeepPending } from '../watch/tab-upkeep';
import { listCampaigns, UNFINISHED_STATES } from './meta';
import { bulkTagRunning } from '../segments/bulk-tag-job';
import { portfolioJobPending } from '../jobs/portfolio-job';
import { warehouseScanPending } from '../warehouse-features';

/** The name of the top-level function the hourly trigger calls (declared in src/index.ts). */
export const HOURLY_HANDLER = 'onHourlyTrigger';

/** Some campaign is starting, sending or waiting for quota, or the daily scan or reactivation is on. */
export function hasBackgroundWork(ctx: AppContext): boolean {
  const { settings } = loadSettings(ctx.userStore);
  if (settings.watch?.enabled || settings.reactivation?.enabled) return true;
  // A large sheet learns from history in the trigger, not in a card.
  if (learningRequestedAt(ctx.userStore) !== null) return true;
  // Tab upkeep (the Alerts archive) that ran out of time in a run: the next run goes on with it.
  if (tabUpkeepPending(ctx)) return true;
  // A bulk tag of a large segment continues on the trigger.
  if (bulkTagRunning(ctx)) return true;
  // A portfolio job (rescore, scan, the snapshot's refresh) not finished by its card step (issue 16).
  if (portfolioJobPending(ctx) || warehouseScanPending(ctx)) return true;
  // A warehouse synced from the team's own table or view: daily, and a refresh not finished yet.
  if (settings.store?.kind === 'bigquery' && settings.store.source) return true;
  // A paused campaign waits for a person, not for the trigger.
  return listCampaigns(ctx.userStore).some((c) => UNFINISHED_STATES.has(c.state) && c.state !== 'paused');
}

export function keepHourlyTrigger(ctx: AppContext): void {
  if (hasBackgroundWork(ctx)) ctx.triggers.installHourly(HOURLY_HANDLER);
  else ctx.triggers.removeAll(HOURLY_HANDLER);
}
