/**
 * The warehouse alerts over BigQuery (src/ports/warehouse-alerts.ts): each method one compiled,
 * parameterised statement (src/core/sql/alert-sql.ts) through the store's job runner.
 */
import {
  alertRowsFrom,
  cellsFrom,
  currentFrom,
  CURRENT_TABLES,
  customerCellsSql,
  openAlertsFrom,
  openAlertsSql,
  raiseAlertsSql,
  raisedAlertsSql,
  type AlertRaise,
  type ReadTables,
  type SqlQuery,
  type WarehouseLayout,
} from '../core/sql';
import { BANDS } from '../core/portfolio/snapshot';
import type { WarehouseAlerts, WarehouseRiskRow } from '../ports/warehouse-alerts';

export interface AlertJobs {
  run(q: SqlQuery, what: string): Record<string, unknown>[];
  /** A DML statement; returns the rows it affected. */
  dml(q: SqlQuery, what: string): number;
  layout(): WarehouseLayout;
  tables(): ReadTables;
}

export function bigQueryAlerts(jobs: AlertJobs): WarehouseAlerts {
  return {
    raiseAlerts: (alerts: readonly AlertRaise[]) =>
      raiseAlertsSql(alerts).reduce((n, q) => n + jobs.dml(q, 'raising alerts'), 0),
    openAlerts: (me, now, limit) => openAlertsFrom(jobs.run(openAlertsSql(me, now, limit), 'open alerts')),
    alertsRaisedBy: (run, atMs, limit) =>
      alertRowsFrom(jobs.run(raisedAlertsSql(run, atMs, limit), 'raised alerts'), 'raised alerts'),
    customerRowsFor(emails): WarehouseRiskRow[] {
      if (emails.length === 0) return [];
      const layout = jobs.layout();
      const tables = jobs.tables();
      // Through the views, one row per current tag: the customer's rows are grouped back into one.
      const viaViews = tables.tags === CURRENT_TABLES.tags;
      const q = customerCellsSql({ emails }, layout, tables.customers, viaViews ? tables.tags : undefined);
      const byRow = new Map<string, Record<string, unknown>[]>();
      for (const row of jobs.run(q, 'alert customers'))
        byRow.set(String(row.row_id), [...(byRow.get(String(row.row_id)) ?? []), row]);
      return [...byRow.values()].map((mine) => {
        const row = mine[0]!;
        const band = BANDS.find((b) => b === row.risk_band) ?? 'Unknown';
        const score = row.risk_score === null || row.risk_score === undefined ? NaN : Number(row.risk_score);
        return {
          headers: layout.headers,
          ...cellsFrom(row, layout),
          risk: { band, ...(Number.isFinite(score) ? { score } : {}) },
          ...(viaViews ? { current: currentFrom(mine) } : {}),
        };
      });
    },
  };
}
