/**
 * Twilio SendGrid's v3 Mail Send API as pure functions: the request for one campaign email, and what
 * the answer means for the campaign. No network here; src/gas/email-service-mailer.ts does the call.
 *
 * The contract, from SendGrid's v3 reference (twilio.com/docs/sendgrid/api-reference):
 * - POST https://api.sendgrid.com/v3/mail/send, `Authorization: Bearer <API key>`, a JSON body with
 *   `personalizations` (to, custom_args, headers per recipient), `from`, `subject` and `content`
 *   (text/plain before text/html).
 * - 202 Accepted: "Your message is both valid, and queued to be delivered"; its `X-Message-Id` header
 *   identifies the message in the activity feed.
 * - 400 with `{"errors":[{"message","field","help"}]}`; 401 "Requires authentication"; 403 (the key
 *   lacks Mail Send, or the From address is not a verified Sender Identity); 413 payload too large;
 *   429 "Too many requests/Rate limit exceeded" with `X-RateLimit-Limit/Remaining/Reset` (Reset in
 *   Unix seconds); 500 "An error occurred on a SendGrid server", 503 "not available".
 * SendGrid documents no idempotency key for Mail Send, so a resend after a lost answer could send
 * twice: the message carries a reference (custom_args, searchable in the activity feed, and a
 * header) and a lost answer puts the recipient in review instead.
 */
import type { OutgoingEmail } from '../campaigns/runner';

export const SENDGRID_SEND_URL = 'https://api.sendgrid.com/v3/mail/send';
/** The custom_args key and the header that carry ChurnGuard's reference "campaign/email". */
export const REFERENCE_ARG = 'churnguard_ref';
export const REFERENCE_HEADER = 'X-ChurnGuard-Ref';

export interface ServiceRequest {
  url: string;
  method: 'post';
  contentType: string;
  headers: Record<string, string>;
  payload: string;
}

export interface ServiceAnswer {
  code: number;
  /** Header names as the service sent them (looked up case-insensitively). */
  headers: Record<string, string | string[]>;
  body: string;
}

export type ServiceVerdict =
  | { kind: 'accepted'; messageId?: string }
  /** 429: wait `retryAfterMs` (null when the answer did not say) and try again. */
  | { kind: 'rate-limited'; retryAfterMs: number | null; reason: string }
  /** 5xx: the service failed before queueing it; a bounded retry is safe. */
  | { kind: 'server-error'; reason: string }
  /** This email is refused (its address, its size); the others may still go. */
  | { kind: 'reject'; reason: string }
  /** Every email will be refused until a person acts (key, From address, permissions). */
  | { kind: 'stop'; reason: string };

export interface SenderIdentity {
  fromEmail: string;
  fromName?: string;
}

export function sendGridRequest(email: OutgoingEmail, from: SenderIdentity, apiKey: string): ServiceRequest {
  const reference = email.reference;
  const name = email.name ?? from.fromName;
  const body = {
    personalizations: [
      {
        to: [{ email: email.to }],
        ...(reference
          ? { custom_args: { [REFERENCE_ARG]: reference }, headers: { [REFERENCE_HEADER]: reference } }
          : {}),
      },
    ],
    from: { email: from.fromEmail, ...(name ? { name } : {}) },
    subject: email.subject,
    // SendGrid requires text/plain first when both are given.
    content: [
      { type: 'text/plain', value: email.textBody },
      { type: 'text/html', value: email.htmlBody },
    ],
  };
  return {
    url: SENDGRID_SEND_URL,
    method: 'post',
    contentType: 'application/json',
    headers: { Authorization: `Bearer ${apiKey}` },
    payload: JSON.stringify(body),
  };
}

export function header(answer: ServiceAnswer, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(answer.headers))
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  return undefined;
}

/**
 * How long a 429 asks to wait: Retry-After (seconds or an HTTP date, RFC 9110 §10.2.3) when
 * present, else SendGrid's X-RateLimit-Reset (Unix seconds), else null.
 */
export function retryAfterMs(answer: ServiceAnswer, nowMs: number): number | null {
  const after = header(answer, 'Retry-After')?.trim();
  if (after) {
    if (/^\d+$/.test(after)) return Number(after) * 1000;
    const at = Date.parse(after);
    if (!Number.isNaN(at)) return Math.max(0, at - nowMs);
  }
  const reset = header(answer, 'X-RateLimit-Reset')?.trim();
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - nowMs);
  return null;
}

interface ProviderError {
  message: string;
  field: string | null;
}

/** The provider's error list, or its raw text when it is not SendGrid's JSON shape. */
export function providerErrors(body: string): ProviderError[] {
  try {
    const parsed: unknown = JSON.parse(body);
    const errors = (parsed as { errors?: unknown }).errors;
    if (Array.isArray(errors))
      return errors.map((e: unknown) => {
        const o = (e ?? {}) as { message?: unknown; field?: unknown };
        return {
          message: typeof o.message === 'string' ? o.message : 'no message',
          field: typeof o.field === 'string' ? o.field : null,
        };
      });
  } catch {
    // not JSON: fall through to the text
  }
  return body.trim() ? [{ message: body.trim(), field: null }] : [];
}

const MAX_REASON_CHARS = 300;

function said(body: string): string {
  const text = providerErrors(body)
    .map((e) => (e.field ? `${e.field}: ${e.message}` : e.message))
    .join('; ');
  if (!text) return '';
  return ` It said: "${text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS)}…` : text}".`;
}

/** A field of this one recipient's personalization: the address is at fault, not the campaign. */
const RECIPIENT_FIELD = /^personalizations(\.\d+)?\.(to|cc|bcc)\b/;

export function classifyAnswer(answer: ServiceAnswer, nowMs: number): ServiceVerdict {
  const { code } = answer;
  if (code >= 200 && code < 300) {
    const messageId = header(answer, 'X-Message-Id');
    return messageId ? { kind: 'accepted', messageId } : { kind: 'accepted' };
  }
  if (code === 429)
    return {
      kind: 'rate-limited',
      retryAfterMs: retryAfterMs(answer, nowMs),
      reason: `The email service is rate limiting sends (429 Too Many Requests).${said(answer.body)}`,
    };
  if (code >= 500)
    return { kind: 'server-error', reason: `The email service failed (${code}).${said(answer.body)}` };
  if (code === 401)
    return {
      kind: 'stop',
      reason: `The email service refused the API key (401 Unauthorized): it is wrong, revoked or expired.${said(answer.body)}`,
    };
  if (code === 403)
    return {
      kind: 'stop',
      reason: `The email service forbade the send (403 Forbidden): the API key lacks the Mail Send permission, or the From address is not a verified sender.${said(answer.body)}`,
    };
  if (code === 413)
    return {
      kind: 'reject',
      reason: `The email is too large for the email service (413).${said(answer.body)}`,
    };
  if (code === 400) {
    const errors = providerErrors(answer.body);
    const recipientOnly = errors.length > 0 && errors.every((e) => e.field && RECIPIENT_FIELD.test(e.field));
    return recipientOnly
      ? { kind: 'reject', reason: `The email service refused this address (400).${said(answer.body)}` }
      : {
          kind: 'stop',
          reason: `The email service refused the request (400 Bad Request), which every email would repeat.${said(answer.body)}`,
        };
  }
  return {
    kind: 'stop',
    reason: `The email service answered ${code}, which ChurnGuard does not expect from Mail Send.${said(answer.body)}`,
  };
}

/** The text with every occurrence of the secret replaced, so an error message can never carry the key. */
export function redact(text: string, secret: string): string {
  if (secret.length < 4) return text;
  return text.split(secret).join('[API key]');
}

/** What Settings shows of a saved key: its length hidden, the last four characters to tell keys apart. */
export function maskKey(key: string): string {
  return key.length <= 8 ? '••••' : `••••${key.slice(-4)}`;
}
