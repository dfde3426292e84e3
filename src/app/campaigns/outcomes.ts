/**
 * Campaign outcomes for the cards: each campaign's emailed vs holdout churn and reactivation at
 * 30/60/90 days, and the playbooks pooled. Reads only these campaigns' rows (Campaigns tab, then its
 * archive); the customers come from the portfolio snapshot (src/app/portfolio/outcome-customers.ts),
 * which keeps what an outcome needs of each campaign recipient.
 */
import type { Customer } from '../../core/customers/customer';
import {
  campaignOutcome,
  outcomesByPlaybook,
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
import { listCampaigns, type CampaignMeta } from './meta';

/** Campaigns shown on the card, newest first. */
const SHOWN = 6;

export interface Outcomes {
  campaigns: { meta: CampaignMeta; outcome: CampaignOutcome }[];
  playbooks: PlaybookOutcome[];
}

export function computeOutcomes(
  ctx: AppContext,
  spreadsheetId: string,
  customers: readonly Customer[],
): Outcomes {
  const metas = listCampaigns(ctx.userStore).filter((m) => m.spreadsheetId === spreadsheetId);
  if (metas.length === 0) return { campaigns: [], playbooks: [] };
  // Only these campaigns' rows (one TextFinder), from the archive for those the trigger moved there.
  const recipients = ctx.campaignLog(spreadsheetId).recipientsWithArchive(metas.map((m) => m.id));
  const byEmail = new Map<string, Customer>();
  for (const c of customers) if (!byEmail.has(c.email)) byEmail.set(c.email, c);
  const replies = readReplies(ctx);
  const today = ctx.clock.now();
  const campaigns = metas.map((meta) => ({
    meta,
    outcome: campaignOutcome({
      campaignId: meta.id,
      start: new Date(meta.createdAt),
      recipients,
      customers: byEmail,
      repliedEmails: new Set(replies[meta.id] ?? []),
      today,
    }),
  }));
  return {
    campaigns,
    playbooks: outcomesByPlaybook(campaigns.map((c) => ({ playbook: c.meta.template, outcome: c.outcome }))),
  };
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
 * The outcomes card reads the portfolio snapshot's outcome fields of campaign recipients, never the
 * customer tab, so it costs the same at 1k and 100k customers. Without a snapshot it shows the
 * campaigns without their windows, says so, and starts one (like the other portfolio cards).
 */
export function buildOutcomesCard(ctx: AppContext): Card {
  const { spreadsheetId } = requireConnected(ctx);
  const view = withSheet(() => currentSnapshot(ctx, spreadsheetId));
  const o = computeOutcomes(ctx, spreadsheetId, view.snapshot ? snapshotCustomers(view.snapshot) : []);
  const today = ctx.clock.now().getTime();
  // A snapshot taken before the campaign's rows were written has none of its recipients yet.
  const counted = (outcome: CampaignOutcome) =>
    !!view.snapshot &&
    (outcome.emailed + outcome.holdout === 0 ||
      outcome.windows.some((w) => w.emailed.customers + w.holdout.customers > 0));
  return outcomesCard({
    playbooks: view.snapshot ? playbookLines(o.playbooks) : [],
    campaigns: [...o.campaigns]
      .reverse()
      .slice(0, SHOWN)
      .map(({ meta, outcome }) => ({
        name: meta.name,
        summary: `${meta.template} → ${meta.segment} · ${outcome.emailed} emailed · ${meta.holdoutPercent === 0 ? 'no holdout (turned off at the audience check)' : `${outcome.holdout} held back`} · ${count(outcome.replies, 'reply')} noticed${view.snapshot && !counted(outcome) ? ' · counted from the next refresh' : ''}`,
        // A campaign newer than the snapshot has no recipients in it yet: no windows rather than
        // "0 customers emailed", and the summary says when they will be counted.
        windows: counted(outcome)
          ? outcome.windows.map((w) =>
              windowLine(w, Math.max(0, Math.floor((today - outcome.start.getTime()) / 86_400_000))),
            )
          : [],
      })),
    freshness: freshnessLine(view, ctx.clock.now()),
  });
}
