/**
 * Before a run sends anything, the campaign's rows must be exactly the ones it started with. A
 * doubtful log pauses the campaign with what changed and how to repair it; nothing is sent on it.
 */
import { checkCampaignLog, baselineOf, type LogProblem } from '../../core/campaigns/log-check';
import type { LoggedRecipient } from '../../core/campaigns/log';
import type { AppContext } from '../context';
import type { CampaignMeta } from './meta';

export type LogVerdict =
  { ok: true; recipients: LoggedRecipient[]; meta: CampaignMeta } | { ok: false; problem: LogProblem };

export function verifyCampaignLog(ctx: AppContext, meta: CampaignMeta): LogVerdict {
  let read;
  try {
    // The campaign's own rows, found by Campaign ID: the check costs what the campaign holds.
    read = ctx.campaignLog(meta.spreadsheetId).readCampaign(meta.id);
  } catch (error) {
    // BigQuery failing to answer is no repair for a person to make: the run fails, the next one reads again.
    if (meta.store === 'bigquery') throw error;
    return {
      ok: false,
      problem: {
        kind: 'header',
        what: error instanceof Error ? error.message : String(error),
        repair: 'Put the header row back as it was, then press Resume.',
      },
    };
  }
  const recipients = read.recipients.filter((r) => r.campaignId === meta.id);
  // A campaign started before the log was checked has no record yet: its rows now become the record.
  const baseline = meta.logBaseline ?? baselineOf(recipients);
  const problem = checkCampaignLog(read, meta.id, baseline, 'Campaigns');
  if (problem) return { ok: false, problem };
  return { ok: true, recipients, meta: meta.logBaseline ? meta : { ...meta, logBaseline: baseline } };
}

/** The campaign, paused by ChurnGuard with the problem the card shows. */
export function pausedFor(meta: CampaignMeta, problem: LogProblem): CampaignMeta {
  return { ...meta, state: 'paused', problem };
}
