/**
 * Where a reply to a customer goes. GmailMessage.createDraftReply addresses the draft to the message's
 * Reply-To, or else its sender (https://developers.google.com/apps-script/reference/gmail/gmail-message),
 * so on a message the account manager sent it would draft to the manager. The reply is anchored on the
 * newest message in the thread whose reply would reach the customer, which keeps the thread and Gmail's
 * "Re:" subject. When the customer never wrote in the thread, the draft is a new one to the customer
 * with the thread's subject: GmailApp.createDraft, which the compose scope allows
 * (https://developers.google.com/workspace/add-ons/gmail/compose), but which cannot join the thread.
 */
import { parseAddress } from './address';

export interface ThreadMessageHeaders {
  id: string;
  from: string;
  /** The Reply-To header, '' when absent. */
  replyTo: string;
  dateMs: number;
}

export type ReplyPlan =
  { kind: 'replyToMessage'; messageId: string } | { kind: 'newDraft'; to: string; subject: string };

/** The address a reply to this message reaches: its Reply-To, else its sender. */
export function replyTargetOf(message: Pick<ThreadMessageHeaders, 'from' | 'replyTo'>): string | undefined {
  return parseAddress(message.replyTo)?.email ?? parseAddress(message.from)?.email;
}

/** "Re: " once, as Gmail writes it; a subject that already starts with Re: (any case) keeps it. */
export function replySubject(subject: string): string {
  const trimmed = subject.trim();
  return /^re\s*:/i.test(trimmed) ? trimmed : `Re: ${trimmed}`;
}

/**
 * Plans a reply that reaches `customerEmail`: the open message when replying to it reaches them, else
 * the newest such message of the thread, else a new draft to them with the thread's subject.
 */
export function planCustomerReply(
  customerEmail: string,
  open: ThreadMessageHeaders & { subject: string },
  thread: readonly ThreadMessageHeaders[],
): ReplyPlan {
  const customer = parseAddress(customerEmail)?.email;
  if (!customer) throw new Error(`"${customerEmail}" is not an email address to reply to.`);
  if (replyTargetOf(open) === customer) return { kind: 'replyToMessage', messageId: open.id };
  const newest = [...thread]
    .filter((m) => replyTargetOf(m) === customer)
    .sort((a, b) => b.dateMs - a.dateMs)[0];
  if (newest) return { kind: 'replyToMessage', messageId: newest.id };
  return { kind: 'newDraft', to: customer, subject: replySubject(open.subject) };
}
