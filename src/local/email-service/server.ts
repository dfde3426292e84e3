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

export type Fault =
  /** Answered normally: places a fault at the n-th request. */
  | { kind: 'ok' }
  | { kind: 'rate-limit'; retryAfterS: number }
  | { kind: 'server-error'; status: number }
  | { kind: 'unauthorized' }
  | { kind: 'hang-before' }
  | { kind: 'hang-after' }
  | { kind: 'reset-after' };

export interface AcceptedMessage {
  messageId: string;
  to: string;
  from: string;
  subject: string;
  reference: string | null;
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

/** The checks SendGrid documents for a Mail Send body (a subset: what ChurnGuard sends). */
function validate(body: unknown): { errors: SendGridError[]; message?: AcceptedMessage } {
  const errors: SendGridError[] = [];
  const b = (body ?? {}) as Record<string, unknown>;
  const personalizations = Array.isArray(b.personalizations) ? (b.personalizations as unknown[]) : [];
  if (personalizations.length === 0)
    errors.push({ message: 'You must have at least one personalization.', field: 'personalizations' });
  const first = (personalizations[0] ?? {}) as Record<string, unknown>;
  const to = Array.isArray(first.to) ? (first.to as { email?: unknown }[]) : [];
  const toEmail = typeof to[0]?.email === 'string' ? to[0].email : '';
  if (personalizations.length > 0 && !ADDRESS.test(toEmail))
    errors.push({
      message: 'Does not contain a valid address.',
      field: 'personalizations.0.to.0.email',
    });
  const from = (b.from ?? {}) as { email?: unknown };
  const fromEmail = typeof from.email === 'string' ? from.email : '';
  if (!ADDRESS.test(fromEmail))
    errors.push({ message: 'The from email does not contain a valid address.', field: 'from.email' });
  const subject = typeof b.subject === 'string' ? b.subject : '';
  if (!subject) errors.push({ message: 'The subject is required.', field: 'subject' });
  const content = Array.isArray(b.content) ? (b.content as { type?: unknown; value?: unknown }[]) : [];
  if (content.length === 0 || content.some((c) => typeof c.value !== 'string' || c.value === ''))
    errors.push({
      message: 'The content value must be a string at least one character in length.',
      field: 'content.0.value',
    });
  else if (content.length > 1 && content[0]?.type !== 'text/plain')
    errors.push({ message: 'If present, text/plain must be first.', field: 'content' });
  const args = (first.custom_args ?? {}) as Record<string, unknown>;
  const reference = typeof args.churnguard_ref === 'string' ? args.churnguard_ref : null;
  if (errors.length > 0) return { errors };
  return { errors, message: { messageId: '', to: toEmail, from: fromEmail, subject, reference } };
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
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return this.answer(res, 400, {}, { errors: [{ message: 'Bad Request', field: null }] });
    }
    const { errors, message } = validate(body);
    if (!message) return this.answer(res, 400, {}, { errors });
    const accepted = { ...message, messageId: `standin-${this.nextId++}` };
    this.stats.accepted.push(accepted);
    if (fault?.kind === 'hang-after') {
      this.hanging.add(res);
      return;
    }
    if (fault?.kind === 'reset-after') {
      res.socket?.destroy();
      return;
    }
    this.answer(res, 202, { ...limitHeaders(599), 'X-Message-Id': accepted.messageId }, undefined);
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
