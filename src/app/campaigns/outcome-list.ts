/**
 * The campaigns "What works" measures and how they pool into playbooks, whichever store counted
 * them. A campaign whose recipient log is on the other store (its audience came from the sheet while
 * BigQuery is the store now, or the other way round) is listed without figures, saying where its
 * log is, and left out of the playbooks rather than counted as a campaign that emailed nobody.
 */
import {
  campaignOutcomeOf,
  outcomesByPlaybook,
  type CampaignOutcome,
  type PlaybookOutcome,
} from '../../core/watch/outcomes';
import type { AppContext } from '../context';
import { listCampaigns, type CampaignMeta } from './meta';

export interface MeasuredCampaign {
  meta: CampaignMeta;
  outcome: CampaignOutcome;
  /** Set when this store does not hold the campaign's log: why it has no figures here. */
  elsewhere?: string;
}

export interface Outcomes {
  campaigns: MeasuredCampaign[];
  playbooks: PlaybookOutcome[];
}

export type LogStore = 'sheet' | 'bigquery';

export const logStoreOf = (meta: Pick<CampaignMeta, 'store'>): LogStore =>
  meta.store === 'bigquery' ? 'bigquery' : 'sheet';

/** The connected spreadsheet's campaigns, oldest first (the card shows the newest). */
export function campaignsOf(ctx: AppContext, spreadsheetId: string): CampaignMeta[] {
  return listCampaigns(ctx.userStore).filter((m) => m.spreadsheetId === spreadsheetId);
}

const ELSEWHERE: Record<LogStore, string> = {
  sheet:
    'its recipients are in the sheet’s Campaigns tab: measured while Settings → Customer store is the Google Sheet',
  bigquery: 'its recipients are in BigQuery: measured while Settings → Customer store is BigQuery',
};

/** A campaign this store cannot measure: no figures, and where its log is. */
export function measuredElsewhere(meta: CampaignMeta, today: Date): MeasuredCampaign {
  const none = { members: 0, windows: [] };
  return {
    meta,
    outcome: campaignOutcomeOf({
      campaignId: meta.id,
      start: new Date(meta.createdAt),
      today,
      emailed: none,
      holdout: none,
      replies: 0,
    }),
    elsewhere: ELSEWHERE[logStoreOf(meta)],
  };
}

/** The campaigns with their playbooks pooled (only those this store measured). */
export function withPlaybooks(campaigns: MeasuredCampaign[]): Outcomes {
  return {
    campaigns,
    playbooks: outcomesByPlaybook(
      campaigns.filter((c) => !c.elsewhere).map((c) => ({ playbook: c.meta.template, outcome: c.outcome })),
    ),
  };
}
