/**
 * The signals behind the score. Each looks at one thing customer-success teams watch and returns a
 * severity from 0 (fine) to 1 (alarming) with a sentence a manager can read, or null when the sheet
 * has no data for it, so missing data is left out rather than read as good news.
 */
import { count, formatDays } from '../text/format';
import type { CrisisImpact, Customer } from '../customers/customer';
import type { SignalId } from './settings';
import { daysBetween, pluralDays } from '../time/calendar';

export interface SignalReading {
  severity: number;
  sentence: string;
}

/**
 * The external email-intent reading. `label` names the intent ("Will not renew"); without one the
 * sentence reads "Email says: “…”".
 */
export interface EmailIntent {
  churnSignal: number;
  phrase: string;
  label?: string;
  /** An explicit decision to leave (see stated-intent.ts): at least High, and the first reason. */
  explicit?: boolean;
}

export interface SignalContext {
  /** Today's calendar day in the sheet's time zone (UTC midnight of it), see time/calendar.ts. */
  today: Date;
  dormantDays: number;
  /** What the open email says, from the intent detector (0-1), with the phrase that triggered it. */
  emailIntent?: EmailIntent;
  /**
   * The crisis impact of the customer's segment (industry) when it is known from outside the row,
   * e.g. from a segment table; it wins over `customer.impact`.
   */
  segmentImpact?: CrisisImpact;
}

const clamp = (x: number) => Math.max(0, Math.min(1, x));
const days = daysBetween;
const plural = count;

function inactivity(c: Customer, ctx: SignalContext): SignalReading | null {
  if (!c.lastActivity) return null;
  const idle = days(c.lastActivity, ctx.today);
  if (idle < 0) return { severity: 0, sentence: 'Active recently' };
  // Quiet for two weeks is normal; past the dormancy line it is the strongest warning there is.
  const severity = clamp((idle - 14) / (ctx.dormantDays * 2 - 14));
  const sentence =
    idle >= ctx.dormantDays
      ? `Dormant: no activity for ${pluralDays(idle)}`
      : idle <= 1
        ? 'Active in the last day'
        : `No activity for ${pluralDays(idle)}`;
  return { severity, sentence };
}

function usageDrop(c: Customer): SignalReading | null {
  const now = c.activityThisPeriod;
  const before = c.activityLastPeriod;
  if (now === undefined || before === undefined) return null;
  if (before <= 0)
    return { severity: 0, sentence: now > 0 ? 'Usage started this period' : 'No usage in either period' };
  const change = (now - before) / before;
  if (change >= 0) return { severity: 0, sentence: `Usage up ${Math.round(change * 100)}% on last period` };
  // A 10% dip is noise; losing 70% or more of usage is as bad as it gets.
  return {
    severity: clamp((-change - 0.1) / 0.6),
    sentence: `Usage down ${Math.round(-change * 100)}% on last period`,
  };
}

function payments(c: Customer): SignalReading | null {
  if (c.overdueInvoices === undefined && c.daysLate === undefined) return null;
  const invoices = c.overdueInvoices ?? 0;
  const late = c.daysLate ?? 0;
  if (invoices === 0 && late === 0) return { severity: 0, sentence: 'Payments on time' };
  const severity = clamp(Math.max(invoices / 3, late / 60));
  const parts = [
    invoices > 0 ? `${plural(invoices, 'invoice')} overdue` : '',
    late > 0 ? `${formatDays(late)} late` : '',
  ].filter(Boolean);
  return { severity, sentence: parts.join(', ') };
}

function sentiment(c: Customer): SignalReading | null {
  if (c.nps !== undefined) {
    if (c.nps <= 6) return { severity: clamp((7 - c.nps) / 7 + 0.3), sentence: `NPS ${c.nps} (detractor)` };
    if (c.nps <= 8) return { severity: 0.25, sentence: `NPS ${c.nps} (passive)` };
    return { severity: 0, sentence: `NPS ${c.nps} (promoter)` };
  }
  if (c.csat !== undefined) {
    const pct = Math.round(c.csat * 100);
    return { severity: clamp((0.8 - c.csat) / 0.5), sentence: `Satisfaction ${pct}%` };
  }
  return null;
}

function support(c: Customer): SignalReading | null {
  if (c.openTickets === undefined && c.complaints === undefined) return null;
  const tickets = c.openTickets ?? 0;
  const complaints = c.complaints ?? 0;
  if (tickets === 0 && complaints === 0) return { severity: 0, sentence: 'No open tickets or complaints' };
  const parts = [
    tickets ? `${plural(tickets, 'open ticket')}` : '',
    complaints ? plural(complaints, 'complaint') : '',
  ].filter(Boolean);
  // A complaint weighs like three routine tickets.
  return { severity: clamp((tickets + 3 * complaints) / 6), sentence: parts.join(', ') };
}

/** How the card, the CLI and the digest all say a renewal date: "Renewal today", "Renewal in 1 day". */
export function renewalSentence(daysLeft: number): string {
  if (daysLeft < 0) return `Renewal date passed ${pluralDays(-daysLeft)} ago`;
  return daysLeft === 0 ? 'Renewal today' : `Renewal in ${pluralDays(daysLeft)}`;
}

function renewal(c: Customer, ctx: SignalContext): SignalReading | null {
  if (!c.renewalDate) return null;
  const left = days(ctx.today, c.renewalDate);
  const sentence = renewalSentence(left);
  if (left < 0) return { severity: 1, sentence };
  if (left > 90) return { severity: 0, sentence };
  return { severity: clamp((90 - left) / 80), sentence };
}

function earlyLife(c: Customer, ctx: SignalContext): SignalReading | null {
  const months = c.startDate ? days(c.startDate, ctx.today) / 30.44 : c.tenureMonths;
  if (months === undefined) return null;
  if (months >= 6) return { severity: 0, sentence: `Customer for ${count(Math.floor(months), 'month')}` };
  // The first 90 days carry the highest churn hazard; it fades out by month six.
  const severity = months <= 3 ? 1 : clamp((6 - months) / 3);
  const weeks = Math.max(1, Math.round(months * 4.35));
  return {
    severity,
    sentence:
      months < 2
        ? `Customer for ${plural(weeks, 'week')}`
        : `Customer for ${count(Math.floor(months), 'month')}`,
  };
}

const IMPACT = {
  severe: { severity: 1, sentence: 'Industry hit hard by the crisis' },
  hit: { severity: 0.6, sentence: 'Industry hurt by the crisis' },
  stable: { severity: 0, sentence: 'Industry stable through the crisis' },
  booming: { severity: 0, sentence: 'Industry booming in the crisis' },
} as const;

function crisisImpact(c: Customer, ctx: SignalContext): SignalReading | null {
  const impact = ctx.segmentImpact ?? c.impact;
  return impact ? IMPACT[impact] : null;
}

function emailIntent(_c: Customer, ctx: SignalContext): SignalReading | null {
  if (!ctx.emailIntent) return null;
  return {
    severity: clamp(ctx.emailIntent.churnSignal),
    sentence: `${ctx.emailIntent.label ?? 'Email says'}: “${ctx.emailIntent.phrase}”`,
  };
}

export const SIGNAL_READERS: Record<SignalId, (c: Customer, ctx: SignalContext) => SignalReading | null> = {
  inactivity,
  usageDrop,
  payments,
  sentiment,
  support,
  renewal,
  earlyLife,
  crisisImpact,
  emailIntent,
};
