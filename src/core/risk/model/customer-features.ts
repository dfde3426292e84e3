/**
 * The learned model's view of a customer: the same signals the scorecard reads, measured as of the day
 * the customer churned (or today for active ones), so the model learns what preceded churn rather than
 * what follows it (a churned account's renewal date lies in the past, for one).
 */
import type { Customer } from '../../customers/customer';
import type { Table } from './features';

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

export function customerTable(customers: readonly Customer[], today: Date): Table {
  return { headers: CUSTOMER_FEATURE_HEADERS, rows: customers.map((c) => customerFeatureRow(c, today)) };
}
