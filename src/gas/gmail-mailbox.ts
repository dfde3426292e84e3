/** Mailbox over GmailApp, limited to the message the add-on was opened on (current-message scopes). */
import type { Mailbox, OpenMessage } from '../ports/mailbox';
import type { GmailAppLike } from './services';

export type { GmailAppLike };

const splitRecipients = (header: string): string[] =>
  header
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function gmailMailbox(gmail: GmailAppLike): Mailbox {
  return {
    openMessage(messageId: string, accessToken: string): OpenMessage {
      gmail.setCurrentMessageAccessToken(accessToken);
      const m = gmail.getMessageById(messageId);
      return {
        id: m.getId(),
        threadId: m.getThread().getId(),
        from: m.getFrom(),
        to: splitRecipients(m.getTo()),
        cc: splitRecipients(m.getCc()),
        subject: m.getSubject(),
        date: new Date(m.getDate().getTime()),
        plainBody: m.getPlainBody(),
      };
    },
  };
}
