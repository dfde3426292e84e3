/**
 * Alerts as the homepage shows them (the user's own first) and the three things a manager does with
 * one: seen (acknowledged), snooze for a week, done. The status is written to the alert's row in the
 * Alerts tab, found by its key, so the team sees the same state.
 */
import {
  activeAlerts,
  ALERTS_TAB,
  ALERT_HEADERS,
  byUrgency,
  readAlerts,
  type Alert,
} from '../../core/watch/alerts';
import { sameHeader } from '../../core/sheet/columns';
import type { AlertView } from '../../ui/cards/homepage';
import type { AppContext } from '../context';
import { UserFacingError } from '../errors';

export const SNOOZE_DAYS = 7;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function alertViews(
  ctx: AppContext,
  spreadsheetId: string,
): { alerts: AlertView[]; total: number; mine: boolean } {
  const values = ctx.tabs(spreadsheetId).read(ALERTS_TAB)?.values;
  if (!values) return { alerts: [], total: 0, mine: false };
  const active = activeAlerts(readAlerts(values).alerts, isoDay(ctx.clock.now()));
  const me = ctx.session.email().toLowerCase();
  const own = active.filter((a) => a.owner.toLowerCase() === me);
  const shown: Alert[] = own.length > 0 ? own : active;
  return {
    alerts: [...shown].sort(byUrgency).map((a) => ({
      key: a.key,
      customer: a.customer || a.email,
      email: a.email,
      reason: a.reason,
      move: a.move,
      raised: a.raised,
    })),
    total: shown.length,
    mine: own.length > 0,
  };
}

export type AlertChange = 'acknowledged' | 'snoozed' | 'done';

export function changeAlert(
  ctx: AppContext,
  spreadsheetId: string,
  key: string,
  change: AlertChange,
): string {
  const tabs = ctx.tabs(spreadsheetId);
  const header = tabs.read(ALERTS_TAB)?.values[0];
  const found = tabs.findRows(ALERTS_TAB, 1, key)[0];
  if (!header || !found)
    throw new UserFacingError(
      'Alert not found',
      'This alert is no longer in the Alerts tab.',
      'Refresh the homepage; someone may have deleted the row.',
    );
  const statusCol = header.findIndex((h) => sameHeader(h, 'Status'));
  const snoozeCol = header.findIndex((h) => sameHeader(h, 'Snoozed until'));
  if (statusCol < 0 || snoozeCol < 0)
    throw new UserFacingError(
      'The Alerts tab changed',
      `Its header row needs ${ALERT_HEADERS.join(', ')}.`,
      'Restore the Status and Snoozed until columns.',
    );
  const until = isoDay(new Date(ctx.clock.now().getTime() + SNOOZE_DAYS * 86_400_000));
  // Status and Snoozed until sit side by side in the shipped layout; write each where it is.
  tabs.write(ALERTS_TAB, found.row, statusCol + 1, [[change]]);
  tabs.write(ALERTS_TAB, found.row, snoozeCol + 1, [[change === 'snoozed' ? `'${until}` : '']]);
  return change === 'snoozed'
    ? `Snoozed until ${until}`
    : change === 'done'
      ? 'Marked done'
      : 'Marked as seen';
}
