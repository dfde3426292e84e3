/**
 * The sidebar's "next best move" and the one-click retention reply: the recommendation for one
 * customer (playbooks + guard rails), the template that carries it (Templates tab), and the merge
 * that turns it into a reply draft. Config tabs come from the five-minute cache (src/app/config), so
 * a sidebar open adds no service call once the cache is warm.
 */
import { groupMergeProblems } from '../core/templates/merge-problems';
import type { CrisisImpact, Customer } from '../core/customers/customer';
import type { IntentId } from '../core/intent/types';
import { DEFAULT_PLAYBOOK_SETTINGS } from '../core/playbooks/settings';
import { nextBestAction } from '../core/playbooks';
import { replyTemplateFor } from '../core/playbooks/reply-template';
import { chooseVariant } from '../core/templates/variants';
import type { LanguageCode } from '../core/templates/languages';
import { MOVE_LABELS } from '../core/playbooks/moves';
import type { Band } from '../core/risk/scorecard';
import { DEFAULT_SCORECARD } from '../core/risk/settings';
import type { Settings } from '../core/settings/settings';
import { readTeamSettings, type TeamSettings } from '../core/settings/team-settings';
import {
  findTemplate,
  mergeTemplate,
  readTemplates,
  type BrokenTemplate,
  teamMergeContext,
  type MergeContext,
  type Template,
} from '../core/templates';
import type { NextMoveView } from '../ui/cards/customer';
import { loadRawConfig, type RawConfig } from './config';
import type { AppContext } from './context';
import { storedValueLines } from './value-lines';
import { impactOf, playbookSegmentOf, type ImpactVerdict } from '../core/segments';
import type { RiskScore } from '../core/risk/scorecard';
import type { EmailIntent } from '../core/risk/signals';
import { riskScorer } from './risk';
import { segmentConfig } from './segments/portfolio';
import { calendarDay } from '../core/time/calendar';

export interface TeamConfig {
  templates: Template[];
  /** Templates left out for a syntax error, so a lookup by name can say why. */
  broken: BrokenTemplate[];
  team: TeamSettings;
  /** Problems in the Templates and Settings tabs, with their cells. */
  issues: string[];
}

export function loadTeamConfig(ctx: AppContext, spreadsheetId: string): TeamConfig {
  return teamConfigFrom(loadRawConfig(ctx, spreadsheetId));
}

/** The team config from config tabs already loaded (a segment config carries them), without a second cache read. */
export function teamConfigFrom(raw: RawConfig): TeamConfig {
  const templates = readTemplates(raw.templates);
  const team = readTeamSettings(raw.settings);
  return {
    templates: templates.templates,
    broken: templates.broken,
    team: team.settings,
    issues: [...templates.issues, ...team.issues],
  };
}

export function mergeContextFor(
  ctx: AppContext,
  team: TeamSettings,
  sheet: { locale: string; timeZone: string },
): MergeContext {
  return teamMergeContext(team, sheet, ctx.clock.now());
}

export interface NextMoveInput {
  customer: Customer;
  impact?: CrisisImpact;
  band: Band;
  intents: readonly IntentId[];
  /** Whether a message is open, so a reply draft can be made. */
  canReply: boolean;
  segmentPlaybook?: Parameters<typeof nextBestAction>[0]['segmentPlaybook'];
}

export function nextMoveView(
  ctx: AppContext,
  settings: Settings,
  templates: readonly Template[],
  input: NextMoveInput,
): NextMoveView {
  const rec = nextBestAction({
    customer: input.customer,
    ...(input.impact ? { impact: input.impact } : {}),
    band: input.band,
    intents: input.intents,
    ...(input.segmentPlaybook ? { segmentPlaybook: input.segmentPlaybook } : {}),
    ...((lines) => (lines ? { lines } : {}))(storedValueLines(ctx, settings)),
    settings: settings.playbooks ?? DEFAULT_PLAYBOOK_SETTINGS,
    dormantDays: (settings.scorecard ?? DEFAULT_SCORECARD).dormantDays,
    today: ctx.clock.now(),
  });
  // The guard rails decided the move above; the email's intents choose the words (reply-template.ts).
  const reply = replyTemplateFor(rec.move, input.intents, templates);
  return {
    move: rec.move,
    label: rec.label,
    reasons: rec.reasons,
    refused: rec.refused.map((r) => `${MOVE_LABELS[r.move]}: ${r.why}`),
    ...(reply ? { template: reply.template.name } : {}),
    ...(reply?.offerFrom ? { offerFrom: reply.offerFrom.name } : {}),
    canReply: input.canReply,
  };
}

/** Why a reply could not be drafted, in words the manager can act on. */
export class DraftProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DraftProblem';
  }
}

/** How a reply is worded beyond its template: whose offer, and in which language. */
export interface DraftOptions {
  /** The template whose Offer fills {{Offer}} (the discount the guard rails allowed). */
  offerFrom?: string;
  /** The customer's language (the email's first); the team's default language when unknown. */
  language?: LanguageCode;
}

/** Merges the named template for the customer, or throws a DraftProblem naming what to fix. */
export function draftFor(
  config: TeamConfig,
  templateName: string,
  customer: Customer,
  context: MergeContext,
  /** The customer tab's name, for "fill the cells in Customers, row 4". */
  customerTab = 'the customer tab',
  options: DraftOptions = {},
): { subject: string; textBody: string; htmlBody: string; language: LanguageCode } {
  const found = findTemplate(config, templateName);
  if (!found.ok) throw new DraftProblem(`${found.reason} Fix the Templates tab, or refresh the card.`);
  const variant = chooseVariant(found.template, options.language, config.team.defaultLanguage);
  // The offer in the same language as the reply: the offer template's own variant for the customer.
  const offerTemplate = options.offerFrom ? findTemplate(config, options.offerFrom) : undefined;
  const offer = offerTemplate?.ok
    ? chooseVariant(offerTemplate.template, variant.language, config.team.defaultLanguage).template.offer
    : undefined;
  const template = offer ? { ...variant.template, offer } : variant.template;
  const merged = mergeTemplate(template, customer, context);
  if (!merged.ok)
    // The same grouped lines as a campaign's audience check: what to fix and where, without the
    // full list of known fields an unknown one used to add.
    throw new DraftProblem(
      groupMergeProblems({
        template,
        customerTab,
        blocked: [{ row: customer.row, causes: merged.causes }],
      })
        .map((p) => p.text)
        .join(' '),
    );
  return {
    subject: merged.email.subject,
    textBody: merged.email.textBody,
    htmlBody: merged.email.htmlBody,
    language: variant.language,
  };
}

/** What the sidebar and the compose window show for one customer: impact, score and the next move. */
export interface CustomerAdvice {
  verdict: ImpactVerdict;
  risk: RiskScore;
  nextMove: NextMoveView;
  team: TeamConfig;
}

export function adviseCustomer(
  ctx: AppContext,
  settings: Settings,
  customer: Customer,
  /** The customer tab's header row, for the impact rules and segment queries. */
  headers: readonly unknown[],
  options: {
    emailIntent?: EmailIntent;
    intents: readonly IntentId[];
    canReply: boolean;
    /** The spreadsheet's time zone: the day every day count starts from. */
    timeZone?: string;
  },
): CustomerAdvice {
  const today = calendarDay(ctx.clock.now(), options.timeZone);
  const spreadsheetId = settings.spreadsheetId!;
  const segments = segmentConfig(ctx, spreadsheetId, headers);
  const verdict = impactOf(customer, segments.rules, { today });
  const risk = riskScorer(
    ctx,
    settings,
    () => verdict.impact,
    options.timeZone,
  )(customer, options.emailIntent);
  const team = teamConfigFrom(segments.raw);
  const impact = verdict.impact ? { impact: verdict.impact } : {};
  const playbook = playbookSegmentOf(
    { customer, band: risk.band, score: risk.score, ...impact },
    segments.segments,
    {
      today,
    },
  );
  const nextMove = nextMoveView(ctx, settings, team.templates, {
    customer,
    ...impact,
    band: risk.band,
    intents: options.intents,
    canReply: options.canReply,
    ...(playbook?.playbook ? { segmentPlaybook: { segment: playbook.name, move: playbook.playbook } } : {}),
  });
  return { verdict, risk, nextMove, team };
}
