/**
 * Merging a template for one customer. Never an empty blank in a customer's email: a field that is
 * empty and has no fallback makes the merge fail with the fields to fix. Merged values are escaped
 * in the HTML part; the subject loses line breaks and control characters (no header injection);
 * unicode and emoji pass untouched.
 */
import { oneLine } from '../email/header-text';
import type { LanguageCode } from './languages';
import type { TeamSettings } from '../settings/team-settings';
import type { Customer } from '../customers/customer';
import { isValidEmail } from '../email/address';
import { resolveField, type FieldContext } from './fields';
import { formatValue, toText, type FormatContext } from './format';
import { escapeHtml, renderBody } from './markdown';
import { parseParts, placeholdersOf, PlaceholderError, type Part, type Placeholder } from './placeholders';

export interface Template {
  name: string;
  subject: string;
  body: string;
  /** The segment or impact the template is meant for (informational). */
  segment?: string;
  /** The offer, for the {{Offer}} field. */
  offer?: string;
  /** 1-based row in the Templates tab. */
  row: number;
  /** The variant's language (Templates tab, Language column); absent for the default variant. */
  language?: LanguageCode;
  /**
   * Every row under this template's name, this one included, when the tab has language variants
   * (src/core/templates/variants.ts picks one per customer). Absent: the template has one text.
   */
  variants?: readonly Template[];
}

export type MergeContext = FormatContext & Omit<FieldContext, 'offer'>;

/** The merge context for a team (Settings tab) and a spreadsheet's locale and time zone, on a day. */
export function teamMergeContext(
  team: Pick<TeamSettings, 'currency' | 'senderName' | 'companyName'>,
  sheet: { locale: string; timeZone: string },
  today: Date,
): MergeContext {
  return {
    locale: sheet.locale,
    timeZone: sheet.timeZone,
    currency: team.currency,
    today,
    senderName: team.senderName,
    companyName: team.companyName,
  };
}

export interface MergedEmail {
  to: string;
  subject: string;
  htmlBody: string;
  textBody: string;
}

export interface MissingField {
  field: string;
  placeholder: string;
}

/**
 * Why a merge failed, by cause, so a card can group a whole audience's failures ("Company is blank
 * for 12 recipients") instead of repeating the same sentence for every row.
 */
export type MergeCause =
  | { kind: 'blank'; field: string; placeholder: string }
  | { kind: 'unknown-field'; field: string; placeholder: string; suggestion?: string }
  | { kind: 'bad-email'; email: string }
  | { kind: 'template'; message: string };

export type MergeResult =
  | { ok: true; email: MergedEmail }
  | { ok: false; missing: MissingField[]; problems: string[]; causes: MergeCause[] };

/** Subjects are one line: "Re: x\r\nBcc: y" must not become a second header. */
export const MAX_SUBJECT = 250;
export function cleanSubject(s: string): string {
  return oneLine(s).slice(0, MAX_SUBJECT);
}

const SENTINEL = (i: number) => `\uE000${i}\uE001`;
const SENTINEL_RE = /\uE000(\d+)\uE001/g;

interface Compiled {
  subject: Part[];
  body: Part[];
}

/** Parses both texts; throws PlaceholderError naming the part. */
function compile(t: Template): Compiled {
  const part = (label: string, text: string) => {
    try {
      return parseParts(text);
    } catch (e) {
      if (e instanceof PlaceholderError)
        throw new PlaceholderError(`${label}: ${e.problem}`, e.at, `${label}: ${e.message}`);
      throw e;
    }
  };
  return { subject: part('subject', t.subject), body: part('body', t.body) };
}

/** Every problem with a template against the sheet's columns, before any recipient is looked at. */
export function checkTemplate(t: Template, headers: readonly string[]): string[] {
  let compiled: Compiled;
  try {
    compiled = compile(t);
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)];
  }
  const problems: string[] = [];
  for (const p of [...placeholdersOf(compiled.subject), ...placeholdersOf(compiled.body)]) {
    const r = resolveField(p.field, headers);
    if (!r.ok) problems.push(`${p.raw}: ${r.message}`);
  }
  return [...new Set(problems)];
}

function valueOf(p: Placeholder, c: Customer, headers: readonly string[], ctx: MergeContext, offer?: string) {
  const r = resolveField(p.field, headers);
  if (!r.ok)
    return {
      problem: `${p.raw}: ${r.message}`,
      cause: {
        kind: 'unknown-field' as const,
        field: p.field,
        placeholder: p.raw,
        ...(r.suggestion !== undefined ? { suggestion: r.suggestion } : {}),
      },
    };
  const raw = r.get(c, { ...ctx, ...(offer !== undefined ? { offer } : {}) });
  let text = p.formatters.length === 0 ? toText(raw, ctx) : '';
  if (p.formatters.length > 0 && raw !== undefined && raw !== null && toText(raw, ctx) !== '') {
    let current: unknown = raw;
    for (const f of p.formatters) current = formatValue(current, f, ctx);
    text = String(current);
  }
  if (text.trim() === '') return p.fallback !== undefined ? { text: p.fallback } : { missing: true as const };
  return { text };
}

export function mergeTemplate(t: Template, c: Customer, base: MergeContext): MergeResult {
  // A language variant cases names its own way ({{First name|upper}} of "Ali" is "ALİ" in Turkish).
  const ctx: MergeContext = t.language ? { ...base, caseLocale: t.language } : base;
  const headers = Object.keys(c.raw);
  let compiled: Compiled;
  try {
    compiled = compile(t);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, missing: [], problems: [message], causes: [{ kind: 'template', message }] };
  }
  const missing: MissingField[] = [];
  const problems: string[] = [];
  const unknown: Extract<MergeCause, { kind: 'unknown-field' }>[] = [];
  if (!isValidEmail(c.email)) problems.push(`invalid email address '${c.email}'`);
  const values: string[] = [];
  const fill = (parts: Part[]) =>
    parts
      .map((p) => {
        if (p.kind === 'text') return p.text;
        const v = valueOf(p, c, headers, ctx, t.offer);
        if ('problem' in v) {
          problems.push(v.problem!);
          unknown.push(v.cause!);
        } else if ('missing' in v) missing.push({ field: p.field, placeholder: p.raw });
        values.push('text' in v ? (v.text ?? '') : '');
        return SENTINEL(values.length - 1);
      })
      .join('');
  const subjectTokens = fill(compiled.subject);
  const bodyTokens = fill(compiled.body);
  if (missing.length > 0 || problems.length > 0) {
    const blanks = dedupe(missing);
    const causes: MergeCause[] = [
      ...(isValidEmail(c.email) ? [] : [{ kind: 'bad-email' as const, email: c.email }]),
      ...unknown.filter((u, k) => unknown.findIndex((o) => o.placeholder === u.placeholder) === k),
      ...blanks.map((m): MergeCause => ({ kind: 'blank', field: m.field, placeholder: m.placeholder })),
    ];
    return { ok: false, missing: blanks, problems: [...new Set(problems)], causes };
  }
  const put = (s: string, encode: (v: string) => string) =>
    s.replace(SENTINEL_RE, (_m, i: string) => encode(values[Number(i)]!));
  const rendered = renderBody(bodyTokens, (url) => put(url, encodeURIComponent));
  return {
    ok: true,
    email: {
      to: c.email,
      subject: cleanSubject(put(subjectTokens, (v) => v)),
      htmlBody: put(rendered.html, escapeHtml),
      textBody: put(rendered.text, (v) => v),
    },
  };
}

function dedupe(missing: MissingField[]): MissingField[] {
  const seen = new Set<string>();
  return missing.filter((m) => !seen.has(m.placeholder) && seen.add(m.placeholder));
}

export interface AudienceCheck {
  ready: Customer[];
  /** Each ready customer's merged email, by address. */
  merged: Map<string, MergedEmail>;
  blocked: {
    customer: Customer;
    missing: string[];
    /** "no value for Company ({{Company}})", the words cards, logs and the CLI show. */
    reason: string;
    /** The same, by cause, for grouping a whole audience (merge-problems.ts). */
    causes: MergeCause[];
  }[];
}

/** Every recipient merged up front: the ones that would get a blank are listed with their fields. */
export function checkAudience(
  t: Template,
  customers: readonly Customer[],
  ctx: MergeContext,
  /** Each customer's language variant of `t` (variants.ts); `t` itself when absent. */
  variantOf: (c: Customer) => Template = () => t,
): AudienceCheck {
  const ready: Customer[] = [];
  const merged = new Map<string, MergedEmail>();
  const blocked: AudienceCheck['blocked'] = [];
  for (const c of customers) {
    const r = mergeTemplate(variantOf(c), c, ctx);
    if (r.ok) {
      ready.push(c);
      merged.set(c.email, r.email);
    } else
      blocked.push({
        customer: c,
        missing: [...r.missing.map((m) => m.placeholder), ...r.problems],
        reason: [...r.missing.map((m) => `no value for ${m.field} (${m.placeholder})`), ...r.problems].join(
          '; ',
        ),
        causes: r.causes,
      });
  }
  return { ready, merged, blocked };
}
