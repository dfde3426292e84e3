/**
 * The campaign wizard on the warehouse store (issue 21): the audience check reads the segment's
 * first page of members (exact when the segment fits in it, "first 2,000 of N" otherwise), and Start
 * records a campaign whose audience and log are in BigQuery. A segment that fits in one page has its
 * checked rows written by Start itself (the check's plan, not a second read), so it sends from the
 * next run; a larger one is written page by page by the hourly trigger (warehouse-audience.ts).
 */
import { withExactHoldout, type AudiencePlan } from '../../core/campaigns/audience';
import type { Customer } from '../../core/customers/customer';
import type { Query } from '../../core/segments';
import type { TeamSettings } from '../../core/settings/team-settings';
import type { AppContext } from '../context';
import { UserFacingError } from '../errors';
import { WAREHOUSE_CELLS, WAREHOUSE_SHEET_NAME } from '../warehouse-customer';
import type { AudienceCheckJob, CheckedAudience } from './audience-check';
import { withLanguages } from './audience-job';
import { confirmStart } from './confirm-start';
import { loadCampaign, saveCampaign, type CampaignMeta } from './meta';
import { campaignRecord, START_LOCK_WAIT_MS, startBusy } from './start';
import { HOURLY_HANDLER, keepHourlyTrigger } from './trigger-upkeep';
import { CARD_PAGE_MEMBERS, PAGE_MEMBERS, planPage, warehouseAudienceSource } from './warehouse-audience';
import { appendAudience, requireCampaignWarehouse, withCampaignLog } from './warehouse-log';

/** The segment's first page of members planned as the sheet's check plans its rows (blanks block). */
export function checkWarehouseAudience(
  ctx: AppContext,
  spreadsheetId: string,
  job: AudienceCheckJob,
  pageMembers = CARD_PAGE_MEMBERS,
): CheckedAudience & { rowIds: Map<string, number> } {
  const src = warehouseAudienceSource(ctx, spreadsheetId, job.segment, job.template);
  if ('problem' in src)
    throw new UserFacingError(
      'This campaign cannot be planned',
      src.problem,
      'Fix it in the Segments or Templates tab, or pick another.',
    );
  const warehouse = requireCampaignWarehouse(ctx);
  const today = ctx.clock.now();
  const rows = warehouse.segmentPage(
    src.segment.query,
    { campaignId: job.id, afterRowId: 0, limit: pageMembers },
    today,
  );
  const whole = rows.length < pageMembers;
  const holdoutPercent = job.holdoutPercent ?? src.team.holdoutPercent;
  const {
    plan: part,
    read,
    rowIds,
  } = planPage(
    ctx,
    src,
    { ...job, holdoutPercent, coolDownDays: src.team.coolDownDays },
    rows,
    'block',
    warehouse.headers(),
  );
  let plan: AudiencePlan = part;
  let holdoutCut: string | undefined;
  // Every member seen: the holdout is drawn exactly over the whole audience, as on a sheet checked whole.
  if (whole) ({ plan, cut: holdoutCut } = withExactHoldout(plan, job.id, holdoutPercent, part.blanks));
  const { entries, languages } = withLanguages(plan.entries, part.choices);
  // Only a full first page costs the count of the whole segment (a second query).
  const total = whole
    ? rows.length
    : (warehouse.segmentFigures([src.segment.query], today)[0]?.customers ?? 0);
  return {
    src,
    plan: { ...plan, entries },
    members: part.members,
    customers: new Map<string, Customer>(read.customers.map((c) => [c.email, c])),
    sheet: { ...WAREHOUSE_CELLS, sheetName: WAREHOUSE_SHEET_NAME },
    gate: { blockers: [], leftOut: [] },
    causes: part.causes,
    checked: { done: rows.length, total: Math.max(total, rows.length) },
    coolDownUnchecked: false,
    holdoutPercent,
    ...(holdoutCut !== undefined ? { holdoutCut } : {}),
    languages,
    rowIds,
  };
}

/** The setup card's figure on the warehouse: the segment's size, one count query. */
export function warehouseSetupFigures(
  ctx: AppContext,
  query: Query,
): Pick<CheckedAudience, 'members' | 'checked'> {
  const [figures] = requireCampaignWarehouse(ctx).segmentFigures([query], ctx.clock.now());
  const members = figures?.customers ?? 0;
  return { members, checked: { done: members, total: members } };
}

export interface WarehouseStart {
  id: string;
  name: string;
  template: string;
  segment: string;
  spreadsheetId: string;
  winBack: boolean;
  team: TeamSettings;
  /** Members a page reads (default PAGE_MEMBERS); tests make it small to walk many pages. */
  pageMembers?: number;
}

export type WarehouseStartResult =
  | { kind: 'started' | 'already'; meta: CampaignMeta }
  | { kind: 'blocked'; count: number }
  | { kind: 'empty' };

/**
 * Start on the warehouse: the trigger, then the record ("preparing", cursor at the top), then, when
 * the check saw the whole segment, its rows and the confirm. Pressing Start again finds the campaign.
 */
export function startWarehouseCampaign(ctx: AppContext, request: WarehouseStart): WarehouseStartResult {
  const result = ctx.locks.withUserLock(START_LOCK_WAIT_MS, (): WarehouseStartResult => {
    const existing = loadCampaign(ctx.userStore, request.id);
    if (existing) {
      keepHourlyTrigger(ctx);
      return { kind: 'already', meta: existing };
    }
    const checked = checkWarehouseAudience(
      ctx,
      request.spreadsheetId,
      {
        id: request.id,
        name: request.name,
        segment: request.segment,
        template: request.template,
        winBack: request.winBack,
        holdoutPercent: request.team.holdoutPercent,
      },
      request.pageMembers,
    );
    const whole = checked.checked.done === checked.checked.total;
    if (whole && checked.plan.blocked.length > 0)
      return { kind: 'blocked', count: checked.plan.blocked.length };
    if (whole && checked.plan.emailed === 0) return { kind: 'empty' };
    ctx.triggers.installHourly(HOURLY_HANDLER);
    let meta: CampaignMeta = {
      ...campaignRecord(ctx, request, request.id, 'preparing'),
      store: 'bigquery',
      ...(checked.holdoutCut !== undefined ? { holdoutCut: checked.holdoutCut } : {}),
      planned: { emailed: 0, holdout: 0, excluded: 0 },
      warehousePrep: {
        afterRowId: 0,
        done: false,
        pages: 0,
        members: 0,
        emailed: 0,
        holdout: 0,
        excluded: 0,
        coolDownDays: request.team.coolDownDays,
        pageMembers: request.pageMembers ?? PAGE_MEMBERS,
      },
    };
    saveCampaign(ctx.userStore, meta);
    if (!whole) return { kind: 'started', meta };
    const wctx = withCampaignLog(ctx, meta);
    appendAudience(
      requireCampaignWarehouse(ctx),
      meta,
      ctx,
      checked.plan.entries.map((e) => ({ ...e, rowId: checked.rowIds.get(e.email) ?? 0 })),
      Date.parse(meta.createdAt),
    );
    const { warehousePrep: _written, ...rest } = meta;
    meta = confirmStart(wctx, { ...rest, state: 'starting' }, 'start');
    return { kind: 'started', meta };
  });
  return result ?? startBusy();
}
