/**
 * One daily scan per sheet, however many teammates turned Watch on: the first user whose hourly
 * trigger reaches the sheet on a day writes their name in the "ChurnGuard scans" tab for that day,
 * under the shared lock, and scans; the others see the row and skip. The sheet itself is the
 * ballot, so no user needs another user's properties. A scan started by hand ("Scan now") is not
 * elected: it is safe to repeat, since alerts are raised once by key under the same lock.
 */
import type { AppContext } from '../context';
import { withSheetLock } from '../shared-lock';

export const SCANS_TAB = 'ChurnGuard scans';
export const SCANS_HEADERS = ['Day', 'Scanner', 'Started'];

export type Election = { elected: true } | { elected: false; scanner: string };

export function electScanner(ctx: AppContext, spreadsheetId: string, day: string): Election {
  const me = ctx.session.email().toLowerCase();
  return withSheetLock(ctx, (): Election => {
    const tabs = ctx.tabs(spreadsheetId);
    const rows = tabs.read(SCANS_TAB)?.values.slice(1) ?? [];
    const today = rows.find((r) => dayOf(r[0]) === day);
    if (today) {
      const scanner = String(today[1] ?? '')
        .trim()
        .toLowerCase();
      // A scanner whose own scan failed may try again; anyone else leaves the day to them.
      return scanner === me ? { elected: true } : { elected: false, scanner };
    }
    tabs.append(SCANS_TAB, SCANS_HEADERS, [[day, me, ctx.clock.now().toISOString()]]);
    return { elected: true };
  });
}

/** The day a cell holds: written as text 'YYYY-MM-DD', but Sheets may have turned it into a date. */
function dayOf(cell: unknown): string {
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell ?? '')
    .trim()
    .slice(0, 10);
}
