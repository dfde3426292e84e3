import type { Card } from '../../ui/card/types';
import { AT_RISK_PAGE_SIZE, homepageCard, type PortfolioView } from '../../ui/cards/homepage';
import { BAND_COLOURS } from '../../ui/cards/customer';
import { textBar } from '../../core/metrics/at-risk';
import { BANDS, type PortfolioSnapshot } from '../../core/portfolio/snapshot';
import type { AppContext } from '../context';
import { count, formatMoney, formatNumber, formatPercent, formatScore } from '../../core/text/format';
import { sheetMoney } from '../money';
import { churnTrend, lastMonthChurn } from '../portfolio/churn-months';
import { loadSettings } from '../settings-store';
import { UserFacingError } from '../errors';
import { alertViews } from '../watch/alert-actions';
import { computeOutcomes, playbookLines } from '../campaigns/outcomes';
import { currentSnapshot, freshnessLine } from '../portfolio/current';
import type { JobKind } from '../jobs/portfolio-job';
import { snapshotCustomers } from '../portfolio/outcome-customers';
import { storeOf } from '../store-choice';
import { warehouseAlertViews, warehouseFreshness, warehousePortfolioView } from '../warehouse-features';

/**
 * The portfolio view from the stored snapshot (never the whole sheet); `page` pages the call-first
 * list, which keeps its first CALL_FIRST_KEPT entries.
 */
export function portfolioView(ctx: AppContext, snapshot: PortfolioSnapshot, page: number): PortfolioView {
  const atRiskMrr = snapshot.byBand.Critical.mrr + snapshot.byBand.High.mrr;
  const listed = snapshot.callFirst;
  const pages = Math.max(1, Math.ceil(listed.length / AT_RISK_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const { settings } = loadSettings(ctx.userStore);
  const money = sheetMoney(ctx, settings.spreadsheetId!, snapshot.locale ?? 'en_US');
  return {
    figures: [
      {
        label: 'Active customers',
        value: formatNumber(snapshot.active),
        note: `MRR ${formatMoney(snapshot.mrr, money)}`,
      },
      lastMonthChurn(snapshot.months),
      {
        label: 'MRR at high or critical risk',
        value: `${formatMoney(atRiskMrr, money)} (${formatPercent(snapshot.mrr ? atRiskMrr / snapshot.mrr : 0)})`,
      },
      ...(snapshot.issues
        ? [
            {
              label: 'Sheet',
              value: count(snapshot.issues, 'cell issue'),
              note: 'Shown on each customer’s card',
            },
          ]
        : []),
    ],
    bands: BANDS.filter((b) => snapshot.byBand[b].customers > 0).map((b) => ({
      band: b,
      colour: BAND_COLOURS[b],
      customers: snapshot.byBand[b].customers,
      mrrText: formatMoney(snapshot.byBand[b].mrr, money),
      bar: textBar(snapshot.mrr ? snapshot.byBand[b].mrr / snapshot.mrr : 0),
    })),
    atRisk: listed.slice(current * AT_RISK_PAGE_SIZE, (current + 1) * AT_RISK_PAGE_SIZE).map((a) => ({
      name: a.name,
      email: a.email,
      colour: BAND_COLOURS[a.band],
      detail: `${formatScore(a.score)} ${a.band} · ${formatMoney(a.mrr, money)}/mo · ${a.reason}`,
    })),
    page: current,
    pages,
    totalAtRisk: snapshot.atRiskCount,
    churnTrend: churnTrend(snapshot.months),
    whatWorks: playbookLines(
      computeOutcomes(ctx, settings.spreadsheetId!, snapshotCustomers(snapshot)).playbooks,
    ),
  };
}

/** `start`: a job the user asked for (Refresh, Rescore all, Scan now) before the card is built. */
export function buildHomepage(ctx: AppContext, page = 0, start?: JobKind): Card {
  const { settings } = loadSettings(ctx.userStore);
  if (!settings.spreadsheetId) return homepageCard({ userEmail: ctx.session.email() });
  const opened = ctx.spreadsheets.open(settings.spreadsheetId);
  if (!opened.ok) {
    throw new UserFacingError(
      opened.reason === 'not-found' ? 'Customer sheet not found' : 'No access to the customer sheet',
      opened.message,
      opened.reason === 'not-found'
        ? 'It may have been deleted or moved to the trash. Restore it, or connect another sheet in Settings.'
        : 'Ask the sheet’s owner to share it with you (Editor), or connect another sheet in Settings.',
    );
  }
  const store = storeOf(settings);
  const warehouse = store.kind === 'bigquery' ? ctx.warehouse?.() : undefined;
  if (store.kind === 'bigquery' && warehouse) {
    const spreadsheetId = settings.spreadsheetId;
    const { trendAsOf, trendBehind, ...portfolio } = warehousePortfolioView(
      ctx,
      warehouse,
      { ...settings, spreadsheetId, store },
      page,
      start !== undefined,
    );
    return homepageCard({
      userEmail: ctx.session.email(),
      freshness: warehouseFreshness(store, ctx.clock.now(), { asOf: trendAsOf, behind: trendBehind }),
      sheet: {
        name: opened.spreadsheet.name,
        url: opened.spreadsheet.url,
        customerSheet: settings.customerSheet,
      },
      portfolio,
      alerts: ((a) => ({ shown: a.alerts, total: a.total, mine: a.mine }))(
        warehouseAlertViews(ctx, warehouse),
      ),
    });
  }
  const view = currentSnapshot(ctx, settings.spreadsheetId, start);
  return homepageCard({
    userEmail: ctx.session.email(),
    freshness: freshnessLine(view, ctx.clock.now()),
    sheet: {
      name: opened.spreadsheet.name,
      url: opened.spreadsheet.url,
      customerSheet: settings.customerSheet,
    },
    ...(view.snapshot ? { portfolio: portfolioView(ctx, view.snapshot, page) } : {}),
    alerts: ((a) => ({ shown: a.alerts, total: a.total, mine: a.mine }))(
      alertViews(ctx, settings.spreadsheetId),
    ),
  });
}
