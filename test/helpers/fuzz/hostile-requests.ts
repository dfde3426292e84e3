/**
 * Hostile HTTP requests for the workbench server: well-formed requests from the page with hostile
 * bodies, requests with forged or missing Host, Origin, token and Content-Type, odd methods and
 * paths, and bytes that are not HTTP at all (sent on a raw socket).
 */
import * as net from 'node:net';
import { hostileAction } from './hostile-actions';
import { hostileCell, randomUnicode } from './hostile-values';
import type { Random } from './random';
import type { RawRequest } from '../workbench-http';

const ROUTES = [
  '/',
  '/client.js',
  '/api/inbox',
  '/api/homepage',
  '/api/message',
  '/api/compose',
  '/api/action',
  '/api/triggers',
  '/outbox',
  '/outbox/x.eml',
];
const GARBAGE_PATHS = [
  '/outbox/%E0%A4%A',
  '/%',
  '/%%32',
  '/api/%00',
  '/outbox/..%2F..%2Fetc%2Fpasswd',
  '/api/action?x=%ZZ',
  '/\u00ff',
  '/a'.repeat(3000),
  '/api//action',
  '/API/ACTION',
  '/api/action/',
  '/outbox/%2e%2e/user-properties.json',
];

export interface WorkbenchAddress {
  port: number;
  token: string;
}

/** A request as the page sends it, to any route, with a hostile JSON (or not quite JSON) body. */
function fromThePage(r: Random, wb: WorkbenchAddress, emails: readonly string[]): RawRequest {
  const path = r.chance(0.7) ? '/api/action' : r.pick(ROUTES);
  const bodies = [
    () => JSON.stringify(hostileAction(r, emails)),
    () => JSON.stringify({ messageId: String(hostileCell(r)) }),
    () => JSON.stringify({ to: [String(hostileCell(r)), 42, null] }),
    () => JSON.stringify(hostileCell(r)),
    () => '{"kind":"action","parameters":' + '['.repeat(2000),
    () => '[]',
    () => 'null',
    () => randomUnicode(r, 50),
    () =>
      JSON.stringify({
        kind: 'action',
        parameters: { action: 'addCustomer', email: 'x@y.example', name: String(hostileCell(r)) },
        formInputs: {},
      }),
  ];
  return {
    method: r.chance(0.85) ? 'POST' : 'GET',
    path,
    headers: {
      host: r.chance(0.5) ? `localhost:${wb.port}` : `127.0.0.1:${wb.port}`,
      origin: `http://localhost:${wb.port}`,
      'content-type': 'application/json',
      'x-churnguard-token': wb.token,
    },
    body: r.pick(bodies)(),
  };
}

/** A request with any of its guards' headers forged, missing or malformed. */
function forged(
  r: Random,
  wb: WorkbenchAddress,
  emails: readonly string[],
): RawRequest & { hostAllowed: boolean } {
  const base = fromThePage(r, wb, emails);
  const headers = { ...base.headers };
  const hosts = [
    `localhost:${wb.port}`,
    'evil.example',
    `evil.example:${wb.port}`,
    `localhost:${wb.port + 1}`,
    `127.0.0.1`,
    '',
    `[::1]:${wb.port}`,
    `LOCALHOST:${wb.port}`,
    `localhost:${wb.port}.evil.example`,
  ];
  const host = r.pick(hosts);
  headers.host = host;
  if (r.chance(0.5))
    headers.origin = r.pick([
      'https://evil.example',
      'null',
      `http://127.0.0.1:${wb.port + 1}`,
      '',
      `http://localhost:${wb.port}`,
      'http://localhost',
    ]);
  if (r.chance(0.2)) delete headers.origin;
  if (r.chance(0.4))
    headers['x-churnguard-token'] = r.pick([
      '',
      'x',
      wb.token.slice(1),
      `${wb.token} `,
      wb.token.toUpperCase(),
    ]);
  if (r.chance(0.1)) delete headers['x-churnguard-token'];
  if (r.chance(0.4))
    headers['content-type'] = r.pick([
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-8',
      'application/jsonp',
      '',
    ]);
  const method = r.pick(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'HEAD', 'POST']);
  const path = r.chance(0.6) ? r.pick(ROUTES) : r.pick(GARBAGE_PATHS);
  const allowedHosts = [`localhost:${wb.port}`, `127.0.0.1:${wb.port}`, `LOCALHOST:${wb.port}`];
  return {
    method,
    path,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : base.body,
    hostAllowed: allowedHosts.includes(host),
  };
}

export type HostileRequest =
  { kind: 'http'; request: RawRequest; hostAllowed: boolean } | { kind: 'bytes'; bytes: Buffer };

/** Bytes that are not a well-formed HTTP request: Node's parser must answer them, not the app. */
function notHttp(r: Random, wb: WorkbenchAddress): Buffer {
  const choices = [
    () => 'GARBAGE\r\n\r\n',
    () => `GET /api/inbox HTTP/9.9\r\nHost: localhost:${wb.port}\r\n\r\n`,
    () => `GET / HTTP/1.1\r\nHost: localhost:${wb.port}\r\nContent-Length: -1\r\n\r\n`,
    () =>
      `POST /api/action HTTP/1.1\r\nHost: localhost:${wb.port}\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nxx\r\n0\r\n\r\n`,
    () => `GET / HTTP/1.1\r\nHost: localhost:${wb.port}\r\nX: ${'a'.repeat(20000)}\r\n\r\n`,
    () => `GET /\u0000 HTTP/1.1\r\nHost: localhost:${wb.port}\r\n\r\n`,
    () => `GET / HTTP/1.1\r\nHost: localhost:${wb.port}\r\nHost: evil.example\r\n\r\n`,
    () => `GET http://evil.example/api/inbox HTTP/1.1\r\nHost: localhost:${wb.port}\r\n\r\n`,
    () => `GET * HTTP/1.1\r\nHost: localhost:${wb.port}\r\n\r\n`,
    () => `POST /api/action HTTP/1.1\r\nHost: localhost:${wb.port}\r\nContent-Length: 100\r\n\r\n{"kind"`,
    () => randomUnicode(r, 200),
  ];
  return Buffer.from(r.pick(choices)(), 'utf8');
}

export function hostileRequest(r: Random, wb: WorkbenchAddress, emails: readonly string[]): HostileRequest {
  const roll = r.next();
  if (roll < 0.45) return { kind: 'http', request: fromThePage(r, wb, emails), hostAllowed: true };
  if (roll < 0.85) {
    const { hostAllowed, ...request } = forged(r, wb, emails);
    return { kind: 'http', request, hostAllowed };
  }
  return { kind: 'bytes', bytes: notHttp(r, wb) };
}

/** Sends raw bytes and collects whatever comes back until the server closes or 1 s passes. */
export function sendBytes(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes));
    const done = () => resolve(Buffer.concat(chunks).toString('utf8'));
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', done);
    socket.on('error', () => undefined);
  });
}
