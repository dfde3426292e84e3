/**
 * Starting a campaign: the audience is planned (exclusions counted, holdout drawn, blanks found)
 * and, only if no recipient would get an email with a blank in it, every recipient is written to
 * the Campaigns tab as pending/holdout/excluded in one batched write before anything is sent.
 */
import { lastEmailedAt } from '../../core/campaigns/log';
import { planAudience, type AudiencePlan, type BlockedMember } from '../../core/campaigns/audience';
import type { Customer } from '../../core/customers/customer';
import type { TeamSettings } from '../../core/settings/team-settings';
import type { AppContext } from '../context';
import { loadCampaign, newCampaignId, saveCampaign, type CampaignMeta } from './meta';
import { keepHourlyTrigger } from './run';

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
   * a retried request) finds the campaign already started instead of starting a second one.
   */
  id?: string;
}

export type StartResult =
  | { kind: 'started'; meta: CampaignMeta; plan: AudiencePlan }
  | { kind: 'blocked'; blocked: BlockedMember[]; plan: AudiencePlan }
  | { kind: 'empty'; plan: AudiencePlan }
  | { kind: 'sheetBlocked'; problems: readonly string[] }
  | { kind: 'already'; meta: CampaignMeta };

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
  const now = ctx.clock.now();
  const id = request.id ?? newCampaignId(now);
  const existing = loadCampaign(ctx.userStore, id);
  if (existing) return { kind: 'already', meta: existing };
  if (request.sheetBlockers.length > 0) return { kind: 'sheetBlocked', problems: request.sheetBlockers };
  const plan = planCampaign(ctx, request, id);
  if (plan.blocked.length > 0) return { kind: 'blocked', blocked: plan.blocked, plan };
  if (plan.emailed === 0) return { kind: 'empty', plan };
  ctx.campaignLog(request.spreadsheetId).append(plan.entries);
  const meta: CampaignMeta = {
    id,
    name: request.name,
    template: request.template,
    segment: request.segment,
    spreadsheetId: request.spreadsheetId,
    createdAt: now.toISOString(),
    createdBy: ctx.session.email(),
    state: 'sending',
    winBack: request.winBack,
    holdoutPercent: request.team.holdoutPercent,
    planned: {
      emailed: plan.emailed,
      holdout: plan.holdout,
      excluded: Object.values(plan.excluded).reduce((a, b) => a + b, 0),
    },
  };
  saveCampaign(ctx.userStore, meta);
  keepHourlyTrigger(ctx);
  return { kind: 'started', meta, plan };
}
