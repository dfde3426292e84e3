/**
 * Alerts: one per danger-zone event, with the customer's owner, the reason and the suggested move,
 * kept in the Alerts tab so the whole team sees them and so no event is ever raised twice.
 */
import * as z from '../zod';
import { sameHeader } from '../sheet/columns';
import type { AlertKind, DangerEvent } from './events';

export const ALERTS_TAB = 'Alerts';
export const ALERT_HEADERS = [
  'Key',
  'Raised',
  'Customer',
  'Email',
  'Owner',
  'Kind',
  'Reason',
  'Suggested move',
  'Status',
  'Snoozed until',
] as const;

export const ALERT_STATUSES = ['open', 'acknowledged', 'snoozed', 'done'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface Alert {
  key: string;
  raised: string;
  customer: string;
  email: string;
  owner: string;
  kind: AlertKind;
  reason: string;
  move: string;
  status: AlertStatus;
  snoozedUntil?: string;
  /** 1-based row in the tab when read from it. */
  row?: number;
}

const StatusSchema = z.enum(ALERT_STATUSES);

export function readAlerts(values: readonly unknown[][]): { alerts: Alert[]; issues: string[] } {
  const headers = values[0] ?? [];
  const col = (h: string) => headers.findIndex((x) => sameHeader(x, h));
  const at = Object.fromEntries(ALERT_HEADERS.map((h) => [h, col(h)])) as Record<
    (typeof ALERT_HEADERS)[number],
    number
  >;
  const alerts: Alert[] = [];
  const issues: string[] = [];
  values.slice(1).forEach((r, i) => {
    const cell = (h: (typeof ALERT_HEADERS)[number]) => {
      const v = at[h] >= 0 ? r[at[h]] : '';
      // Sheets reads a written "2026-11-20" back as a date.
      return v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '').trim();
    };
    const key = cell('Key');
    if (!key) return;
    const status = StatusSchema.safeParse(cell('Status').toLowerCase() || 'open');
    if (!status.success)
      issues.push(`${ALERTS_TAB}!row ${i + 2} (Status): unknown status '${cell('Status')}'`);
    alerts.push({
      key,
      raised: cell('Raised'),
      customer: cell('Customer'),
      email: cell('Email'),
      owner: cell('Owner'),
      kind: cell('Kind') as AlertKind,
      reason: cell('Reason'),
      move: cell('Suggested move'),
      status: status.success ? status.data : 'open',
      ...(cell('Snoozed until') ? { snoozedUntil: cell('Snoozed until') } : {}),
      row: i + 2,
    });
  });
  return { alerts, issues };
}

export function alertRow(a: Alert): unknown[] {
  return [
    a.key,
    a.raised,
    a.customer,
    a.email,
    a.owner,
    a.kind,
    a.reason,
    a.move,
    a.status,
    a.snoozedUntil ?? '',
  ];
}

/** New alerts for events whose key was never raised; each event at most once, ever. */
export function newAlerts(
  events: readonly DangerEvent[],
  raised: ReadonlySet<string>,
  details: (e: DangerEvent) => { customer: string; owner: string; move: string },
  today: string,
): Alert[] {
  const seen = new Set(raised);
  const out: Alert[] = [];
  for (const e of events) {
    if (seen.has(e.key)) continue;
    seen.add(e.key);
    out.push({
      key: e.key,
      raised: today,
      email: e.email,
      kind: e.kind,
      reason: e.reason,
      status: 'open',
      ...details(e),
    });
  }
  return out;
}

/** Open alerts to show: open ones, and snoozed ones whose snooze has ended. */
export function activeAlerts(alerts: readonly Alert[], today: string): Alert[] {
  return alerts.filter(
    (a) => a.status === 'open' || (a.status === 'snoozed' && (a.snoozedUntil ?? '') <= today),
  );
}

/**
 * How soon an alert wants a person, most urgent first: a customer who wrote that they are leaving,
 * then money already late, then a risk that rose, then the slower signals, and a renewal date last
 * (it is known long before). Unranked kinds from a newer version sort last.
 */
const URGENCY: readonly AlertKind[] = [
  'churnEmail',
  'paymentOverdue',
  'bandUp',
  'scoreJump',
  'npsDetractor',
  'inactive',
  'renewalSoon',
];

/** Alerts in the order a manager should act on them: urgency, then those with a move, then newest. */
export function byUrgency(a: Alert, b: Alert): number {
  const rank = (x: Alert) => {
    const i = URGENCY.indexOf(x.kind);
    return i < 0 ? URGENCY.length : i;
  };
  return rank(a) - rank(b) || Number(!a.move) - Number(!b.move) || b.raised.localeCompare(a.raised);
}
