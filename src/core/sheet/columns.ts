/**
 * Which column holds which field. Headers are matched after normalising case, spacing, punctuation,
 * underscores, camelCase and merged words ("LastLoginDate", "monthlyrevenue"), bracketed notes and
 * trailing units ("MRR ($)", "MRR USD", "Email address (primary)"), against the synonyms teams really
 * use (HEADER_SYNONYMS below). The user's explicit mapping always wins; what is not recognised stays
 * available as a raw column.
 */
import * as z from '../zod';

export const CUSTOMER_FIELDS = [
  'email',
  'name',
  'firstName',
  'lastName',
  'company',
  'industry',
  'plan',
  'mrr',
  /** Annual recurring revenue: read as MRR ÷ 12 when the sheet has no monthly column. */
  'arr',
  'startDate',
  'tenureMonths',
  'lastActivity',
  'activityThisPeriod',
  'activityLastPeriod',
  'overdueInvoices',
  'daysLate',
  'nps',
  'csat',
  'openTickets',
  'complaints',
  'renewalDate',
  'owner',
  'tags',
  'impact',
  'status',
  'churnDate',
  'unsubscribed',
] as const;

export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

const FIELD_SET: ReadonlySet<string> = new Set(CUSTOMER_FIELDS);
export const isCustomerField = (name: string): name is CustomerField => FIELD_SET.has(name);

/**
 * Header synonyms per field, written normalised (lower case, single spaces), most specific first: the
 * earlier a synonym, the better a header matching it claims the field when two headers compete.
 * Deliberately absent: "revenue" (monthly or annual?), "state" (often a US state), "end date"
 * (contract or churn?), "total charges" (lifetime, not monthly).
 */
export const HEADER_SYNONYMS: Record<CustomerField, readonly string[]> = {
  email: [
    'email',
    'email address',
    'e mail address',
    'primary email',
    'contact email',
    'customer email',
    'client email',
    'work email',
    'business email',
    'mail',
    'emails',
    'почта',
    'электронная почта',
    'e posta',
    'epost',
    'e post',
  ],
  name: [
    'name',
    'full name',
    'contact name',
    'customer name',
    'client name',
    'contact',
    'contact person',
    'customer',
    'client',
    'имя',
    'фио',
    'navn',
    'ad soyad',
    'isim',
  ],
  firstName: ['first name', 'given name', 'forename', 'fname'],
  lastName: ['last name', 'surname', 'family name', 'lname'],
  company: [
    'company',
    'company name',
    'account',
    'account name',
    'organisation',
    'organization',
    'org',
    'business',
    'business name',
    'customer company',
    'firm',
    'компания',
    'firma',
    'şirket',
    'sirket',
    'selskap',
  ],
  industry: ['industry', 'sector', 'vertical', 'business type', 'отрасль', 'sektör', 'sektor', 'bransje'],
  plan: [
    'plan',
    'pricing plan',
    'subscription plan',
    'tier',
    'subscription',
    'package',
    'product',
    'edition',
  ],
  mrr: [
    'mrr',
    'monthly recurring revenue',
    'monthly revenue',
    'monthly charges',
    'monthly charge',
    'monthly fee',
    'monthly fees',
    'monthly value',
    'monthly spend',
    'monthly amount',
    'monthly price',
    'revenue per month',
    'revenue monthly',
  ],
  arr: [
    'arr',
    'annual recurring revenue',
    'annual revenue',
    'annual contract value',
    'acv',
    'yearly revenue',
  ],
  startDate: [
    'start date',
    'customer since',
    'signup date',
    'sign up date',
    'signed up',
    'signed up on',
    'created',
    'created at',
    'created on',
    'date created',
    'join date',
    'joined',
    'onboarded',
    'onboarding date',
    'start',
    'started',
    'contract start',
    'contract start date',
    'first purchase',
  ],
  tenureMonths: [
    'tenure months',
    'tenure',
    'tenure in months',
    'months as customer',
    'customer months',
    'months',
  ],
  lastActivity: [
    'last activity',
    'last login',
    'last seen',
    'last active',
    'last activity date',
    'last login date',
    'last seen date',
    'last active date',
    'last used',
    'last visit',
    'last session',
    'last logged in',
    'days since last login',
    'days since last activity',
    'days since last seen',
    'days since last active',
    'days inactive',
  ],
  activityThisPeriod: [
    'logins this month',
    'sessions this month',
    'usage this period',
    'usage this month',
    'activity this month',
    'activity this period',
    'logins this period',
    'sessions this period',
    'active users',
    'active users this month',
    'monthly active users',
    'mau',
    'logins',
    'sessions',
    'usage',
  ],
  activityLastPeriod: [
    'logins last month',
    'sessions last month',
    'usage last period',
    'usage last month',
    'activity last month',
    'activity last period',
    'logins previous month',
    'sessions previous month',
    'usage previous period',
    'usage previous month',
    'activity previous period',
    'logins last period',
    'logins prev month',
    'active users last month',
    'previous period usage',
  ],
  overdueInvoices: [
    'overdue invoices',
    'unpaid invoices',
    'invoices overdue',
    'late invoices',
    'outstanding invoices',
    'open invoices',
  ],
  daysLate: [
    'days late',
    'days overdue',
    'payment delay days',
    'days past due',
    'payment delay',
    'dpd',
    'days in arrears',
    'late days',
  ],
  nps: ['nps', 'nps score', 'net promoter score', 'promoter score', 'nps rating', 'likelihood to recommend'],
  csat: ['csat', 'csat score', 'satisfaction', 'customer satisfaction', 'satisfaction score', 'csat rating'],
  openTickets: [
    'open tickets',
    'support tickets',
    'open support tickets',
    'tickets',
    'tickets open',
    'open cases',
    'support cases',
    'open issues',
  ],
  complaints: ['complaints', 'complaint', 'open complaints', 'complaints count', 'escalations'],
  renewalDate: [
    'renewal date',
    'renewal',
    'contract end',
    'contract end date',
    'renews on',
    'next renewal',
    'next renewal date',
    'renewal due',
    'contract renewal',
    'expiry date',
    'expiration date',
    'subscription end',
  ],
  owner: [
    'owner',
    'account manager',
    'csm',
    'am',
    'account owner',
    'customer success manager',
    'success manager',
    'assigned to',
    'rep',
    'sales rep',
    'manager',
    'менеджер',
    'ansvarlig',
    'sorumlu',
  ],
  tags: ['tags', 'labels', 'segment tags', 'tag', 'label', 'segments', 'segment'],
  impact: ['crisis impact', 'impact', 'covid impact', 'crisis', 'crisis effect'],
  status: [
    'status',
    'customer status',
    'account status',
    'churned',
    'churn',
    'is churned',
    'churn flag',
    'subscription status',
    'lifecycle stage',
    'статус',
    'durum',
  ],
  churnDate: [
    'churn date',
    'churned on',
    'churned at',
    'cancelled on',
    'canceled on',
    'cancellation date',
    'cancelation date',
    'cancel date',
    'date churned',
    'lost date',
  ],
  unsubscribed: [
    'unsubscribed',
    'opted out',
    'do not email',
    'do not contact',
    'unsubscribe',
    'email opt out',
    'opt out',
    'dnc',
    'no email',
  ],
};

/** The header ChurnGuard writes when it adds a column for a field the sheet lacks. */
export const FIELD_HEADERS: Record<CustomerField, string> = {
  email: 'Email',
  name: 'Name',
  firstName: 'First name',
  lastName: 'Last name',
  company: 'Company',
  industry: 'Industry',
  plan: 'Plan',
  mrr: 'MRR',
  arr: 'ARR',
  startDate: 'Start date',
  tenureMonths: 'Tenure months',
  lastActivity: 'Last activity',
  activityThisPeriod: 'Logins this month',
  activityLastPeriod: 'Logins last month',
  overdueInvoices: 'Overdue invoices',
  daysLate: 'Days late',
  nps: 'NPS',
  csat: 'CSAT',
  openTickets: 'Open tickets',
  complaints: 'Complaints',
  renewalDate: 'Renewal date',
  owner: 'Owner',
  tags: 'Tags',
  impact: 'Crisis impact',
  status: 'Status',
  churnDate: 'Churn date',
  unsubscribed: 'Unsubscribed',
};

// ---------------------------------------------------------------------------------------------
// Normalising headers
// ---------------------------------------------------------------------------------------------

/** Splits camelCase and acronyms: "LastLoginDate" → "Last Login Date", "NPSScore" → "NPS Score". */
const splitCamel = (s: string) =>
  s.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2');

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** "LastLoginDate", "last_login-date", "Last login (UTC)" → "last login date" / "last login". */
export function normaliseHeader(header: unknown): string {
  return words(splitCamel(String(header ?? '').replace(/\(.*?\)|\[.*?\]|\{.*?\}/g, ' ')));
}

/** Trailing units and currencies ("MRR USD", "NPS pct") and count prefixes ("# of tickets"). */
const UNIT_WORDS = new Set([
  ...'usd eur gbp nok sek dkk rub try kzt chf cad aud inr jpy brl pln kr'.split(' '),
  ...'currency amount value pct percent count number num qty'.split(' '),
]);
const COUNT_PREFIX = /^(number of|no of|num of|count of|nr of|qty of|of)\s+/;

function stripUnits(normalised: string): string {
  const parts = normalised.replace(COUNT_PREFIX, '').split(' ');
  while (parts.length > 1 && UNIT_WORDS.has(parts[parts.length - 1]!)) parts.pop();
  return parts.join(' ');
}

type Form = { text: string; compact: boolean };

/** The forms of a header tried against synonyms, best first; later forms score lower. */
function headerForms(header: string): Form[] {
  const full = words(splitCamel(header));
  const bare = normaliseHeader(header);
  const stripped = stripUnits(bare);
  const squeeze = (s: string) => s.replace(/ /g, '');
  return [
    { text: full, compact: false },
    { text: bare, compact: false },
    { text: squeeze(bare), compact: true },
    { text: stripped, compact: false },
    { text: squeeze(stripped), compact: true },
  ];
}

type Synonym = { field: CustomerField; rank: number };
/** Synonyms by their spaced text, and by their text with the spaces squeezed out ("lastlogin"). */
const SPACED: Record<string, Synonym[]> = {};
const COMPACT: Record<string, Synonym[]> = {};
const addSynonym = (index: Record<string, Synonym[]>, key: string, synonym: Synonym) => {
  const list = index[key] ?? [];
  list.push(synonym);
  index[key] = list;
};
for (const field of CUSTOMER_FIELDS) {
  HEADER_SYNONYMS[field].forEach((synonym, rank) => {
    addSynonym(SPACED, synonym, { field, rank });
    addSynonym(COMPACT, synonym.replace(/ /g, ''), { field, rank });
  });
}

/** Every field a header could mean, with a score: exact forms beat merged words beat stripped units. */
function candidates(header: string): { field: CustomerField; score: number }[] {
  const best = new Map<CustomerField, number>();
  headerForms(header).forEach((form, tier) => {
    if (form.text === '') return;
    for (const { field, rank } of (form.compact ? COMPACT : SPACED)[form.text] ?? []) {
      const score = (10 - tier) * 1000 - rank;
      if ((best.get(field) ?? -1) < score) best.set(field, score);
    }
  });
  return [...best.entries()].map(([field, score]) => ({ field, score }));
}

// ---------------------------------------------------------------------------------------------
// Explicit mapping (settings)
// ---------------------------------------------------------------------------------------------

const fieldList = CUSTOMER_FIELDS.join(', ');
const didYouMean = (name: string) => {
  const folded = name.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
  const near = CUSTOMER_FIELDS.find((f) => f.toLowerCase() === folded);
  return near ? ` (did you mean "${near}"?)` : '';
};

/**
 * The user's own mapping, saved in settings. Each entry maps a field to the header of its column
 * (`{ "mrr": "Revenue" }`), or a header to its field (`{ "Revenue": "mrr" }`); a field mapped to null
 * is never detected (`{ "status": null }`, for a "Status" column that means something else). Field
 * names are the camelCase keys of CUSTOMER_FIELDS.
 */
export const ColumnMappingSchema = z
  .record(
    z.string().check(z.trim(), z.minLength(1, 'a column mapping needs a header')),
    z.nullable(z.string().check(z.trim(), z.minLength(1))),
  )
  .check(
    z.superRefine((mapping, ctx) => {
      const claimed = new Map<string, string>();
      for (const [key, value] of Object.entries(mapping)) {
        let field: string;
        if (isCustomerField(key)) field = key;
        else if (value !== null && isCustomerField(value)) field = value;
        else {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message:
              value === null
                ? `unknown field "${key}"${didYouMean(key)}; fields are ${fieldList}`
                : `neither "${key}" nor "${value}" is a ChurnGuard field${didYouMean(value) || didYouMean(key)}; fields are ${fieldList}`,
          });
          continue;
        }
        const other = claimed.get(field);
        if (other !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `field "${field}" is mapped twice ("${other}" and "${key}")`,
          });
        claimed.set(field, key);
      }
    }),
  );
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

export class MappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MappingError';
  }
}

const headerList = (texts: readonly string[]) => texts.filter(Boolean).join(', ') || '(none)';

/** Two headers that differ only in case, spacing, punctuation or bracketed notes ("Last login" / "LastLogin"). */
export function sameHeader(a: unknown, b: unknown): boolean {
  const squeeze = (h: unknown) => normaliseHeader(h).replace(/ /g, '');
  const left = squeeze(a);
  return left !== '' && left === squeeze(b);
}

/** Finds a header by its exact text, then loosely (sameHeader); -1 if absent. */
export function findHeader(texts: readonly string[], header: string): number {
  const exact = texts.indexOf(header.trim());
  if (exact >= 0) return exact;
  return texts.findIndex((t) => sameHeader(t, header));
}

/**
 * The explicit mapping resolved against this sheet's headers: field → column index, or null for
 * "never detect". Throws MappingError naming the entry and the headers the sheet has.
 */
export function resolveMapping(
  headers: readonly unknown[],
  explicit: ColumnMapping = {},
): Map<CustomerField, number | null> {
  const texts = headers.map((h) => String(h ?? '').trim());
  const parsed = ColumnMappingSchema.safeParse(explicit);
  if (!parsed.success) {
    throw new MappingError(`Column mapping: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  const out = new Map<CustomerField, number | null>();
  for (const [key, value] of Object.entries(parsed.data)) {
    const keyIsField = isCustomerField(key);
    const valueIsField = value !== null && isCustomerField(value);
    // Both sides field names ({ "plan": "mrr" }) is read whichever way names a column that exists.
    const asFieldToHeader =
      keyIsField && (!valueIsField || findHeader(texts, value) >= 0 || findHeader(texts, key) < 0);
    const field = (asFieldToHeader ? key : value) as CustomerField;
    const header = asFieldToHeader ? value : key;
    if (header === null) {
      out.set(field, null);
      continue;
    }
    const index = findHeader(texts, header);
    if (index < 0) {
      throw new MappingError(
        `Column mapping for ${field}: no column "${header}". Columns: ${headerList(texts)}`,
      );
    }
    out.set(field, index);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------

export interface RecognisedColumn {
  field: CustomerField;
  header: string;
  /** 0-based column index. */
  index: number;
  /** Set by the user's mapping rather than detected. */
  explicit: boolean;
}

export interface MappingConflict {
  field: CustomerField;
  /** The header that got the field. */
  used: string;
  /** A header that also claimed it; it stays available as a raw column. */
  ignored: string;
  /** 0-based column indexes of the two. */
  usedIndex: number;
  ignoredIndex: number;
}

export interface MappingReport {
  /** Field → 0-based column index. */
  columns: Partial<Record<CustomerField, number>>;
  recognised: RecognisedColumn[];
  /** Non-blank headers no field took, in sheet order. */
  unmapped: string[];
  conflicts: MappingConflict[];
  /** Fields the user's mapping switched off (mapped to null). */
  disabled: CustomerField[];
}

/** Maps headers to fields; throws MappingError when the sheet has no email column or the mapping is wrong. */
export function mapColumns(headers: readonly unknown[], explicit: ColumnMapping = {}): MappingReport {
  const texts = headers.map((h) => String(h ?? '').trim());
  const resolved = resolveMapping(texts, explicit);
  const columns: Partial<Record<CustomerField, number>> = {};
  const recognised: RecognisedColumn[] = [];
  const conflicts: MappingConflict[] = [];
  const disabled: CustomerField[] = [];
  const taken = new Set<number>();

  for (const [field, index] of resolved) {
    if (index === null) {
      disabled.push(field);
      continue;
    }
    columns[field] = index;
    taken.add(index);
    recognised.push({ field, header: texts[index]!, index, explicit: true });
  }

  // Every (header, field) pair by score; the best claim on each side wins, greedily.
  const claims = texts
    .flatMap((text, index) =>
      taken.has(index) || text === '' ? [] : candidates(text).map((c) => ({ ...c, index })),
    )
    .filter((c) => !resolved.has(c.field))
    .sort((a, b) => b.score - a.score || a.index - b.index);
  const winner = new Map<CustomerField, number>();
  const lost: { claim: (typeof claims)[number]; holder: number }[] = [];
  for (const claim of claims) {
    if (taken.has(claim.index)) continue;
    const holder = winner.get(claim.field);
    if (holder !== undefined) {
      lost.push({ claim, holder });
      continue;
    }
    winner.set(claim.field, claim.index);
    taken.add(claim.index);
    columns[claim.field] = claim.index;
    recognised.push({ field: claim.field, header: texts[claim.index]!, index: claim.index, explicit: false });
  }
  // A header that lost one field and won none is reported once, against its best claim.
  const reported = new Set<number>();
  for (const { claim, holder } of lost) {
    if (taken.has(claim.index) || reported.has(claim.index)) continue;
    reported.add(claim.index);
    conflicts.push({
      field: claim.field,
      used: texts[holder]!,
      ignored: texts[claim.index]!,
      usedIndex: holder,
      ignoredIndex: claim.index,
    });
  }

  if (columns.email === undefined) {
    throw new MappingError(
      `No email column found. ChurnGuard identifies customers by email: name one column "Email" or map it in Settings. Columns seen: ${headerList(texts)}`,
    );
  }
  recognised.sort((a, b) => a.index - b.index);
  const unmapped = texts.filter((t, i) => t !== '' && !taken.has(i));
  return { columns, recognised, unmapped, conflicts, disabled };
}

/** The email column's index in a header row, or -1 (for lookups that must not read the whole sheet). */
export function emailColumnIndex(headers: readonly unknown[], explicit: ColumnMapping = {}): number {
  try {
    return mapColumns(headers, explicit).columns.email ?? -1;
  } catch {
    return -1;
  }
}
