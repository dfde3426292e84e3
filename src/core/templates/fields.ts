/**
 * What a merge field names: a column of the customer's sheet (by header, loosely matched), or one of
 * the built-in fields every sheet can offer (First name from the name, Offer from the template).
 */
import type { Customer } from '../customers/customer';
import { normaliseHeader, sameHeader } from '../sheet/columns';

export interface FieldContext {
  today: Date;
  /** The From name of campaign emails. */
  senderName: string;
  /** Our company, from the Settings tab. */
  companyName: string;
  /** The template's offer text. */
  offer?: string;
}

type Getter = (c: Customer, ctx: FieldContext) => unknown;

const firstWord = (s?: string) => (s ?? '').trim().split(/\s+/)[0] ?? '';

/** Built-in fields, by the names people write (normalised). */
const BUILT_INS: Record<string, Getter> = {
  'first name': (c) => c.firstName ?? firstWord(c.name),
  'last name': (c) => c.lastName ?? ((c.name ?? '').trim().split(/\s+/).slice(1).join(' ') || undefined),
  name: (c) => c.name,
  company: (c) => c.company,
  email: (c) => c.email,
  industry: (c) => c.industry,
  plan: (c) => c.plan,
  mrr: (c) => c.mrr,
  owner: (c) => c.owner,
  'renewal date': (c) => c.renewalDate,
  'last activity': (c) => c.lastActivity,
  offer: (_c, ctx) => ctx.offer,
  'sender name': (_c, ctx) => ctx.senderName,
  'our company': (_c, ctx) => ctx.companyName,
  today: (_c, ctx) => ctx.today,
};

export const BUILT_IN_FIELDS = [
  'First name',
  'Last name',
  'Name',
  'Company',
  'Email',
  'Industry',
  'Plan',
  'MRR',
  'Owner',
  'Renewal date',
  'Last activity',
  'Offer',
  'Sender name',
  'Our company',
  'Today',
];

export type FieldResolution =
  | { ok: true; get: Getter }
  | { ok: false; message: string; /** The closest known field, when one is close. */ suggestion?: string };

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length]!;
}

/**
 * Resolves a field against the sheet's headers first (a "Company" column is the sheet's own), then
 * the built-ins. Unknown names get the list of known ones and the closest match.
 */
export function resolveField(name: string, headers: readonly string[]): FieldResolution {
  const header = headers.find((h) => sameHeader(h, name));
  if (header !== undefined) {
    const builtIn = BUILT_INS[normaliseHeader(name)];
    // The column's value, falling back to the parsed field (a date column parsed from text, say).
    return { ok: true, get: (c, ctx) => blankToUndefined(c.raw[header]) ?? builtIn?.(c, ctx) };
  }
  const builtIn = BUILT_INS[normaliseHeader(name)];
  if (builtIn) return { ok: true, get: builtIn };
  const known = [...BUILT_IN_FIELDS, ...headers.filter((h) => !BUILT_INS[normaliseHeader(h)])];
  const closest = known
    .map((k) => ({ k, d: distance(normaliseHeader(k), normaliseHeader(name)) }))
    .sort((a, b) => a.d - b.d)[0];
  const hint = closest && closest.d <= 2 ? ` (did you mean "${closest.k}"?)` : '';
  return {
    ok: false,
    message: `unknown field "${name}"${hint}; fields are ${known.join(', ')}`,
    ...(hint ? { suggestion: closest!.k } : {}),
  };
}

function blankToUndefined(v: unknown): unknown {
  return v === '' || v === null || v === undefined ? undefined : v;
}
