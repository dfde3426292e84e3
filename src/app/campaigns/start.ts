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
import { planAudience, type AudiencePlan, type BlockedMember } from '../../core/campaigns/audience';
import type { Customer } from '../../core/customers/customer';
import type { TeamSettings } from '../../core/settings/team-settings';
import type { AppContext } from '../context';
import { UserFacingError } from '../errors';
import { loadCampaign, newCampaignId, saveCampaign, type CampaignMeta } from './meta';
import { confirmStart } from './confirm-start';
import { HOURLY_HANDLER, keepHourlyTrigger } from './trigger-upkeep';

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
const START_LOCK_WAIT_MS = 8_000;

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
  });
}

export function startCampaign(ctx: AppContext, request: CampaignRequest): StartResult {
  const id = request.id ?? newCampaignId(ctx.clock.now());
  const result = ctx.locks.withUserLock(START_LOCK_WAIT_MS, () => startLocked(ctx, request, id));
  if (result === null)
    throw new UserFacingError(
      'Another ChurnGuard run is busy',
      'A campaign batch or a start of yours is still running, so this start waited and did nothing.',
      'Press Start again in a minute: it continues this same campaign, never a second one.',
    );
  return result;
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
    id,
    name: request.name,
    template: request.template,
    segment: request.segment,
    spreadsheetId: request.spreadsheetId,
    createdAt: ctx.clock.now().toISOString(),
    createdBy: ctx.session.email(),
    state: 'starting',
    winBack: request.winBack,
    holdoutPercent: request.team.holdoutPercent,
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
