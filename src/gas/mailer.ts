/**
 * Mailer on MailApp. What MailApp's error says decides what the runner may do next:
 * - the daily quota: QuotaExhausted, the campaign waits for tomorrow (not sent);
 * - a refusal of this email (bad address, too many recipients, body too large): SendRejected (not sent);
 * - a refusal of the call (rate limit, service unavailable): retried here a few times with growing
 *   pauses, then SendDeferred (not sent);
 * - anything else may have come after the email left: passed on unchanged, and the runner puts the
 *   recipient in review rather than calling a delivered email "failed" or sending it twice.
 */
import { QuotaExhausted, SendDeferred, SendRejected } from '../core/campaigns/runner';
import { senderDisplayName } from '../core/email/header-text';
import type { Mailer } from '../ports/mailer';
import type { MailAppLike } from './services';

/** Apps Script's message when the daily email quota is spent ("Service invoked too many times for one day: email."). */
const QUOTA_MESSAGE = /too many times for one day: email|email quota|limit exceeded: email\.?$/i;
const REJECTED_MESSAGE =
  /invalid email|invalid argument|no recipient|limit exceeded: email (recipients|body size)/i;
/** Raised when the service turns the call away: nothing was sent, and a later attempt may pass. */
const TRANSIENT_MESSAGE = /too many times in a short time|service unavailable|try again later|rate limit/i;

/** Pauses between attempts: three tries in about 3 s, small against a run's budget. */
export const SEND_BACKOFF_MS = [1_000, 2_000] as const;

export function mailAppMailer(mail: MailAppLike, sleep: (ms: number) => void = () => undefined): Mailer {
  const sendOnce = (email: Parameters<Mailer['send']>[0]) =>
    mail.sendEmail(email.to, email.subject, email.textBody, {
      htmlBody: email.htmlBody,
      // The Sender name comes from a Settings cell anyone on the team may edit: one line only.
      ...(email.name && senderDisplayName(email.name) ? { name: senderDisplayName(email.name) } : {}),
    });
  return {
    send(email) {
      for (let attempt = 0; ; attempt++) {
        try {
          sendOnce(email);
          return;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (QUOTA_MESSAGE.test(message)) throw new QuotaExhausted(message);
          if (REJECTED_MESSAGE.test(message)) throw new SendRejected(message);
          if (!TRANSIENT_MESSAGE.test(message)) throw error;
          const pause = SEND_BACKOFF_MS[attempt];
          if (pause === undefined) throw new SendDeferred(message, attempt + 1);
          sleep(pause);
        }
      }
    },
    remainingQuota: () => mail.getRemainingDailyQuota(),
  };
}
