/**
 * Settings → Customer store → "Refresh from source": claims the dataset's sync on the ballot
 * (sync-ballot.ts, so two teammates pressing at once start one), then runs one bounded step here
 * (the source query and its first page, and the swap when that was the last page: a small source is
 * refreshed at once) and leaves the rest to the hourly trigger. Refused, with the reason, when no
 * source is set or a sync is already under way (the user's own, or a teammate's).
 */
import type { ActionResponse } from '../../ui/card/types';
import { keepHourlyTrigger } from '../campaigns/trigger-upkeep';
import type { AppContext } from '../context';
import { UserFacingError } from '../errors';
import { loadSettings } from '../settings-store';
import { storeOf } from '../store-choice';
import {
  claimAndRequestSync,
  loadSyncState,
  stepSync,
  syncRunning,
  syncStatusLines,
  teammateLine,
} from './source-sync-job';

/** The card's step: the query's start and one page of this many rows, begun within this budget. */
export const CARD_SYNC_PAGE_ROWS = 1_000;
export const CARD_SYNC_BUDGET_MS = 6_000;

const refusal = (notification: string): ActionResponse => ({ kind: 'notify', notification });

export function refreshFromSource(ctx: AppContext): ActionResponse {
  const store = storeOf(loadSettings(ctx.userStore).settings);
  if (store.kind !== 'bigquery' || !store.source)
    throw new UserFacingError(
      'No source table or view',
      'Refresh from source rebuilds ChurnGuard’s BigQuery tables from your own table or view, and Settings name none.',
      'Type it in Settings → Customer store → Source table or view, save, then press Refresh from source.',
    );
  // The user lock: the user's own trigger may be stepping the sync right now.
  const outcome = ctx.locks.withUserLock(2_000, (): ActionResponse => {
    const own = loadSyncState(ctx);
    if (syncRunning(own))
      return refusal(`A refresh is already under way. ${syncStatusLines(own)[0] ?? ''}`.trim());
    const ballot = claimAndRequestSync(ctx);
    if (!ballot.won) return refusal(`Not started: ${teammateLine(ballot.claim)}`);
    const state = stepSync(ctx, {
      budgetMs: CARD_SYNC_BUDGET_MS,
      pageRows: CARD_SYNC_PAGE_ROWS,
      maxPages: 1,
    });
    if (syncRunning(state)) keepHourlyTrigger(ctx);
    const line = syncStatusLines(state)[0] ?? '';
    return {
      kind: 'notify',
      notification: syncRunning(state) ? `${line} The rest follows in the hourly runs.` : line,
      stateChanged: true,
    };
  });
  return (
    outcome ?? refusal('A refresh step is running in the background right now; press again in a minute.')
  );
}
