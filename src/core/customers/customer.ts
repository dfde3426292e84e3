/**
 * The customer as ChurnGuard understands it, after a sheet row has been mapped and parsed.
 * Every field but `email` is optional: a sheet carries what it carries, and the risk engine
 * drops the signals it has no data for instead of guessing.
 */
export type CustomerStatus = 'active' | 'churned';

/** How hard the current crisis hits the customer's business (issue 6 refines how it is derived). */
export type CrisisImpact = 'severe' | 'hit' | 'stable' | 'booming';

/** The impact as the Impact column and the cards spell it. */
export const IMPACT_WORD: Record<CrisisImpact, string> = {
  severe: 'Severe',
  hit: 'Hit',
  stable: 'Stable',
  booming: 'Booming',
};

export interface Customer {
  /** 1-based row number in the sheet (header is row 1), so errors and links point at the real row. */
  row: number;
  /** Lower-cased, trimmed address; the customer's identity. */
  email: string;
  name?: string;
  /** Set when the sheet splits names; `name` is then "first last" unless it has its own column. */
  firstName?: string;
  lastName?: string;
  company?: string;
  industry?: string;
  plan?: string;
  /** Monthly recurring revenue (or monthly charge) in the sheet's currency. */
  mrr?: number;
  startDate?: Date;
  /** Months as a customer, when the sheet gives tenure instead of (or besides) a start date. */
  tenureMonths?: number;
  lastActivity?: Date;
  /** Activity (logins, sessions, usage units) in the current and the previous period. */
  activityThisPeriod?: number;
  activityLastPeriod?: number;
  overdueInvoices?: number;
  daysLate?: number;
  /** Net Promoter Score answer, 0-10. */
  nps?: number;
  /** Customer satisfaction, normalised to 0-1 (so 4/5 and 80% both read 0.8). */
  csat?: number;
  openTickets?: number;
  complaints?: number;
  renewalDate?: Date;
  owner?: string;
  tags: string[];
  /** Crisis impact when the sheet states it (a column or an impact tag). */
  impact?: CrisisImpact;
  status: CustomerStatus;
  churnDate?: Date;
  unsubscribed: boolean;
  /** Every mapped column's raw value by header, for merge fields and one-hot model features. */
  raw: Record<string, unknown>;
}
