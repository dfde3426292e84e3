/**
 * What a campaign whose audience is a warehouse segment reads from the store (issue 21): the
 * segment's members a page at a time, the campaign's log from the latest-state view, and the rows
 * of the next recipients to compose. Its writes are campaign changes (WarehouseChanges).
 */
import type { LoggedRecipient, RecipientStatus } from '../core/campaigns/log';
import type { CampaignCount } from '../core/sql';
import type { CampaignTally, OutcomeCampaign } from '../core/sql/outcome-sql';
import type { Query } from '../core/segments';
import type { WarehouseCustomerRow } from './customer-warehouse';

export interface SegmentPage {
  campaignId: string;
  /** Members after this row_id (0: from the top). */
  afterRowId: number;
  limit: number;
}

export interface WarehouseCampaigns {
  /**
   * Up to `limit` members of the segment after `afterRowId`, in row_id order, that this campaign's
   * log does not hold yet, each with the last time any campaign email was sent to them.
   */
  segmentPage(
    query: Query,
    page: SegmentPage,
    today: Date,
  ): (WarehouseCustomerRow & { lastSentMs: number | null })[];
  /** The campaign's recipients as campaign_log_current holds them, in email order (only `statuses` when given). */
  campaignRecipients(
    campaign: { id: string; name: string },
    statuses?: readonly RecipientStatus[],
  ): (LoggedRecipient & { atMs: number })[];
  /** The campaign's recipients counted by status and group (one small query for the card). */
  campaignCounts(campaignId: string): CampaignCount[];
  /** The customer rows of the next `limit` recipients still to send, from `fromEmail` on. */
  recipientRows(campaignId: string, fromEmail: string, limit: number): WarehouseCustomerRow[];
  /** Each campaign's emailed and holdout groups counted at its windows ("What works"), in one query. */
  campaignOutcomes(campaigns: readonly OutcomeCampaign[]): Map<string, CampaignTally>;
}
