/**
 * A campaign whose audience is a warehouse segment (issue 21). The segment's query is compiled to
 * SQL (src/core/sql/where.ts) and its members are read a page at a time in row_id order, each page
 * with every cell and the last campaign email sent to each member. A page is then planned by the
 * sheet's own audience code (planChunk: holdout, cool-down, win-back, unsubscribed, guard rails,
 * blanks, language variants), so the rules are the same code on both stores, and appended to
 * campaign_log as one or two INSERTs; the cursor (the last row_id) is saved after the rows, so a run
 * killed in between reads the page again and adds nobody twice (segmentPageSql leaves out members
 * the log holds, and the rows' ids and stamps are the same).
 */
import { normaliseEmail } from '../../core/email/address';
import type { SheetRows } from '../../ports/customer-sheet';
import type { WarehouseCustomerRow } from '../../ports/customer-warehouse';
import type { AppContext } from '../context';
import { requireConnected } from '../connected';
import { readWarehouseRows, WAREHOUSE_CELLS, WAREHOUSE_SHEET_NAME } from '../warehouse-customer';
import {
  audienceJobOf,
  audienceSource,
  closed,
  NOBODY_NOTE,
  planChunk,
  type AudienceJob,
  type AudienceSource,
} from './audience-job';
import { confirmStart } from './confirm-start';
import { saveCampaign, type CampaignMeta, type WarehousePrep } from './meta';
import { appendAudience, requireCampaignWarehouse } from './warehouse-log';

/**
 * Members a page reads: one query and 3 INSERTs (about 4 s of modelled BigQuery time); the bench's
 * 21,936-recipient audience was 11 pages, written in the first hourly run.
 */
export const PAGE_MEMBERS = 2_000;
/**
 * Members a card's audience check reads: planning them (records, guard rails, merges) stays a few
 * seconds of JavaScript; a larger segment is checked by its first page and written by the trigger.
 */
export const CARD_PAGE_MEMBERS = 500;

/** The segment and templates as the sheet's audience job loads them, over the warehouse's header row. */
export function warehouseAudienceSource(
  ctx: AppContext,
  spreadsheetId: string,
  segment: string,
  template: string,
): AudienceSource | { problem: string } {
  const warehouse = requireCampaignWarehouse(ctx);
  const { sheet } = requireConnected(ctx, 'a campaign from the customer sheet');
  return audienceSource(ctx, spreadsheetId, segment, template, { sheet, headers: warehouse.headers() });
}

/** One page of members planned exactly as a chunk of the customer tab is. */
export function planPage(
  ctx: AppContext,
  src: AudienceSource,
  job: AudienceJob,
  rows: readonly (WarehouseCustomerRow & { lastSentMs: number | null })[],
  blanks: 'block' | 'exclude',
  headers: readonly string[],
) {
  const read = readWarehouseRows(rows, src.settings.mapping, headers);
  const all: SheetRows = {
    sheetName: WAREHOUSE_SHEET_NAME,
    headers: [...headers],
    rows: rows.map((r) => r.cells),
    rowNumbers: rows.map((r) => r.rowId),
    ...WAREHOUSE_CELLS,
  };
  const sentAt = new Map(rows.map((r) => [r.rowId, r.lastSentMs]));
  const lastEmailed = new Map<string, Date>();
  const rowIds = new Map<string, number>();
  for (const c of read.customers) {
    const email = normaliseEmail(c.email);
    if (!rowIds.has(email)) rowIds.set(email, c.row);
    const ms = sentAt.get(c.row);
    if (ms !== null && ms !== undefined && !(lastEmailed.get(email)! >= new Date(ms)))
      lastEmailed.set(email, new Date(ms));
  }
  const plan = planChunk(ctx, src, job, { all, read }, lastEmailed, blanks);
  return { plan, read, all, rowIds };
}

const excludedOf = (excluded: Record<string, number>) => Object.values(excluded).reduce((a, b) => a + b, 0);

/**
 * Writes the audience page by page until the segment is done (then the campaign is confirmed:
 * "sending") or the execution passes `untilMs`. The caller holds the user's lock and passes a
 * context whose campaign log is the warehouse's (withCampaignLog).
 */
export function prepareWarehouseAudience(
  ctx: AppContext,
  start: CampaignMeta,
  untilMs: number,
): CampaignMeta {
  if (start.state !== 'preparing' || !start.warehousePrep) return start;
  let meta = start;
  let prep: WarehousePrep = start.warehousePrep;
  if (!prep.done) {
    const warehouse = requireCampaignWarehouse(ctx);
    const src = warehouseAudienceSource(ctx, meta.spreadsheetId, meta.segment, meta.template);
    if ('problem' in src) return closed(ctx, meta, `${src.problem} Nothing was sent.`);
    const job = audienceJobOf(meta, prep.coolDownDays);
    const stampMs = Date.parse(meta.createdAt);
    while (!prep.done && ctx.elapsedMs() < untilMs) {
      const rows = warehouse.segmentPage(
        src.segment.query,
        { campaignId: meta.id, afterRowId: prep.afterRowId, limit: prep.pageMembers },
        ctx.clock.now(),
      );
      const { plan, rowIds } = planPage(ctx, src, job, rows, 'exclude', warehouse.headers());
      // The rows first (the same ids and stamp if this page is ever written again), then the cursor.
      appendAudience(
        warehouse,
        meta,
        ctx,
        plan.entries.map((e) => ({ ...e, rowId: rowIds.get(e.email) ?? 0 })),
        stampMs,
      );
      prep = {
        ...prep,
        afterRowId: rows.length ? rows[rows.length - 1]!.rowId : prep.afterRowId,
        done: rows.length < prep.pageMembers,
        pages: prep.pages + 1,
        members: prep.members + plan.members,
        emailed: prep.emailed + plan.emailed,
        holdout: prep.holdout + plan.holdout,
        excluded: prep.excluded + excludedOf(plan.excluded),
      };
      meta = { ...meta, warehousePrep: prep };
      saveCampaign(ctx.userStore, meta);
    }
  }
  if (!prep.done) return meta;
  const { warehousePrep: _done, note: _waiting, ...rest } = meta;
  return confirmStart(ctx, { ...rest, state: 'starting' }, 'start', NOBODY_NOTE);
}
