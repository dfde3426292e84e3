/**
 * Alerts as the homepage shows them (the user's own first) and the three things a manager does with
 * one: seen (acknowledged), snooze for a week, done. Neither reads the Alerts tab whole: the homepage
 * finds the open and snoozed rows with a TextFinder on the Status column and reads only those, and
 * an action finds its alert by key, re-reads that row and writes it only if it still holds the alert.
 */
import {
  activeAlerts,
  ALERTS_TAB,
  ALERT_HEADERS,
  byUrgency,
  SHOWABLE_STATUSES,
  type Alert,
  type AlertHeader,
} from '../../core/watch/alerts';
import type { AlertView } from '../../ui/cards/homepage';
import type { AppContext } from '../context';
import { UserFacingError } from '../errors';
import { withSheetLock } from '../shared-lock';
import { alertHeader, readAlertRows } from './alert-rows';

export const SNOOZE_DAYS = 7;
/**
 * Open or snoozed rows the homepage reads at most (~22,000 cells, well under a second). A team with
 * more open alerts than this sees the newest rows and a count of the rest.
 */
export const MAX_SHOWABLE_ROWS = 2_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function alertViews(
  ctx: AppContext,
  spreadsheetId: string,
): { alerts: AlertView[]; total: number; mine: boolean } {
  const tabs = ctx.tabs(spreadsheetId);
  const at = alertHeader(tabs);
  if (!at || at.Status < 0) return { alerts: [], total: 0, mine: false };
  const found = tabs.findRowNumbers(ALERTS_TAB, at.Status + 1, SHOWABLE_STATUSES);
  // Alerts are appended, so the last rows are the newest unless someone sorted the tab.
  const read = found.slice(-MAX_SHOWABLE_ROWS);
  const unread = found.length - read.length;
  const active = activeAlerts(readAlertRows(tabs, at, read).alerts, isoDay(ctx.clock.now()));
  const me = ctx.session.email().toLowerCase();
  const own = active.filter((a) => a.owner.toLowerCase() === me);
  const shown: Alert[] = own.length > 0 ? own : active;
  return alertsShown(shown, shown.length + unread, own.length > 0);
}

/** The homepage's alerts, most urgent first (the sheet's and the warehouse's). */
export function alertsShown(shown: readonly Alert[], total: number, mine: boolean) {
  return {
    alerts: [...shown].sort(byUrgency).map((a): AlertView => ({
      key: a.key,
      customer: a.customer || a.email,
      email: a.email,
      reason: a.reason,
      move: a.move,
      raised: a.raised,
    })),
    total,
    mine,
  };
}

export type AlertChange = 'acknowledged' | 'snoozed' | 'done';

const notFound = () =>
  new UserFacingError(
    'Alert not found',
    'This alert is no longer in the Alerts tab.',
    'Refresh the homepage; someone may have deleted the row, or it was archived.',
  );

/** Cells to write in one row, merged into one write per run of adjacent columns. */
function writeCells(
  ctx: AppContext,
  spreadsheetId: string,
  row: number,
  cells: readonly { column: number; value: unknown }[],
): void {
  const sorted = [...cells].sort((a, b) => a.column - b.column);
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i]!.column === sorted[i - 1]!.column + 1) continue;
    const run = sorted.slice(start, i);
    ctx.tabs(spreadsheetId).write(ALERTS_TAB, row, run[0]!.column, [run.map((c) => c.value)]);
    start = i;
  }
}

export function changeAlert(
  ctx: AppContext,
  spreadsheetId: string,
  key: string,
  change: AlertChange,
): string {
  const tabs = ctx.tabs(spreadsheetId);
  const now = ctx.clock.now();
  const until = isoDay(new Date(now.getTime() + SNOOZE_DAYS * 86_400_000));
  const wanted = key.trim();
  // Under the shared lock: the archive deletes rows under it, so a row found here stays put until the
  // write (a person could still sort in between; the key check below catches what it can).
  const outcome = withSheetLock(ctx, () => {
    const at = alertHeader(tabs);
    if (!at) throw notFound();
    const need: AlertHeader[] = ['Key', 'Status', 'Snoozed until'];
    if (need.some((h) => at[h] < 0))
      throw new UserFacingError(
        'The Alerts tab changed',
        `Its header row needs ${ALERT_HEADERS.join(', ')}.`,
        'Restore the Key, Status and Snoozed until columns.',
      );
    const rows = tabs.findRowNumbers(ALERTS_TAB, at.Key + 1, [wanted]);
    // The rows as they are now, kept only if they still hold this alert's key.
    const mine = readAlertRows(tabs, at, rows).alerts.filter((a) => a.key === wanted);
    if (mine.length === 0) throw notFound();
    if (mine.every((a) => a.status === 'done')) return 'already-done' as const;
    for (const a of mine) {
      const cells = [
        { column: at.Status + 1, value: change },
        { column: at['Snoozed until'] + 1, value: change === 'snoozed' ? `'${until}` : '' },
        ...(at.Closed >= 0
          ? [{ column: at.Closed + 1, value: change === 'snoozed' ? '' : `'${isoDay(now)}` }]
          : []),
      ];
      writeCells(ctx, spreadsheetId, a.row!, cells);
    }
    return 'written' as const;
  });
  if (outcome === 'already-done') return 'A teammate already marked this alert done';
  return change === 'snoozed'
    ? `Snoozed until ${until}`
    : change === 'done'
      ? 'Marked done'
      : 'Marked as seen';
}
