/**
 * UrlFetchApp doing real HTTP, synchronously (./sync-http.ts), to local servers the world routes
 * public URLs to: the product calls https://api.sendgrid.com/... exactly as in production, and the
 * world sends it to the email-service stand-in on 127.0.0.1.
 *
 * Limits enforced, from Apps Script's quotas page
 * (https://developers.google.com/apps-script/guides/services/quotas, "Current limitations"):
 * URL Fetch calls 20,000 a day on consumer accounts and 100,000 on Workspace; URL length 2 KB;
 * 100 headers a call; 8 KB a header; POST size 50 MB; response size 50 MB.
 * Behaviour from the UrlFetchApp reference
 * (https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app#fetch(String,Object)):
 * `muteHttpExceptions` false (the default) throws on a failure code, true returns the response.
 * The per-call deadline is not on the quotas page; the stand-in models the commonly reported 60 s on
 * the fake clock, while the real wait is `network.deadlineMs` (short in tests).
 */
import type { HttpResponseLike, UrlFetchAppLike, UrlFetchOptionsLike } from '../../gas/services';
import { AppsScriptError } from './errors';
import { DailyQuota } from './quota';
import { sharedSyncHttp, type SyncHttpClient } from './sync-http';
import type { AccountKind, ServiceEnv } from './world';
import type { FakeClock } from './clock';

export const URL_FETCH_PER_DAY = { workspace: 100_000, consumer: 20_000 } as const;
export const MAX_URL_BYTES = 2 * 1024;
export const MAX_HEADERS = 100;
export const MAX_HEADER_BYTES = 8 * 1024;
export const MAX_PAYLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_RESPONSE_BYTES = 50 * 1024 * 1024;
/** What a fetch whose answer never comes costs on the fake clock (reported, not documented). */
export const MODELLED_DEADLINE_MS = 60_000;

export const URL_FETCH_ERRORS = {
  /** seen (same family as the email quota message) */
  quota: 'Service invoked too many times for one day: urlfetch.',
  /** seen */
  urlLength: 'Limit Exceeded: URLFetch URL Length.',
  /** unverified: the quotas page states the limits, not the wording */
  headers: 'Limit Exceeded: URLFetch Headers.',
  postSize: 'Limit Exceeded: URLFetch POST Size.',
  responseSize: 'Limit Exceeded: URLFetch Response Size.',
  /** seen: a host that cannot be reached */
  unavailable: (url: string) => `Address unavailable: ${url}`,
  /** seen: no answer before the deadline */
  timeout: (url: string) => `Timeout: ${url}`,
  /** unverified: the connection cut mid-answer */
  unexpected: (url: string) => `Unexpected error: ${url}`,
  /** seen: a failure code with muteHttpExceptions false */
  failed: (url: string, code: number, body: string) =>
    `Request failed for ${url} returned code ${code}. Truncated server response: ${body.slice(0, 200)} (use muteHttpExceptions option to examine full response)`,
} as const;

/** Where public URLs go in the stand-in world, the real wait, and each user's daily fetch quota. */
export class NetworkState {
  private readonly routes = new Map<string, string>();
  private readonly quotas = new Map<string, DailyQuota>();
  /** Real milliseconds a fetch waits for its answer before it times out. */
  deadlineMs = 10_000;
  /** Every fetch the product made, in order (URL and status or failure), for tests and the bench. */
  readonly log: { url: string; outcome: string }[] = [];

  constructor(
    private readonly clock: FakeClock,
    private readonly http: () => SyncHttpClient = sharedSyncHttp,
  ) {}

  /** Requests to `publicOrigin` (e.g. https://api.sendgrid.com) go to `localOrigin` (http://127.0.0.1:PORT). */
  route(publicOrigin: string, localOrigin: string): void {
    this.routes.set(publicOrigin.replace(/\/$/, ''), localOrigin.replace(/\/$/, ''));
  }

  resolve(url: string): string | null {
    for (const [from, to] of this.routes)
      if (url === from || url.startsWith(`${from}/`)) return to + url.slice(from.length);
    return null;
  }

  quota(user: string, kind: AccountKind): DailyQuota {
    let q = this.quotas.get(user);
    if (!q) {
      q = new DailyQuota(this.clock, URL_FETCH_PER_DAY[kind]);
      this.quotas.set(user, q);
    }
    return q;
  }

  client(): SyncHttpClient {
    return this.http();
  }
}

class HttpResponseStandin implements HttpResponseLike {
  constructor(
    private readonly code: number,
    private readonly headers: Record<string, string | string[]>,
    private readonly text: string,
  ) {}
  getResponseCode(): number {
    return this.code;
  }
  getContentText(): string {
    return this.text;
  }
  getAllHeaders(): object {
    return { ...this.headers };
  }
}

export class UrlFetchAppStandin implements UrlFetchAppLike {
  constructor(private readonly env: ServiceEnv) {}

  fetch(url: string, params: UrlFetchOptionsLike = {}): HttpResponseLike {
    this.env.call('UrlFetchApp.fetch');
    const network = this.env.world.network;
    const account = this.env.world.account(this.env.execution.user);
    const quota = network.quota(account.email, account.kind);
    if (quota.remaining() <= 0) throw new AppsScriptError(URL_FETCH_ERRORS.quota);
    if (Buffer.byteLength(url, 'utf8') > MAX_URL_BYTES) throw new AppsScriptError(URL_FETCH_ERRORS.urlLength);
    const headers: Record<string, string> = { ...(params.headers ?? {}) };
    if (params.contentType) headers['Content-Type'] = params.contentType;
    const entries = Object.entries(headers);
    if (
      entries.length > MAX_HEADERS ||
      entries.some(([k, v]) => Buffer.byteLength(`${k}: ${v}`, 'utf8') > MAX_HEADER_BYTES)
    )
      throw new AppsScriptError(URL_FETCH_ERRORS.headers);
    const body = params.payload;
    if (body !== undefined && Buffer.byteLength(body, 'utf8') > MAX_PAYLOAD_BYTES)
      throw new AppsScriptError(URL_FETCH_ERRORS.postSize);
    quota.spend(1);
    const perKb = this.env.world.latency.perKbSent ?? 0;
    if (body !== undefined && perKb > 0)
      this.env.world.clock.advance((Buffer.byteLength(body, 'utf8') / 1024) * perKb);
    const target = network.resolve(url);
    if (!target) {
      network.log.push({ url, outcome: 'unavailable' });
      throw new AppsScriptError(URL_FETCH_ERRORS.unavailable(url));
    }
    const result = network.client().request({
      url: target,
      method: (params.method ?? 'get').toUpperCase(),
      headers,
      ...(body !== undefined ? { body } : {}),
      deadlineMs: network.deadlineMs,
    });
    if (result.kind === 'timeout') {
      network.log.push({ url, outcome: 'timeout' });
      this.env.world.clock.advance(MODELLED_DEADLINE_MS);
      throw new AppsScriptError(URL_FETCH_ERRORS.timeout(url));
    }
    if (result.kind === 'error') {
      network.log.push({ url, outcome: `error ${result.message}` });
      throw new AppsScriptError(
        /ECONNREFUSED|ENOTFOUND/.test(result.message)
          ? URL_FETCH_ERRORS.unavailable(url)
          : URL_FETCH_ERRORS.unexpected(url),
      );
    }
    network.log.push({ url, outcome: String(result.status) });
    if (Buffer.byteLength(result.body, 'utf8') > MAX_RESPONSE_BYTES)
      throw new AppsScriptError(URL_FETCH_ERRORS.responseSize);
    if (result.status >= 400 && !params.muteHttpExceptions)
      throw new AppsScriptError(URL_FETCH_ERRORS.failed(url, result.status, result.body));
    return new HttpResponseStandin(result.status, result.headers, result.body);
  }
}
