/**
 * What the single and the batched email-service sends share: one Mail Send call through UrlFetchApp,
 * the bounded waits and retries, and the mailer's configuration.
 */
import { SenderStopped } from '../core/campaigns/runner';
import type { SenderIdentity, ServiceAnswer, ServiceRequest } from '../core/email/sendgrid';
import type { UrlFetchAppLike } from './services';

/** Pauses between attempts after a 5xx: three tries in about 3 s, as for MailApp. */
export const SERVICE_BACKOFF_MS = [1_000, 2_000] as const;
/** A Retry-After up to this long is waited out inside the run; longer ones pause the campaign. */
export const MAX_INLINE_WAIT_MS = 5_000;
export const MAX_RATE_WAITS = 2;

/** Apps Script's refusal when the deployment lacks the script.external_request scope. */
const NO_PERMISSION =
  /permission|script\.external_request|not allowed to (fetch|access)|allowlist|whitelist/i;

export interface EmailServiceConfig extends SenderIdentity {
  apiKey: string;
  dailyLimit: number;
  /** Emails per request (Settings → Sender); unset: one by one. */
  batchSize?: number;
}

/** Sends counted today against the plan's limit (kept per user, by UTC day). */
export interface SentToday {
  get(): number;
  add(n: number): void;
}

/**
 * One Mail Send call: the answer, or `lost` with the (redacted) reason when fetch threw after the
 * request may have reached the service. A deployment without the fetch scope sent nothing:
 * SenderStopped.
 */
export function callService(
  fetcher: UrlFetchAppLike,
  request: ServiceRequest,
  safe: (text: string) => string,
): ServiceAnswer | { lost: string } {
  try {
    const response = fetcher.fetch(request.url, {
      method: request.method,
      contentType: request.contentType,
      headers: request.headers,
      payload: request.payload,
      muteHttpExceptions: true,
    });
    return {
      code: response.getResponseCode(),
      headers: response.getAllHeaders() as ServiceAnswer['headers'],
      body: response.getContentText(),
    };
  } catch (error) {
    const message = safe(error instanceof Error ? error.message : String(error));
    if (NO_PERMISSION.test(message))
      throw new SenderStopped(
        `ChurnGuard may not call the email service from this deployment (${message}). The email-service deployment adds the script.external_request scope (see the README).`,
      );
    return { lost: message };
  }
}
