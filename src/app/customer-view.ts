/** Turns a customer, their score and where they sit in the sheet into what the customer card shows. */
import type { Customer } from '../core/customers/customer';
import { customerValue } from '../core/playbooks/value';
import { formatIssue, type CellIssue } from '../core/sheet/read-customers';
import type { RiskScore } from '../core/risk/scorecard';
import { SIGNALS } from '../core/risk/settings';
import { shownReasons } from '../core/risk/shown-points';
import { spreadsheetUrl } from '../core/settings/spreadsheet-ref';
import type { SheetLocation } from '../ports/customer-sheet';
import type { CustomerCardState } from '../ui/cards/customer';
import type { ImpactVerdict } from '../core/segments';
import { count, formatMoney, type MoneyFormat } from '../core/text/format';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function customerView(
  customer: Customer,
  risk: RiskScore,
  options: {
    location?: SheetLocation;
    issues?: CellIssue[];
    matchNote?: string;
    today: Date;
    /** The effective crisis impact and where it came from; absent: the row's own. */
    impact?: ImpactVerdict;
    /** The team's currency in the sheet's locale; dollars when unknown. */
    money?: MoneyFormat;
  },
): CustomerCardState {
  const facts: { label: string; value: string }[] = [];
  if (customer.owner) facts.push({ label: 'Owner', value: customer.owner });
  if (customer.renewalDate) facts.push({ label: 'Renewal date', value: isoDay(customer.renewalDate) });
  if (customer.lastActivity) facts.push({ label: 'Last activity', value: isoDay(customer.lastActivity) });
  if (customer.industry) facts.push({ label: 'Industry', value: customer.industry });
  const verdict: ImpactVerdict =
    options.impact ??
    (customer.impact ? { impact: customer.impact, source: 'override' } : { source: 'none' });
  if (verdict.impact) {
    const word = verdict.impact[0]!.toUpperCase() + verdict.impact.slice(1);
    facts.push({
      label: 'Crisis impact',
      value:
        verdict.source === 'rule' && verdict.rule
          ? `${word} (rule '${verdict.rule.name}', Impact rules row ${verdict.rule.row})`
          : options.impact
            ? `${word} (set by hand)`
            : word,
    });
  }
  if (customer.startDate) facts.push({ label: 'Customer since', value: isoDay(customer.startDate) });
  // Lifetime value so far: MRR × months as a customer (the sheet's tenure, else since the start date).
  const ltv = customerValue(customer, 'revenueToDate', options.today);
  if (ltv !== undefined && customer.mrr !== undefined && customer.mrr > 0)
    facts.push({
      label: 'Lifetime value',
      value: `${formatMoney(ltv, options.money)} to date (${count(Math.max(1, Math.round(ltv / customer.mrr)), 'month')} × ${formatMoney(customer.mrr, options.money)})`,
    });
  if (customer.status === 'churned') {
    facts.push({
      label: 'Status',
      value: customer.churnDate ? `Churned on ${isoDay(customer.churnDate)}` : 'Churned',
    });
  }
  return {
    name: customer.name ?? '',
    email: customer.email,
    company: customer.company,
    plan: customer.plan,
    mrrText: customer.mrr !== undefined ? `${formatMoney(customer.mrr, options.money)}/mo` : undefined,
    risk: {
      score: risk.score,
      band: risk.band,
      reasons: shownReasons(risk).map((r) => ({ sentence: r.contribution.sentence, points: r.points })),
      basedOn: risk.basedOn.length,
      outOf: SIGNALS.length,
    },
    facts,
    tags: customer.tags,
    matchNote: options.matchNote,
    churned: customer.status === 'churned',
    sheetRowUrl: options.location
      ? spreadsheetUrl(options.location.spreadsheetId, options.location.sheetId, customer.row)
      : undefined,
    rowIssues: (options.issues ?? []).filter((i) => i.row === customer.row).map(formatIssue),
  };
}
