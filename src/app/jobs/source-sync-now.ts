/**
 * Settings → Customer store → "Refresh from source": claims the dataset's sync on the ballot
 * (sync-ballot.ts, so two teammates pressing at once start one), then takes its first step here:
 * the source query job is started (one Jobs.insert, which BigQuery answers before the query runs)
 * and the hourly trigger reads and stages its pages. A page is not read here: waiting for the query
 * (getQueryResults waits up to 10 s) and staging it (three load jobs, about 5 s modelled at 100k)
 * would not fit the card's 10 s. Refused, with the reason, when no source is set or a sync is
 * already under way (the user's own, or a teammate's).
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
    const state = stepSync(ctx, { maxPages: 0 });
    if (syncRunning(state)) keepHourlyTrigger(ctx);
    return {
      kind: 'notify',
      notification:
        state?.phase === 'pages'
          ? `Refresh started: BigQuery is running ${state.source}; its rows are read and scored in the hourly runs, and the cards read the current tables until it is done.`
          : (syncStatusLines(state)[0] ?? ''),
      stateChanged: true,
    };
  });
  return (
    outcome ?? refusal('A refresh step is running in the background right now; press again in a minute.')
  );
}
