/**
 * Who may talk to the workbench. It listens on loopback, but every web page the user opens can still
 * send requests to 127.0.0.1, so loopback alone protects nothing:
 * - DNS rebinding: a hostile name that resolves to 127.0.0.1 makes the browser treat the workbench as
 *   that site's own origin, able to read the answers. Only the Host names loopback has are accepted.
 * - Cross-site requests: a page may POST a form or a `text/plain` fetch without asking first. A
 *   request that changes anything must come from the workbench's own origin, carry the secret token
 *   the page was served with (new on every start), and be JSON, which a browser will not send
 *   cross-site without a CORS preflight the workbench never grants.
 */
import * as crypto from 'node:crypto';
import { HttpError } from './http-error';

export const TOKEN_HEADER = 'x-churnguard-token';

/** A secret only the workbench's own page learns: 32 random bytes, fresh each time the server starts. */
export function newSessionToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** The origins the workbench is served from, for the port it listens on. */
export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/** Host must name loopback and the port we listen on; any other name may be a rebinding attack. */
export function checkHost(host: string | undefined, port: number): void {
  const allowed = ownOrigins(port).map((o) => o.slice('http://'.length));
  if (!host || !allowed.includes(host.toLowerCase()))
    throw new HttpError(403, 'Host not allowed: open the workbench at http://localhost:PORT');
}

type GuardedHeaders = { origin?: string; 'content-type'?: string; [TOKEN_HEADER]?: string | string[] };

/** Every API call carries the token, which only a page served by this start of the workbench has. */
export function checkToken(headers: GuardedHeaders, token: string): void {
  const sent = headers[TOKEN_HEADER];
  if (typeof sent !== 'string' || !sameSecret(sent, token))
    throw new HttpError(403, 'Missing or wrong workbench token: reload the page');
}

/** A state-changing request: from our own origin, with the page's token, with a JSON body. */
export function checkStateChange(headers: GuardedHeaders, port: number, token: string): void {
  if (!headers.origin || !ownOrigins(port).includes(headers.origin.toLowerCase()))
    throw new HttpError(403, 'Cross-origin request refused');
  checkToken(headers, token);
  if (!isJsonContentType(headers['content-type']))
    throw new HttpError(415, 'Send JSON with Content-Type: application/json');
}

export function isJsonContentType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** Compares in constant time, so response timing does not reveal how much of a guess was right. */
function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
