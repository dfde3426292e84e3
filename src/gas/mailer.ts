/** Mailer on MailApp: the quota error becomes QuotaExhausted, so the runner pauses instead of failing the recipient. */
import { senderDisplayName } from '../core/email/header-text';
import { QuotaExhausted } from '../core/campaigns/runner';
import type { Mailer } from '../ports/mailer';
import type { MailAppLike } from './services';

/** Apps Script's message when the daily email quota is spent ("Service invoked too many times for one day: email."). */
const QUOTA_MESSAGE = /too many times for one day: email|email quota|limit exceeded: email/i;

export function mailAppMailer(mail: MailAppLike): Mailer {
  return {
    send(email) {
      try {
        mail.sendEmail(email.to, email.subject, email.textBody, {
          htmlBody: email.htmlBody,
          // The Sender name comes from a Settings cell anyone on the team may edit: one line only.
          ...(email.name && senderDisplayName(email.name) ? { name: senderDisplayName(email.name) } : {}),
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (QUOTA_MESSAGE.test(message)) throw new QuotaExhausted(message);
        throw error;
      }
    },
    remainingQuota: () => mail.getRemainingDailyQuota(),
  };
}
