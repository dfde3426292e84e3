/**
 * The email service's batch send: a runner batch in as few Mail Send requests as the limits allow
 * (src/core/email/sendgrid-batch.ts plans them), one outcome per email. What each answer means:
 * - 2xx: every email of the request was queued: sent;
 * - 400 naming personalizations: the request was rejected as a whole, nothing was sent; the named
 *   recipients fail with the provider's words and the others go again in a new request;
 * - 413: too large: split in two and sent again (nothing was queued); a single email fails;
 * - 429 and 5xx: the single send's bounded waits and retries, per request; a long 429 stops the batch;
 * - 401/403/any other 400: every request would be refused: the batch stops for a person;
 * - fetch threw: the request may have been accepted, so every email in it goes to review.
 * Once the batch stops, the requests not yet made come back not-sent (pending again).
 */
import {
  QuotaExhausted,
  SendDeferred,
  SendRejected,
  SendUncertain,
  SenderStopped,
  type BatchOutcome,
  type OutgoingEmail,
} from '../core/campaigns/runner';
import { classifyAnswer, providerErrors, redact } from '../core/email/sendgrid';
import {
  blamedPersonalizations,
  CAMPAIGN_ARG,
  planRequests,
  type PlannedRequest,
} from '../core/email/sendgrid-batch';
import {
  callService,
  MAX_INLINE_WAIT_MS,
  MAX_RATE_WAITS,
  SERVICE_BACKOFF_MS,
  type EmailServiceConfig,
  type SentToday,
} from './email-service-call';
import type { UrlFetchAppLike } from './services';

/** Where a reviewer finds the message in the provider's activity feed. */
function lookUp(email: OutgoingEmail): string {
  const campaign = email.reference?.slice(0, -(email.to.length + 1));
  return `Search the email service's activity log for messages to ${email.to}${campaign ? ` with ${CAMPAIGN_ARG} "${campaign}"` : ''}`;
}

export function sendBatchThroughService(
  fetcher: UrlFetchAppLike,
  config: EmailServiceConfig,
  sentToday: SentToday,
  sleep: (ms: number) => void,
  nowMs: () => number,
  emails: readonly OutgoingEmail[],
): BatchOutcome[] {
  const safe = (text: string) => redact(text, config.apiKey);
  const outcomes: BatchOutcome[] = [];
  const plan = (indexes: readonly number[]) => planRequests(emails, indexes, config, config.apiKey);
  const queue: PlannedRequest[] = plan(emails.map((_, i) => i));
  let stop: QuotaExhausted | SenderStopped | null = null;
  let rateWaits = 0;
  const all = (planned: PlannedRequest, outcome: BatchOutcome) => {
    for (const i of planned.indexes) outcomes[i] = outcome;
  };

  /** One planned request, with its bounded retries; may queue the not-sent rest again. */
  const send = (planned: PlannedRequest): void => {
    const size = planned.indexes.length;
    for (let attempt = 0; ;) {
      const answer = callService(fetcher, planned.request, safe);
      if ('lost' in answer) {
        const others = size > 1 ? ` and ${size - 1} other emails` : '';
        for (const i of planned.indexes)
          outcomes[i] = {
            kind: 'uncertain',
            error: new SendUncertain(
              `The email service call failed before its answer came back (${answer.lost}).`,
              `The request carrying this email${others} failed before its answer came back (${answer.lost}): it may have been accepted. ${lookUp(emails[i]!)}, then mark it sent or send it again.`,
            ),
          };
        return;
      }
      if (answer.code === 400) {
        const blamed = blamedPersonalizations(providerErrors(answer.body), size);
        if (blamed) {
          const rest: number[] = [];
          planned.indexes.forEach((i, at) => {
            const why = blamed.get(at);
            if (why === undefined) rest.push(i);
            else
              outcomes[i] = {
                kind: 'failed',
                error: new SendRejected(safe(`The email service refused this recipient (400): "${why}".`)),
              };
          });
          // A 400 rejects the whole request: the others were not sent, so they go again.
          queue.unshift(...plan(rest));
          return;
        }
      }
      if (answer.code === 413 && size > 1) {
        const half = Math.ceil(size / 2);
        queue.unshift(...plan(planned.indexes.slice(0, half)), ...plan(planned.indexes.slice(half)));
        return;
      }
      const verdict = classifyAnswer(answer, nowMs());
      switch (verdict.kind) {
        case 'accepted':
          sentToday.add(size);
          return all(planned, { kind: 'sent' });
        case 'reject':
          return all(planned, { kind: 'failed', error: new SendRejected(safe(verdict.reason)) });
        case 'stop':
          stop = new SenderStopped(safe(verdict.reason));
          return all(planned, { kind: 'not-sent', error: stop });
        case 'rate-limited': {
          const wait = verdict.retryAfterMs;
          if (wait !== null && wait <= MAX_INLINE_WAIT_MS && rateWaits < MAX_RATE_WAITS) {
            rateWaits++;
            sleep(wait);
            continue;
          }
          stop = new QuotaExhausted(safe(verdict.reason), wait ?? undefined);
          return all(planned, { kind: 'not-sent', error: stop });
        }
        case 'server-error': {
          const pause = SERVICE_BACKOFF_MS[attempt];
          attempt++;
          if (pause === undefined)
            return all(planned, {
              kind: 'failed',
              error: new SendDeferred(safe(verdict.reason), attempt, 'The email service'),
            });
          sleep(pause);
          continue;
        }
      }
    }
  };

  while (queue.length > 0) {
    const planned = queue.shift()!;
    if (stop) all(planned, { kind: 'not-sent', error: stop });
    else {
      try {
        send(planned);
      } catch (error) {
        // callService's only throw: this deployment may not fetch at all; nothing was sent.
        if (!(error instanceof SenderStopped)) throw error;
        stop = error;
        all(planned, { kind: 'not-sent', error });
      }
    }
  }
  return outcomes;
}
