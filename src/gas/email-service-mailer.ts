/**
 * Mailer on an email service (SendGrid v3 Mail Send) through UrlFetchApp. What the answer says
 * decides what the runner may do (the mapping is src/core/email/sendgrid.ts):
 * - 2xx: accepted, sent; counted against the plan's daily limit;
 * - 429: wait as long as Retry-After says when that is short (at most twice), else QuotaExhausted
 *   with the wait, so the campaign resumes after it (not sent);
 * - 5xx: retried here with growing pauses, then SendDeferred (not sent; "Retry failed" re-queues);
 * - 401/403/most 400s: SenderStopped, the campaign pauses with the reason for a person;
 * - a 400 about this recipient's address, or 413: SendRejected for this email only;
 * - fetch threw (timeout, connection cut): the request may have reached the service and been
 *   accepted, so SendUncertain: the recipient goes to review with the message's reference, never
 *   resent blindly. A missing permission (scope) is the exception: nothing left, SenderStopped.
 * The API key goes only into the Authorization header: every message built here passes `redact`.
 */
import {
  QuotaExhausted,
  SendDeferred,
  SendRejected,
  SendUncertain,
  SenderStopped,
} from '../core/campaigns/runner';
import { classifyAnswer, redact, REFERENCE_ARG, sendGridRequest } from '../core/email/sendgrid';
import { sendBatchThroughService } from './email-service-batch';
import {
  callService,
  MAX_INLINE_WAIT_MS,
  MAX_RATE_WAITS,
  SERVICE_BACKOFF_MS,
  type EmailServiceConfig,
  type SentToday,
} from './email-service-call';
import type { Mailer } from '../ports/mailer';
import type { UrlFetchAppLike } from './services';

export { MAX_INLINE_WAIT_MS, SERVICE_BACKOFF_MS } from './email-service-call';
export type { EmailServiceConfig, SentToday } from './email-service-call';

export function emailServiceMailer(
  fetcher: UrlFetchAppLike,
  config: EmailServiceConfig,
  sentToday: SentToday,
  sleep: (ms: number) => void,
  nowMs: () => number,
): Mailer {
  const safe = (text: string) => redact(text, config.apiKey);
  return {
    send(email) {
      const request = sendGridRequest(email, config, config.apiKey);
      const where = email.reference
        ? `Search the email service's activity log for ${REFERENCE_ARG} "${email.reference}"`
        : `Search the email service's activity log for ${email.to}`;
      let rateWaits = 0;
      for (let attempt = 0; ;) {
        const answer = callService(fetcher, request, safe);
        if ('lost' in answer)
          throw new SendUncertain(
            `The email service call failed before its answer came back (${answer.lost}).`,
            `The request to the email service failed before its answer came back (${answer.lost}): it may have been accepted. ${where}, then mark it sent or send it again.`,
          );
        const verdict = classifyAnswer(answer, nowMs());
        switch (verdict.kind) {
          case 'accepted':
            sentToday.add(1);
            return;
          case 'reject':
            throw new SendRejected(safe(verdict.reason));
          case 'stop':
            throw new SenderStopped(safe(verdict.reason));
          case 'rate-limited': {
            const wait = verdict.retryAfterMs;
            if (wait !== null && wait <= MAX_INLINE_WAIT_MS && rateWaits < MAX_RATE_WAITS) {
              rateWaits++;
              sleep(wait);
              continue;
            }
            throw new QuotaExhausted(safe(verdict.reason), wait ?? undefined);
          }
          case 'server-error': {
            const pause = SERVICE_BACKOFF_MS[attempt];
            attempt++;
            if (pause === undefined)
              throw new SendDeferred(safe(verdict.reason), attempt, 'The email service');
            sleep(pause);
            continue;
          }
        }
      }
    },
    remainingQuota: () => Math.max(0, config.dailyLimit - sentToday.get()),
    // A batch size of 1 is the one-by-one send above, unchanged.
    batchSize: () => (config.batchSize && config.batchSize > 1 ? config.batchSize : null),
    sendBatch: (emails) => sendBatchThroughService(fetcher, config, sentToday, sleep, nowMs, emails),
  };
}
