/**
 * Campaign outcomes for the cards: each campaign's emailed vs holdout churn and reactivation at
 * 30/60/90 days, and the playbooks pooled. Reads the Campaigns tab once; the customers come from the
 * caller's whole-sheet read (the homepage has one already).
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
import { withWholeSheet } from '../whole-sheet';
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
  const recipients = ctx.campaignLog(spreadsheetId).readAll().recipients;
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

export function buildOutcomesCard(ctx: AppContext): Card {
  return withWholeSheet(ctx, (whole) => {
    const o = computeOutcomes(ctx, whole.settings.spreadsheetId!, whole.read.customers);
    const today = ctx.clock.now().getTime();
    return outcomesCard({
      playbooks: playbookLines(o.playbooks),
      campaigns: [...o.campaigns]
        .reverse()
        .slice(0, SHOWN)
        .map(({ meta, outcome }) => ({
          name: meta.name,
          summary: `${meta.template} → ${meta.segment} · ${outcome.emailed} emailed · ${meta.holdoutPercent === 0 ? 'no holdout (turned off at the audience check)' : `${outcome.holdout} held back`} · ${count(outcome.replies, 'reply')} noticed`,
          windows: outcome.windows.map((w) =>
            windowLine(w, Math.max(0, Math.floor((today - outcome.start.getTime()) / 86_400_000))),
          ),
        })),
    });
  });
}
