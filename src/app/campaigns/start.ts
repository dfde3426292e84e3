/**
 * Starting a campaign: one idempotent transaction under the user's lock, keyed by the preview's id.
 *
 *   1. plan the audience (exclusions counted, holdout drawn from the id, blanks found); a member
 *      whose email would have a blank blocks the start;
 *   2. install the hourly trigger and record the campaign as "starting", before any long work, so a
 *      Start that dies from here on is finished (or closed, saying why) by the next run;
 *   3. append the recipient rows the tab does not have yet (by key: a retry never writes a row twice);
 *   4. confirm: record the count and checksum of the campaign's rows and move it to "sending".
 *
 * Pressing Start again (a double click, a retried request, a Start that died) with the same preview
 * id runs the same steps and completes whatever the first try began; a started campaign is "already".
 */
import { lastEmailedAt } from '../../core/campaigns/log';
import { baselineOf } from '../../core/campaigns/log-check';
import {
  planAudience,
  type AudienceInput,
  type AudiencePlan,
  type BlockedMember,
} from '../../core/campaigns/audience';
import type { Customer } from '../../core/customers/customer';
import type { TeamSettings } from '../../core/settings/team-settings';
import type { AppContext } from '../context';
import { UserFacingError } from '../errors';
import { loadCampaign, newCampaignId, saveCampaign, type CampaignMeta } from './meta';
import { confirmStart } from './confirm-start';
import { HOURLY_HANDLER, keepHourlyTrigger } from './trigger-upkeep';
import { APPEND_EVERY_ROWS, prepareAudience } from './audience-job';
import { CHUNK_CELLS, startWalk } from '../jobs/sheet-walk';
import type { CustomerSheet } from '../../ports/customer-sheet';

export interface CampaignRequest {
  name: string;
  template: string;
  segment: string;
  spreadsheetId: string;
  members: readonly Customer[];
  /** A win-back template goes to churned customers only. */
  winBack: boolean;
  /** Members whose email would have a blank (missing field, no fallback), with why. */
  unmergeable: ReadonlyMap<string, string>;
  /** Problems of the sheet that stop any send (see core/campaigns/sheet-gate): required, so no caller forgets. */
  sheetBlockers: readonly string[];
  team: TeamSettings;
  /** The offer's guard rail per member (src/app/campaigns/audience-guard.ts). */
  guard?: AudienceInput['guard'];
  /**
   * The id the preview planned with (same holdout draw). Starting twice with one id (a double click,
   * a retried request) completes or finds the campaign instead of starting a second one.
   */
  id?: string;
}

export type StartResult =
  | { kind: 'started'; meta: CampaignMeta; plan: AudiencePlan }
  | { kind: 'blocked'; blocked: BlockedMember[]; plan: AudiencePlan }
  | { kind: 'empty'; plan: AudiencePlan }
  | { kind: 'sheetBlocked'; problems: readonly string[] }
  | { kind: 'already'; meta: CampaignMeta };

/** How long Start waits for the user's other run (a batch from the card, the trigger) to finish. */
export const START_LOCK_WAIT_MS = 8_000;

/** Last time each address was sent a campaign email, from every campaign in the tab. */
export function lastEmailedFrom(ctx: AppContext, spreadsheetId: string): Map<string, Date> {
  return lastEmailedAt(ctx.campaignLog(spreadsheetId).readAll().recipients);
}

export function planCampaign(ctx: AppContext, request: CampaignRequest, id: string): AudiencePlan {
  return planAudience({
    campaignId: id,
    campaign: request.name,
    members: request.members,
    winBack: request.winBack,
    lastEmailed: lastEmailedFrom(ctx, request.spreadsheetId),
    coolDownDays: request.team.coolDownDays,
    holdoutPercent: request.team.holdoutPercent,
    today: ctx.clock.now(),
    unmergeable: request.unmergeable,
    ...(request.guard ? { guard: request.guard } : {}),
  });
}

/** A Start that found the user's lock held: it did nothing, and pressing it again continues the same campaign. */
export function startBusy(): never {
  throw new UserFacingError(
    'Another ChurnGuard run is busy',
    'A campaign batch or a start of yours is still running, so this start waited and did nothing.',
    'Press Start again in a minute: it continues this same campaign, never a second one.',
  );
}

export function startCampaign(ctx: AppContext, request: CampaignRequest): StartResult {
  const id = request.id ?? newCampaignId(ctx.clock.now());
  const result = ctx.locks.withUserLock(START_LOCK_WAIT_MS, () => startLocked(ctx, request, id));
  return result ?? startBusy();
}

function startLocked(ctx: AppContext, request: CampaignRequest, id: string): StartResult {
  const existing = loadCampaign(ctx.userStore, id);
  if (existing && existing.state !== 'starting') {
    // The first try may have died before the trigger was kept: make sure the rest gets sent.
    keepHourlyTrigger(ctx);
    return { kind: 'already', meta: existing };
  }
  // An ambiguous Email column stops a new start before anything is planned or written.
  if (!existing && request.sheetBlockers.length > 0)
    return { kind: 'sheetBlocked', problems: request.sheetBlockers };
  // The same id draws the same holdout, so a retry plans the same rows (cool-downs aside: a row the
  // first try wrote is never written again, and the confirm step records the rows as they are).
  const plan = planCampaign(ctx, request, id);
  if (!existing) {
    if (plan.blocked.length > 0) return { kind: 'blocked', blocked: plan.blocked, plan };
    if (plan.emailed === 0) return { kind: 'empty', plan };
  }
  const meta: CampaignMeta = existing ?? {
    ...campaignRecord(ctx, request, id, 'starting'),
    // What the rows will be: if this Start dies after writing them, the run that confirms it checks them.
    logBaseline: baselineOf(plan.entries),
    planned: {
      emailed: plan.emailed,
      holdout: plan.holdout,
      excluded: Object.values(plan.excluded).reduce((a, b) => a + b, 0),
    },
  };
  // The trigger before the record: a Start killed between the two leaves a trigger that finds nothing
  // and removes itself, never a "starting" campaign that no trigger will ever finish.
  ctx.triggers.installHourly(HOURLY_HANDLER);
  if (!existing) saveCampaign(ctx.userStore, meta);
  // A member blocked now (their row lost a field since the first try) is not written: the rest go.
  const blocked = new Set(plan.blocked.map((b) => b.email));
  ctx.campaignLog(request.spreadsheetId).append(plan.entries.filter((e) => !blocked.has(e.email)));
  return { kind: 'started', meta: confirmStart(ctx, meta, 'start'), plan };
}

/** What every new campaign records the same way, whichever Start made it (member list or segment). */
export function campaignRecord(
  ctx: AppContext,
  request: Pick<CampaignRequest, 'name' | 'template' | 'segment' | 'spreadsheetId' | 'winBack' | 'team'>,
  id: string,
  state: 'starting' | 'preparing',
) {
  return {
    id,
    name: request.name,
    template: request.template,
    segment: request.segment,
    spreadsheetId: request.spreadsheetId,
    createdAt: ctx.clock.now().toISOString(),
    createdBy: ctx.session.email(),
    state,
    winBack: request.winBack,
    holdoutPercent: request.team.holdoutPercent,
  };
}

/** A campaign on a saved segment: its audience is written after Start, chunk by chunk. */
export interface SegmentCampaignRequest {
  id: string;
  name: string;
  template: string;
  segment: string;
  spreadsheetId: string;
  winBack: boolean;
  team: TeamSettings;
  /** Problems of the sheet's header that stop any send (two Email columns): read from the header alone. */
  sheetBlockers: readonly string[];
  /** Cells a chunk of the customer tab reads (default CHUNK_CELLS); tests and benches make it small. */
  chunkCells?: number;
  /** Rows between keyed appends (default APPEND_EVERY_ROWS); tests make it small. */
  appendEvery?: number;
  /** The exact holdout cut from the check of the whole audience (src/core/campaigns/holdout.ts), if it had one. */
  holdoutCut?: string;
}

export type SegmentStartResult =
  | { kind: 'started'; meta: CampaignMeta }
  | { kind: 'sheetBlocked'; problems: readonly string[] }
  | { kind: 'already'; meta: CampaignMeta };

/**
 * Start's own step writes the audience only while the whole customer tab fits in CARD_STEP_CHUNKS
 * chunks (120,000 cells) and the Campaigns tab in LOG_ROWS_ON_CARD rows (read once for the cool-down,
 * once for the keyed append): the bundled sample prepares and sends at once, a 100k-row sheet is left
 * to the trigger.
 */
export const CARD_STEP_CHUNKS = 2;
export const CARD_STEP_CELLS = CARD_STEP_CHUNKS * CHUNK_CELLS;
export const LOG_ROWS_ON_CARD = 10_000;
/** The step stops starting chunks after this much of the card's execution. */
export const CARD_STEP_UNTIL_MS = 5_000;

/**
 * Starting a segment campaign, in constant time whatever the sheet's size: the hourly trigger first,
 * then the campaign record ("preparing", with its cursor at the top of the customer tab and the team
 * settings it plans with), then at most one bounded step of the audience. A Start killed anywhere
 * leaves either nothing (no record: the trigger finds nothing and removes itself) or a "preparing"
 * campaign that the next run continues. Pressing Start again with the same id finds it.
 */
export function startSegmentCampaign(
  ctx: AppContext,
  request: SegmentCampaignRequest,
  sheet: CustomerSheet,
): SegmentStartResult {
  const result = ctx.locks.withUserLock(START_LOCK_WAIT_MS, (): SegmentStartResult => {
    const existing = loadCampaign(ctx.userStore, request.id);
    if (existing) {
      keepHourlyTrigger(ctx);
      return { kind: 'already', meta: existing };
    }
    if (request.sheetBlockers.length > 0) return { kind: 'sheetBlocked', problems: request.sheetBlockers };
    const walk = startWalk(sheet, request.chunkCells);
    ctx.triggers.installHourly(HOURLY_HANDLER);
    const meta: CampaignMeta = {
      ...campaignRecord(ctx, request, request.id, 'preparing'),
      ...(request.holdoutCut !== undefined ? { holdoutCut: request.holdoutCut } : {}),
      planned: { emailed: 0, holdout: 0, excluded: 0 },
      prep: {
        walk,
        restarts: 0,
        members: 0,
        emailed: 0,
        holdout: 0,
        excluded: 0,
        coolDownDays: request.team.coolDownDays,
        appendEvery: request.appendEvery ?? APPEND_EVERY_ROWS,
      },
    };
    saveCampaign(ctx.userStore, meta);
    const small =
      walk.endRow - 1 <= CARD_STEP_CHUNKS * walk.chunkRows &&
      ctx.campaignLog(request.spreadsheetId).rowCount() <= LOG_ROWS_ON_CARD;
    return {
      kind: 'started',
      meta: small ? prepareAudience(ctx, meta, CARD_STEP_UNTIL_MS) : meta,
    };
  });
  return result ?? startBusy();
}
