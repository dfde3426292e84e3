/**
 * The homepage's portfolio from the BigQuery store: totals by band and impact and the call-first
 * list, two queries computed in the warehouse (never the table), instead of the sheet's snapshot.
 * What needs the sheet's history (churn by month, what works) says so instead of showing nothing.
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
import { notWithWarehouse } from './store-choice';
import { storedValueLines, storeValueLines } from './value-lines';
import { DEFAULT_PLAYBOOK_SETTINGS } from '../core/playbooks/settings';

const DAY_MS = 86_400_000;

/**
 * The offer guard rails' value lines (top shares by value) need every active customer: on the sheet the
 * portfolio job stores them, here the homepage does, with one exact SQL query at most once a day (so
 * the sidebar, one row, applies the same rails). A third call that day only.
 */
function refreshValueLines(ctx: AppContext, warehouse: CustomerWarehouse, settings: Settings): void {
  const stored = storedValueLines(ctx, settings);
  const now = ctx.clock.now();
  if (stored && now.getTime() - Date.parse(stored.computedAt) < DAY_MS) return;
  storeValueLines(ctx, warehouse.valueLines(settings.playbooks ?? DEFAULT_PLAYBOOK_SETTINGS, now));
}

export function warehousePortfolioView(
  ctx: AppContext,
  warehouse: CustomerWarehouse,
  settings: Settings & { spreadsheetId: string },
  page: number,
): PortfolioView {
  refreshValueLines(ctx, warehouse, settings);
  const totals = warehouse.portfolioTotals();
  const listed = warehouse.callFirst();
  const months = warehouse.monthTrend(ctx.clock.now());
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
      { label: 'What works', value: notWithWarehouse('what works (campaign outcomes)') },
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
  };
}

/** The freshness line: the figures are the warehouse's, as of this card. */
export function warehouseFreshness(store: BigQueryStore, now: Date): string {
  return `Live from BigQuery ${storeTableName(store)} at ${now.toISOString().slice(11, 16)} UTC`;
}
