/**
 * A campaign whose audience is a warehouse segment (issue 21): its members read page by page in
 * row_id order, its recipient log read from campaign_log_current, and the rows a run composes its
 * emails from, each one parameterised statement that never pulls the whole table.
 */
import * as z from '../zod';
import type { Query } from '../segments';
import { RECIPIENT_STATUSES, type LoggedRecipient, type RecipientStatus } from '../campaigns/log';
import { CAMPAIGN_LOG_VIEW } from './change-views';
import { cellColumns, type WarehouseLayout } from './column-table';
import { ParamBag, type SqlQuery } from './params';
import { CURRENT_TABLES, identifier } from './schema';
import { compileCondition } from './where';
import { parseRows } from './results';

const id = identifier;

/**
 * One page of the segment's members after `afterRowId`, with every cell (as the sidebar's lookup)
 * and the last time each was sent any campaign email (the cool-down), leaving out members this
 * campaign's log already holds: a page read again after a run died before saving its cursor adds
 * nobody twice.
 */
export function segmentPageSql(
  query: Query,
  layout: WarehouseLayout,
  today: Date,
  page: { campaignId: string; afterRowId: number; limit: number },
): SqlQuery {
  const params = new ParamBag();
  const where = compileCondition(query, layout.map, params, today, { alias: 'c', tables: CURRENT_TABLES });
  const log = id(CAMPAIGN_LOG_VIEW);
  const sent = `(SELECT s.${id('email')} AS email, MAX(s.${id('at_ms')}) AS last_sent_ms FROM ${log} AS s WHERE s.${id('status')} = ${params.add('STRING', 'sent')} GROUP BY s.${id('email')})`;
  const mine = `SELECT 1 FROM ${log} AS l WHERE l.${id('campaign_id')} = ${params.add('STRING', page.campaignId)} AND l.${id('email')} = c.${id('email')}`;
  return params.query(
    `SELECT c.${id('row_id')} AS row_id, ${cellColumns(layout).join(', ')}, ls.${id('last_sent_ms')} AS last_sent_ms ` +
      `FROM ${id(CURRENT_TABLES.customers)} AS c LEFT JOIN ${sent} AS ls ON ls.${id('email')} = c.${id('email')} ` +
      `WHERE ${where} AND c.${id('row_id')} > ${params.add('INT64', Math.trunc(page.afterRowId))} AND NOT EXISTS (${mine}) ` +
      `ORDER BY c.${id('row_id')} LIMIT ${Math.trunc(page.limit)}`,
  );
}

const LOG_COLUMNS = [
  'email',
  'status',
  'recipient_group',
  'detail',
  'template',
  'language',
  'at_ms',
] as const;

/**
 * One campaign's recipients as the latest-state view holds them, in email order (the runner's queue
 * order); only those in `statuses` when given (a card lists the ones in review or failed).
 */
export function campaignRowsSql(campaignId: string, statuses?: readonly RecipientStatus[]): SqlQuery {
  const params = new ParamBag();
  const only = statuses
    ? ` AND l.${id('status')} IN (${statuses.map((x) => params.add('STRING', x)).join(', ')})`
    : '';
  return params.query(
    `SELECT ${LOG_COLUMNS.map((c) => `l.${id(c)} AS ${id(c)}`).join(', ')} FROM ${id(CAMPAIGN_LOG_VIEW)} AS l ` +
      `WHERE l.${id('campaign_id')} = ${params.add('STRING', campaignId)}${only} ORDER BY l.${id('email')}`,
  );
}

/** How many of the campaign's recipients are in each status and group: the campaign card's figures in one small answer. */
export function campaignCountsSql(campaignId: string): SqlQuery {
  const params = new ParamBag();
  const l = (c: string) => `l.${id(c)}`;
  return params.query(
    `SELECT ${l('status')} AS status, ${l('recipient_group')} AS recipient_group, COUNT(*) AS n FROM ${id(CAMPAIGN_LOG_VIEW)} AS l ` +
      `WHERE ${l('campaign_id')} = ${params.add('STRING', campaignId)} GROUP BY ${l('status')}, ${l('recipient_group')}`,
  );
}

const CountRow = z.object({
  status: z.enum(RECIPIENT_STATUSES),
  recipient_group: z.enum(['emailed', 'holdout']),
  n: z.coerceNumber().check(z.int(), z.nonnegative()),
});

export interface CampaignCount {
  status: RecipientStatus;
  group: 'emailed' | 'holdout';
  count: number;
}

export function campaignCountsFrom(rows: readonly unknown[]): CampaignCount[] {
  return parseRows(CountRow, rows, 'campaign counts').map((r) => ({
    status: r.status,
    group: r.recipient_group,
    count: r.n,
  }));
}

/**
 * The customer rows of the campaign's next recipients still to send (pending, or claimed by this
 * run), from `fromEmail` on in the runner's order: a run reads its customers a window at a time,
 * not one query per email.
 */
export function recipientCellsSql(
  layout: WarehouseLayout,
  campaignId: string,
  fromEmail: string,
  limit: number,
): SqlQuery {
  const params = new ParamBag();
  const l = (c: string) => `l.${id(c)}`;
  const next =
    `(SELECT ${l('email')} AS email FROM ${id(CAMPAIGN_LOG_VIEW)} AS l WHERE ${l('campaign_id')} = ${params.add('STRING', campaignId)} ` +
    `AND ${l('status')} IN (${params.add('STRING', 'pending')}, ${params.add('STRING', 'sending')}) AND ${l('email')} >= ${params.add('STRING', fromEmail)} ` +
    `ORDER BY ${l('email')} LIMIT ${Math.trunc(limit)})`;
  return params.query(
    `SELECT c.${id('row_id')} AS row_id, c.${id('email')} AS row_email, ${cellColumns(layout).join(', ')} ` +
      `FROM ${id(CURRENT_TABLES.customers)} AS c JOIN ${next} AS n ON n.${id('email')} = c.${id('email')} ORDER BY c.${id('row_id')}`,
  );
}

const LogRow = z.object({
  email: z.string(),
  status: z.enum(RECIPIENT_STATUSES),
  recipient_group: z.enum(['emailed', 'holdout']),
  detail: z.nullable(z.string()),
  template: z.nullable(z.string()),
  language: z.nullable(z.string()),
  at_ms: z.coerceNumber(),
});

/** campaignRowsSql's rows as the recipients the runner reads; `row` is the position (there is no sheet row). */
export function campaignRecipientsFrom(
  rows: readonly unknown[],
  campaign: { id: string; name: string },
): (LoggedRecipient & { atMs: number })[] {
  return parseRows(LogRow, rows, 'campaign log').map((r, i) => ({
    row: i + 1,
    campaignId: campaign.id,
    campaign: campaign.name,
    email: r.email,
    name: '',
    group: r.recipient_group,
    status: r.status,
    updated: new Date(r.at_ms),
    detail: r.detail ?? '',
    ...(r.template ? { template: r.template } : {}),
    ...(r.language ? { language: r.language } : {}),
    atMs: r.at_ms,
  }));
}
