/**
 * A local stand-in of SendGrid's v3 Mail Send endpoint: a real HTTP server on 127.0.0.1 that checks
 * the Bearer key and the body the way the API documents, accepts with 202 and an X-Message-Id, and
 * keeps every accepted message, so tests can count what each recipient really got.
 *
 * Faults are queued per request (POST /_standin/faults), then taken one per Mail Send request:
 * - 'rate-limit': 429 with Retry-After and X-RateLimit-* headers; 'server-error': a 5xx;
 *   'unauthorized': 401;
 * - 'hang-before': no answer, nothing accepted (the caller times out);
 * - 'hang-after': the message IS accepted, then no answer (the answer is lost: the case that must go
 *   to review, never be resent);
 * - 'reset-after': accepted, then the connection is cut.
 * Control endpoints (/_standin/...) are for tests and the workbench only.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';

export type Fault =
  /** Answered normally: places a fault at the n-th request. */
  | { kind: 'ok' }
  | { kind: 'rate-limit'; retryAfterS: number }
  | { kind: 'server-error'; status: number }
  | { kind: 'unauthorized' }
  | { kind: 'hang-before' }
  | { kind: 'hang-after' }
  | { kind: 'reset-after' }
  /** A 400 naming the personalization at this position (or the last) as a bad address: nothing sent. */
  | { kind: 'reject-recipient'; at: number };

export interface AcceptedMessage {
  messageId: string;
  to: string;
  from: string;
  subject: string;
  reference: string | null;
  /** sha1 of the text and HTML body the recipient got, after substitutions (bodyDigest). */
  bodySha1: string;
  listUnsubscribe: string | null;
  customArgs: Record<string, string>;
}

export interface ServiceStats {
  requests: number;
  accepted: AcceptedMessage[];
  answered: Record<string, number>;
  faultsLeft: number;
}

const ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\.]+$/;

interface SendGridError {
  message: string;
  field: string | null;
}

/**
 * Mail Send's documented limits (twilio.com/docs/sendgrid): api-reference/mail-send/errors (1,000
 * personalizations and 1,000 recipients a request, each address once, a subject at the root or in
 * every personalization), for-developers/sending-email/substitution-tags ("Substitutions are limited
 * to 50,000 bytes per personalization block"), api-reference/mail-send/limitations (custom
 * arguments under 10,000 bytes, the whole email under 30 MB).
 */
export const STANDIN_LIMITS = {
  personalizations: 1_000,
  recipients: 1_000,
  substitutionBytes: 50_000,
  customArgBytes: 10_000,
  requestBytes: 30 * 1024 * 1024,
} as const;

/** Headers SendGrid sets itself and refuses in `headers` (api-reference/mail-send, headers). */
const RESERVED_HEADERS = new Set([
  'to',
  'from',
  'subject',
  'reply-to',
  'cc',
  'bcc',
  'content-type',
  'dkim-signature',
  'x-sg-id',
  'x-sg-eid',
  'received',
  'content-transfer-encoding',
]);

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const strings = (o: unknown): Record<string, string> | null => {
  if (o === undefined) return {};
  if (!o || typeof o !== 'object' || Array.isArray(o)) return null;
  const entries = Object.entries(o as Record<string, unknown>);
  return entries.every(([, v]) => typeof v === 'string')
    ? (Object.fromEntries(entries) as Record<string, string>)
    : null;
};
const pairBytes = (o: Record<string, string>) =>
  Object.entries(o).reduce((n, [k, v]) => n + bytes(k) + bytes(v), 0);

/** Every substitution tag replaced in one pass, as SendGrid does (a value is not searched again). */
function substitute(text: string, subs: Record<string, string>): string {
  const keys = Object.keys(subs).filter((k) => k.length > 0);
  if (keys.length === 0) return text;
  const pattern = new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return text.replace(pattern, (m) => subs[m] ?? m);
}

/**
 * The checks SendGrid documents for a Mail Send body (what ChurnGuard sends). Any error rejects the
 * whole request: nothing is accepted (SendGrid's validation-errors article: "SendGrid rejects the
 * request and returns an error message").
 */
function validate(body: unknown): { errors: SendGridError[]; messages: AcceptedMessage[] } {
  const errors: SendGridError[] = [];
  const b = (body ?? {}) as Record<string, unknown>;
  const personalizations = Array.isArray(b.personalizations) ? (b.personalizations as unknown[]) : [];
  if (personalizations.length === 0)
    errors.push({ message: 'You must have at least one personalization.', field: 'personalizations' });
  if (personalizations.length > STANDIN_LIMITS.personalizations)
    errors.push({
      message: `The personalization block is limited to 1000 personalizations per API request. You have provided ${personalizations.length} personalizations. Please consider splitting this into multiple requests and resending your request.`,
      field: 'personalizations',
    });
  const from = (b.from ?? {}) as { email?: unknown };
  const fromEmail = typeof from.email === 'string' ? from.email : '';
  if (!ADDRESS.test(fromEmail))
    errors.push({ message: 'The from email does not contain a valid address.', field: 'from.email' });
  const rootSubject = typeof b.subject === 'string' ? b.subject : '';
  const content = Array.isArray(b.content) ? (b.content as { type?: unknown; value?: unknown }[]) : [];
  if (content.length === 0 || content.some((c) => typeof c.value !== 'string' || c.value === ''))
    errors.push({
      message: 'The content value must be a string at least one character in length.',
      field: 'content.0.value',
    });
  else if (content.length > 1 && content[0]?.type !== 'text/plain')
    errors.push({ message: 'If present, text/plain must be first.', field: 'content' });
  const rootArgs = strings(b.custom_args) ?? {};
  const seen = new Set<string>();
  let recipients = 0;
  const messages: AcceptedMessage[] = [];
  personalizations.forEach((raw, i) => {
    const p = (raw ?? {}) as Record<string, unknown>;
    const to = Array.isArray(p.to) ? (p.to as { email?: unknown }[]) : [];
    if (to.length === 0)
      errors.push({
        message: 'The to parameter is required for all personalization objects.',
        field: `personalizations.${i}.to`,
      });
    recipients += to.length;
    to.forEach((t, j) => {
      const email = typeof t?.email === 'string' ? t.email : '';
      if (!ADDRESS.test(email))
        errors.push({
          message: 'Does not contain a valid address.',
          field: `personalizations.${i}.to.${j}.email`,
        });
      else if (seen.has(email.toLowerCase()))
        errors.push({
          message: `Each unique email address in the personalizations array should only be included once. You have included ${email} more than once.`,
          field: `personalizations.${i}`,
        });
      seen.add(email.toLowerCase());
    });
    const subject = typeof p.subject === 'string' ? p.subject : rootSubject;
    if (!subject)
      errors.push({
        message:
          'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
        field: 'subject',
      });
    const subs = strings(p.substitutions);
    if (!subs)
      errors.push({
        message: 'Substitutions must be strings.',
        field: `personalizations.${i}.substitutions`,
      });
    else if (pairBytes(subs) > STANDIN_LIMITS.substitutionBytes)
      errors.push({
        message: 'Substitutions are limited to 50,000 bytes per personalization block.',
        field: `personalizations.${i}.substitutions`,
      });
    const args = strings(p.custom_args);
    if (!args)
      errors.push({ message: 'Custom args must be strings.', field: `personalizations.${i}.custom_args` });
    else if (pairBytes({ ...rootArgs, ...args }) >= STANDIN_LIMITS.customArgBytes)
      errors.push({
        message: 'The total length of custom arguments must be less than 10000 bytes.',
        field: `personalizations.${i}.custom_args`,
      });
    const headers = strings(p.headers);
    if (!headers)
      errors.push({ message: 'Header values must be strings.', field: `personalizations.${i}.headers` });
    else {
      const reserved = Object.keys(headers).find((h) => RESERVED_HEADERS.has(h.toLowerCase()));
      if (reserved)
        errors.push({ message: `${reserved} is a reserved header.`, field: `personalizations.${i}.headers` });
    }
    const allArgs = { ...rootArgs, ...(args ?? {}) };
    const text = substitute(String(content.find((c) => c.type === 'text/plain')?.value ?? ''), subs ?? {});
    const html = substitute(String(content.find((c) => c.type === 'text/html')?.value ?? ''), subs ?? {});
    messages.push({
      messageId: '',
      to: typeof to[0]?.email === 'string' ? to[0].email : '',
      from: fromEmail,
      subject: substitute(subject, subs ?? {}),
      reference: allArgs.churnguard_ref ?? headers?.['X-ChurnGuard-Ref'] ?? null,
      bodySha1: bodyDigest(text, html),
      listUnsubscribe: headers?.['List-Unsubscribe'] ?? null,
      customArgs: allArgs,
    });
  });
  if (recipients > STANDIN_LIMITS.recipients)
    errors.push({
      message: 'There is a limit of 1000 total recipients (to + cc + bcc) per request.',
      field: 'personalizations',
    });
  return errors.length > 0 ? { errors, messages: [] } : { errors, messages };
}

/** What a recipient received, as a short digest (the bench keeps 20,000 of them). */
export function bodyDigest(text: string, html: string): string {
  return createHash('sha1').update(text).update('\u0000').update(html).digest('hex');
}

export class EmailServiceStandin {
  private server: http.Server | null = null;
  private faults: Fault[] = [];
  private readonly hanging = new Set<http.ServerResponse>();
  private nextId = 1;
  stats: ServiceStats = { requests: 0, accepted: [], answered: {}, faultsLeft: 0 };
  /** The one API key the service accepts. */
  apiKey: string;

  constructor(apiKey: string) {
    this.apiKey = apiKey;
  }

  async listen(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    // Keep-alive off: every fetch is its own connection, as UrlFetchApp's calls are to us.
    this.server.keepAliveTimeout = 0;
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.releaseHanging();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  reset(apiKey = this.apiKey): void {
    this.releaseHanging();
    this.faults = [];
    this.apiKey = apiKey;
    this.stats = { requests: 0, accepted: [], answered: {}, faultsLeft: 0 };
  }

  queueFaults(faults: readonly Fault[]): void {
    this.faults.push(...faults);
  }

  private releaseHanging(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }

  private answer(
    res: http.ServerResponse,
    status: number,
    headers: Record<string, string>,
    body: unknown,
  ): void {
    this.stats.answered[status] = (this.stats.answered[status] ?? 0) + 1;
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', Connection: 'close', ...headers });
    res.end(text);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '/';
      if (url.startsWith('/_standin/')) return this.control(req.method ?? 'GET', url, text, res);
      if (req.method !== 'POST' || url !== '/v3/mail/send')
        return this.answer(res, 404, {}, { errors: [{ message: 'not found', field: null }] });
      this.mailSend(req, text, res);
    });
  }

  private mailSend(req: http.IncomingMessage, text: string, res: http.ServerResponse): void {
    this.stats.requests++;
    const fault = this.faults.shift();
    this.stats.faultsLeft = this.faults.length;
    const limitHeaders = (remaining: number) => ({
      'X-RateLimit-Limit': '600',
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset': String(Math.floor(Date.now() / 1000) + 60),
    });
    if (fault?.kind === 'hang-before') {
      this.hanging.add(res);
      return;
    }
    if (fault?.kind === 'rate-limit')
      return this.answer(
        res,
        429,
        { ...limitHeaders(0), 'Retry-After': String(fault.retryAfterS) },
        { errors: [{ message: 'too many requests', field: null }] },
      );
    if (fault?.kind === 'server-error')
      return this.answer(
        res,
        fault.status,
        {},
        { errors: [{ message: 'An error occurred on a SendGrid server.', field: null }] },
      );
    const auth = req.headers.authorization ?? '';
    if (fault?.kind === 'unauthorized' || auth !== `Bearer ${this.apiKey}`)
      return this.answer(
        res,
        401,
        {},
        {
          errors: [
            {
              message: 'The provided authorization grant is invalid, expired, or revoked',
              field: null,
              help: null,
            },
          ],
        },
      );
    if (Buffer.byteLength(text, 'utf8') >= STANDIN_LIMITS.requestBytes)
      return this.answer(res, 413, {}, { errors: [{ message: 'Payload Too Large', field: null }] });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return this.answer(res, 400, {}, { errors: [{ message: 'Bad Request', field: null }] });
    }
    const { errors, messages } = validate(body);
    if (errors.length > 0) return this.answer(res, 400, {}, { errors });
    if (fault?.kind === 'reject-recipient') {
      const at = Math.min(fault.at, messages.length - 1);
      return this.answer(
        res,
        400,
        {},
        {
          errors: [
            { message: 'Does not contain a valid address.', field: `personalizations.${at}.to.0.email` },
          ],
        },
      );
    }
    // One message id per request, as SendGrid's X-Message-Id; each recipient's copy gets a suffix.
    const id = `standin-${this.nextId++}`;
    const accepted = messages.map((m, i) => ({ ...m, messageId: messages.length > 1 ? `${id}.${i}` : id }));
    this.stats.accepted.push(...accepted);
    if (fault?.kind === 'hang-after') {
      this.hanging.add(res);
      return;
    }
    if (fault?.kind === 'reset-after') {
      res.socket?.destroy();
      return;
    }
    this.answer(res, 202, { ...limitHeaders(599), 'X-Message-Id': id }, undefined);
  }

  private control(method: string, url: string, text: string, res: http.ServerResponse): void {
    const body = (text ? JSON.parse(text) : {}) as { faults?: Fault[]; apiKey?: string };
    if (method === 'POST' && url === '/_standin/faults') {
      this.queueFaults(body.faults ?? []);
      return this.answer(res, 200, {}, { queued: this.faults.length });
    }
    if (method === 'POST' && url === '/_standin/reset') {
      this.reset(body.apiKey);
      return this.answer(res, 200, {}, { ok: true });
    }
    if (method === 'GET' && url === '/_standin/stats') return this.answer(res, 200, {}, this.stats);
    this.answer(res, 404, {}, { error: 'unknown control' });
  }
}
