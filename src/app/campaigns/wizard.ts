/**
 * The campaign cards' actions: set up (segment + template), check the audience and preview each
 * recipient's email, send a test to yourself, start (first batch sent from the card, the rest by
 * the hourly trigger), follow progress, pause / resume / cancel, and settle recipients in review.
 */
import { sheetGate } from '../../core/campaigns/sheet-gate';
import {
  EXCLUSION_TEXT,
  guardRailWords,
  isWinBackTemplate,
  type ExclusionReason,
} from '../../core/campaigns/audience';
import { MOVE_LABELS, templateForMove } from '../../core/playbooks';
import { findTemplate, mergeTemplate, type Template } from '../../core/templates';
import { groupMergeProblems } from '../../core/templates/merge-problems';
import { count, formatDays } from '../../core/text/format';
import { applyPendingUnsubscribes } from '../unsubscribe/apply';
import { unsubscribeLanguage } from '../../core/unsubscribe/language';
import { withUnsubscribeFooter } from '../../core/unsubscribe/footer';
import type { ActionResponse, Card } from '../../ui/card/types';
import { campaignPreviewCard, campaignSetupCard, CAMPAIGN_FIELDS } from '../../ui/cards/campaigns';
import type { AppContext } from '../context';
import { UserFacingError } from '../errors';
import { formValue, type AddonEvent } from '../events';
import { loadTeamConfig, mergeContextFor, type TeamConfig } from '../retention-reply';
import { requireConnected } from '../connected';
import { withSheet } from '../sheet-errors';
import { readCustomers } from '../../core/sheet/read-customers';
import { recipientTemplate } from './audience-guard';
import { sheetComposer } from './composer';
import { buildCampaignCard } from './campaign-card';
import { loadCampaign, newCampaignId, type CampaignMeta } from './meta';
import { storeSettings } from '../store-choice';
import {
  checkWarehouseAudience,
  startWarehouseCampaign,
  warehouseAudienceSource,
  warehouseSetupFigures,
} from '../warehouse-features';
import { continueCampaign } from './run';
import { CARD_STEP_CELLS, CARD_STEP_UNTIL_MS, startSegmentCampaign } from './start';
import { audienceSource } from './audience-job';
import { languageName } from '../../core/templates/languages';
import { fallbackLines, variantsLine, type VariantChoice } from '../../core/templates/variants';
import { checkAudienceBounded, isExact, type CheckedAudience } from './audience-check';

/** "Kazakh" or "English (no variant in Kazakh)": the variant one recipient gets, and why. */
function variantLabel(choice: VariantChoice): string {
  const name = languageName(choice.language);
  return choice.fallback && choice.wanted ? `${name} (no variant in ${languageName(choice.wanted)})` : name;
}

const PREVIEW_ID = /^cmp-[a-z0-9-]{4,40}$/;

function templateNamed(config: TeamConfig, name: string): Template {
  const found = findTemplate(config, name);
  if (!found.ok)
    throw new UserFacingError(
      'Template cannot be used',
      found.reason,
      'Fix it in the Templates tab, or pick another template.',
    );
  return found.template;
}

export function buildCampaignSetup(ctx: AppContext, segmentName: string): Card {
  const { spreadsheetId } = requireConnected(ctx);
  const config = loadTeamConfig(ctx, spreadsheetId);
  if (config.templates.length === 0)
    throw new UserFacingError(
      'No templates',
      'The Templates tab has no templates to send.',
      'Add a row with a Name, Subject and Body to the Templates tab.',
    );
  const onWarehouse = storeSettings(ctx.userStore).kind === 'bigquery';
  const segmentConfigured = (onWarehouse ? warehouseAudienceSource : audienceSource)(
    ctx,
    spreadsheetId,
    segmentName,
    config.templates[0]!.name,
  );
  if ('problem' in segmentConfigured)
    throw new UserFacingError(
      'Segment not found',
      segmentConfigured.problem,
      'Open Segments again to see the current list and any problems in the tab.',
    );
  const { name: segment, playbook } = segmentConfigured.segment;
  const preferred = playbook ? templateForMove(playbook, config.templates) : undefined;
  const chosen = preferred ?? config.templates[0]!;
  // Counted from the top of the sheet for a few seconds: exact on a small sheet, "at least" on a large one.
  // The campaign's id from here on: every check and the Start draw the holdout with it, so the
  // group shown at the first check is the group the campaign keeps.
  const id = newCampaignId(ctx.clock.now());
  const job = { id, name: segment, segment, template: chosen.name, winBack: false };
  // On the warehouse the segment's size is one count (the check card plans its first page).
  const checked = onWarehouse
    ? warehouseSetupFigures(ctx, segmentConfigured.segment.query)
    : withSheet(() => checkAudienceBounded(ctx, spreadsheetId, job, CARD_STEP_UNTIL_MS));
  return campaignSetupCard({
    id,
    segment,
    members: checked.members,
    ...(checked.checked.done < checked.checked.total ? { partial: checked.checked } : {}),
    defaultName: `${segment} · ${ctx.clock.now().toISOString().slice(0, 10)}`,
    templates: config.templates.map((t) => ({ name: t.name, selected: t === chosen })),
    ...(preferred && playbook
      ? {
          note: `"${preferred.name}" carries this segment’s playbook (${MOVE_LABELS[playbook]}).`,
        }
      : {}),
  });
}

interface Wizard {
  segment: string;
  template: string;
  name: string;
  /** Chosen by the setup card and kept, so the holdout drawn at the first check is the one the campaign uses. */
  id: string;
  /** The user turned the holdout off (too small to measure): everyone is emailed. */
  holdoutOff: boolean;
}

/** The wizard's choices: the form on the first step, the parameters after that. */
export function wizardOf(
  ctx: AppContext,
  params: Record<string, string | undefined>,
  event: AddonEvent,
): Wizard {
  const template = params.template ?? formValue(event, CAMPAIGN_FIELDS.template);
  const name = (params.name ?? formValue(event, CAMPAIGN_FIELDS.name)).trim().slice(0, 120);
  if (!template)
    throw new UserFacingError('Pick a template', 'No template was chosen.', 'Choose one from the list.');
  if (!name)
    throw new UserFacingError(
      'Name the campaign',
      'The campaign has no name.',
      'Type a short name, e.g. "Relief November".',
    );
  const id = params.id && PREVIEW_ID.test(params.id) ? params.id : newCampaignId(ctx.clock.now());
  return { segment: params.segment ?? '', template, name, id, holdoutOff: params.holdout === 'off' };
}

function checked(
  ctx: AppContext,
  w: Wizard,
): { audience: CheckedAudience; template: Template; spreadsheetId: string } {
  const { spreadsheetId } = requireConnected(ctx);
  const template = templateNamed(loadTeamConfig(ctx, spreadsheetId), w.template);
  const job = {
    id: w.id,
    name: w.name,
    segment: w.segment,
    template: template.name,
    winBack: isWinBackTemplate(template.name),
    ...(w.holdoutOff ? { holdoutPercent: 0 } : {}),
  };
  // The warehouse's rows are not the sheet's: a click waiting for the sheet is checked before each send.
  if (storeSettings(ctx.userStore).kind === 'bigquery')
    return { audience: checkWarehouseAudience(ctx, spreadsheetId, job), template, spreadsheetId };
  // Clicks on earlier emails' unsubscribe links reach the sheet first, so the check counts them.
  withSheet(() => applyPendingUnsubscribes(ctx));
  const audience = withSheet(() => checkAudienceBounded(ctx, spreadsheetId, job, CARD_STEP_UNTIL_MS));
  return { audience, template, spreadsheetId };
}

/** The merged email of the `index`-th recipient to be emailed among the rows checked. */
function mergedAt(ctx: AppContext, a: CheckedAudience, template: Template, index: number) {
  const emailed = a.plan.entries.filter((e) => e.status === 'pending');
  const at = Math.min(Math.max(0, index), Math.max(0, emailed.length - 1));
  const shown = emailed[at];
  const customer = shown ? a.customers.get(shown.email) : undefined;
  // A recipient the guard rail moved to the playbook's alternative is shown (and tested) with it, in
  // their own language variant, as the audience check chose it and the send will use it.
  const theirs = recipientTemplate(template, a.src.templates, shown?.template);
  const choice = customer ? a.src.variantOf(customer, theirs) : undefined;
  const merged =
    customer && choice
      ? mergeTemplate(choice.template, customer, mergeContextFor(ctx, a.src.team, a.sheet))
      : undefined;
  // The footer every sent email gets, so the preview and the test email show it. Its link has no
  // token (it opens the "link does not work" page): a manager clicking it in a test email must not
  // unsubscribe the customer.
  const url = ctx.unsubscribe.webAppUrl();
  if (customer && choice && merged?.ok && url) {
    const lang = unsubscribeLanguage(choice.wanted ?? choice.language);
    const email = withUnsubscribeFooter(merged.email, url, lang);
    return { at, customer, merged: { ...merged, email }, template: theirs, choice };
  }
  return { at, customer, merged, template: theirs, choice };
}

export function previewCampaign(ctx: AppContext, w: Wizard, index: number): Card {
  const { audience: a, template } = checked(ctx, w);
  const { at, merged, template: theirs, choice } = mergedAt(ctx, a, template, index);
  const team = a.src.team;
  return campaignPreviewCard({
    id: w.id,
    segment: a.src.segment.name,
    name: w.name,
    template: template.name,
    emailed: a.plan.emailed,
    holdout: a.plan.holdout,
    holdoutPercent: a.holdoutPercent,
    holdoutOff: w.holdoutOff,
    holdoutExact: a.holdoutCut !== undefined,
    guardRails: guardRailWords(a.plan.guardRails),
    exclusions: (Object.entries(a.plan.excluded) as [ExclusionReason, number][])
      // Guard-rail refusals are counted by rule, in words, on their own line (guardRails).
      .filter(([reason, n]) => n > 0 && reason !== 'guard rail')
      .map(([reason, count]) => ({
        reason:
          reason === 'cool-down'
            ? `${EXCLUSION_TEXT[reason]} (${formatDays(team.coolDownDays)})`
            : EXCLUSION_TEXT[reason],
        count,
      })),
    blocked: a.plan.blocked,
    // Each cause is one line with its rows.
    problems: groupMergeProblems({
      template,
      customerTab: a.sheet.sheetName,
      blocked: a.plan.blocked.map((b) => ({ row: b.row, causes: a.causes.get(b.email) ?? [] })),
    }).map((g) => g.text),
    sheet: a.gate,
    index: at,
    ...(merged?.ok
      ? {
          email: {
            to: merged.email.to,
            subject: merged.email.subject,
            textBody: merged.email.textBody,
            ...(theirs !== template ? { template: theirs.name } : {}),
            ...(choice ? { variant: variantLabel(choice) } : {}),
          },
        }
      : {}),
    languages: [variantsLine(a.languages), ...fallbackLines(a.languages)].filter(Boolean),
    quotaLeft: ctx.mailer.remainingQuota(),
    coolDownDays: team.coolDownDays,
    ...(isExact(a) ? {} : { partial: { ...a.checked, coolDownUnchecked: a.coolDownUnchecked } }),
  });
}

export function sendTestEmail(ctx: AppContext, w: Wizard, index: number): ActionResponse {
  const me = ctx.session.email();
  const { audience: a, template } = checked(ctx, w);
  const { customer, merged } = mergedAt(ctx, a, template, index);
  if (!customer || !merged)
    throw new UserFacingError(
      'Nobody to preview',
      'No one in this audience would be emailed.',
      'Check the audience first.',
    );
  if (!merged.ok)
    throw new UserFacingError(
      'This email has a blank',
      'The template cannot be filled for this customer.',
      'Fix the rows listed on the card first.',
    );
  ctx.mailer.send({
    ...merged.email,
    to: me,
    subject: `[Test] ${merged.email.subject}`,
    ...(a.src.team.senderName ? { name: a.src.team.senderName } : {}),
  });
  return { kind: 'notify', notification: `Test email (as ${customer.email} would get it) sent to ${me}.` };
}

/**
 * Start: on a sheet small enough to check whole on the card, the same checks as before (a blank or
 * an empty audience does not start); then the campaign is recorded and its audience written in the
 * background (all of it at once on a small sheet, which then sends its first batch from the card).
 */
export function startCampaignAction(ctx: AppContext, w: Wizard): ActionResponse {
  const { spreadsheetId, sheet, settings } = requireConnected(ctx);
  const config = loadTeamConfig(ctx, spreadsheetId);
  const template = templateNamed(config, w.template);
  const team = w.holdoutOff ? { ...config.team, holdoutPercent: 0 } : config.team;
  // What either store records for the campaign.
  const campaign = {
    id: w.id,
    name: w.name,
    template: template.name,
    segment: w.segment,
    spreadsheetId,
    winBack: isWinBackTemplate(template.name),
    team,
  };
  const notStarted = (notification: string): ActionResponse => ({
    kind: 'navigate',
    steps: [{ kind: 'update', card: previewCampaign(ctx, w, 0) }],
    notification,
  });
  const blanks = (n: number) =>
    notStarted(`Not started: ${count(n, 'customer')} would get a blank. Fix them and start again.`);
  const nobody = () => notStarted('Not started: nobody in the audience can be emailed now.');
  if (storeSettings(ctx.userStore).kind === 'bigquery') {
    const started = startWarehouseCampaign(ctx, campaign);
    if (started.kind === 'blocked') return blanks(started.count);
    if (started.kind === 'empty') return nobody();
    return startedResponse(ctx, started.kind, started.meta);
  }
  const header = withSheet(() => sheet.readRows(2, 0));
  const blockers = sheetGate(readCustomers({ ...header, mapping: settings.mapping })).blockers;
  const small =
    Math.max(0, sheet.lastRow() - 1) * Math.max(1, header.headers.length) <= CARD_STEP_CELLS &&
    blockers.length === 0;
  let holdoutCut: string | undefined;
  if (small && !loadCampaign(ctx.userStore, w.id)) {
    const { audience } = checked(ctx, w);
    holdoutCut = audience.holdoutCut;
    if (isExact(audience) && audience.plan.blocked.length > 0) return blanks(audience.plan.blocked.length);
    if (isExact(audience) && audience.plan.emailed === 0) return nobody();
  }
  const started = withSheet(() =>
    startSegmentCampaign(
      ctx,
      {
        ...campaign,
        sheetBlockers: blockers,
        ...(holdoutCut !== undefined ? { holdoutCut } : {}),
      },
      sheet,
    ),
  );
  if (started.kind === 'sheetBlocked')
    return notStarted(
      'Not started: the customer sheet has two Email columns. Fix the sheet and start again.',
    );
  const meta = started.meta;
  // A small sheet's audience is written already: the first batch goes now, the hourly trigger sends the rest.
  if (started.kind === 'started' && meta.state === 'sending')
    continueCampaign(ctx, meta.id, 'start', sheetComposer);
  return startedResponse(ctx, started.kind, meta);
}

function startedResponse(ctx: AppContext, kind: 'started' | 'already', meta: CampaignMeta): ActionResponse {
  return {
    kind: 'navigate',
    steps: [{ kind: 'popToRoot' }, { kind: 'push', card: buildCampaignCard(ctx, meta.id) }],
    notification:
      kind === 'already'
        ? 'This campaign has already started.'
        : meta.state === 'preparing'
          ? `"${meta.name}" started: its audience is being written in the background, then it sends.`
          : `"${meta.name}" started.`,
    stateChanged: true,
  };
}
