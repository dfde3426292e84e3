/**
 * "What works" on the warehouse (issue 21): every campaign's emailed and holdout groups counted at
 * each outcome window in one aggregate query over campaign_log_current and the customers, so the
 * answer is two small rows per campaign whatever the size of the log or the table.
 *
 * The definitions are the sheet's (src/core/watch/outcomes.ts, `tally` and `campaignOutcome`):
 * - emailed: log rows of the emailed group whose status is sent; held back: every holdout row;
 * - a recipient counts as a customer when the store still has its email, the first row of an email
 *   winning (the lowest row_id, as the snapshot's keepOutcomeCustomer keeps the lowest sheet row);
 * - churned: status churned with a churn date from the start to the window's end, both included;
 * - active again: the last activity from the start to the window's end, both included;
 * - a window's end is its last day once passed, today while open (windowEnds, computed by the caller
 *   and passed as parameters so both stores cut on the same instant);
 * - replies: emailed recipients among the addresses the manager's sidebar noticed (a user property).
 */
import * as z from '../zod';
import type { GroupTally } from '../watch/outcomes';
import { CAMPAIGN_LOG_VIEW } from './change-views';
import { ParamBag, type SqlQuery } from './params';
import { identifier, type ReadTables } from './schema';
import { parseRows } from './results';

const id = identifier;

export interface OutcomeCampaign {
  campaignId: string;
  startMs: number;
  /** Each window's counted end (windowEnds), in OUTCOME_WINDOWS order. */
  endsMs: readonly number[];
  /** Addresses whose reply was noticed for this campaign. */
  replied: readonly string[];
}

/** One statement for every campaign; `windows` is how many ends each campaign gives. */
export function campaignOutcomesSql(campaigns: readonly OutcomeCampaign[], tables: ReadTables): SqlQuery {
  if (campaigns.length === 0) throw new Error('campaign outcomes: no campaign to count');
  const windows = campaigns[0]!.endsMs.length;
  if (campaigns.some((c) => c.endsMs.length !== windows))
    throw new Error('campaign outcomes: every campaign needs the same windows');
  const params = new ParamBag();
  const int = (n: number) => params.add('INT64', Math.trunc(n));
  const str = (s: string) => params.add('STRING', s);
  const k = (c: string) => `k.${id(c)}`;
  const l = (c: string) => `l.${id(c)}`;
  const c = (c: string) => `c.${id(c)}`;

  // The campaigns as a derived table: their ids and instants are parameters, never SQL text.
  const keyed = campaigns
    .map(
      (x) =>
        `SELECT ${str(x.campaignId)} AS ${id('campaign_id')}, ${int(x.startMs)} AS ${id('start_ms')}` +
        x.endsMs.map((e, i) => `, ${int(e)} AS ${id(`end_${i}`)}`).join(''),
    )
    .join(' UNION ALL ');
  const replied = campaigns.flatMap((x) =>
    [...new Set(x.replied)].map(
      (email) => `SELECT ${str(x.campaignId)} AS ${id('campaign_id')}, ${str(email)} AS ${id('email')}`,
    ),
  );
  // The first row of each email: the columns an outcome reads, nothing else (bytes billed by column).
  const customers =
    `(SELECT z.${id('email')} AS ${id('email')}, z.${id('status')} AS ${id('status')}, z.${id('churn_ms')} AS ${id('churn_ms')}, ` +
    `z.${id('last_activity_ms')} AS ${id('last_activity_ms')} FROM (SELECT x.${id('email')} AS ${id('email')}, x.${id('status')} AS ${id('status')}, ` +
    `x.${id('churn_ms')} AS ${id('churn_ms')}, x.${id('last_activity_ms')} AS ${id('last_activity_ms')}, ` +
    `ROW_NUMBER() OVER (PARTITION BY x.${id('email')} ORDER BY x.${id('row_id')}) AS rn FROM ${id(tables.customers)} AS x) AS z WHERE z.rn = 1)`;

  const churned = str('churned');
  const within = (column: string, i: number) =>
    `${c(column)} >= ${k('start_ms')} AND ${c(column)} <= ${k(`end_${i}`)}`;
  const sum = (condition: string, as: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END) AS ${id(as)}`;
  const perWindow = Array.from({ length: windows }, (_, i) => [
    sum(`${c('status')} = ${churned} AND ${within('churn_ms', i)}`, `churned_${i}`),
    sum(within('last_activity_ms', i), `active_${i}`),
  ]).flat();

  const emailed = str('emailed');
  return params.query(
    `SELECT ${k('campaign_id')} AS ${id('campaign_id')}, ${l('recipient_group')} AS ${id('recipient_group')}, COUNT(*) AS ${id('members')}, ` +
      `${sum(`${c('email')} IS NOT NULL`, 'customers')}, ` +
      `${replied.length > 0 ? sum(`r.${id('email')} IS NOT NULL`, 'replies') : `0 AS ${id('replies')}`}, ` +
      `${perWindow.join(', ')} ` +
      `FROM (${keyed}) AS k JOIN ${id(CAMPAIGN_LOG_VIEW)} AS l ON ${l('campaign_id')} = ${k('campaign_id')} ` +
      `LEFT JOIN ${customers} AS c ON ${c('email')} = ${l('email')} ` +
      (replied.length > 0
        ? `LEFT JOIN (${replied.join(' UNION ALL ')}) AS r ON r.${id('campaign_id')} = ${l('campaign_id')} AND r.${id('email')} = ${l('email')} `
        : '') +
      `WHERE (${l('recipient_group')} = ${emailed} AND ${l('status')} = ${str('sent')}) OR ${l('recipient_group')} = ${str('holdout')} ` +
      `GROUP BY ${k('campaign_id')}, ${l('recipient_group')}`,
  );
}

const count = z.coerceNumber().check(z.int(), z.nonnegative());

export interface CampaignTally {
  emailed: GroupTally;
  holdout: GroupTally;
  /** Emailed recipients whose reply was noticed. */
  replies: number;
}

/** campaignOutcomesSql's rows as each campaign's groups; a campaign without rows has empty groups. */
export function campaignOutcomesFrom(
  rows: readonly unknown[],
  campaigns: readonly OutcomeCampaign[],
): Map<string, CampaignTally> {
  const windows = campaigns[0]?.endsMs.length ?? 0;
  const shape: Record<string, z.ZodMiniType<unknown>> = {
    campaign_id: z.string(),
    recipient_group: z.enum(['emailed', 'holdout']),
    members: count,
    customers: count,
    replies: count,
  };
  for (let i = 0; i < windows; i++) {
    shape[`churned_${i}`] = z.nullable(count);
    shape[`active_${i}`] = z.nullable(count);
  }
  const parsed = parseRows(z.object(shape), rows, 'campaign outcomes') as Record<string, unknown>[];
  const empty = (): GroupTally => ({
    members: 0,
    windows: Array.from({ length: windows }, () => ({ customers: 0, churned: 0, reactivated: 0 })),
  });
  const out = new Map<string, CampaignTally>(
    campaigns.map((x) => [x.campaignId, { emailed: empty(), holdout: empty(), replies: 0 }]),
  );
  for (const r of parsed) {
    const tally = out.get(r.campaign_id as string);
    if (!tally)
      throw new Error(`campaign outcomes: a row for campaign ${String(r.campaign_id)}, not asked for`);
    const group = r.recipient_group as 'emailed' | 'holdout';
    const customers = r.customers as number;
    tally[group] = {
      members: r.members as number,
      windows: Array.from({ length: windows }, (_, i) => ({
        customers,
        churned: (r[`churned_${i}`] as number | null) ?? 0,
        reactivated: (r[`active_${i}`] as number | null) ?? 0,
      })),
    };
    if (group === 'emailed') tally.replies = r.replies as number;
  }
  return out;
}
