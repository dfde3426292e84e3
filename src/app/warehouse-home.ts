/**
 * The homepage's portfolio from the BigQuery store, instead of the sheet's snapshot: totals by band
 * and impact and the call-first list live (one job), the month trend and value lines from the day's
 * stored figures (warehouse-day-figures.ts), what works among them.
 */
import { textBar } from '../core/metrics/at-risk';
import { BANDS } from '../core/portfolio/snapshot';
import type { Settings } from '../core/settings/settings';
import { storeTableName, type BigQueryStore } from '../core/settings/store';
import { formatMoney, formatNumber, formatPercent, formatScore } from '../core/text/format';
import type { CustomerWarehouse } from '../ports/customer-warehouse';
import { AT_RISK_PAGE_SIZE, type PortfolioView } from '../ui/cards/homepage';
import { BAND_COLOURS } from '../ui/cards/customer';
import type { AppContext } from './context';
import { sheetMoney } from './money';
import { churnTrend, lastMonthChurn } from './portfolio/churn-months';
import { behindChanges, computeDayFigures, dayFiguresForHome, lastSyncMs } from './warehouse-day-figures';
import { asOfText } from './portfolio/current';

/**
 * The homepage's portfolio on the BigQuery store in two jobs: the live part (totals, call first, the
 * newest field change) and, only when the stored day figures are missing or stale, the day part
 * (trend, value lines), which the hourly trigger otherwise computed this morning (warehouse-day-figures.ts).
 * `trendAsOf`: when the day figures shown were computed, for the card's freshness line; `trendBehind`:
 * a field change is newer than them (the next hourly run recomputes them; `refresh`, the card's
 * Refresh, recomputes them now).
 */
export function warehousePortfolioView(
  ctx: AppContext,
  warehouse: CustomerWarehouse,
  settings: Settings & { spreadsheetId: string; store: BigQueryStore },
  page: number,
  refresh = false,
): PortfolioView & { trendAsOf: string; trendBehind: boolean } {
  const live = warehouse.homeLive();
  const { totals, callFirst: listed } = live;
  const table = storeTableName(settings.store);
  const stored = dayFiguresForHome(ctx, warehouse, settings.spreadsheetId, {
    table,
    now: ctx.clock.now(),
    settings,
    ...((ms) => (ms !== undefined ? { syncedMs: ms } : {}))(lastSyncMs(ctx)),
  });
  // Refresh asks for today's changes in the trend too: one more job, only when there is one since.
  const day =
    refresh && behindChanges(stored, live.changedMs)
      ? computeDayFigures(ctx, warehouse, settings.spreadsheetId, table, settings)
      : stored;
  const months = day.months;
  const money = sheetMoney(ctx, settings.spreadsheetId, 'en_US');
  const atRiskMrr = totals.byBand.Critical.mrr + totals.byBand.High.mrr;
  const pages = Math.max(1, Math.ceil(listed.length / AT_RISK_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const impacts = Object.entries(totals.impacts)
    .filter(([, n]) => n > 0)
    .map(([impact, n]) => `${impact} ${formatNumber(n)}`)
    .join(' · ');
  return {
    figures: [
      {
        label: 'Active customers',
        value: formatNumber(totals.active),
        note: `MRR ${formatMoney(totals.mrr, money)}`,
      },
      {
        label: 'MRR at high or critical risk',
        value: `${formatMoney(atRiskMrr, money)} (${formatPercent(totals.mrr ? atRiskMrr / totals.mrr : 0)})`,
      },
      ...(impacts ? [{ label: 'Crisis impact', value: impacts }] : []),
      lastMonthChurn(months),
    ],
    bands: BANDS.filter((b) => totals.byBand[b].customers > 0).map((b) => ({
      band: b,
      colour: BAND_COLOURS[b],
      customers: totals.byBand[b].customers,
      mrrText: formatMoney(totals.byBand[b].mrr, money),
      bar: textBar(totals.mrr ? totals.byBand[b].mrr / totals.mrr : 0),
    })),
    atRisk: listed.slice(current * AT_RISK_PAGE_SIZE, (current + 1) * AT_RISK_PAGE_SIZE).map((m) => ({
      name: m.name ?? m.company ?? m.email,
      email: m.email,
      colour: BAND_COLOURS[m.risk_band],
      detail: `${formatScore(m.risk_score ?? undefined)} ${m.risk_band} · ${formatMoney(m.mrr ?? 0, money)}/mo`,
    })),
    page: current,
    pages,
    totalAtRisk: totals.atRiskCount,
    churnTrend: churnTrend(months),
    whatWorks: day.whatWorks,
    trendAsOf: day.asOf,
    trendBehind: behindChanges(day, live.changedMs),
  };
}

/**
 * The freshness line: the figures are the warehouse's, as of this card; the trend and value lines as
 * of their day's computation when that was earlier, and whether a change came after it.
 */
export function warehouseFreshness(
  store: BigQueryStore,
  now: Date,
  trend?: { asOf: string; behind: boolean },
): string {
  const hhmm = (d: Date) => d.toISOString().slice(11, 16);
  const live = `Live from BigQuery ${storeTableName(store)} at ${hhmm(now)} UTC`;
  if (!trend || (trend.asOf.slice(0, 16) === now.toISOString().slice(0, 16) && !trend.behind)) return live;
  const behind = trend.behind ? ', before the latest changes (updated hourly)' : '';
  return `${live} · trend ${asOfText(trend.asOf, now)}${behind}`;
}
