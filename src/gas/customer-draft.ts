/**
 * The Gmail draft behind "Draft reply" (a compose action), addressed to the customer the card is about.
 * Shared by production (src/gas/entry-points.ts) and the workbench, which runs it on the stand-ins.
 */
import { planCustomerReply, type ThreadMessageHeaders } from '../core/email/reply-plan';
import type { Draft } from '../ui/card/types';
import type { GmailAppLike, GmailDraftLike, GmailMessageLike } from './services';

function headersOf(m: GmailMessageLike): ThreadMessageHeaders {
  return { id: m.getId(), from: m.getFrom(), replyTo: m.getReplyTo(), dateMs: m.getDate().getTime() };
}

/**
 * Creates the draft a compose action returns, addressed to the customer the card is about: a reply to
 * their newest message in the open thread, or a new draft to them when they never wrote in it
 * (src/core/email/reply-plan.ts says why). Only calls the compose scope allows.
 */
export function createCustomerDraft(gmailApp: GmailAppLike, event: unknown, draft: Draft): GmailDraftLike {
  const gmail = (event as { gmail?: { messageId?: string; accessToken?: string } } | null)?.gmail;
  const html = draft.htmlBody ? { htmlBody: draft.htmlBody } : {};
  // A reply keeps the thread's "Re: <subject>" the handler wrote (createDraftReply's `subject` option);
  // a new draft takes its subject as an argument instead.
  const options = draft.subject ? { ...html, subject: draft.subject } : html;
  // No open message (a card opened from the homepage): a new draft to the customer is all that can be
  // made, and it still answers the compose action with the draft Gmail expects.
  if (!gmail?.messageId || !gmail.accessToken)
    return gmailApp.createDraft(draft.to?.[0] ?? '', draft.subject ?? '', draft.textBody, html);
  gmailApp.setCurrentMessageAccessToken(gmail.accessToken);
  const open = gmailApp.getMessageById(gmail.messageId);
  const customer = draft.to?.[0];
  if (!customer) return open.createDraftReply(draft.textBody, options);
  const openHeaders = { ...headersOf(open), subject: open.getSubject() };
  const plan = planCustomerReply(customer, openHeaders, []);
  if (plan.kind === 'replyToMessage') return open.createDraftReply(draft.textBody, options);
  const thread = open.getThread().getMessages();
  const inThread = planCustomerReply(customer, openHeaders, thread.map(headersOf));
  if (inThread.kind === 'replyToMessage') {
    const anchor = thread.find((m) => m.getId() === inThread.messageId) ?? open;
    return anchor.createDraftReply(draft.textBody, options);
  }
  return gmailApp.createDraft(inThread.to, inThread.subject, draft.textBody, html);
}
