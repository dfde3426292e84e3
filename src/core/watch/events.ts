/**
 * Danger-zone events a daily scan looks for, each with a key that names the event itself (the
 * silence that began on 17 Aug, the renewal on 1 Feb, the escalation seen on 20 Nov), so an alert
 * is raised once per event however many scans see it. Change-based events (band up, score jump, a
 * payment becoming overdue, NPS falling to detractor) need the previous scan's state; the first
 * scan only records it.
 */
import { count, formatScore } from '../text/format';
import type { Customer } from '../customers/customer';
import type { Band, RiskScore } from '../risk/scorecard';
import type { ScanState } from './history';
import { renewalSentence } from '../risk/signals';
import { calendarDay, daysBetween, pluralDays } from '../time/calendar';

export const ALERT_KINDS = [
  'bandUp',
  'scoreJump',
  'inactive',
  'paymentOverdue',
  'renewalSoon',
  'churnEmail',
  'npsDetractor',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface DangerEvent {
  /** Unique per customer and event: the alert's identity. */
  key: string;
  email: string;
  kind: AlertKind;
  reason: string;
}

export interface WatchSettings {
  /** A rise of this many points between scans is an event. */
  jumpPoints: number;
  /** Days without activity that are events, each once per silence. */
  inactivityDays: readonly number[];
  /** Days before renewal that are events, each once per renewal date. */
  renewalDays: readonly number[];
}

export const DEFAULT_WATCH: WatchSettings = {
  jumpPoints: 15,
  inactivityDays: [30, 90, 180],
  renewalDays: [60, 30],
};

/** A churn-intent email the sidebar saw for a customer. */
export interface EmailSignal {
  email: string;
  messageId: string;
  day: string;
  label: string;
  phrase: string;
}

export const RANK: Record<Band, number> = { Unknown: -1, Low: 0, Medium: 1, High: 2, Critical: 3 };
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** An event's identity within its kind, and its sentence. */
type Worded = readonly [id: string, reason: string];

/**
 * Each change or threshold event's identity and sentence from the facts it compared, so the
 * in-memory scan and the warehouse scan (src/core/sql/scan.ts) raise the same keys with the same words.
 */
export const EVENT_WORDS = {
  bandUp: (band: Band, previousBand: Band, score: number, day: string): Worded => [
    `${band}|${day}`,
    `Risk rose from ${previousBand} to ${band} (${formatScore(score)}).`,
  ],
  scoreJump: (score: number, previousScore: number, previousDay: string, day: string): Worded => [
    day,
    `Risk jumped ${count(Math.round(score - previousScore), 'point')} since ${previousDay} (now ${formatScore(score)}).`,
  ],
  inactive: (idle: number, crossed: number, lastActivity: Date): Worded => [
    `${crossed}|${isoDay(lastActivity)}`,
    `No activity for ${pluralDays(idle)} (since ${isoDay(lastActivity)}).`,
  ],
  paymentOverdue: (overdue: number, day: string): Worded => [
    day,
    `${count(overdue, 'invoice')} became overdue.`,
  ],
  renewalSoon: (left: number, window: number, renewal: Date): Worded => [
    `${window}|${isoDay(renewal)}`,
    `${renewalSentence(left)} (${isoDay(renewal)}).`,
  ],
  npsDetractor: (nps: number, previousNps: number, day: string): Worded => [
    day,
    `NPS fell from ${previousNps} to ${nps} (detractor).`,
  ],
};

export const dangerEvent = (email: string, kind: AlertKind, [id, reason]: Worded): DangerEvent => ({
  key: `${email}|${kind}|${id}`,
  email,
  kind,
  reason,
});

export interface ScanInput {
  customer: Customer;
  risk: RiskScore;
  previous?: ScanState;
  today: Date;
  /** The spreadsheet's time zone: what day "today" is for day counts (default UTC). */
  timeZone?: string;
  emailSignals?: readonly EmailSignal[];
}

export function detectEvents(input: ScanInput, settings: WatchSettings = DEFAULT_WATCH): DangerEvent[] {
  const { customer: c, risk, previous, today } = input;
  if (c.status === 'churned') return [];
  const day = isoDay(today);
  const calendarToday = calendarDay(today, input.timeZone);
  const events: DangerEvent[] = [];
  const add = (kind: AlertKind, worded: Worded) => events.push(dangerEvent(c.email, kind, worded));

  if (previous && risk.score !== undefined) {
    if (RANK[risk.band] > RANK[previous.band] && RANK[risk.band] >= RANK.High)
      add('bandUp', EVENT_WORDS.bandUp(risk.band, previous.band, risk.score, day));
    else if (previous.score !== undefined && risk.score - previous.score >= settings.jumpPoints)
      add('scoreJump', EVENT_WORDS.scoreJump(risk.score, previous.score, previous.day, day));
  }
  if (c.lastActivity) {
    const idle = daysBetween(c.lastActivity, calendarToday);
    const crossed = [...settings.inactivityDays].sort((a, b) => b - a).find((t) => idle >= t);
    if (crossed !== undefined) add('inactive', EVENT_WORDS.inactive(idle, crossed, c.lastActivity));
  }
  if (previous && (c.overdueInvoices ?? 0) > 0 && (previous.overdueInvoices ?? 0) === 0)
    add('paymentOverdue', EVENT_WORDS.paymentOverdue(c.overdueInvoices!, day));
  if (c.renewalDate) {
    const left = daysBetween(calendarToday, c.renewalDate);
    const window = [...settings.renewalDays].sort((a, b) => a - b).find((w) => left >= 0 && left <= w);
    if (window !== undefined) add('renewalSoon', EVENT_WORDS.renewalSoon(left, window, c.renewalDate));
  }
  if (previous && c.nps !== undefined && c.nps <= 6 && previous.nps !== undefined && previous.nps >= 7)
    add('npsDetractor', EVENT_WORDS.npsDetractor(c.nps, previous.nps, day));
  for (const s of input.emailSignals ?? [])
    if (s.email === c.email)
      add('churnEmail', [s.messageId, `Email of ${s.day}: ${s.label} (“${s.phrase}”).`]);
  return events;
}
