/**
 * Alerts on the homepage and their Done / Snooze / Seen when BigQuery is the store (issue 21). The
 * homepage reads the open alerts with one parameterised query of the alerts view (the user's own
 * first, at most ALERTS_READ, with the counts); an action appends an 'alertState' change. Two
 * teammates acting on one alert at once both land, and the newest by (time, change id) is what the
 * view shows: nobody's click overwrites a shared cell.
 */
import type { CustomerWarehouse } from '../../ports/customer-warehouse';
import type { AppContext } from '../context';
import { stamps } from '../warehouse-edits';
import { alertsShown, SNOOZE_DAYS, type AlertChange } from './alert-actions';
import { alertOf } from './warehouse-scan';

/** Alerts one homepage reads: more than it shows (5), so the user's own can fill it. */
export const ALERTS_READ = 20;
const DAY_MS = 86_400_000;

export function warehouseAlertViews(ctx: AppContext, warehouse: CustomerWarehouse) {
  const me = ctx.session.email().toLowerCase();
  const open = warehouse.openAlerts(me, ctx.clock.now(), ALERTS_READ);
  const all = open.alerts.map(alertOf);
  // As on the sheet: the user's own alerts when they have any, else the team's.
  const mine = open.mine > 0;
  return alertsShown(
    mine ? all.filter((a) => a.owner.toLowerCase() === me) : all,
    mine ? open.mine : open.total,
    mine,
  );
}

/** Done, Snooze 7 days or Seen: one appended change. */
export function changeWarehouseAlert(
  ctx: AppContext,
  warehouse: CustomerWarehouse,
  key: string,
  change: AlertChange,
): string {
  const now = ctx.clock.now().getTime();
  // Snoozed until the start of the UTC day a week on, when the sheet's "Snoozed until" day shows it again.
  const until = Math.floor(now / DAY_MS + SNOOZE_DAYS) * DAY_MS;
  warehouse.appendChanges([
    {
      ...stamps(ctx, 1)[0]!,
      kind: 'alertState',
      alertId: key.trim(),
      state: change,
      snoozedUntilMs: change === 'snoozed' ? until : null,
    },
  ]);
  return change === 'snoozed'
    ? `Snoozed until ${new Date(until).toISOString().slice(0, 10)}`
    : change === 'done'
      ? 'Marked done'
      : 'Marked as seen';
}
