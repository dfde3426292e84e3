/**
 * Which column holds which field. Headers are matched after normalising case, spacing, punctuation,
 * camelCase ("LastLoginDate") and bracketed notes ("MRR ($)"), against synonyms teams really use.
 * The user's explicit mapping always wins; what is not recognised stays available as a raw column.
 */
import { z } from 'zod';

export const CUSTOMER_FIELDS = [
  'email',
  'name',
  'firstName',
  'lastName',
  'company',
  'industry',
  'plan',
  'mrr',
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

/** Normalised synonyms, most specific first within each field. */
const SYNONYMS: Record<CustomerField, string[]> = {
  email: [
    'email',
    'e mail',
    'email address',
    'e mail address',
    'mail',
    'contact email',
    'customer email',
    'primary email',
  ],
  name: ['name', 'full name', 'contact name', 'contact', 'customer name', 'client name'],
  firstName: ['first name', 'firstname', 'given name'],
  lastName: ['last name', 'lastname', 'surname', 'family name'],
  company: ['company', 'company name', 'account', 'account name', 'organisation', 'organization', 'business'],
  industry: ['industry', 'sector', 'vertical', 'segment industry'],
  plan: ['plan', 'tier', 'subscription', 'package', 'pricing plan', 'contract'],
  mrr: [
    'mrr',
    'monthly revenue',
    'monthly recurring revenue',
    'monthly charge',
    'monthly charges',
    'monthly fee',
    'monthly value',
  ],
  startDate: [
    'start date',
    'customer since',
    'signup date',
    'sign up date',
    'signed up',
    'created',
    'created at',
    'start',
  ],
  tenureMonths: ['tenure', 'tenure months', 'months as customer', 'months'],
  lastActivity: [
    'last activity',
    'last login',
    'last seen',
    'last active',
    'last login date',
    'last activity date',
    'last used',
  ],
  activityThisPeriod: [
    'logins this month',
    'sessions this month',
    'usage this period',
    'usage this month',
    'activity this month',
    'logins this period',
    'active users',
  ],
  activityLastPeriod: [
    'logins last month',
    'sessions last month',
    'usage last period',
    'usage last month',
    'activity last month',
    'logins previous month',
    'usage previous period',
  ],
  overdueInvoices: ['overdue invoices', 'unpaid invoices', 'invoices overdue', 'late invoices'],
  daysLate: ['days late', 'days overdue', 'payment delay days', 'days past due', 'payment delay'],
  nps: ['nps', 'nps score', 'net promoter score', 'promoter score'],
  csat: ['csat', 'satisfaction', 'csat score', 'customer satisfaction'],
  openTickets: ['open tickets', 'support tickets', 'tickets', 'open support tickets'],
  complaints: ['complaints', 'complaint', 'open complaints'],
  renewalDate: ['renewal date', 'renewal', 'contract end', 'contract end date', 'renews on', 'next renewal'],
  owner: ['owner', 'account manager', 'csm', 'am', 'account owner', 'customer success manager', 'manager'],
  tags: ['tags', 'labels', 'segment tags', 'tag'],
  impact: ['crisis impact', 'impact', 'covid impact'],
  status: ['status', 'customer status', 'churned', 'churn', 'account status', 'state'],
  churnDate: ['churn date', 'cancelled on', 'cancellation date', 'canceled on', 'churned on', 'end date'],
  unsubscribed: ['unsubscribed', 'opted out', 'do not email', 'unsubscribe', 'email opt out'],
};

/** "LastLoginDate", "last_login-date", "Last login (UTC)" → "last login date"/"last login". */
export function normaliseHeader(header: unknown): string {
  return String(header ?? '')
    .replace(/\(.*?\)|\[.*?\]/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The user's own mapping, saved in settings: field → header text as it appears in row 1. */
export const ColumnMappingSchema = z.partialRecord(z.enum(CUSTOMER_FIELDS), z.string().min(1));
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

export interface MappingReport {
  /** Field → 0-based column index. */
  columns: Partial<Record<CustomerField, number>>;
  recognised: { field: CustomerField; header: string; explicit: boolean }[];
  unmapped: string[];
  conflicts: { field: CustomerField; used: string; ignored: string }[];
}

export class MappingError extends Error {}

export function mapColumns(headers: readonly unknown[], explicit: ColumnMapping = {}): MappingReport {
  const texts = headers.map((h) => String(h ?? '').trim());
  const normalised = texts.map(normaliseHeader);
  const columns: Partial<Record<CustomerField, number>> = {};
  const recognised: MappingReport['recognised'] = [];
  const conflicts: MappingReport['conflicts'] = [];
  const taken = new Set<number>();

  for (const [field, header] of Object.entries(explicit) as [CustomerField, string][]) {
    const index =
      texts.findIndex((t) => t === header.trim()) >= 0
        ? texts.findIndex((t) => t === header.trim())
        : normalised.indexOf(normaliseHeader(header));
    if (index < 0) {
      throw new MappingError(
        `Column mapping for ${field}: no column "${header}". Columns: ${texts.filter(Boolean).join(', ')}`,
      );
    }
    columns[field] = index;
    taken.add(index);
    recognised.push({ field, header: texts[index] as string, explicit: true });
  }

  for (const field of CUSTOMER_FIELDS) {
    if (columns[field] !== undefined) continue;
    let best: { index: number; rank: number } | null = null;
    normalised.forEach((h, index) => {
      if (taken.has(index) || h === '') return;
      const rank = SYNONYMS[field].indexOf(h);
      if (rank < 0) return;
      if (best && best.rank <= rank) {
        conflicts.push({ field, used: texts[best.index] as string, ignored: texts[index] as string });
        return;
      }
      if (best) conflicts.push({ field, used: texts[index] as string, ignored: texts[best.index] as string });
      best = { index, rank };
    });
    if (best) {
      const { index } = best as { index: number };
      columns[field] = index;
      taken.add(index);
      recognised.push({ field, header: texts[index] as string, explicit: false });
    }
  }

  if (columns.email === undefined) {
    throw new MappingError(
      `No email column found. ChurnGuard identifies customers by email; name one column "Email" or map it in Settings. Columns seen: ${texts.filter(Boolean).join(', ') || '(none)'}`,
    );
  }
  const unmapped = texts.filter((t, i) => t !== '' && !taken.has(i));
  return { columns, recognised, unmapped, conflicts };
}

/** The email column's index in a header row, or -1 (for lookups that must not read the whole sheet). */
export function emailColumnIndex(headers: readonly unknown[], explicit: ColumnMapping = {}): number {
  try {
    return mapColumns(headers, explicit).columns.email ?? -1;
  } catch {
    return -1;
  }
}
