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
} from '../../core/watch/outcomes';
import type { Uplift } from '../../core/watch/uplift';
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

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const pts = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x * 100).toFixed(1)}`;

/** "4.0% vs 20.0% held out (−16.0 pts, 95% CI −32.1 to −3.2)". */
export function upliftText(u: Uplift | null, noun: string): string {
  if (!u) return `${noun}: no holdout to compare with`;
  return `${noun} ${pct(u.emailedRate)} vs ${pct(u.holdoutRate)} held out (${pts(u.difference)} pts, 95% CI ${pts(u.low)} to ${pts(u.high)})`;
}

export function playbookLines(playbooks: readonly PlaybookOutcome[]): OutcomeLine[] {
  return playbooks.map((p) => ({
    title: `${p.playbook} · ${p.campaigns} campaign${p.campaigns === 1 ? '' : 's'}`,
    text: upliftText(p.churn, 'Churn'),
    verdict: !p.churn
      ? 'No holdout'
      : p.churn.significant
        ? p.churn.difference < 0
          ? 'Retains customers'
          : 'Churn went up'
        : 'No clear effect yet',
  }));
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
          summary: `${meta.template} → ${meta.segment} · ${outcome.emailed} emailed · ${outcome.holdout} held out · ${outcome.replies} repl${outcome.replies === 1 ? 'y' : 'ies'} noticed`,
          windows: outcome.windows.map((w) => ({
            title: w.complete
              ? `${w.days} days`
              : `${w.days} days, so far (day ${Math.max(0, Math.floor((today - outcome.start.getTime()) / 86_400_000))})`,
            text: upliftText(w.churn, 'Churn'),
            verdict: upliftText(w.reactivation, 'Active again'),
          })),
        })),
    });
  });
}
