/**
 * The campaign cards' actions: set up (segment + template), check the audience and preview each
 * recipient's email, send a test to yourself, start (first batch sent from the card, the rest by
 * the hourly trigger), follow progress, pause / resume / cancel, and settle recipients in review.
 */
import { sheetGate } from '../../core/campaigns/sheet-gate';
import { EXCLUSION_TEXT, isWinBackTemplate, type ExclusionReason } from '../../core/campaigns/audience';
import type { Customer } from '../../core/customers/customer';
import { MOVE_LABELS, templateForMove } from '../../core/playbooks';
import { membersOf } from '../../core/segments';
import { checkAudience, findTemplate, mergeTemplate, type Template } from '../../core/templates';
import type { MergeCause } from '../../core/templates/merge';
import { groupMergeProblems } from '../../core/templates/merge-problems';
import { count, formatDays } from '../../core/text/format';
import type { ActionResponse, Card } from '../../ui/card/types';
import { campaignPreviewCard, campaignSetupCard, CAMPAIGN_FIELDS } from '../../ui/cards/campaigns';
import type { AppContext } from '../context';
import { UserFacingError } from '../errors';
import { formValue, type AddonEvent } from '../events';
import { mergeContextFor, teamConfigFrom, type TeamConfig } from '../retention-reply';
import { findSegment, withPortfolio, type Portfolio } from '../segments/portfolio';
import type { Segment } from '../../core/segments/segments-tab';
import { sheetComposer } from './composer';
import { buildCampaignCard } from './campaign-card';
import { newCampaignId } from './meta';
import { continueCampaign } from './run';
import { planCampaign, startCampaign, type CampaignRequest } from './start';

const PREVIEW_ID = /^cmp-[a-z0-9-]{4,40}$/;

function segmentMembers(p: Portfolio, name: string): { segment: Segment; members: Customer[] } {
  const segment = findSegment(p, name);
  return { segment, members: membersOf(segment.query, p.records, { today: p.today }).map((r) => r.customer) };
}

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
  return withPortfolio(ctx, (p) => {
    const {
      segment: { name: segment, playbook },
      members,
    } = segmentMembers(p, segmentName);
    const config = teamConfigFrom(p.config.raw);
    if (config.templates.length === 0)
      throw new UserFacingError(
        'No templates',
        'The Templates tab has no templates to send.',
        'Add a row with a Name, Subject and Body to the Templates tab.',
      );
    const preferred = playbook ? templateForMove(playbook, config.templates) : undefined;
    const chosen = preferred ?? config.templates[0]!;
    return campaignSetupCard({
      segment,
      members: members.length,
      defaultName: `${segment} · ${ctx.clock.now().toISOString().slice(0, 10)}`,
      templates: config.templates.map((t) => ({ name: t.name, selected: t === chosen })),
      ...(preferred && playbook
        ? {
            note: `"${preferred.name}" carries this segment’s playbook (${MOVE_LABELS[playbook]}).`,
          }
        : {}),
    });
  });
}

interface Wizard {
  segment: string;
  template: string;
  name: string;
  /** Kept from the first preview, so the holdout drawn there is the one the campaign uses. */
  id: string;
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
  return { segment: params.segment ?? '', template, name, id };
}

function requestFor(
  ctx: AppContext,
  p: Portfolio,
  w: Wizard,
): {
  request: CampaignRequest;
  template: Template;
  config: TeamConfig;
  /** Why each unmergeable member fails, by cause, for the grouped lines on the preview. */
  causes: Map<string, MergeCause[]>;
} {
  const spreadsheetId = p.whole.settings.spreadsheetId!;
  const {
    segment: { name: segment },
    members,
  } = segmentMembers(p, w.segment);
  const config = teamConfigFrom(p.config.raw);
  const template = templateNamed(config, w.template);
  const context = mergeContextFor(ctx, config.team, p.whole.all);
  const check = checkAudience(template, members, context).blocked;
  const unmergeable = new Map(check.map((b) => [b.customer.email, b.reason]));
  const causes = new Map(check.map((b) => [b.customer.email, b.causes]));
  return {
    request: {
      id: w.id,
      name: w.name,
      template: template.name,
      segment,
      spreadsheetId,
      members,
      winBack: isWinBackTemplate(template.name),
      unmergeable,
      sheetBlockers: sheetGate(p.whole.read).blockers,
      team: config.team,
    },
    template,
    config,
    causes,
  };
}

export function previewCampaign(ctx: AppContext, w: Wizard, index: number): Card {
  return withPortfolio(ctx, (p) => {
    const { request, template, config, causes } = requestFor(ctx, p, w);
    const plan = planCampaign(ctx, request, w.id);
    const emailed = plan.entries.filter((e) => e.status === 'pending');
    // Only members the plan would email are blocked; each cause is one line with its rows.
    const problems = groupMergeProblems({
      template,
      customerTab: p.whole.all.sheetName,
      blocked: plan.blocked.map((b) => ({ row: b.row, causes: causes.get(b.email) ?? [] })),
    }).map((g) => g.text);
    const at = Math.min(Math.max(0, index), Math.max(0, emailed.length - 1));
    const shown = emailed[at];
    const customer = shown ? request.members.find((m) => m.email === shown.email) : undefined;
    const merged = customer
      ? mergeTemplate(template, customer, mergeContextFor(ctx, config.team, p.whole.all))
      : undefined;
    return campaignPreviewCard({
      id: w.id,
      segment: request.segment,
      name: w.name,
      template: template.name,
      emailed: plan.emailed,
      holdout: plan.holdout,
      holdoutPercent: config.team.holdoutPercent,
      exclusions: (Object.entries(plan.excluded) as [ExclusionReason, number][])
        .filter(([, n]) => n > 0)
        .map(([reason, count]) => ({
          reason:
            reason === 'cool-down'
              ? `${EXCLUSION_TEXT[reason]} (${formatDays(config.team.coolDownDays)})`
              : EXCLUSION_TEXT[reason],
          count,
        })),
      blocked: plan.blocked,
      problems,
      sheet: sheetGate(p.whole.read),
      index: at,
      ...(merged?.ok
        ? { email: { to: merged.email.to, subject: merged.email.subject, textBody: merged.email.textBody } }
        : {}),
      quotaLeft: ctx.mailer.remainingQuota(),
      coolDownDays: config.team.coolDownDays,
    });
  });
}

export function sendTestEmail(ctx: AppContext, w: Wizard, index: number): ActionResponse {
  const me = ctx.session.email();
  const sent = withPortfolio(ctx, (p) => {
    const { request, template, config } = requestFor(ctx, p, w);
    const plan = planCampaign(ctx, request, w.id);
    const shown =
      plan.entries.filter((e) => e.status === 'pending')[index] ??
      plan.entries.find((e) => e.status === 'pending');
    const customer = shown && request.members.find((m) => m.email === shown.email);
    if (!customer)
      throw new UserFacingError(
        'Nobody to preview',
        'No one in this audience would be emailed.',
        'Check the audience first.',
      );
    const merged = mergeTemplate(template, customer, mergeContextFor(ctx, config.team, p.whole.all));
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
      ...(config.team.senderName ? { name: config.team.senderName } : {}),
    });
    return customer.email;
  });
  return { kind: 'notify', notification: `Test email (as ${sent} would get it) sent to ${me}.` };
}

export function startCampaignAction(ctx: AppContext, w: Wizard): ActionResponse {
  const started = withPortfolio(ctx, (p) => startCampaign(ctx, requestFor(ctx, p, w).request));
  if (started.kind === 'blocked' || started.kind === 'empty' || started.kind === 'sheetBlocked')
    return {
      kind: 'navigate',
      steps: [{ kind: 'update', card: previewCampaign(ctx, w, 0) }],
      notification:
        started.kind === 'blocked'
          ? `Not started: ${count(started.blocked.length, 'customer')} would get a blank. Fix them and start again.`
          : started.kind === 'sheetBlocked'
            ? 'Not started: the customer sheet has two Email columns. Fix the sheet and start again.'
            : 'Not started: nobody in the audience can be emailed now.',
    };
  const meta = started.meta;
  // The first batch goes now, from the card; the hourly trigger sends the rest.
  if (started.kind === 'started') continueCampaign(ctx, meta.id, 'card', sheetComposer);
  return {
    kind: 'navigate',
    steps: [{ kind: 'popToRoot' }, { kind: 'push', card: buildCampaignCard(ctx, meta.id) }],
    notification:
      started.kind === 'already' ? 'This campaign has already started.' : `"${meta.name}" started.`,
    stateChanged: true,
  };
}
