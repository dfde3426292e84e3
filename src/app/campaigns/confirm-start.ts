/**
 * The last step of Start, and what the next run does for a Start that died after writing the rows.
 * From Start (which just planned the audience and wrote what was missing), the campaign's rows as
 * the tab holds them become its recorded count and checksum. From a run, the count and checksum
 * recorded when the Start planned stay: a row a person deleted in between is then reported by the
 * run's log check, not silently dropped. Either way the campaign moves to "sending". A Start that
 * died before any row was written is closed, saying so: nothing was sent.
 */
import { baselineOf } from '../../core/campaigns/log-check';
import type { AppContext } from '../context';
import { saveCampaign, type CampaignMeta } from './meta';
import { keepHourlyTrigger } from './trigger-upkeep';

export const START_INTERRUPTED_NOTE =
  'The start was interrupted before any recipient was written to the Campaigns tab, so nothing was sent. Start it again from the segment.';

/** `emptyNote`: why a campaign with no rows is closed (by default: its Start was interrupted). */
export function confirmStart(
  ctx: AppContext,
  meta: CampaignMeta,
  by: 'start' | 'run',
  emptyNote = START_INTERRUPTED_NOTE,
): CampaignMeta {
  const rows = ctx.campaignLog(meta.spreadsheetId).recipients(meta.id);
  const next: CampaignMeta =
    rows.length === 0
      ? { ...meta, state: 'cancelled', note: emptyNote }
      : {
          ...meta,
          state: 'sending',
          planned: {
            emailed: rows.filter((r) => r.group === 'emailed' && r.status !== 'excluded').length,
            holdout: rows.filter((r) => r.group === 'holdout').length,
            excluded: rows.filter((r) => r.status === 'excluded').length,
          },
          logBaseline: by === 'run' && meta.logBaseline ? meta.logBaseline : baselineOf(rows),
        };
  saveCampaign(ctx.userStore, next);
  keepHourlyTrigger(ctx);
  return next;
}
