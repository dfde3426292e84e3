/**
 * Campaign outcomes for the cards: each campaign's emailed vs holdout churn and reactivation at
 * 30/60/90 days, and the playbooks pooled. Reads only these campaigns' rows (Campaigns tab, then its
 * archive); the customers come from the portfolio snapshot (src/app/portfolio/outcome-customers.ts),
 * which keeps what an outcome needs of each campaign recipient.
 */
import type { Customer } from '../../core/customers/customer';
import {
  campaignOutcome,
  type CampaignOutcome,
  type PlaybookOutcome,
  type WindowOutcome,
} from '../../core/watch/outcomes';
import { NEXT_STEP, upliftInWords } from '../../core/watch/uplift-words';
import { count, formatDays } from '../../core/text/format';
import type { Card } from '../../ui/card/types';
import { outcomesCard, type OutcomeLine } from '../../ui/cards/outcomes';
import type { AppContext } from '../context';
import { requireConnected } from '../connected';
import { withSheet } from '../sheet-errors';
import { currentSnapshot, freshnessLine } from '../portfolio/current';
import { snapshotCustomers } from '../portfolio/outcome-customers';
import { readReplies } from '../watch/replies';
import { storeOf } from '../store-choice';
import { warehouseFreshness, warehouseOutcomes } from '../warehouse-features';
import { campaignsOf, logStoreOf, measuredElsewhere, withPlaybooks, type Outcomes } from './outcome-list';

export type { Outcomes } from './outcome-list';

/** Campaigns shown on the card, newest first. */
const SHOWN = 6;

export function computeOutcomes(
  ctx: AppContext,
  spreadsheetId: string,
  customers: readonly Customer[],
): Outcomes {
  const metas = campaignsOf(ctx, spreadsheetId);
  const today = ctx.clock.now();
  const mine = metas.filter((m) => logStoreOf(m) === 'sheet');
  if (mine.length === 0) return withPlaybooks(metas.map((m) => measuredElsewhere(m, today)));
  // Only these campaigns' rows (one TextFinder), from the archive for those the trigger moved there.
  const recipients = ctx.campaignLog(spreadsheetId).recipientsWithArchive(mine.map((m) => m.id));
  const byEmail = new Map<string, Customer>();
  for (const c of customers) if (!byEmail.has(c.email)) byEmail.set(c.email, c);
  const replies = readReplies(ctx);
  return withPlaybooks(
    metas.map((meta) =>
      logStoreOf(meta) !== 'sheet'
        ? measuredElsewhere(meta, today)
        : {
            meta,
            outcome: campaignOutcome({
              campaignId: meta.id,
              start: new Date(meta.createdAt),
              recipients,
              customers: byEmail,
              repliedEmails: new Set(replies[meta.id] ?? []),
              today,
            }),
          },
    ),
  );
}

/** A playbook's pooled churn in words, with what to do next and the interval behind "details". */
export function playbookLines(playbooks: readonly PlaybookOutcome[]): OutcomeLine[] {
  return playbooks.map((p) => {
    const churn = upliftInWords({
      measure: 'churn',
      emailed: p.emailed,
      holdout: p.holdout,
      uplift: p.churn,
      complete: true,
    });
    return {
      title: `${p.playbook} · ${count(p.campaigns, 'campaign')}`,
      text: churn.headline,
      verdict: NEXT_STEP[churn.verdict],
      details: [churn.details],
    };
  });
}

/** One window of a campaign: churn in words, being active again beneath it, both intervals in details. */
function windowLine(w: WindowOutcome, day: number): OutcomeLine {
  const churn = upliftInWords({
    measure: 'churn',
    emailed: { customers: w.emailed.customers, churned: w.emailed.churned },
    holdout: { customers: w.holdout.customers, churned: w.holdout.churned },
    uplift: w.churn,
    complete: w.complete,
  });
  const active = upliftInWords({
    measure: 'reactivation',
    emailed: { customers: w.emailed.customers, churned: w.emailed.reactivated },
    holdout: { customers: w.holdout.customers, churned: w.holdout.reactivated },
    uplift: w.reactivation,
    complete: w.complete,
  });
  return {
    title: w.complete ? formatDays(w.days) : `${formatDays(w.days)}, so far (day ${day})`,
    text: `Churn · ${churn.headline}`,
    verdict: `Active again · ${active.headline}`,
    details: [`${formatDays(w.days)}: ${churn.details}`, `${formatDays(w.days)}: ${active.details}`],
  };
}

/**
 * The outcomes card. On the sheet it reads the portfolio snapshot's outcome fields of campaign
 * recipients, never the customer tab, so it costs the same at 1k and 100k customers; without a
 * snapshot it shows the campaigns without their windows, says so, and starts one (like the other
 * portfolio cards). On BigQuery the figures are counted live by one query (warehouse-outcomes.ts).
 */
export function buildOutcomesCard(ctx: AppContext): Card {
  const { spreadsheetId, settings } = requireConnected(ctx);
  const store = storeOf(settings);
  const warehouse = store.kind === 'bigquery' ? ctx.warehouse?.() : undefined;
  if (store.kind === 'bigquery' && warehouse)
    return renderOutcomes(ctx, warehouseOutcomes(ctx, warehouse, spreadsheetId), {
      counted: () => true,
      freshness: warehouseFreshness(store, ctx.clock.now()),
    });
  const view = withSheet(() => currentSnapshot(ctx, spreadsheetId));
  const o = computeOutcomes(ctx, spreadsheetId, view.snapshot ? snapshotCustomers(view.snapshot) : []);
  // A snapshot taken before the campaign's rows were written has none of its recipients yet.
  const counted = (outcome: CampaignOutcome) =>
    !!view.snapshot &&
    (outcome.emailed + outcome.holdout === 0 ||
      outcome.windows.some((w) => w.emailed.customers + w.holdout.customers > 0));
  return renderOutcomes(ctx, view.snapshot ? o : { ...o, playbooks: [] }, {
    counted,
    ...(view.snapshot ? {} : { pending: true }),
    freshness: freshnessLine(view, ctx.clock.now()),
  });
}

function renderOutcomes(
  ctx: AppContext,
  o: Outcomes,
  how: {
    /** False while the figures wait for the next count (a snapshot older than the campaign's rows). */
    counted: (outcome: CampaignOutcome) => boolean;
    /** True when there is nothing counted yet (no snapshot): no "counted from the next refresh" either. */
    pending?: boolean;
    freshness: string;
  },
): Card {
  const today = ctx.clock.now().getTime();
  return outcomesCard({
    playbooks: playbookLines(o.playbooks),
    campaigns: [...o.campaigns]
      .reverse()
      .slice(0, SHOWN)
      .map(({ meta, outcome, elsewhere }) => {
        const counted = !elsewhere && how.counted(outcome);
        const later = !elsewhere && !how.pending && !counted ? ' · counted from the next refresh' : '';
        const figures = elsewhere
          ? ` · ${elsewhere}`
          : ` · ${outcome.emailed} emailed · ${meta.holdoutPercent === 0 ? 'no holdout (turned off at the audience check)' : `${outcome.holdout} held back`} · ${count(outcome.replies, 'reply')} noticed${later}`;
        return {
          name: meta.name,
          summary: `${meta.template} → ${meta.segment}${figures}`,
          // A campaign newer than the snapshot has no recipients in it yet: no windows rather than
          // "0 customers emailed", and the summary says when they will be counted.
          windows: counted
            ? outcome.windows.map((w) =>
                windowLine(w, Math.max(0, Math.floor((today - outcome.start.getTime()) / 86_400_000))),
              )
            : [],
        };
      }),
    freshness: how.freshness,
  });
}
