import type { Card } from '../../ui/card/types';
import { AT_RISK_PAGE_SIZE, homepageCard, type PortfolioView } from '../../ui/cards/homepage';
import { BAND_COLOURS } from '../../ui/cards/customer';
import { BANDS, portfolioSnapshot, textBar } from '../../core/metrics/at-risk';
import { portfolioMetrics, type Metric } from '../../core/metrics/portfolio';
import type { AppContext } from '../context';
import { count, formatMoney, formatPercent, formatScore } from '../../core/text/format';
import { sheetMoney } from '../money';
import { loadSettings } from '../settings-store';
import { UserFacingError } from '../errors';
import { withWholeSheet } from '../whole-sheet';
import { wholeSheetScorer } from '../segments/portfolio';
import { rememberValueLines } from '../value-lines';
import { alertViews } from '../watch/alert-actions';
import { computeOutcomes, playbookLines } from '../campaigns/outcomes';

const pct = (m: Metric) => (m.value === null ? 'n/a' : formatPercent(m.value));

const TREND_MONTHS = 6;

/** Customer churn in each of the last six full months, as bars scaled to the worst month. */
function churnTrend(customers: Parameters<typeof portfolioMetrics>[0], today: Date) {
  const months = Array.from({ length: TREND_MONTHS }, (_, k) => {
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - k, 1));
    const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, 1));
    const m = portfolioMetrics(customers, { start, end }, { today });
    return { start, rate: m.churnRate.value, lost: m.lostCustomers };
  }).reverse();
  const worst = Math.max(...months.map((m) => m.rate ?? 0));
  if (worst === 0) return [];
  return months.map((m) => ({
    month: m.start.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' }),
    bar: textBar(worst ? (m.rate ?? 0) / worst : 0, 10),
    text: m.rate === null ? 'n/a' : `${formatPercent(m.rate)} (${m.lost} lost)`,
  }));
}

/** Scores the whole sheet (one batched read) into the portfolio view; `page` pages the at-risk list. */
export function portfolioView(ctx: AppContext, page: number): PortfolioView {
  return withWholeSheet(ctx, (whole) => {
    const { settings, read } = whole;
    const today = ctx.clock.now();
    rememberValueLines(ctx, settings, read.customers);
    const score = wholeSheetScorer(ctx, whole);
    const risks = read.customers.map((c) => score(c));
    const snapshot = portfolioSnapshot(read.customers, risks);
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
    const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, 1));
    const month = portfolioMetrics(read.customers, { start, end }, { today });
    const monthName = start.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
    const atRiskMrr = snapshot.byBand.Critical.mrr + snapshot.byBand.High.mrr;
    const money = sheetMoney(ctx, settings.spreadsheetId!, whole.all.locale);
    const pages = Math.max(1, Math.ceil(snapshot.atRisk.length / AT_RISK_PAGE_SIZE));
    const current = Math.min(Math.max(0, page), pages - 1);
    return {
      figures: [
        {
          label: 'Active customers',
          value: `${snapshot.activeCustomers}`,
          note: `MRR ${formatMoney(snapshot.mrr, money)}`,
        },
        {
          label: `Churn in ${monthName}`,
          value: `${pct(month.churnRate)} of customers · ${pct(month.grossMrrChurn)} of MRR`,
          note: `${month.lostCustomers} lost, ${month.newCustomers} new`,
        },
        {
          label: 'MRR at high or critical risk',
          value: `${formatMoney(atRiskMrr, money)} (${formatPercent(snapshot.mrr ? atRiskMrr / snapshot.mrr : 0)})`,
        },
        ...(read.issues.length
          ? [
              {
                label: 'Sheet',
                value: count(read.issues.length, 'cell issue'),
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
      atRisk: snapshot.atRisk
        .slice(current * AT_RISK_PAGE_SIZE, (current + 1) * AT_RISK_PAGE_SIZE)
        .map((a) => ({
          name: a.customer.name || a.customer.company || a.customer.email,
          email: a.customer.email,
          colour: BAND_COLOURS[a.risk.band],
          detail: `${formatScore(a.risk.score)} ${a.risk.band} · ${formatMoney(a.customer.mrr ?? 0, money)}/mo · ${
            a.risk.contributions[0]?.sentence ?? ''
          }`,
        })),
      page: current,
      pages,
      totalAtRisk: snapshot.atRisk.length,
      churnTrend: churnTrend(read.customers, today),
      whatWorks: playbookLines(computeOutcomes(ctx, settings.spreadsheetId!, read.customers).playbooks),
    };
  });
}

export function buildHomepage(ctx: AppContext, page = 0): Card {
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
  return homepageCard({
    userEmail: ctx.session.email(),
    sheet: {
      name: opened.spreadsheet.name,
      url: opened.spreadsheet.url,
      customerSheet: settings.customerSheet,
    },
    portfolio: portfolioView(ctx, page),
    alerts: ((a) => ({ shown: a.alerts, total: a.total, mine: a.mine }))(
      alertViews(ctx, settings.spreadsheetId),
    ),
  });
}
