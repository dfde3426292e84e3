/**
 * What a campaign did: for the customers it emailed and its holdout group, the share who churned and
 * the share active again after it (what a reactivation campaign is for), 30, 60 and 90 days on,
 * each with the difference and its 95% interval (uplift.ts). A window that has not ended yet is
 * reported "so far", never as a result. Replies are those the manager opened in Gmail afterwards.
 * Aggregated by playbook, it answers "which playbooks actually retain customers".
 */
import type { LoggedRecipient } from '../campaigns/log';
import type { Customer } from '../customers/customer';
import { churnUplift, type Uplift } from './uplift';

export const OUTCOME_WINDOWS = [30, 60, 90] as const;
const DAY_MS = 86_400_000;

export interface WindowOutcome {
  days: number;
  /** False while the window is still open: the figures are "so far". */
  complete: boolean;
  emailed: { customers: number; churned: number; reactivated: number };
  holdout: { customers: number; churned: number; reactivated: number };
  /** Churn, emailed − holdout (negative = the campaign kept customers); null without a holdout. */
  churn: Uplift | null;
  /** Active again after the start, emailed − holdout (positive = it woke them up); read it for dormant audiences. */
  reactivation: Uplift | null;
}

export interface CampaignOutcome {
  campaignId: string;
  start: Date;
  emailed: number;
  holdout: number;
  replies: number;
  windows: WindowOutcome[];
}

export interface OutcomeInput {
  campaignId: string;
  start: Date;
  recipients: readonly LoggedRecipient[];
  /** The customers as the sheet has them now, by email. */
  customers: ReadonlyMap<string, Customer>;
  /** Addresses whose reply the manager opened after the campaign. */
  repliedEmails: ReadonlySet<string>;
  today: Date;
}

/** One group's counts in one window (customers still in the store, churned, active again). */
export type WindowTally = WindowOutcome['emailed'];

/**
 * One group of a campaign as counted for its windows: how many rows the log holds for it, and per
 * window (OUTCOME_WINDOWS order) what those customers did. The sheet counts these in memory
 * (campaignOutcome); the warehouse counts them in SQL (src/core/sql/outcome-sql.ts). Both then go
 * through campaignOutcomeOf, so the windows, their completeness and the uplifts are defined once.
 */
export interface GroupTally {
  members: number;
  windows: WindowTally[];
}

/** Each window's last instant as counted: its end once it has passed, today while it is open. */
export function windowEnds(start: Date, today: Date): { days: number; complete: boolean; end: Date }[] {
  return OUTCOME_WINDOWS.map((days) => {
    const windowEnd = new Date(start.getTime() + days * DAY_MS);
    const complete = today >= windowEnd;
    return { days, complete, end: complete ? windowEnd : today };
  });
}

function tally(members: readonly LoggedRecipient[], input: OutcomeInput, end: Date): WindowTally {
  const t = { customers: 0, churned: 0, reactivated: 0 };
  const start = input.start.getTime();
  for (const r of members) {
    const c = input.customers.get(r.email);
    if (!c) continue; // deleted from the sheet: nothing to measure
    t.customers++;
    if (c.status === 'churned' && c.churnDate && c.churnDate.getTime() >= start && c.churnDate <= end)
      t.churned++;
    // Active again: the latest activity the sheet shows falls after the start and within the window.
    // The sheet keeps only the latest date, so a customer active in week 2 and again in week 10
    // counts for the 90-day window only: earlier windows undercount, never overcount.
    const last = c.lastActivity?.getTime();
    if (last !== undefined && last >= start && last <= end.getTime()) t.reactivated++;
  }
  return t;
}

export function campaignOutcome(input: OutcomeInput): CampaignOutcome {
  const mine = input.recipients.filter((r) => r.campaignId === input.campaignId);
  // Emailed: only rows whose email went out; held back: every holdout row.
  const emailed = mine.filter((r) => r.group === 'emailed' && r.status === 'sent');
  const holdout = mine.filter((r) => r.group === 'holdout');
  const ends = windowEnds(input.start, input.today);
  const group = (members: readonly LoggedRecipient[]): GroupTally => ({
    members: members.length,
    windows: ends.map((w) => tally(members, input, w.end)),
  });
  return campaignOutcomeOf({
    campaignId: input.campaignId,
    start: input.start,
    today: input.today,
    emailed: group(emailed),
    holdout: group(holdout),
    replies: emailed.filter((r) => input.repliedEmails.has(r.email)).length,
  });
}

/** A campaign's outcome from its groups' counts, whichever store counted them. */
export function campaignOutcomeOf(input: {
  campaignId: string;
  start: Date;
  today: Date;
  emailed: GroupTally;
  holdout: GroupTally;
  replies: number;
}): CampaignOutcome {
  const windows = windowEnds(input.start, input.today).map(({ days, complete }, i): WindowOutcome => {
    const e = input.emailed.windows[i] ?? { customers: 0, churned: 0, reactivated: 0 };
    const h = input.holdout.windows[i] ?? { customers: 0, churned: 0, reactivated: 0 };
    return {
      days,
      complete,
      emailed: e,
      holdout: h,
      churn: churnUplift(
        { customers: e.customers, churned: e.churned },
        { customers: h.customers, churned: h.churned },
      ),
      reactivation: churnUplift(
        { customers: e.customers, churned: e.reactivated },
        { customers: h.customers, churned: h.reactivated },
      ),
    };
  });
  return {
    campaignId: input.campaignId,
    start: input.start,
    emailed: input.emailed.members,
    holdout: input.holdout.members,
    replies: input.replies,
    windows,
  };
}

export interface PlaybookOutcome {
  playbook: string;
  campaigns: number;
  /** Pooled over the playbook's campaigns at their longest complete window. */
  emailed: { customers: number; churned: number };
  holdout: { customers: number; churned: number };
  churn: Uplift | null;
}

/** Pools each playbook's campaigns at the longest window each has completed. */
export function outcomesByPlaybook(
  outcomes: readonly { playbook: string; outcome: CampaignOutcome }[],
): PlaybookOutcome[] {
  const pooled = new Map<string, PlaybookOutcome>();
  for (const { playbook, outcome } of outcomes) {
    const done = [...outcome.windows].reverse().find((w) => w.complete);
    if (!done) continue;
    const p = pooled.get(playbook) ?? {
      playbook,
      campaigns: 0,
      emailed: { customers: 0, churned: 0 },
      holdout: { customers: 0, churned: 0 },
      churn: null,
    };
    p.campaigns++;
    p.emailed.customers += done.emailed.customers;
    p.emailed.churned += done.emailed.churned;
    p.holdout.customers += done.holdout.customers;
    p.holdout.churned += done.holdout.churned;
    pooled.set(playbook, p);
  }
  return [...pooled.values()]
    .map((p) => ({ ...p, churn: churnUplift(p.emailed, p.holdout) }))
    .sort((a, b) => (a.churn?.difference ?? 0) - (b.churn?.difference ?? 0));
}
