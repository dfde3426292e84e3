/**
 * The last step of Start, and what the next run does for a Start that died after writing the rows:
 * the campaign's rows as the tab holds them become its recorded count and checksum, and it moves to
 * "sending". A Start that died before any row was written is closed, saying so: nothing was sent.
 */
import { baselineOf } from '../../core/campaigns/log-check';
import type { AppContext } from '../context';
import { saveCampaign, type CampaignMeta } from './meta';
import { keepHourlyTrigger } from './trigger-upkeep';

export const START_INTERRUPTED_NOTE =
  'The start was interrupted before any recipient was written to the Campaigns tab, so nothing was sent. Start it again from the segment.';

export function confirmStart(ctx: AppContext, meta: CampaignMeta): CampaignMeta {
  const rows = ctx.campaignLog(meta.spreadsheetId).recipients(meta.id);
  const next: CampaignMeta =
    rows.length === 0
      ? { ...meta, state: 'cancelled', note: START_INTERRUPTED_NOTE }
      : {
          ...meta,
          state: 'sending',
          planned: {
            emailed: rows.filter((r) => r.group === 'emailed' && r.status !== 'excluded').length,
            holdout: rows.filter((r) => r.group === 'holdout').length,
            excluded: rows.filter((r) => r.status === 'excluded').length,
          },
          logBaseline: baselineOf(rows),
        };
  saveCampaign(ctx.userStore, next);
  keepHourlyTrigger(ctx);
  return next;
}
