/**
 * Many campaign emails in few SendGrid v3 Mail Send requests, as pure functions: which emails can
 * share a request, the request for them, and which recipients a 400 blamed. No network here
 * (src/gas/email-service-batch.ts makes the calls).
 *
 * What the docs allow and forbid (twilio.com/docs/sendgrid):
 * - for-developers/sending-email/personalizations: one personalization per email, each with its own
 *   `to`, `subject`, `headers`, `substitutions` and `custom_args`; at most 1,000 personalizations a
 *   request, and each address once in the whole array.
 * - content is per message, not per personalization: each recipient's own body travels as
 *   substitutions (for-developers/sending-email/substitution-tags): the content holds two tags that
 *   each personalization replaces with its text and HTML. "Substitutions are limited to 50,000 bytes
 *   per personalization block": an email whose body does not fit is sent in a request of its own,
 *   with its body as the content.
 * - api-reference/mail-send/limitations: the whole request under 30 MB; custom arguments under
 *   10,000 bytes; at most 1,000 recipients. Substitution tags work in Unique Arguments too, and
 *   custom_args are stored as "Not PII": the recipient is named there by a hash, its address travels
 *   only in `to` and in a header.
 * - api-reference/mail-send/errors and SendGrid's validation-errors article: a 400 rejects the
 *   request as a whole ("SendGrid rejects the request and returns an error message"), naming the
 *   field, e.g. `personalizations.3.to.0.email`: nothing was queued, so the other recipients may be
 *   sent again in a new request; only a 2xx (202 "queued to be delivered") means sent.
 */
import type { OutgoingEmail } from '../campaigns/runner';
import { REFERENCE_HEADER, SENDGRID_SEND_URL, type SenderIdentity, type ServiceRequest } from './sendgrid';

/** Mail Send's documented ceilings, and ours under them. */
export const SENDGRID_LIMITS = {
  /** personalizations (and recipients) per request. */
  personalizations: 1_000,
  /** bytes of substitutions (keys and values) per personalization. */
  substitutionBytes: 50_000,
  /** bytes of custom_args per personalization (documented: "less than 10000"). */
  customArgBytes: 9_999,
  /** SendGrid's 30 MB, with room: UrlFetchApp's own POST limit is 50 MB. */
  requestBytes: 25_000_000,
} as const;

/** The tags each personalization replaces with its recipient's own text and HTML body. */
export const TEXT_TAG = '-churnguardText-';
export const HTML_TAG = '-churnguardHtml-';
export const CAMPAIGN_ARG = 'churnguard_campaign';
export const RECIPIENT_ARG = 'churnguard_recipient';

/** UTF-8 length without Node's Buffer (core code runs in Apps Script too). */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** A short, stable name for a recipient that is not their address (FNV-1a, 32 bits). */
export function recipientTag(email: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < email.length; i++) h = Math.imul(h ^ email.charCodeAt(i), 0x01000193);
  return `r${(h >>> 0).toString(16).padStart(8, '0')}`;
}

/** "campaign/email" → its two parts (the runner's reference; no reference: no campaign). */
function referenceParts(email: OutgoingEmail): { campaign: string | null } {
  const ref = email.reference ?? '';
  const slash = ref.lastIndexOf(`/${email.to}`);
  return { campaign: slash > 0 ? ref.slice(0, slash) : null };
}

function personalization(email: OutgoingEmail, withBody: boolean): Record<string, unknown> {
  const { campaign } = referenceParts(email);
  const headers: Record<string, string> = {};
  if (email.reference) headers[REFERENCE_HEADER] = email.reference;
  // RFC 2369 List-Unsubscribe per recipient (MailApp cannot set it). Not the RFC 8058 one-click POST
  // header: the unsubscribe web app answers GET only.
  if (email.unsubscribeUrl) headers['List-Unsubscribe'] = `<${email.unsubscribeUrl}>`;
  return {
    to: [{ email: email.to }],
    subject: email.subject,
    ...(Object.keys(headers).length ? { headers } : {}),
    custom_args: {
      ...(campaign ? { [CAMPAIGN_ARG]: campaign } : {}),
      [RECIPIENT_ARG]: recipientTag(email.to),
    },
    ...(withBody ? { substitutions: { [TEXT_TAG]: email.textBody, [HTML_TAG]: email.htmlBody } } : {}),
  };
}

/**
 * Whether the email's body can travel as substitutions: within the per-personalization limit, and
 * with no tag in its own text (SendGrid would replace it there too).
 */
export function fitsSubstitution(email: OutgoingEmail): boolean {
  const texts = [email.subject, email.textBody, email.htmlBody];
  if (texts.some((t) => t.includes(TEXT_TAG) || t.includes(HTML_TAG))) return false;
  const bytes =
    utf8Bytes(TEXT_TAG) + utf8Bytes(HTML_TAG) + utf8Bytes(email.textBody) + utf8Bytes(email.htmlBody);
  return bytes <= SENDGRID_LIMITS.substitutionBytes;
}

function customArgsFit(email: OutgoingEmail): boolean {
  const args = personalization(email, false).custom_args as Record<string, string>;
  return (
    Object.entries(args).reduce((n, [k, v]) => n + utf8Bytes(k) + utf8Bytes(v), 0) <=
    SENDGRID_LIMITS.customArgBytes
  );
}

export interface PlannedRequest {
  /** Positions of the emails it carries, in the caller's list. */
  indexes: number[];
  request: ServiceRequest;
}

function body(emails: readonly OutgoingEmail[], from: SenderIdentity, shared: boolean) {
  const first = emails[0]!;
  const name = first.name ?? from.fromName;
  return {
    personalizations: emails.map((e) => personalization(e, shared)),
    from: { email: from.fromEmail, ...(name ? { name } : {}) },
    // SendGrid requires text/plain first when both are given.
    content: shared
      ? [
          { type: 'text/plain', value: TEXT_TAG },
          { type: 'text/html', value: HTML_TAG },
        ]
      : [
          { type: 'text/plain', value: first.textBody },
          { type: 'text/html', value: first.htmlBody },
        ],
  };
}

function request(payload: string, apiKey: string): ServiceRequest {
  return {
    url: SENDGRID_SEND_URL,
    method: 'post',
    contentType: 'application/json',
    headers: { Authorization: `Bearer ${apiKey}` },
    payload,
  };
}

/**
 * The requests that carry `indexes` of `emails`, in order: emails with the same From name share a
 * request while they fit the limits above; an email whose body cannot be a substitution goes alone
 * with its body as the content. An address met twice goes in a later request (the docs forbid it
 * twice in one).
 */
export function planRequests(
  emails: readonly OutgoingEmail[],
  indexes: readonly number[],
  from: SenderIdentity,
  apiKey: string,
): PlannedRequest[] {
  const planned: PlannedRequest[] = [];
  if (indexes.length === 0) return planned;
  interface Open {
    indexes: number[];
    parts: string[];
    bytes: number;
    addresses: Set<string>;
  }
  const open = new Map<string, Open>();
  const close = (key: string) => {
    const o = open.get(key);
    if (!o) return;
    open.delete(key);
    const group = o.indexes.map((i) => emails[i]!);
    const b = body(group, from, true);
    // The personalizations were serialised once when they were added; splice them into the frame.
    const frame = JSON.stringify({ ...b, personalizations: [] });
    const payload = frame.replace('"personalizations":[]', `"personalizations":[${o.parts.join(',')}]`);
    planned.push({ indexes: o.indexes, request: request(payload, apiKey) });
  };
  const frameBytes = utf8Bytes(JSON.stringify(body([emails[indexes[0]!]!], from, true))) + 1;
  for (const i of indexes) {
    const email = emails[i]!;
    if (!fitsSubstitution(email) || !customArgsFit(email)) {
      planned.push({ indexes: [i], request: request(JSON.stringify(body([email], from, false)), apiKey) });
      continue;
    }
    const key = email.name ?? '';
    const part = JSON.stringify(personalization(email, true));
    const bytes = utf8Bytes(part) + 1;
    const o = open.get(key);
    const address = email.to.toLowerCase();
    if (
      o &&
      (o.indexes.length >= SENDGRID_LIMITS.personalizations ||
        o.bytes + bytes + frameBytes > SENDGRID_LIMITS.requestBytes ||
        o.addresses.has(address))
    )
      close(key);
    const target = open.get(key) ?? { indexes: [], parts: [], bytes: 0, addresses: new Set<string>() };
    open.set(key, target);
    target.indexes.push(i);
    target.parts.push(part);
    target.bytes += bytes;
    target.addresses.add(address);
  }
  for (const key of [...open.keys()]) close(key);
  return planned;
}

const PERSONALIZATION_FIELD = /^personalizations\.(\d+)(\.|$)/;

/**
 * The recipients a 400 blamed, by position in the request, with the provider's words; null when
 * any error is not about one personalization (the From address, the content: every request would
 * repeat it).
 */
export function blamedPersonalizations(
  errors: readonly { message: string; field: string | null }[],
  size: number,
): Map<number, string> | null {
  if (errors.length === 0) return null;
  const blamed = new Map<number, string>();
  for (const e of errors) {
    const m = e.field ? PERSONALIZATION_FIELD.exec(e.field) : null;
    const at = m ? Number(m[1]) : -1;
    if (at < 0 || at >= size) return null;
    const said = `${e.field}: ${e.message}`;
    blamed.set(at, blamed.has(at) ? `${blamed.get(at)}; ${said}` : said);
  }
  return blamed;
}
