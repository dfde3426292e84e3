/**
 * A warehouse campaign's recipient log: 'campaign' changes appended to campaign_log (never an
 * UPDATE, so two executions or teammates never overwrite each other) and read from
 * campaign_log_current, the newest row per (campaign, email). The runner's exactly-once protocol is
 * unchanged: a batch's "sending" claims are one appended statement that lands before any of its
 * emails leave, and the outcomes (with the next batch's claims) are the next one. A claim whose
 * outcome never landed is read back as "sending" and the next run puts it in review, never resends.
 *
 * Ordering does not trust the clock: every row this log appends is stamped at least 1 ms after the
 * newest row it read or wrote for the campaign, so a later status always wins in the view even when
 * two executions share a millisecond (or a test pins the clock). Change ids are made once per row; the
 * store's retry of an INSERT whose answer was lost sends the same ids, which the view counts once.
 *
 * INSERTs (each at most CAMPAIGN_ROWS_PER_INSERT = 900 rows, src/core/sql/change-insert.ts): a
 * 20,000-recipient campaign costs 3 per 2,000-member page (30 to 33) for its audience, then one per send batch
 * (outcomes + next claims in one statement), plus one per run that found claims to review. With the
 * trigger's batches of WAREHOUSE_BATCH_SIZE.trigger = 100 that is 200 + 1 more to close: about 235
 * INSERTs into campaign_log over the campaign (the bench: 47 in its first two runs) (6 or 7 per hourly run), far under the 1,500 a table gets
 * a day before BigQuery queues DML (https://cloud.google.com/bigquery/docs/data-manipulation-language,
 * "INSERT DML concurrency"). Batches of 250 left up to 100 s of a run unused (a batch starts only
 * when it fits), 100 leave about 40.
 */
import type { WarehouseChange } from '../../core/changes';
import { defaultColumns, type LogEntry, type LoggedRecipient } from '../../core/campaigns/log';
import type { StatusChange } from '../../core/campaigns/runner';
import { countStatuses, type StatusCounts } from '../../core/campaigns/progress';
import type { CustomerWarehouse } from '../../ports/customer-warehouse';
import type { AppContext, CampaignLog } from '../context';
import { UserFacingError } from '../errors';
import type { CampaignMeta } from './meta';

/** The store a warehouse campaign reads and writes, or a card saying why it cannot. */
export function requireCampaignWarehouse(ctx: AppContext): CustomerWarehouse {
  const warehouse = ctx.warehouse?.();
  if (!warehouse)
    throw new UserFacingError(
      'This campaign needs the BigQuery store',
      'Its audience and recipient log are in BigQuery, and Settings → Customer store is the Google Sheet now.',
      'Switch Settings → Customer store back to BigQuery to continue or follow it.',
    );
  return warehouse;
}

/** The campaign's recipient rows as the runner, the log check and the cards read them. */
export function warehouseCampaignLog(
  warehouse: CustomerWarehouse,
  campaign: Pick<CampaignMeta, 'id' | 'name'>,
  ctx: Pick<AppContext, 'clock' | 'session'>,
): CampaignLog {
  /** Newest stamp read or written: every append goes after it. */
  let floorMs = 0;
  /** Group, template and language of each recipient read: an appended status keeps them. */
  const kept = new Map<string, Pick<LogEntry, 'group' | 'template' | 'language'>>();
  let run = '';
  let seq = 0;
  const changeId = (atMs: number) => {
    // Unique per row: the run's stamp and a random tag, then a sequence (a retry reuses the row, not the id maker).
    run ||= `${atMs.toString(36)}${Math.floor(Math.random() * 36 ** 4)
      .toString(36)
      .padStart(4, '0')}`;
    return `${campaign.id}-u${run}-${(seq++).toString(36).padStart(4, '0')}`;
  };

  const read = (campaignId: string): LoggedRecipient[] => {
    if (campaignId !== campaign.id) return [];
    const rows = warehouse.campaignRecipients(campaign);
    for (const r of rows) {
      floorMs = Math.max(floorMs, r.atMs);
      kept.set(r.email, {
        group: r.group,
        ...(r.template ? { template: r.template } : {}),
        ...(r.language ? { language: r.language } : {}),
      });
    }
    return rows.map(({ atMs: _stamp, ...r }) => r);
  };

  const appendStatuses = (campaignId: string, changes: readonly StatusChange[]) => {
    if (changes.length === 0) return;
    const atMs = Math.max(ctx.clock.now().getTime(), floorMs + 1, ...changes.map((c) => c.at.getTime()));
    floorMs = atMs;
    const author = ctx.session.email() || 'churnguard';
    const rows: WarehouseChange[] = changes.map((c) => {
      const was = kept.get(c.email) ?? { group: 'emailed' as const };
      return {
        kind: 'campaign',
        changeId: changeId(atMs),
        author,
        atMs,
        campaignId,
        email: c.email,
        status: c.status,
        detail: c.detail,
        ...was,
      };
    });
    warehouse.appendChanges(rows);
  };

  const readCampaign = (campaignId: string) => ({
    recipients: read(campaignId),
    issues: [],
    columns: defaultColumns(),
  });

  return {
    recipients: read,
    update: appendStatuses,
    readCampaign,
    // A warehouse campaign's log is never archived, and its cool-down is read in SQL (segmentPage).
    readAll: () => readCampaign(campaign.id),
    recipientsWithArchive: (ids) => (ids.includes(campaign.id) ? read(campaign.id) : []),
    archivedNamed: () => [],
    rowCount: () => read(campaign.id).length,
    append: (entries) => {
      const have = new Set(read(campaign.id).map((r) => r.email));
      const missing = entries.filter((e) => e.campaignId === campaign.id && !have.has(e.email));
      appendAudience(warehouse, campaign, ctx, missing, floorMs);
      return missing.length;
    },
  };
}

/**
 * Audience rows, stamped at `atMs` (the campaign's creation) with ids made from the campaign and the
 * address: writing the same page again after a lost answer or a killed run appends the very same
 * rows, and any status the runner writes later is newer.
 */
export function appendAudience(
  warehouse: CustomerWarehouse,
  campaign: Pick<CampaignMeta, 'id'>,
  ctx: Pick<AppContext, 'session'>,
  entries: readonly (LogEntry & { rowId?: number })[],
  atMs: number,
): void {
  if (entries.length === 0) return;
  const author = ctx.session.email() || 'churnguard';
  warehouse.appendChanges(
    entries.map((e, i) => ({
      kind: 'campaign',
      changeId: `${campaign.id}-a${e.rowId ?? `x${i}`}`,
      author,
      atMs,
      campaignId: campaign.id,
      email: e.email,
      status: e.status,
      group: e.group,
      detail: e.detail,
      ...(e.template ? { template: e.template } : {}),
      ...(e.language ? { language: e.language } : {}),
    })),
  );
}

/** The log a campaign's runs and cards use: the warehouse's for a campaign whose audience came from it. */
export function campaignLogOf(
  ctx: AppContext,
  meta: Pick<CampaignMeta, 'id' | 'name' | 'spreadsheetId' | 'store'>,
) {
  return meta.store === 'bigquery'
    ? warehouseCampaignLog(requireCampaignWarehouse(ctx), meta, ctx)
    : ctx.campaignLog(meta.spreadsheetId);
}

/** The context with the campaign's own log, so confirmStart, the log check and the runner read one instance. */
export function withCampaignLog(
  ctx: AppContext,
  meta: Pick<CampaignMeta, 'id' | 'name' | 'spreadsheetId' | 'store'>,
): AppContext {
  if (meta.store !== 'bigquery') return ctx;
  const log = campaignLogOf(ctx, meta);
  return { ...ctx, campaignLog: () => log };
}

/** The campaign card's figures (counted in SQL) and the rows it lists (in review or failed). */
export function warehouseCardRows(
  ctx: AppContext,
  meta: Pick<CampaignMeta, 'id' | 'name'>,
): { counts: StatusCounts; listed: LoggedRecipient[] } {
  const warehouse = requireCampaignWarehouse(ctx);
  const counts = countStatuses([]);
  for (const c of warehouse.campaignCounts(meta.id)) counts[c.status] += c.count;
  const listed = warehouse.campaignRecipients(meta, ['review', 'failed']).map(({ atMs: _stamp, ...r }) => r);
  return { counts, listed };
}
