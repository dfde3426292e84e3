/**
 * The single action dispatcher. Every card button calls the one global `onCardAction` with an
 * `action` parameter; this table maps it to a handler and validates the rest of the parameters,
 * so adding an action never means adding a global function.
 */
import { UserFacingError } from './errors';
import * as z from '../core/zod';
import { changeAlert, type AlertChange } from './watch/alert-actions';
import { changeWarehouseAlert, refreshFromSource } from './warehouse-features';
import { requireConnected } from './connected';
import { insertOffer } from './handlers/compose';
import { buildOutcomesCard } from './campaigns/outcomes';
import type { ActionResponse } from '../ui/card/types';
import { ACTION, type ActionName } from '../ui/action-names';
import { helpCard } from '../ui/cards/help';
import type { AppContext } from './context';
import type { AddonEvent } from './events';
import { buildHomepage } from './handlers/home';
import {
  buildSettingsCard,
  createStarterSheetAction,
  saveSettingsAction,
  scanNowAction,
} from './handlers/settings';
import {
  applyBulkTag,
  buildSegmentCard,
  buildSegmentsCard,
  previewBulkTag,
  undoBulkChange,
} from './segments/handlers';
import {
  acceptLogFromCard,
  buildCampaignCard,
  buildCampaignsCard,
  continueFromCard,
  controlCampaign,
  retryFromCard,
  settleFromCard,
} from './campaigns/campaign-card';
import {
  buildCampaignSetup,
  previewCampaign,
  sendTestEmail,
  startCampaignAction,
  wizardOf,
} from './campaigns/wizard';
import { buildCustomerCard, buildRiskExplanation, draftReply } from './handlers/message';
import { rescoreAction } from './handlers/rescore';
import { learnFromHistory } from './handlers/learn';
import { openColumns, saveColumns } from './handlers/columns';
import { openScoring, saveScoring } from './handlers/scoring';
import { addCustomer, markStatus, openNote, openTags, saveNote, saveTags } from './handlers/customer-actions';

interface ActionSpec {
  params: z.ZodMiniType<Record<string, string>>;
  run(ctx: AppContext, params: Record<string, string>, event: AddonEvent): ActionResponse;
}

const noParams = z.looseObject({}) as unknown as z.ZodMiniType<Record<string, string>>;
const params = (shape: Parameters<typeof z.object>[0]) =>
  z.object(shape) as unknown as z.ZodMiniType<Record<string, string>>;
const emailParam = params({ email: z.email('email must be an email address') });
const pageParam = z.optional(z.string().check(z.regex(/^\d{1,4}$/, 'page must be a page number')));
const segmentName = z
  .string()
  .check(z.trim(), z.minLength(1, 'segment must name a segment'), z.maxLength(100));
const segmentParam = params({ segment: segmentName });
const campaignId = z.string().check(z.regex(/^cmp-[a-z0-9-]{4,40}$/, 'id must be a campaign id'));
const campaignParam = params({ id: campaignId });
const wizardParams = params({
  segment: segmentName,
  template: z.optional(z.string().check(z.maxLength(120))),
  name: z.optional(z.string().check(z.maxLength(120))),
  id: z.optional(campaignId),
  index: z.optional(z.string().check(z.regex(/^\d{1,6}$/, 'index must be a number'))),
  holdout: z.optional(z.enum(['off'])),
});

/**
 * Work started from Settings (a scan, learning) changes what Settings shows: answer with the card
 * rebuilt from the state the work produced, and its toast, so it never says "No scan has run yet"
 * right after a scan.
 */
function withFreshSettings(ctx: AppContext, response: ActionResponse): ActionResponse {
  if (response.kind !== 'notify') return response;
  return {
    kind: 'navigate',
    steps: [{ kind: 'update', card: buildSettingsCard(ctx) }],
    notification: response.notification,
    ...(response.stateChanged ? { stateChanged: true } : {}),
  };
}

const ACTIONS: Record<ActionName, ActionSpec> = {
  [ACTION.openSettings]: {
    params: noParams,
    run: (ctx) => ({ kind: 'navigate', steps: [{ kind: 'push', card: buildSettingsCard(ctx) }] }),
  },
  [ACTION.saveSettings]: { params: noParams, run: (ctx, _p, event) => saveSettingsAction(ctx, event) },
  [ACTION.openHelp]: {
    params: noParams,
    run: () => ({ kind: 'navigate', steps: [{ kind: 'push', card: helpCard() }] }),
  },
  [ACTION.explainRisk]: {
    params: z.object({
      email: z.email('email must be an email address'),
      intent: z.optional(z.string().check(z.maxLength(2000))),
    }) as unknown as z.ZodMiniType<Record<string, string>>,
    run: (ctx, p) => ({
      kind: 'navigate',
      steps: [{ kind: 'push', card: buildRiskExplanation(ctx, p.email as string, p.intent) }],
    }),
  },
  [ACTION.rescoreAll]: { params: noParams, run: (ctx) => rescoreAction(ctx) },
  [ACTION.learnFromHistory]: {
    params: noParams,
    run: (ctx) => withFreshSettings(ctx, learnFromHistory(ctx)),
  },
  [ACTION.showCustomer]: {
    params: params({
      email: z.email('email must be an email address'),
      row: z.optional(z.string().check(z.regex(/^\d{1,7}$/, 'row must be a row number'))),
    }),
    run: (ctx, p, e) => ({
      kind: 'navigate',
      steps: [
        {
          kind: 'push',
          card: buildCustomerCard(ctx, p.email as string, p.row ? Number(p.row) : undefined, e),
        },
      ],
    }),
  },
  [ACTION.draftReply]: {
    params: params({
      email: z.email('email must be an email address'),
      template: z.string().check(z.trim(), z.minLength(1, 'template must name a template'), z.maxLength(200)),
      offer: z.optional(z.string().check(z.trim(), z.maxLength(200))),
    }),
    run: (ctx, p, e) => draftReply(ctx, p.email as string, p.template as string, e, p.offer),
  },
  [ACTION.goBack]: { params: noParams, run: () => ({ kind: 'navigate', steps: [{ kind: 'pop' }] }) },
  [ACTION.openSegments]: {
    params: params({ page: pageParam, refresh: z.optional(z.literal('1')) }),
    run: (ctx, p) => {
      const card = buildSegmentsCard(ctx, Number(p.page ?? 0), p.refresh === '1');
      return { kind: 'navigate', steps: [{ kind: p.page === undefined ? 'push' : 'update', card }] };
    },
  },
  [ACTION.openSegment]: {
    params: segmentParam,
    run: (ctx, p) => ({
      kind: 'navigate',
      steps: [{ kind: 'push', card: buildSegmentCard(ctx, p.segment!) }],
    }),
  },
  [ACTION.previewBulkTag]: {
    params: params({ segment: segmentName, operation: z.enum(['add', 'remove']) }),
    run: (ctx, p, e) => previewBulkTag(ctx, p.segment!, p.operation as 'add' | 'remove', e),
  },
  [ACTION.applyBulkTag]: {
    params: params({
      segment: segmentName,
      operation: z.enum(['add', 'remove']),
      tag: z.string().check(z.maxLength(60)),
    }),
    run: (ctx, p) => applyBulkTag(ctx, p.segment!, p.operation as 'add' | 'remove', p.tag!),
  },
  [ACTION.undoBulkChange]: { params: noParams, run: (ctx) => undoBulkChange(ctx) },
  [ACTION.newCampaign]: {
    params: segmentParam,
    run: (ctx, p) => ({
      kind: 'navigate',
      steps: [{ kind: 'push', card: buildCampaignSetup(ctx, p.segment!) }],
    }),
  },
  [ACTION.previewCampaign]: {
    params: wizardParams,
    run: (ctx, p, e) => ({
      kind: 'navigate',
      steps: [
        {
          // The setup card's button names no campaign (the name is in its form): the first check is pushed.
          kind: p.name ? 'update' : 'push',
          card: previewCampaign(ctx, wizardOf(ctx, p, e), Number(p.index ?? 0)),
        },
      ],
    }),
  },
  [ACTION.sendTestEmail]: {
    params: wizardParams,
    run: (ctx, p, e) => sendTestEmail(ctx, wizardOf(ctx, p, e), Number(p.index ?? 0)),
  },
  [ACTION.startCampaign]: {
    params: wizardParams,
    run: (ctx, p, e) => startCampaignAction(ctx, wizardOf(ctx, p, e)),
  },
  [ACTION.openCampaigns]: {
    params: noParams,
    run: (ctx) => ({ kind: 'navigate', steps: [{ kind: 'push', card: buildCampaignsCard(ctx) }] }),
  },
  [ACTION.openCampaign]: {
    params: campaignParam,
    run: (ctx, p) => ({ kind: 'navigate', steps: [{ kind: 'push', card: buildCampaignCard(ctx, p.id!) }] }),
  },
  [ACTION.continueCampaign]: { params: campaignParam, run: (ctx, p) => continueFromCard(ctx, p.id!) },
  [ACTION.campaignControl]: {
    params: params({ id: campaignId, change: z.enum(['pause', 'resume', 'cancel']) }),
    run: (ctx, p) => controlCampaign(ctx, p.id!, p.change as 'pause' | 'resume' | 'cancel'),
  },
  [ACTION.retryFailed]: { params: campaignParam, run: (ctx, p) => retryFromCard(ctx, p.id!) },
  [ACTION.acceptCampaignLog]: { params: campaignParam, run: (ctx, p) => acceptLogFromCard(ctx, p.id!) },
  [ACTION.settleReview]: {
    params: params({
      id: campaignId,
      email: z.email('email must be an email address'),
      went: z.enum(['yes', 'no']),
    }),
    run: (ctx, p) => settleFromCard(ctx, p.id!, p.email!, p.went === 'yes'),
  },
  [ACTION.alertStatus]: {
    params: params({
      key: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
      change: z.enum(['acknowledged', 'snoozed', 'done']),
    }),
    run: (ctx, p) => {
      const { spreadsheetId } = requireConnected(ctx);
      const warehouse = ctx.warehouse?.();
      const notification = warehouse
        ? changeWarehouseAlert(ctx, warehouse, p.key!, p.change as AlertChange)
        : changeAlert(ctx, spreadsheetId, p.key!, p.change as AlertChange);
      return {
        kind: 'navigate',
        steps: [{ kind: 'update', card: buildHomepage(ctx) }],
        notification,
        stateChanged: true,
      };
    },
  },
  [ACTION.openOutcomes]: {
    params: noParams,
    run: (ctx) => ({ kind: 'navigate', steps: [{ kind: 'push', card: buildOutcomesCard(ctx) }] }),
  },
  [ACTION.insertOffer]: { params: emailParam, run: (ctx, p, e) => insertOffer(ctx, p.email!, e) },
  [ACTION.scanNow]: { params: noParams, run: (ctx) => withFreshSettings(ctx, scanNowAction(ctx)) },
  [ACTION.refreshFromSource]: {
    params: noParams,
    run: (ctx) => withFreshSettings(ctx, refreshFromSource(ctx)),
  },
  [ACTION.createStarterSheet]: { params: noParams, run: (ctx) => createStarterSheetAction(ctx) },
  [ACTION.openNote]: { params: emailParam, run: (ctx, p) => openNote(ctx, p.email as string) },
  [ACTION.saveNote]: { params: emailParam, run: (ctx, p, e) => saveNote(ctx, p.email as string, e) },
  [ACTION.openTags]: { params: emailParam, run: (ctx, p) => openTags(ctx, p.email as string) },
  [ACTION.saveTags]: {
    params: params({
      email: z.email('email must be an email address'),
      impactWas: z.optional(z.enum(['', 'Severe', 'Hit', 'Stable', 'Booming'])),
      tagsWas: z.optional(z.string().check(z.maxLength(20_000))),
    }),
    run: (ctx, p, e) => saveTags(ctx, p.email as string, e),
  },
  [ACTION.markStatus]: {
    params: params({
      email: z.email('email must be an email address'),
      status: z.enum(['churned', 'saved']),
    }),
    run: (ctx, p, e) => markStatus(ctx, p.email as string, p.status as 'churned' | 'saved', e),
  },
  [ACTION.addCustomer]: {
    params: params({
      email: z.string().check(z.minLength(3), z.maxLength(320)),
      name: z._default(z.string().check(z.maxLength(200)), ''),
    }),
    run: (ctx, p) => addCustomer(ctx, p.email as string, p.name ?? ''),
  },
  [ACTION.homePage]: {
    params: z.object({
      page: z.string().check(z.regex(/^\d{1,4}$/, 'page must be a page number')),
    }) as unknown as z.ZodMiniType<Record<string, string>>,
    run: (ctx, p) => ({
      kind: 'navigate',
      steps: [{ kind: 'update', card: buildHomepage(ctx, Number(p.page)) }],
    }),
  },
  [ACTION.openColumns]: { params: noParams, run: (ctx) => openColumns(ctx) },
  [ACTION.saveColumns]: { params: noParams, run: (ctx, _p, e) => saveColumns(ctx, e) },
  [ACTION.openScoring]: { params: noParams, run: (ctx) => openScoring(ctx) },
  [ACTION.saveScoring]: { params: noParams, run: (ctx, _p, e) => saveScoring(ctx, e) },
  [ACTION.refreshHome]: {
    params: noParams,
    // Refresh recounts the portfolio: a background rescore, with one step run here.
    run: (ctx) => ({ kind: 'navigate', steps: [{ kind: 'update', card: buildHomepage(ctx, 0, 'rescore') }] }),
  },
};

export const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];

/**
 * An action name or parameters no card of this version sends: a card from an older version, or a
 * tampered request. The user can fix it by reopening the card, so it is not reported as a failure.
 */
export class UnknownActionError extends UserFacingError {
  constructor(detail: string) {
    super('This card is out of date', detail, 'Go back to the homepage and open the card again.');
    this.name = 'UnknownActionError';
  }
}

export function dispatchAction(ctx: AppContext, event: AddonEvent): ActionResponse {
  const { action, ...rest } = event.parameters;
  if (!action || !(action in ACTIONS)) {
    throw new UnknownActionError(
      `Unknown action "${action ?? ''}". The card may come from an older version; reopen it.`,
    );
  }
  const spec = ACTIONS[action as ActionName];
  const params = spec.params.safeParse(rest);
  if (!params.success) {
    const issue = params.error.issues[0];
    throw new UnknownActionError(
      `Action "${action}" got a bad parameter ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return spec.run(ctx, params.data, event);
}
