/**
 * The learned model's view of a customer: the same signals the scorecard reads, measured as of the day
 * the customer churned (or today for active ones), so the model learns what preceded churn rather than
 * what follows it (a churned account's renewal date lies in the past, for one); optionally followed by
 * the sheet's other columns (Region, Seats, Contract…: whatever no customer field took), which the
 * feature builder one-hots or standardises like any table's, dropping IDs, free text and columns that
 * give the outcome away.
 *
 * Those other columns are the sheet as it is today, not as of the churn date; a column that changes
 * when a customer leaves (seats set to 0, a "cancelled via" filled in) is exactly what the leak check
 * in the feature builder looks for, and what `exclude` is for when it slips through.
 */
import type { Customer } from '../../customers/customer';
import { mapColumns, type ColumnMapping } from '../../sheet/columns';
import { rowFromRecord, type Table } from './features';
import { contributions, predictRecord, type ChurnModel, type ColumnContribution } from './model';
import {
  explainLearned,
  learnedProbability,
  learnedRow,
  type Explanation,
  type LearnedModel,
} from './learner';

export const CHURNED = 'churned';
const DAY = 86_400_000;

export const CUSTOMER_FEATURE_HEADERS = [
  'days since activity',
  'usage change',
  'overdue invoices',
  'days late',
  'nps',
  'csat',
  'open tickets',
  'complaints',
  'tenure months',
  'mrr',
  'plan',
  'industry',
  'crisis impact',
  CHURNED,
];

export function customerFeatureRow(c: Customer, today: Date): unknown[] {
  const asOf = c.status === 'churned' && c.churnDate ? c.churnDate : today;
  const days = (d?: Date) => (d ? Math.max(0, (asOf.getTime() - d.getTime()) / DAY) : '');
  const usage =
    c.activityThisPeriod !== undefined && c.activityLastPeriod !== undefined && c.activityLastPeriod > 0
      ? c.activityThisPeriod / c.activityLastPeriod - 1
      : '';
  const tenure = c.startDate ? days(c.startDate) : c.tenureMonths !== undefined ? c.tenureMonths * 30.44 : '';
  return [
    days(c.lastActivity),
    usage,
    c.overdueInvoices ?? '',
    c.daysLate ?? '',
    c.nps ?? '',
    c.csat ?? '',
    c.openTickets ?? '',
    c.complaints ?? '',
    tenure === '' ? '' : (tenure as number) / 30.44,
    c.mrr ?? '',
    c.plan ?? '',
    c.industry ?? '',
    c.impact ?? '',
    c.status === 'churned' ? 'yes' : 'no',
  ];
}

/** Raw column → the header it goes by in the table (renamed when it would clash with a derived one). */
export type RawColumns = readonly { raw: string; header: string }[];

const DERIVED = new Set(CUSTOMER_FEATURE_HEADERS.map((h) => h.toLowerCase()));

/** A raw column's header in the table: its own, or "Plan (sheet)" beside the derived "plan". */
function rawHeader(raw: string): string {
  let header = raw;
  while (DERIVED.has(header.toLowerCase())) header = `${header} (sheet)`;
  return header;
}

/**
 * The sheet's columns that no customer field took, found the way the sheet reader found the fields
 * (with the user's mapping), so nothing is counted twice and the status and churn date never become
 * features. Empty when the headers cannot be mapped.
 */
export function rawFeatureColumns(customers: readonly Customer[], mapping?: ColumnMapping): RawColumns {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const c of customers)
    for (const k of Object.keys(c.raw))
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
  let unmapped: string[];
  try {
    unmapped = mapColumns(keys, mapping).unmapped;
  } catch {
    return [];
  }
  return unmapped.map((raw) => ({ raw, header: rawHeader(raw) }));
}

export interface CustomerTableOptions {
  /** Add the sheet's other columns as features (default false: the derived fields only). */
  rawColumns?: boolean;
  /** The user's column mapping, so the columns it gives to fields are not added again. */
  mapping?: ColumnMapping;
}

/**
 * Customers as a table for `fitModel`/`crossValidate`/`learnModel` with outcome CHURNED. With raw
 * columns, score customers later with `predictCustomer` (which matches columns by name), not with
 * `predict(model, customerFeatureRow(…))`, which knows only the derived columns.
 */
export function customerTable(
  customers: readonly Customer[],
  today: Date,
  options: CustomerTableOptions = {},
): Table {
  const raw = options.rawColumns ? rawFeatureColumns(customers, options.mapping) : [];
  return {
    headers: [...CUSTOMER_FEATURE_HEADERS, ...raw.map((r) => r.header)],
    rows: customers.map((c) => [...customerFeatureRow(c, today), ...raw.map((r) => c.raw[r.raw] ?? '')]),
  };
}

/**
 * A customer keyed by the table's headers: every raw column (a model reads only those it learned
 * from), then the derived features.
 */
export function customerRecord(c: Customer, today: Date): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [raw, value] of Object.entries(c.raw)) record[rawHeader(raw)] = value;
  const derived = customerFeatureRow(c, today);
  CUSTOMER_FEATURE_HEADERS.forEach((h, i) => (record[h] = derived[i]));
  return record;
}

/** The churn probability of a customer under a model learned from `customerTable`, with or without raw columns. */
export function predictCustomer(model: ChurnModel, c: Customer, today: Date): number {
  return predictRecord(model, customerRecord(c, today), today);
}

/** Which columns push this customer's risk up (+) or down (−) compared with the average customer. */
export function explainCustomer(model: ChurnModel, c: Customer, today: Date): ColumnContribution[] {
  return contributions(model, rowFromRecord(model.spec, customerRecord(c, today)), today);
}

/** A customer as a row for any learner (logistic, trees or blend) learned from `customerTable`. */
export function customerRowFor(model: LearnedModel, c: Customer, today: Date): unknown[] {
  return learnedRow(model, customerRecord(c, today));
}

/** The churn probability and its per-column explanation under any learner, as of `today`. */
export function scoreCustomerLearned(
  model: LearnedModel,
  c: Customer,
  today: Date,
): { probability: number; explanation: Explanation } {
  const row = customerRowFor(model, c, today);
  return {
    probability: learnedProbability(model, row, today),
    explanation: explainLearned(model, row, today),
  };
}
