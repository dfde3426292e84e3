/**
 * `churnguard preview`: a campaign's emails rendered from a spreadsheet file, without sending: the
 * audience of a saved segment with every exclusion counted, the rows that would get a blank (which
 * block a real send), and each recipient's merged subject and text.
 */
import type { SheetGate } from '../../core/campaigns/sheet-gate';
import {
  EXCLUSION_TEXT,
  isWinBackTemplate,
  planAudience,
  type ExclusionReason,
} from '../../core/campaigns/audience';
import { CAMPAIGNS_TAB, lastEmailedAt, readLog } from '../../core/campaigns/log';
import { membersOf } from '../../core/segments';
import { groupMergeProblems } from '../../core/templates/merge-problems';
import { readTeamSettings, TEAM_SETTINGS_TAB } from '../../core/settings/team-settings';
import {
  checkAudience,
  findTemplate,
  readTemplates,
  teamMergeContext,
  TEMPLATES_TAB,
  type MergedEmail,
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
  /** Each rendered email with the language of the variant it uses ("kk", or "en (no variant in kk)"). */
  emails: (MergedEmail & { language: string })[];
  /** The variants in use and every fallback to the default language. */
  languages: string[];
  issues: string[];
}

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
  // A file has no sidebar history: the Language column, else the team's default language.
  const choices = new Map(
    members.map((c) => [
      c.email,
      chooseVariant(template, customerLanguage(c, () => undefined).language, team.settings.defaultLanguage),
    ]),
  );
  const { merged, blocked } = checkAudience(
    template,
    members,
    context,
    (c) => choices.get(c.email)!.template,
  );
  const unmergeable = new Map(blocked.map((b) => [b.customer.email, b.reason]));
  const causes = new Map(blocked.map((b) => [b.customer.email, b.causes]));
  const log = book.tab(CAMPAIGNS_TAB);
  const lastEmailed = lastEmailedAt(log ? readLog(log).recipients : []);
  const plan = planAudience({
    campaignId: 'cmp-preview',
    campaign: `Preview of ${segment.name}`,
    members,
    winBack: isWinBackTemplate(template.name),
    lastEmailed,
    coolDownDays: team.settings.coolDownDays,
    holdoutPercent: team.settings.holdoutPercent,
    today: o.today,
    unmergeable,
  });
  const languages = emptyTally();
  const pending = plan.entries.filter((e) => e.status === 'pending');
  for (const e of pending) {
    const choice = choices.get(members.find((c) => normaliseEmail(c.email) === e.email)?.email ?? e.email);
    if (choice) countChoice(languages, choice);
  }
  const emails = pending
    .map((e) => {
      const member = members.find((c) => normaliseEmail(c.email) === e.email);
      const email = member ? merged.get(member.email) : undefined;
      const choice = member ? choices.get(member.email) : undefined;
      if (!email || !choice) return undefined;
      const note = choice.fallback && choice.wanted ? ` (no variant in ${choice.wanted})` : '';
      return { ...email, language: `${choice.language}${note}` };
    })
    .filter((e): e is MergedEmail & { language: string } => Boolean(e))
    .slice(0, o.limit);
  return {
    segment: segment.name,
    template: template.name,
    members: members.length,
    toEmail: plan.emailed,
    holdout: plan.holdout,
    excluded: Object.fromEntries(
      (Object.entries(plan.excluded) as [ExclusionReason, number][])
        .filter(([, n]) => n > 0)
        .map(([k, n]) => [EXCLUSION_TEXT[k], n]),
    ),
    blocked: plan.blocked,
    problems: groupMergeProblems({
      template,
      customerTab: book.customerTab,
      blocked: plan.blocked.map((b) => ({ row: b.row, causes: causes.get(b.email) ?? [] })),
    }).map((g) => g.text),
    sheet: book.gate,
    emails,
    languages: [variantsLine(languages), ...fallbackLines(languages)].filter(Boolean),
    issues: [...book.issues, ...templates.issues, ...team.issues],
  };
}
