/**
 * Replies to campaigns, as the manager sees them: when the sidebar opens a customer's message from
 * the sender themself within 30 days of a campaign that emailed them, that campaign counts a reply.
 * Only messages the manager opens are seen (ChurnGuard never reads the mailbox on its own), so the
 * figure is a floor. Kept in a small user property, per campaign, each address once.
 */
import * as z from '../../core/zod';
import { CAMPAIGNS_TAB, LOG_HEADERS } from '../../core/campaigns/log';
import type { AppContext } from '../context';
import { listCampaigns } from '../campaigns/meta';
import { PROPERTY_LIST_BUDGET_BYTES } from '../../core/text/byte-budget';
import { utf8Length } from '../../core/text/utf8';

export const REPLIES_KEY = 'churnguard.replies';
const REPLY_WINDOW_MS = 30 * 86_400_000;

const RepliesSchema = z.record(z.string(), z.array(z.string()));

export function readReplies(ctx: AppContext): Record<string, string[]> {
  try {
    const parsed = RepliesSchema.safeParse(JSON.parse(ctx.userStore.get(REPLIES_KEY) ?? '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Records the reply if a recent campaign sent to this address before the message; one TextFinder call. */
export function noticeReply(ctx: AppContext, spreadsheetId: string, email: string, messageDate: Date): void {
  const recent = listCampaigns(ctx.userStore).filter((c) => {
    const started = Date.parse(c.createdAt);
    return (
      c.spreadsheetId === spreadsheetId &&
      messageDate.getTime() > started &&
      messageDate.getTime() - started <= REPLY_WINDOW_MS
    );
  });
  if (recent.length === 0) return;
  const replies = readReplies(ctx);
  const pending = recent.filter((c) => !(replies[c.id] ?? []).includes(email));
  if (pending.length === 0) return;
  const emailColumn = LOG_HEADERS.indexOf('Email') + 1;
  const statusAt = LOG_HEADERS.indexOf('Status');
  const idAt = LOG_HEADERS.indexOf('Campaign ID');
  const rows = ctx.tabs(spreadsheetId).findRows(CAMPAIGNS_TAB, emailColumn, email);
  let changed = false;
  for (const c of pending) {
    const sent = rows.some((r) => String(r.values[idAt]) === c.id && String(r.values[statusAt]) === 'sent');
    if (!sent) continue;
    replies[c.id] = [...(replies[c.id] ?? []), email];
    changed = true;
  }
  if (changed)
    ctx.userStore.set(
      REPLIES_KEY,
      JSON.stringify(
        withinBudget(
          replies,
          listCampaigns(ctx.userStore).map((c) => c.id),
        ),
      ),
    );
}

/**
 * A property value holds 9 KB: campaigns ChurnGuard no longer lists go first, then the oldest
 * addresses of the longest list, until the JSON fits in the budget. The count is a floor anyway.
 */
export function withinBudget(
  replies: Record<string, string[]>,
  listed: readonly string[],
  budget = PROPERTY_LIST_BUDGET_BYTES,
): Record<string, string[]> {
  const kept: Record<string, string[]> = {};
  for (const id of listed) if (replies[id]) kept[id] = [...replies[id]];
  while (utf8Length(JSON.stringify(kept)) > budget) {
    const longest = Object.keys(kept).sort((a, b) => kept[b]!.length - kept[a]!.length)[0];
    if (!longest) break;
    kept[longest]!.shift();
    if (kept[longest]!.length === 0) delete kept[longest];
  }
  return kept;
}
