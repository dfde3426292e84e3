/**
 * The Templates tab: Name, Subject, Body, Segment, Offer, and an optional Language. Several rows may
 * share one Name, one per language (a row without a Language is the default variant); the first row of
 * a name (the default one when there is one) stands for the template everywhere a name is listed, and
 * carries all its rows as `variants`. Bad rows are reported with their cell and
 * do not stop the good ones; templates live in the user's sheet, so no Gmail scope is needed to
 * keep them.
 */
import * as z from '../zod';
import { columnLetter } from '../sheet/read-customers';
import { sameHeader } from '../sheet/columns';
import { parseParts, PlaceholderError } from './placeholders';
import type { Template } from './merge';
import { languageName, parseLanguage, unknownLanguageMessage, type LanguageCode } from './languages';

export const TEMPLATES_TAB = 'Templates';
export const TEMPLATE_HEADERS = ['Name', 'Subject', 'Body', 'Segment', 'Offer', 'Language'] as const;
type Column = (typeof TEMPLATE_HEADERS)[number];

const RowSchema = z.object({
  name: z
    .string()
    .check(z.trim(), z.minLength(1, 'empty name'), z.maxLength(120, 'name longer than 120 characters')),
  subject: z
    .string()
    .check(z.trim(), z.minLength(1, 'empty subject'), z.maxLength(250, 'subject longer than 250 characters')),
  body: z
    .string()
    .check(z.trim(), z.minLength(1, 'empty body'), z.maxLength(20_000, 'body longer than 20,000 characters')),
  segment: z.optional(z.string().check(z.trim())),
  offer: z.optional(z.string().check(z.trim())),
});

/** A template whose subject or body cannot be parsed: found by name, so the user learns why it fails. */
export interface BrokenTemplate {
  name: string;
  row: number;
  field: 'subject' | 'body';
  /** 1-based character in the cell as typed. */
  position: number;
  problem: string;
}

export interface TemplatesRead {
  templates: Template[];
  issues: string[];
  /** Templates left out for a syntax error, by name. */
  broken: BrokenTemplate[];
}

/** 'Template "Hello": syntax error in the body at character 12: "{{" is not closed with "}}"'. */
export function describeBroken(b: BrokenTemplate): string {
  return `Template "${b.name}" (row ${b.row}): syntax error in the ${b.field} at character ${b.position}: ${b.problem}`;
}

/** The template named `name` (any case, spaces trimmed), or why there is none to use. */
export function findTemplate(
  read: Pick<TemplatesRead, 'templates' | 'broken'>,
  name: string,
): { ok: true; template: Template } | { ok: false; reason: string } {
  const wanted = name.trim().toLowerCase();
  const template = read.templates.find((t) => t.name.trim().toLowerCase() === wanted);
  if (template) return { ok: true, template };
  const broken = read.broken.find((b) => b.name.trim().toLowerCase() === wanted);
  if (broken) return { ok: false, reason: describeBroken(broken) };
  return { ok: false, reason: `The Templates tab has no template named "${name}".` };
}

export function readTemplates(values: readonly unknown[][] | null, tab = TEMPLATES_TAB): TemplatesRead {
  if (!values || values.length === 0) return { templates: [], issues: [], broken: [] };
  const headers = values[0] ?? [];
  const at = {} as Record<Column, number>;
  const issues: string[] = [];
  for (const h of TEMPLATE_HEADERS) at[h] = headers.findIndex((x) => sameHeader(x, h));
  const required: Column[] = ['Name', 'Subject', 'Body'];
  const absent = required.filter((h) => at[h] < 0);
  if (absent.length)
    return {
      templates: [],
      broken: [],
      issues: [
        `${tab}!1: missing column${absent.length > 1 ? 's' : ''} ${absent.join(', ')}; the header row needs Name, Subject and Body`,
      ],
    };
  const rows: Template[] = [];
  const broken: BrokenTemplate[] = [];
  const seen = new Map<string, number>();
  values.slice(1).forEach((r, i) => {
    const row = i + 2;
    const cell = (h: Column) => (at[h] >= 0 ? String(r[at[h]] ?? '') : '');
    const ref = (h: Column) => `${tab}!${columnLetter(at[h])}${row} (${h})`;
    if (TEMPLATE_HEADERS.every((h) => cell(h).trim() === '')) return;
    const languageCell = cell('Language').trim();
    const language: LanguageCode | null = languageCell ? parseLanguage(languageCell) : null;
    if (languageCell && !language) {
      issues.push(`${ref('Language')}: ${unknownLanguageMessage(languageCell)}`);
      return;
    }
    const parsed = RowSchema.safeParse({
      name: cell('Name'),
      subject: cell('Subject'),
      body: cell('Body'),
      segment: cell('Segment') || undefined,
      offer: cell('Offer') || undefined,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = (
          { name: 'Name', subject: 'Subject', body: 'Body', segment: 'Segment', offer: 'Offer' } as const
        )[issue.path[0] as 'name'];
        issues.push(`${ref(column)}: ${issue.message}`);
      }
      return;
    }
    const t = parsed.data;
    let bad = false;
    // The cell as typed, not trimmed, so the character position is the one the user sees.
    for (const column of ['Subject', 'Body'] as const) {
      try {
        parseParts(cell(column));
      } catch (e) {
        if (!(e instanceof PlaceholderError)) throw e;
        issues.push(`${ref(column)}: ${e.message}`);
        const field = column === 'Subject' ? 'subject' : 'body';
        broken.push({ name: t.name, row, field, position: e.at + 1, problem: e.problem });
        bad = true;
      }
    }
    if (bad) return;
    // One row per (name, language): a second Kazakh "Discount" would leave which one goes unclear.
    const key = `${t.name.toLowerCase()}\u0000${language ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined) {
      const which = language ? ` in ${languageName(language)}` : ' without a Language';
      issues.push(`${ref('Name')}: duplicate template '${t.name}'${which}; row ${first} is used`);
      return;
    }
    seen.set(key, row);
    rows.push({ ...t, row, ...(language ? { language } : {}) });
  });
  return { templates: groupVariants(rows), issues, broken };
}

/** One template per name: its default row (else its first), carrying every row of the name. */
function groupVariants(rows: readonly Template[]): Template[] {
  const byName = new Map<string, Template[]>();
  for (const r of rows) {
    const key = r.name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), r]);
  }
  return [...byName.values()].map((all) => {
    const lead = all.find((t) => t.language === undefined) ?? all[0]!;
    return all.length > 1 ? { ...lead, variants: all } : lead;
  });
}

/** The tab a new spreadsheet gets: one template per retention move, ready to send. */
export const DEFAULT_TEMPLATES: readonly (readonly string[])[] = padRows([
  [...TEMPLATE_HEADERS],
  [
    'Payment holiday',
    'A payment holiday for {{Company}}',
    'Hi {{First name|there}},\n\nWe know these months are hard for {{Industry|your industry}}. To give {{Company}} room to breathe, we can **pause your {{MRR|currency}} monthly payment for up to three months**, with no change to your plan.\n\nReply to this email and I will set it up today.\n\nBest regards,\n{{Sender name|Customer Success}}',
    'Severe',
    'Pause payments for up to 3 months',
  ],
  [
    'Installments',
    'Spreading your invoice into installments',
    'Hi {{First name|there}},\n\nIf paying the full amount at once is difficult right now, we can split your balance into **three monthly installments, without interest**.\n\nJust reply "yes" and I will send the new schedule.\n\nKind regards,\n{{Sender name|Customer Success}}',
    'Hit',
    '3 interest-free installments',
  ],
  [
    'Discount',
    '{{Company}}: {{Offer}}',
    'Hi {{First name|there}},\n\nThank you for staying with us through a difficult year. We would like to offer {{Company}} **{{Offer}}** on your {{Plan|current}} plan, so you keep everything you use today.\n\nBest,\n{{Sender name|Customer Success}}',
    'Hit',
    '30% off for 6 months',
  ],
  [
    'Upsell',
    'Room to grow at {{Company}}',
    'Hi {{First name|there}},\n\nIt is great to see {{Company}} growing. If you are adding people or locations, moving up from the {{Plan|current}} plan gives you:\n\n- more seats\n- priority support\n- {{Offer}}\n\nShall we find 15 minutes this week?\n\n{{Sender name|Customer Success}}',
    'Booming',
    'The first month of the upgrade free',
  ],
  [
    'Check-in',
    'Quick check-in',
    'Hi {{First name|there}},\n\nI wanted to check in and see how things are going at {{Company}}. Is there anything we could do better, or anything you are planning where we can help?\n\nBest,\n{{Sender name|Customer Success}}',
    'Stable',
    '',
  ],
  [
    'Reactivation',
    'We miss you at {{Company}}',
    'Hi {{First name|there}},\n\nWe have not seen {{Company}} in a while. A lot has changed since then, and I would love to show you in 15 minutes what is new and set things up with you again.\n\nWould one day this week suit you?\n\n{{Sender name|Customer Success}}',
    'Dormant',
    '',
  ],
  [
    'Win-back',
    'We would love to have {{Company}} back',
    'Hi {{First name|there}},\n\nIt has been a while since {{Company}} left. We now have flexible monthly plans and a free pause option.\n\nIf the timing is right again, **{{Offer}}**.\n\nWarm regards,\n{{Sender name|Customer Success}}',
    'Churned',
    'we will waive the first two months',
  ],
]);

/** Rows as wide as the header (a Sheets range is rectangular); the Language cells start empty. */
function padRows(rows: string[][]): string[][] {
  return rows.map((r) => [
    ...r,
    ...new Array<string>(Math.max(0, TEMPLATE_HEADERS.length - r.length)).fill(''),
  ]);
}
