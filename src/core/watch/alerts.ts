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
  // When a person marked it seen or done: the archive moves it out of the Alerts tab so long after.
  'Closed',
] as const;
export type AlertHeader = (typeof ALERT_HEADERS)[number];

/** Closed alerts move here on the hourly trigger; the scan still counts their keys as raised. */
export const ALERTS_ARCHIVE_TAB = 'Alerts archive';

export const ALERT_STATUSES = ['open', 'acknowledged', 'snoozed', 'done'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
/** Statuses the homepage may show (a snoozed one once its snooze ends): found by a TextFinder. */
export const SHOWABLE_STATUSES: readonly AlertStatus[] = ['open', 'snoozed'];
/** Statuses that close an alert: the archive moves such rows out of the Alerts tab. */
export const CLOSED_STATUSES: readonly AlertStatus[] = ['acknowledged', 'done'];

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
  /** UTC day a person closed it (seen or done); older tabs have no such column. */
  closed?: string;
  /** 1-based row in the tab when read from it. */
  row?: number;
}

const StatusSchema = z.enum(ALERT_STATUSES);

/** Where each known header sits in a header row (-1 when missing): people move columns. */
export function alertColumns(header: readonly unknown[]): Record<AlertHeader, number> {
  return Object.fromEntries(
    ALERT_HEADERS.map((h) => [h, header.findIndex((x) => sameHeader(x, h))]),
  ) as Record<AlertHeader, number>;
}

/** One row of the Alerts tab as an alert (null for a row with no key), and what is wrong with it. */
export function alertFromRow(
  r: readonly unknown[],
  at: Record<AlertHeader, number>,
  row: number,
): { alert: Alert | null; issue?: string } {
  const cell = (h: AlertHeader) => {
    const v = at[h] >= 0 ? r[at[h]] : '';
    // Sheets reads a written "2026-11-20" back as a date.
    return v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '').trim();
  };
  const key = cell('Key');
  if (!key) return { alert: null };
  const status = StatusSchema.safeParse(cell('Status').toLowerCase() || 'open');
  return {
    alert: {
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
      ...(cell('Closed') ? { closed: cell('Closed') } : {}),
      row,
    },
    ...(status.success
      ? {}
      : { issue: `${ALERTS_TAB}!row ${row} (Status): unknown status '${cell('Status')}'` }),
  };
}

export function readAlerts(values: readonly unknown[][]): { alerts: Alert[]; issues: string[] } {
  const at = alertColumns(values[0] ?? []);
  const alerts: Alert[] = [];
  const issues: string[] = [];
  values.slice(1).forEach((r, i) => {
    const { alert, issue } = alertFromRow(r, at, i + 2);
    if (alert) alerts.push(alert);
    if (issue) issues.push(issue);
  });
  return { alerts, issues };
}

/** Days a closed alert stays in the Alerts tab, so the team still sees what was just handled. */
export const ARCHIVE_AFTER_DAYS = 14;

/**
 * Whether the archive may move this alert: closed (seen or done), and closed at least `days` ago —
 * by its Closed day, or by the day it was raised where a tab has no Closed column or cell.
 */
export function archivable(a: Alert, today: string, days = ARCHIVE_AFTER_DAYS): boolean {
  if (!CLOSED_STATUSES.includes(a.status)) return false;
  const since = /^\d{4}-\d{2}-\d{2}/.exec(a.closed || a.raised)?.[0];
  if (!since) return false;
  return Date.parse(`${today}T00:00:00Z`) - Date.parse(`${since}T00:00:00Z`) >= days * 86_400_000;
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
    a.closed ?? '',
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
export const URGENCY: readonly AlertKind[] = [
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
