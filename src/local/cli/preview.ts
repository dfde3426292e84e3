/**
 * `churnguard preview`: a campaign's emails rendered from a spreadsheet file, without sending: the
 * audience of a saved segment with every exclusion counted, the offer's guard rail applied per
 * recipient and the exact holdout drawn as a campaign does, the rows that would get a blank (which
 * block a real send), and each recipient's merged subject and text in their language.
 */
import type { SheetGate } from '../../core/campaigns/sheet-gate';
import {
  EXCLUSION_TEXT,
  isWinBackTemplate,
  planAudience,
  withExactHoldout,
  type ExclusionReason,
} from '../../core/campaigns/audience';
import type { Customer } from '../../core/customers/customer';
import { DEFAULT_PLAYBOOK_SETTINGS } from '../../core/playbooks/settings';
import { valueLines } from '../../core/playbooks/value';
import { DEFAULT_SETTINGS } from '../../core/settings/settings';
import { audienceGuard, blanksFor, recipientTemplate } from '../../app/campaigns/audience-guard';
import { CAMPAIGNS_TAB, lastEmailedAt, readLog } from '../../core/campaigns/log';
import { membersOf } from '../../core/segments';
import { groupMergeProblems } from '../../core/templates/merge-problems';
import { readTeamSettings, TEAM_SETTINGS_TAB } from '../../core/settings/team-settings';
import {
  findTemplate,
  mergeTemplate,
  readTemplates,
  teamMergeContext,
  TEMPLATES_TAB,
  type MergedEmail,
  type Template,
} from '../../core/templates';
import { loadSegmentBook } from './segment-book';
import { normaliseEmail } from '../../core/email/address';
import {
  chooseVariant,
  countChoice,
  customerLanguage,
  emptyTally,
  fallbackLines,
  variantsLine,
} from '../../core/templates/variants';

export interface PreviewOptions {
  sheet: string;
  segment: string;
  template: string;
  today: Date;
  limit: number;
}

export interface PreviewResult {
  segment: string;
  template: string;
  members: number;
  toEmail: number;
  holdout: number;
  excluded: Partial<Record<string, number>>;
  blocked: { row: number; email: string; reason: string }[];
  /** The blocked rows' problems grouped by cause, one line each (what to fix, where, which rows). */
  problems: string[];
  /** Sheet problems that stop any send, and rows no campaign can reach. */
  sheet: SheetGate;
  /**
   * Each rendered email with the language of the variant it uses ("kk", or "en (no variant in kk)"),
   * and `template` when the guard rail gave this recipient the playbook's alternative.
   */
  emails: (MergedEmail & { language: string; template?: string })[];
  /** What the offer's guard rail did, one line per outcome ("14 get “Check-in” instead"). */
  guardRails: string[];
  /** The variants in use and every fallback to the default language. */
  languages: string[];
  issues: string[];
}

/** The preview's campaign id: the exact holdout is drawn from it, as a real campaign's is from its own. */
const PREVIEW_ID = 'cmp-preview';

export function previewCampaign(o: PreviewOptions): PreviewResult {
  const book = loadSegmentBook(o.sheet, o.today);
  const segment = book.segments.find((s) => s.name.toLowerCase() === o.segment.trim().toLowerCase());
  if (!segment)
    throw new Error(
      `No segment named "${o.segment}". Segments: ${book.segments.map((s) => s.name).join(', ') || 'none'}`,
    );
  const templates = readTemplates(book.tab(TEMPLATES_TAB));
  const found = findTemplate(templates, o.template);
  if (!found.ok)
    throw new Error(
      `${found.reason} Templates: ${templates.templates.map((t) => t.name).join(', ') || 'none'}`,
    );
  const template = found.template;
  const team = readTeamSettings(book.tab(TEAM_SETTINGS_TAB));
  const members = membersOf(segment.query, book.records, { today: o.today }).map((r) => r.customer);
  // A file has no spreadsheet locale: dates and money are written the en_US way, in UTC.
  const context = teamMergeContext(team.settings, { locale: 'en_US', timeZone: 'UTC' }, o.today);
  // The offer's guard rail per recipient, as a campaign applies it: value lines from every customer of
  // the file (a file has no user settings, so the default shares and lines).
  const settings = DEFAULT_SETTINGS;
  const lines = valueLines(
    book.records.map((r) => r.customer),
    settings.playbooks ?? DEFAULT_PLAYBOOK_SETTINGS,
    o.today,
  );
  const guard = audienceGuard(
    { settings, templates: templates.templates, template: template.name, lines, today: o.today },
    book.records,
  );
  // A file has no sidebar history: the Language column, else the team's default language.
  const variantOf = (c: Customer, t: Template) =>
    chooseVariant(t, customerLanguage(c, () => undefined).language, team.settings.defaultLanguage);
  const blocked = blanksFor(template, templates.templates, members, guard, context, variantOf);
  const unmergeable = new Map(blocked.map((b) => [b.customer.email, b.reason]));
  const causes = new Map(blocked.map((b) => [normaliseEmail(b.customer.email), b.causes]));
  const log = book.tab(CAMPAIGNS_TAB);
  const lastEmailed = lastEmailedAt(log ? readLog(log).recipients : []);
  const nominal = planAudience({
    campaignId: PREVIEW_ID,
    campaign: `Preview of ${segment.name}`,
    members,
    winBack: isWinBackTemplate(template.name),
    lastEmailed,
    coolDownDays: team.settings.coolDownDays,
    holdoutPercent: team.settings.holdoutPercent,
    today: o.today,
    unmergeable,
    blanks: 'block',
    ...(guard ? { guard } : {}),
  });
  // The whole audience is in the file: the holdout is the exact share a campaign would hold back.
  const blanks = new Map(
    blocked.map((b) => [normaliseEmail(b.customer.email), { row: b.customer.row, reason: b.reason }]),
  );
  const { plan } = withExactHoldout(nominal, PREVIEW_ID, team.settings.holdoutPercent, blanks);
  const byEmail = new Map(members.map((c) => [normaliseEmail(c.email), c]));
  const languages = emptyTally();
  const emails: PreviewResult['emails'] = [];
  for (const e of plan.entries) {
    const member = e.status === 'pending' ? byEmail.get(e.email) : undefined;
    if (!member) continue;
    const choice = variantOf(member, recipientTemplate(template, templates.templates, e.template));
    countChoice(languages, choice);
    if (emails.length >= o.limit) continue;
    const merged = mergeTemplate(choice.template, member, context);
    if (!merged.ok) continue;
    const note = choice.fallback && choice.wanted ? ` (no variant in ${choice.wanted})` : '';
    emails.push({
      ...merged.email,
      language: `${choice.language}${note}`,
      ...(e.template ? { template: e.template } : {}),
    });
  }
  return {
    segment: segment.name,
    template: template.name,
    members: members.length,
    toEmail: plan.emailed,
    holdout: plan.holdout,
    guardRails: [
      ...Object.entries(plan.guardRails.alternative).map(([name, n]) => `${n} get “${name}” instead`),
      ...Object.entries(plan.guardRails.excluded).map(([why, n]) => `${n} left out: ${why}`),
    ],
    excluded: Object.fromEntries(
      (Object.entries(plan.excluded) as [ExclusionReason, number][])
        .filter(([, n]) => n > 0)
        .map(([k, n]) => [EXCLUSION_TEXT[k], n]),
    ),
    blocked: plan.blocked,
    problems: groupMergeProblems({
      template,
      customerTab: book.customerTab,
      blocked: plan.blocked.map((b) => ({ row: b.row, causes: causes.get(normaliseEmail(b.email)) ?? [] })),
    }).map((g) => g.text),
    sheet: book.gate,
    emails,
    languages: [variantsLine(languages), ...fallbackLines(languages)].filter(Boolean),
    issues: [...book.issues, ...templates.issues, ...team.issues],
  };
}
