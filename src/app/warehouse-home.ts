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
import { notWithWarehouse } from './store-choice';

export function warehousePortfolioView(
  ctx: AppContext,
  warehouse: CustomerWarehouse,
  settings: Settings & { spreadsheetId: string },
  page: number,
): PortfolioView {
  const totals = warehouse.portfolioTotals();
  const listed = warehouse.callFirst();
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
      { label: 'Churn by month', value: notWithWarehouse('churn by month and what works') },
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
  };
}

/** The freshness line: the figures are the warehouse's, as of this card. */
export function warehouseFreshness(store: BigQueryStore, now: Date): string {
  return `Live from BigQuery ${storeTableName(store)} at ${now.toISOString().slice(11, 16)} UTC`;
}
