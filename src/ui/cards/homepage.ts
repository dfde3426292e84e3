/**
 * The homepage: what the manager sees with no message open. The portfolio at a glance (customers,
 * MRR, last month's churn, MRR at risk by band) and who to call first, paged; or, before a sheet is
 * connected, how to start.
 */
import { count } from '../../core/text/format';
import { foldedSection } from '../card/fold';
import type { Card, Section, Widget } from '../card/types';
import { ACTION } from '../action-names';
import { BRAND_LOGO, actionButton, linkButton } from './common';
import { freshnessWidget } from './freshness';

export interface PortfolioView {
  figures: { label: string; value: string; note?: string }[];
  bands: { band: string; colour: string; customers: number; mrrText: string; bar: string }[];
  atRisk: { name: string; detail: string; email: string; colour: string }[];
  page: number;
  pages: number;
  totalAtRisk: number;
  /** Churn by month, oldest first, as bars: the trend a number alone hides. */
  churnTrend?: { month: string; bar: string; text: string }[];
  /** The playbooks with a measured effect, best first (absent before any campaign reaches 30 days). */
  whatWorks?: { title: string; text: string; verdict: string }[];
}

export interface AlertView {
  key: string;
  customer: string;
  email: string;
  reason: string;
  move: string;
  raised: string;
}

export interface HomepageState {
  userEmail: string;
  sheet?: { name: string; url: string; customerSheet: string };
  portfolio?: PortfolioView;
  /**
   * The figures' age and the refresh under way ("as of 09:12 UTC · rescoring: 40,000 / 100,000"),
   * with a Refresh button; shown whenever a sheet is connected, with or without figures yet.
   */
  freshness?: string;
  alerts?: { shown: AlertView[]; total: number; mine: boolean };
}

export const ALERTS_SHOWN = 5;

function alertsSection(a: NonNullable<HomepageState['alerts']>): Section[] {
  if (a.total === 0) return [];
  const widgets: Widget[] = a.shown.slice(0, ALERTS_SHOWN).flatMap((x): Widget[] => [
    {
      kind: 'decoratedText',
      topLabel: `${x.customer} · ${x.raised}`,
      text: x.reason,
      bottomLabel: x.move ? `Suggested: ${x.move}` : undefined,
      wrapText: true,
      icon: 'CLOCK',
      onClick: { kind: 'action', action: { name: ACTION.showCustomer, params: { email: x.email } } },
    },
    {
      kind: 'buttonSet',
      buttons: [
        actionButton('Done', ACTION.alertStatus, { key: x.key, change: 'done' }, 'text'),
        actionButton('Snooze 7 days', ACTION.alertStatus, { key: x.key, change: 'snoozed' }, 'text'),
        actionButton('Seen', ACTION.alertStatus, { key: x.key, change: 'acknowledged' }, 'text'),
      ],
    },
  ]);
  if (a.total > ALERTS_SHOWN)
    widgets.push({ kind: 'textParagraph', text: `${a.total - ALERTS_SHOWN} more in the Alerts tab.` });
  return [foldedSection(4, widgets, `Alerts · ${a.total} open${a.mine ? ' for you' : ''}`)];
}

export const AT_RISK_PAGE_SIZE = 8;

/** The figures' age and the Refresh button that starts a background rescore. */
const refreshedFreshness = (freshness: string): Widget =>
  freshnessWidget(freshness, actionButton('Refresh', ACTION.refreshHome, undefined, 'text'));

function portfolioSections(p: PortfolioView, freshness?: string): Section[] {
  const sections: Section[] = [
    {
      header: 'Portfolio',
      widgets: [
        ...(freshness ? [refreshedFreshness(freshness)] : []),
        ...p.figures.map((f): Widget => ({
          kind: 'decoratedText',
          topLabel: f.label,
          text: f.value,
          ...(f.note ? { bottomLabel: f.note } : {}),
        })),
      ],
    },
    {
      header: 'MRR at risk by band',
      // A card section must hold a widget: an empty or all-churned sheet says so instead of failing.
      widgets: p.bands.length
        ? p.bands.map((b): Widget => ({
            kind: 'decoratedText',
            topLabel: `${b.band} · ${count(b.customers, 'customer')}`,
            text: [{ text: b.bar, color: b.colour }, { text: ` ${b.mrrText}` }],
          }))
        : [{ kind: 'textParagraph', text: 'No active customers to band by risk.' }],
    },
  ];
  const list: Widget[] = p.atRisk.map((a): Widget => ({
    kind: 'decoratedText',
    text: [{ text: a.name, bold: true }],
    bottomLabel: a.detail,
    wrapText: true,
    icon: 'PERSON',
    button: actionButton('Why', ACTION.explainRisk, { email: a.email }, 'text'),
  }));
  if (list.length === 0)
    list.push({ kind: 'textParagraph', text: 'No active customer is at high or critical risk.' });
  const paging = [
    ...(p.page > 0 ? [actionButton('Previous', ACTION.homePage, { page: String(p.page - 1) }, 'text')] : []),
    ...(p.page + 1 < p.pages
      ? [actionButton('More', ACTION.homePage, { page: String(p.page + 1) }, 'text')]
      : []),
  ];
  if (paging.length) list.push({ kind: 'buttonSet', buttons: paging });
  if (p.churnTrend && p.churnTrend.length > 0)
    sections.push({
      header: 'Customer churn by month',
      widgets: [
        {
          kind: 'textParagraph',
          text: p.churnTrend.flatMap((m, i) => [
            ...(i > 0 ? [{ text: '\n' }] : []),
            { text: `${m.month} ` },
            { text: m.bar, color: '#d93025' },
            { text: ` ${m.text}` },
          ]),
        },
      ],
    });
  if (p.whatWorks && p.whatWorks.length > 0)
    sections.push({
      header: 'What works',
      widgets: [
        ...p.whatWorks.slice(0, 3).map((w): Widget => ({
          kind: 'decoratedText',
          topLabel: w.title,
          text: w.text,
          bottomLabel: w.verdict,
          wrapText: true,
        })),
        {
          kind: 'buttonSet',
          buttons: [actionButton('All outcomes', ACTION.openOutcomes, undefined, 'text')],
        },
      ],
    });
  sections.push({
    header: `Call first · ${p.totalAtRisk} at high or critical risk${p.pages > 1 ? ` (page ${p.page + 1} of ${p.pages})` : ''}`,
    widgets: list,
  });
  return sections;
}

export function homepageCard(state: HomepageState): Card {
  const connection = state.sheet
    ? {
        header: 'Customer sheet',
        widgets: [
          {
            kind: 'decoratedText' as const,
            topLabel: 'Connected',
            text: state.sheet.name,
            bottomLabel: `Customers are read from the "${state.sheet.customerSheet}" tab`,
            icon: 'DESCRIPTION' as const,
            button: linkButton('Open', state.sheet.url),
          },
          {
            kind: 'buttonSet' as const,
            buttons: [
              actionButton('Segments', ACTION.openSegments, undefined, 'filled'),
              actionButton('Campaigns', ACTION.openCampaigns),
              actionButton('Score all customers', ACTION.rescoreAll, undefined, 'text'),
            ],
          },
        ],
      }
    : {
        header: 'Get started',
        widgets: [
          {
            kind: 'textParagraph' as const,
            text: 'Connect the Google Sheet that lists your customers. ChurnGuard reads it to score churn risk beside every email; your data stays in your Google account.',
          },
          {
            kind: 'buttonSet' as const,
            buttons: [actionButton('Connect a sheet', ACTION.openSettings, undefined, 'filled')],
          },
        ],
      };
  return {
    name: 'home',
    header: {
      title: 'ChurnGuard',
      subtitle: state.userEmail || 'Churn risk beside every email',
      imageUrl: BRAND_LOGO,
    },
    sections: [
      ...(state.alerts ? alertsSection(state.alerts) : []),
      ...(state.portfolio
        ? portfolioSections(state.portfolio, state.freshness)
        : state.freshness
          ? [{ header: 'Portfolio', widgets: [refreshedFreshness(state.freshness)] }]
          : []),
      connection,
      {
        widgets: [
          {
            kind: 'buttonSet',
            buttons: [actionButton('Settings', ACTION.openSettings), actionButton('Help', ACTION.openHelp)],
          },
        ],
      },
    ],
  };
}
