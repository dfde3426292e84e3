/**
 * The opt-in manifest (`npm run build -- --with …`, `npm run deploy -- --with …`): the default
 * deployment asks for none of the opt-in scopes, and each opt-in adds exactly what its feature needs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { manifestFor } from '../../scripts/build';
import {
  BIGQUERY_SCOPE,
  EXTERNAL_REQUEST_SCOPE,
  parseOptIns,
  SENDGRID_MAIL_SEND,
} from '../../scripts/lib/manifest-opt-ins';
import { parseManifest } from '../../scripts/lib/manifest-schema';

const ROOT = path.resolve(__dirname, '../..');
const source = fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8');
const base = parseManifest(JSON.parse(source));

/** What an opt-in manifest has that the default one has not, key by key. */
function added(text: string) {
  const m = parseManifest(JSON.parse(text));
  return {
    scopes: m.oauthScopes.filter((s) => !base.oauthScopes.includes(s)),
    lost: base.oauthScopes.filter((s) => !m.oauthScopes.includes(s)),
    services: m.dependencies?.enabledAdvancedServices ?? [],
    allowlist: m.urlFetchWhitelist ?? [],
    rest: withoutOptInKeys(m),
  };
}
function withoutOptInKeys(m: object): object {
  const { oauthScopes: _s, dependencies: _d, urlFetchWhitelist: _u, ...rest } = m as typeof base;
  return rest;
}
const restOfBase = withoutOptInKeys(base);

describe('the opt-in manifest', () => {
  it('the default build copies appsscript.json as written: no BigQuery, no fetching', () => {
    const { text } = manifestFor(source, []);
    expect(text).toBe(source);
    expect(base.oauthScopes).not.toContain(BIGQUERY_SCOPE);
    expect(base.oauthScopes).not.toContain(EXTERNAL_REQUEST_SCOPE);
    expect(base.dependencies).toBeUndefined();
    expect(base.urlFetchWhitelist).toBeUndefined();
  });

  it('--with bigquery adds the bigquery scope and the BigQuery v2 advanced service, nothing else', () => {
    expect(added(manifestFor(source, ['bigquery']).text)).toEqual({
      scopes: [BIGQUERY_SCOPE],
      lost: [],
      services: [{ userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' }],
      allowlist: [],
      rest: restOfBase,
    });
  });

  it('--with email-service adds script.external_request and an allowlist of SendGrid Mail Send, nothing else', () => {
    expect(added(manifestFor(source, ['email-service']).text)).toEqual({
      scopes: [EXTERNAL_REQUEST_SCOPE],
      lost: [],
      services: [],
      allowlist: [SENDGRID_MAIL_SEND],
      rest: restOfBase,
    });
  });

  it('--with both adds exactly both, in either order, once', () => {
    const both = added(manifestFor(source, parseOptIns('email-service, bigquery,bigquery')).text);
    expect(both.scopes.sort()).toEqual([BIGQUERY_SCOPE, EXTERNAL_REQUEST_SCOPE].sort());
    expect(both.services).toHaveLength(1);
    expect(both.allowlist).toEqual([SENDGRID_MAIL_SEND]);
    expect(both.lost).toEqual([]);
  });

  it('refuses an unknown opt-in, naming the choices', () => {
    expect(() => parseOptIns('bigquery,smtp')).toThrow(/unknown opt-in "smtp" \(choose from bigquery, email-service\)/);
    expect(parseOptIns(undefined)).toEqual([]);
  });

  it('the README justifies every opt-in scope in its OAuth scopes section', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.split(/^## /m).find((s) => s.startsWith('OAuth scopes')) ?? '';
    for (const scope of [BIGQUERY_SCOPE, EXTERNAL_REQUEST_SCOPE]) expect(section).toMatch(new RegExp(`\\| \`${scope}\``));
  });
});

describe('the manifest schema on opt-in fields', () => {
  const manifest = () => JSON.parse(manifestFor(source, ['bigquery', 'email-service']).text) as any;

  it.each([
    ['the BigQuery service without its scope', (m: any) => (m.oauthScopes = m.oauthScopes.filter((s: string) => s !== BIGQUERY_SCOPE)), /missing https:\/\/www.googleapis.com\/auth\/bigquery/],
    ['external_request without an allowlist', (m: any) => delete m.urlFetchWhitelist, /script.external_request needs a urlFetchWhitelist/],
    ['an allowlist without external_request', (m: any) => (m.oauthScopes = m.oauthScopes.filter((s: string) => s !== EXTERNAL_REQUEST_SCOPE)), /without the script.external_request scope/],
    ['an allowlist prefix without a path', (m: any) => (m.urlFetchWhitelist = ['https://api.sendgrid.com']), /needs a path/],
    ['an allowlist prefix over http', (m: any) => (m.urlFetchWhitelist = ['http://api.sendgrid.com/v3/']), /urlFetchWhitelist/],
    ['an advanced service without a version', (m: any) => (m.dependencies.enabledAdvancedServices[0].version = 'latest'), /API version/],
    ['an advanced service symbol that is no identifier', (m: any) => (m.dependencies.enabledAdvancedServices[0].userSymbol = 'Big Query'), /JavaScript identifier/],
    ['unknown dependency keys', (m: any) => (m.dependencies.libraries2 = []), /Unrecognized key/],
  ])('rejects %s', (_name, breakIt, why) => {
    const m = manifest();
    expect(() => parseManifest(m)).not.toThrow();
    breakIt(m);
    expect(() => parseManifest(m)).toThrow(why);
  });
});
