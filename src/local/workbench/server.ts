/**
 * The workbench's HTTP server: loopback only, JSON API for the page's client, and the outbox pages.
 * It knows nothing of the add-on; it forwards to a backend that runs the real handlers.
 */
import * as http from 'node:http';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { escapeHtml } from '../../ui/html/render-card';
import { parseEml } from '../eml';
import { HttpError, MiswiredRequestError, SheetConflictError } from './http-error';
import { checkHost, checkStateChange, checkToken, newSessionToken } from './request-guard';

export interface RenderedCard {
  name: string;
  html: string;
}

export type PanelResponse =
  | { kind: 'cards'; cards: RenderedCard[] }
  | {
      kind: 'navigate';
      steps: (
        | { kind: 'push' | 'update'; card: RenderedCard }
        | { kind: 'pop' | 'popToRoot' }
        | { kind: 'popToNamed'; name: string }
      )[];
      notification?: string;
    }
  | { kind: 'notify'; notification: string }
  | { kind: 'openLink'; url: string }
  | { kind: 'draft'; draft: { to?: string[]; subject?: string; textBody?: string; insertText?: string } };

export interface InboxEntry {
  id: string;
  fromName: string;
  fromEmail: string;
  subject: string;
  snippet: string;
  date: string;
}

export interface MessageView {
  id: string;
  from: string;
  fromEmail: string;
  subject: string;
  date: string;
  plainBody: string;
}

export interface OutboxEntry {
  file: string;
  to: string;
  subject: string;
  sentAt: string;
}

export const ActionRequestSchema = z.object({
  kind: z.enum(['action', 'compose']),
  /** Where the button's card was shown: Gmail's compose window takes other responses than the sidebar. */
  panel: z.enum(['sidebar', 'compose']).default('sidebar'),
  messageId: z.string().nullable().optional(),
  parameters: z.record(z.string(), z.string()),
  formInputs: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.number()])).default({}),
});
export type ActionRequest = z.input<typeof ActionRequestSchema>;

export interface WorkbenchBackend {
  /** The page, carrying the session token its script sends back. */
  page(token: string): string;
  inbox(): InboxEntry[];
  homepage(): PanelResponse;
  /** null when the inbox has no such message. */
  message(messageId: string): ({ message: MessageView } & PanelResponse) | null;
  compose(to: string[]): PanelResponse;
  /** null when the request names a message the inbox does not have. */
  action(request: ActionRequest): PanelResponse | null;
  outbox(): OutboxEntry[];
  outboxFile(file: string): string | null;
  /** The loaded sheet's tabs, and one tab's values, for the offline /sheet pages. */
  sheetTabs?(): string[];
  sheetTab?(name: string): { name: string; values: unknown[][] } | null;
  /** Runs the hourly trigger if due, or at once with `now`. */
  runTriggers(now?: boolean): TriggerReport;
  /** The web app's doGet (unsubscribe links): the page's HTML. */
  webApp?(parameter: Record<string, string>, queryString: string): string;
}

export interface TriggerReport {
  ran: number;
  scanned: boolean;
  campaigns: number;
  errors: string[];
  /** When the hourly trigger fires next; null when none is installed. */
  nextDue: string | null;
}

const CLIENT_JS = path.join(__dirname, 'static', 'client.js');
const LOGO_SVG = path.join(__dirname, 'static', 'logo.svg');
const MAX_BODY_BYTES = 1_000_000;

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request body over 1 MB');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'request body is not JSON');
  }
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    // The page runs only its own script; card HTML is data, never code.
    'content-security-policy':
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

function outboxPage(entries: OutboxEntry[]): string {
  const rows = entries
    .map(
      (e) =>
        `<tr><td>${escapeHtml(e.sentAt)}</td><td>${escapeHtml(e.to)}</td><td><a href="/outbox/${encodeURIComponent(e.file)}">${escapeHtml(e.subject)}</a></td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Outbox · ChurnGuard workbench</title>
<style>body{font:14px Roboto,Arial,sans-serif;margin:24px}table{border-collapse:collapse}td,th{padding:6px 12px;border-bottom:1px solid #e0e0e0;text-align:left}</style></head>
<body><p><a href="/">← Workbench</a></p><h1>Outbox</h1><p>${entries.length} email(s) the add-on sent, written as .eml files.</p>
<table><thead><tr><th>Sent</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}

const PAGE_STYLE =
  'body{font:14px Roboto,Arial,sans-serif;margin:24px}table{border-collapse:collapse}td,th{padding:4px 10px;border:1px solid #e0e0e0;text-align:left;vertical-align:top}th{background:#f1f3f4;font-weight:500}tr:target td{background:#fef7e0}';

function sheetCell(value: unknown): string {
  if (value instanceof Date) return value.toISOString().replace('T00:00:00.000Z', '');
  return String(value ?? '');
}

/** The loaded spreadsheet's tabs, where a card's link to the whole spreadsheet leads offline. */
function sheetIndexPage(tabs: string[]): string {
  const items = tabs
    .map((t) => `<li><a href="/sheet/${encodeURIComponent(t)}">${escapeHtml(t)}</a></li>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sheet · ChurnGuard workbench</title><style>${PAGE_STYLE}</style></head>
<body><p><a href="/">← Workbench</a></p><h1>Sheet</h1><ul>${items}</ul></body></html>`;
}

/** One tab as a table, every cell escaped; row N of the sheet is #row-N, as a card's "Open row" links it. */
function sheetTabPage(tab: { name: string; values: unknown[][] }): string {
  const [head = [], ...body] = tab.values;
  const rows = body
    .map(
      (r, i) =>
        `<tr id="row-${i + 2}"><th>${i + 2}</th>${r.map((v) => `<td>${escapeHtml(sheetCell(v))}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(tab.name)} · ChurnGuard workbench</title><style>${PAGE_STYLE}</style></head>
<body><p><a href="/">← Workbench</a> · <a href="/sheet/">All tabs</a></p><h1>${escapeHtml(tab.name)}</h1>
<table><thead><tr id="row-1"><th>1</th>${head.map((v) => `<th>${escapeHtml(sheetCell(v))}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></body></html>`;
}

/**
 * A sent email as the customer would see it: its headers, the text part, the HTML part in a sandboxed
 * frame (no scripts, no same-origin access, so customer or template HTML never runs on the workbench),
 * and its attachments by name. The raw MIME stays one link away.
 */
function emailPage(file: string, raw: string): string {
  const mail = parseEml(raw);
  const header = (label: string, key: string) =>
    mail.headers[key] ? `<tr><th>${label}</th><td>${escapeHtml(mail.headers[key])}</td></tr>` : '';
  const attachments = mail.attachments.length
    ? `<h2>Attachments</h2><ul>${mail.attachments
        .map(
          (a) =>
            `<li>${escapeHtml(a.filename)} <span class="meta">(${escapeHtml(a.contentType)}, ${a.size} bytes)</span></li>`,
        )
        .join('')}</ul>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(mail.headers.subject ?? file)} · Outbox</title>
<style>body{font:14px Roboto,Arial,sans-serif;margin:24px;max-width:900px}th{text-align:left;padding:2px 12px 2px 0;color:#5f6368;font-weight:500}
pre.text{white-space:pre-wrap;font:14px Roboto,Arial,sans-serif;border:1px solid #e0e0e0;padding:12px;border-radius:8px}
iframe{width:100%;height:480px;border:1px solid #e0e0e0;border-radius:8px}.meta{color:#5f6368}</style></head>
<body><p><a href="/outbox">← Outbox</a> · <a href="/outbox/raw/${encodeURIComponent(file)}">Raw .eml</a></p>
<h1>${escapeHtml(mail.headers.subject ?? '(no subject)')}</h1>
<table class="headers">${header('From', 'from')}${header('To', 'to')}${header('Cc', 'cc')}${header('Bcc', 'bcc')}${header('Reply-To', 'reply-to')}${header('Subject', 'subject')}${header('Date', 'date')}</table>
${mail.text !== null ? `<h2>Text</h2><pre class="text">${escapeHtml(mail.text)}</pre>` : ''}
${mail.html !== null ? `<h2>HTML</h2><iframe sandbox="" title="HTML part" srcdoc="${escapeHtml(mail.html)}"></iframe>` : ''}
${attachments}</body></html>`;
}

/** The request's path, or a 400 when it is not a path at all (`//x`, bad percent-escapes). */
function pathOf(req: http.IncomingMessage): string {
  const raw = req.url ?? '/';
  if (!raw.startsWith('/') || raw.startsWith('//')) throw new HttpError(400, 'malformed request path');
  try {
    return decodeURIComponent(new URL(raw, 'http://localhost').pathname);
  } catch {
    throw new HttpError(400, 'malformed request path');
  }
}

export interface WorkbenchServer {
  server: http.Server;
  /** The secret the page carries; tests use it to act as the page. */
  token: string;
}

export function createWorkbenchServer(backend: WorkbenchBackend): WorkbenchServer {
  const token = newSessionToken();
  const server = http.createServer((req, res) => {
    const json = (value: unknown) => send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value));
    (async () => {
      const port = req.socket.localPort ?? 0;
      checkHost(req.headers.host, port);
      const pathname = pathOf(req);
      const route = `${req.method} ${pathname}`;
      if (pathname.startsWith('/api/')) {
        if (req.method === 'POST') checkStateChange(req.headers, port, token);
        else checkToken(req.headers, token);
      }
      if (route === 'GET /') return send(res, 200, 'text/html; charset=utf-8', backend.page(token));
      if (route === 'GET /client.js')
        return send(res, 200, 'text/javascript; charset=utf-8', fs.readFileSync(CLIENT_JS, 'utf8'));
      if (route === 'GET /static/logo.svg')
        return send(res, 200, 'image/svg+xml', fs.readFileSync(LOGO_SVG, 'utf8'));
      if (route === 'GET /sheet/' || route === 'GET /sheet')
        return send(res, 200, 'text/html; charset=utf-8', sheetIndexPage(backend.sheetTabs?.() ?? []));
      if (req.method === 'GET' && pathname.startsWith('/sheet/')) {
        const tab = backend.sheetTab?.(pathname.slice('/sheet/'.length)) ?? null;
        if (!tab) throw new HttpError(404, 'no such tab');
        return send(res, 200, 'text/html; charset=utf-8', sheetTabPage(tab));
      }
      if (route === 'GET /api/inbox') return json({ messages: backend.inbox() });
      if (route === 'POST /api/homepage') return json(backend.homepage());
      if (route === 'POST /api/message') {
        const body = z.object({ messageId: z.string().min(1) }).safeParse(await readJson(req));
        if (!body.success) throw new HttpError(400, 'messageId is required');
        const opened = backend.message(body.data.messageId);
        if (!opened) throw new HttpError(404, 'no such message in the inbox');
        return json(opened);
      }
      if (route === 'POST /api/compose') {
        const body = z.object({ to: z.array(z.string()).default([]) }).safeParse(await readJson(req));
        if (!body.success) throw new HttpError(400, 'to must be a list of addresses');
        return json(backend.compose(body.data.to));
      }
      if (route === 'POST /api/action') {
        const body = ActionRequestSchema.safeParse(await readJson(req));
        if (!body.success)
          throw new HttpError(400, `bad action request: ${body.error.issues[0]?.message ?? ''}`);
        let response: PanelResponse | null;
        try {
          response = backend.action(body.data);
        } catch (error) {
          if (error instanceof MiswiredRequestError) throw new HttpError(400, error.message);
          throw error;
        }
        if (!response) throw new HttpError(404, 'no such message in the inbox');
        return json(response);
      }
      if (route === 'POST /api/triggers') return json(backend.runTriggers(true));
      // The web app (a campaign email's unsubscribe link). No session token: the customer clicking is
      // not the workbench's user; only a token signed with the sheet's secret changes anything.
      if (route === 'GET /exec' && backend.webApp) {
        const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
        const parameter: Record<string, string> = {};
        for (const [k, v] of query) if (!(k in parameter)) parameter[k] = v;
        return send(res, 200, 'text/html; charset=utf-8', backend.webApp(parameter, query.toString()));
      }
      if (route === 'GET /outbox')
        return send(res, 200, 'text/html; charset=utf-8', outboxPage(backend.outbox()));
      if (req.method === 'GET' && pathname.startsWith('/outbox/raw/')) {
        const eml = backend.outboxFile(pathname.slice('/outbox/raw/'.length));
        if (eml === null) throw new HttpError(404, 'no such email');
        return send(res, 200, 'text/plain; charset=utf-8', eml);
      }
      if (req.method === 'GET' && pathname.startsWith('/outbox/')) {
        const file = pathname.slice('/outbox/'.length);
        const eml = backend.outboxFile(file);
        if (eml === null) throw new HttpError(404, 'no such email');
        return send(res, 200, 'text/html; charset=utf-8', emailPage(file, eml));
      }
      throw new HttpError(404, 'no such page');
    })().catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      // The user's own file names, for the user's own page: what to look at, not a detail of the machine.
      if (error instanceof SheetConflictError)
        return send(res, 409, 'application/json; charset=utf-8', JSON.stringify({ error: error.message }));
      if (error instanceof HttpError)
        return send(
          res,
          error.status,
          'application/json; charset=utf-8',
          JSON.stringify({ error: error.message }),
        );
      // A bug: the details stay in the console; the client learns only that it failed.
      console.error('ChurnGuard workbench:', error);
      send(res, 500, 'application/json; charset=utf-8', JSON.stringify({ error: INTERNAL_ERROR }));
    });
  });
  return { server, token };
}

/** What the client sees of an unexpected error: no message, no stack, nothing of the machine. */
export const INTERNAL_ERROR = 'Internal error: see the workbench console';

/** Listens on loopback only: the workbench shows customer data and must not be reachable from the network. */
export function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
