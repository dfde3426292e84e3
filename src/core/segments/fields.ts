/**
 * What a segment condition can look at: the customer's own columns (any header, by name) plus the
 * facts ChurnGuard derives (risk band and score, effective crisis impact, days dormant, days to
 * renewal). Field names are matched loosely ("Dormant days", "dormant_days" and "dormantDays" are
 * one field), and a name that is neither a built-in field nor a header is an error naming both lists.
 */
import { IMPACT_WORD, type CrisisImpact, type Customer } from '../customers/customer';
import type { Band } from '../risk/scorecard';
import { normaliseHeader } from '../sheet/columns';

/** One customer as segments see it: the row plus what scoring and impact rules derived. */
export interface SegmentRecord {
  customer: Customer;
  band: Band;
  score?: number;
  /** Effective impact: the manual override, else the first matching impact rule. */
  impact?: CrisisImpact;
}

export type FieldValue = string | number | Date | readonly string[] | undefined;

export interface FieldContext {
  today: Date;
}

const DAY_MS = 86_400_000;
const days = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / DAY_MS);

type Getter = (r: SegmentRecord, ctx: FieldContext) => FieldValue;

interface BuiltIn {
  /** The name shown in lists and errors. */
  label: string;
  get: Getter;
  /** Other names a person may type. */
  aliases?: string[];
  /**
   * Words, never numbers or dates: an ordered comparison ("Tag > 5", "Band >= High") could only ever
   * match nobody, so it is refused when the query is read. The words it takes, where they are fixed.
   */
  words?: true | string;
}

const BUILT_INS: BuiltIn[] = [
  { label: 'Email', get: (r) => r.customer.email, words: true },
  { label: 'Name', get: (r) => r.customer.name, words: true },
  { label: 'Company', get: (r) => r.customer.company, words: true },
  { label: 'Industry', get: (r) => r.customer.industry, words: true },
  { label: 'Plan', get: (r) => r.customer.plan, words: true },
  { label: 'Owner', get: (r) => r.customer.owner, words: true },
  { label: 'MRR', get: (r) => r.customer.mrr, aliases: ['revenue', 'monthly revenue'] },
  { label: 'Tag', get: (r) => r.customer.tags, aliases: ['tags'], words: true },
  {
    label: 'Impact',
    get: (r) => (r.impact ? IMPACT_WORD[r.impact] : undefined),
    aliases: ['crisis impact'],
    words: Object.values(IMPACT_WORD).join(', '),
  },
  {
    label: 'Band',
    get: (r) => (r.band === 'Unknown' ? undefined : r.band),
    aliases: ['risk band'],
    words: 'Low, Medium, High, Critical',
  },
  { label: 'Risk', get: (r) => r.score, aliases: ['score', 'risk score', 'churn risk'] },
  {
    label: 'Status',
    get: (r) => (r.customer.status === 'churned' ? 'Churned' : 'Active'),
    words: 'Active, Churned',
  },
  {
    label: 'Dormant days',
    get: (r, ctx) => (r.customer.lastActivity ? days(r.customer.lastActivity, ctx.today) : undefined),
    aliases: ['dormant', 'idle days', 'days idle', 'days since activity', 'inactive days'],
  },
  {
    label: 'Renewal days',
    get: (r, ctx) => (r.customer.renewalDate ? days(ctx.today, r.customer.renewalDate) : undefined),
    aliases: ['renewal', 'days to renewal', 'renewal in'],
  },
  {
    label: 'Usage change',
    get: (r) => {
      const { activityThisPeriod: now, activityLastPeriod: before } = r.customer;
      return now !== undefined && before !== undefined && before > 0
        ? Math.round((now / before - 1) * 100)
        : undefined;
    },
    aliases: ['usage change %', 'usage trend'],
  },
  { label: 'NPS', get: (r) => r.customer.nps },
  { label: 'Days late', get: (r) => r.customer.daysLate },
  { label: 'Overdue invoices', get: (r) => r.customer.overdueInvoices },
  { label: 'Open tickets', get: (r) => r.customer.openTickets },
  { label: 'Complaints', get: (r) => r.customer.complaints },
  {
    label: 'Unsubscribed',
    get: (r) => (r.customer.unsubscribed ? 'Yes' : 'No'),
    words: 'Yes, No',
  },
];

const key = (name: string) => normaliseHeader(name.replace(/[_]+/g, ' '));
const BY_NAME = new Map<string, BuiltIn>();
for (const b of BUILT_INS) for (const n of [b.label, ...(b.aliases ?? [])]) BY_NAME.set(key(n), b);

export const BUILT_IN_FIELD_NAMES: readonly string[] = BUILT_INS.map((b) => b.label);

export interface ResolvedField {
  /** The name as shown back: "MRR", or the header "Country". */
  label: string;
  get: Getter;
  /** Built-in fields hold numbers where the label says so; headers hold whatever the cell holds. */
  kind: 'builtIn' | 'column';
  /** A built-in that holds words (see BuiltIn.words). */
  words?: true | string;
}

const ORDERED: ReadonlySet<string> = new Set(['>', '>=', '<', '<=', 'between']);

/**
 * Why `operator` cannot be used on `field`, or null. Only built-ins are known to hold words; a
 * column may hold numbers or dates, so its ordered comparisons are allowed.
 */
export function operatorMisfit(field: ResolvedField, operator: string): string | null {
  if (!field.words || !ORDERED.has(operator)) return null;
  const compares = `'${operator}' compares numbers or dates, and ${field.label}`;
  if (field.words === true) return `${compares} holds words: use =, in, contains or is empty`;
  const some = field.words.split(', ').slice(-2).join(', ');
  return `${compares} is one of ${field.words}: list the ones you mean, like ${field.label} in ${some}`;
}

/** A sheet column's cell as a query reads it: numbers and dates as they are, anything else as text. */
export function columnValue(r: SegmentRecord, header: string): FieldValue {
  const v = r.customer.raw[header];
  if (v === null || v === undefined || v === '') return undefined;
  return typeof v === 'number' || v instanceof Date ? v : String(v);
}

/**
 * The field a name means, or an error. Built-ins win over a header of the same name, because a
 * header "Status" is what the Status built-in already reads, parsed.
 */
export function resolveField(
  name: string,
  headers: readonly string[],
): { ok: true; field: ResolvedField } | { ok: false; message: string } {
  const k = key(name);
  if (!k) return { ok: false, message: 'no field named' };
  const builtIn = BY_NAME.get(k);
  if (builtIn)
    return {
      ok: true,
      field: {
        label: builtIn.label,
        get: builtIn.get,
        kind: 'builtIn',
        ...(builtIn.words ? { words: builtIn.words } : {}),
      },
    };
  const header = headers.find((h) => key(h) === k);
  if (header !== undefined) {
    return {
      ok: true,
      field: {
        label: header,
        kind: 'column',
        get: (r) => columnValue(r, header),
      },
    };
  }
  return {
    ok: false,
    message: `unknown field '${name.trim()}': use a column header of the customer sheet or one of ${BUILT_IN_FIELD_NAMES.join(', ')}`,
  };
}
