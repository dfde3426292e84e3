/**
 * The manifest of a deployment that turns on the BigQuery customer store and/or the email-service
 * sender (`npm run build -- --with bigquery,email-service`, and the same flag of `npm run deploy`).
 *
 * Apps Script manifests are static: every scope in appsscript.json is asked of every user at install,
 * whether they use the feature or not, and an advanced service's global exists only when the manifest
 * enables it. So appsscript.json stays without them, and a team that opts in deploys a second version
 * built with these additions. Each opt-in adds exactly what its feature needs:
 *
 * - bigquery: `https://www.googleapis.com/auth/bigquery` and the BigQuery advanced service (v2, global
 *   `BigQuery`; developers.google.com/apps-script/advanced/bigquery). Narrower scopes do not serve:
 *   `bigquery.readonly` is no longer among the BigQuery v2 API's scopes (Google's API client lists
 *   bigquery, bigquery.insertdata, cloud-platform, cloud-platform.read-only), `bigquery.insertdata`
 *   only streams rows in, and a read-only scope cannot create the query job Jobs.query runs, nor write
 *   ChurnGuard's append-only change tables.
 * - email-service: `https://www.googleapis.com/auth/script.external_request` (UrlFetchApp) and the
 *   `urlFetchWhitelist` every versioned deployment that fetches needs, limited to SendGrid's Mail Send
 *   endpoint (developers.google.com/apps-script/manifest/allowlist-url).
 */
import type { Manifest } from './manifest-schema';
import { parseManifest } from './manifest-schema';

export const BIGQUERY_SCOPE = 'https://www.googleapis.com/auth/bigquery';
export const EXTERNAL_REQUEST_SCOPE = 'https://www.googleapis.com/auth/script.external_request';
export const SENDGRID_MAIL_SEND = 'https://api.sendgrid.com/v3/mail/send';
export const BIGQUERY_SERVICE = { userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' } as const;

export const OPT_INS = ['bigquery', 'email-service'] as const;
export type OptIn = (typeof OPT_INS)[number];

/** `--with bigquery,email-service` → the opt-ins, or an error naming the unknown one. */
export function parseOptIns(text: string | undefined): OptIn[] {
  if (text === undefined || text.trim() === '') return [];
  const names = text.split(',').map((s) => s.trim());
  for (const name of names)
    if (!(OPT_INS as readonly string[]).includes(name))
      throw new Error(`--with: unknown opt-in "${name}" (choose from ${OPT_INS.join(', ')})`);
  return OPT_INS.filter((o) => names.includes(o));
}

/** The manifest with the opt-ins' scopes, allowlist and advanced service added, validated. */
export function withOptIns(manifest: Manifest, optIns: readonly OptIn[]): Manifest {
  const m = structuredClone(manifest);
  const addScope = (scope: string) => {
    if (!m.oauthScopes.includes(scope)) m.oauthScopes.push(scope);
  };
  if (optIns.includes('bigquery')) {
    addScope(BIGQUERY_SCOPE);
    const services = m.dependencies?.enabledAdvancedServices ?? [];
    if (!services.some((s) => s.userSymbol === BIGQUERY_SERVICE.userSymbol))
      services.push({ ...BIGQUERY_SERVICE });
    m.dependencies = { ...m.dependencies, enabledAdvancedServices: services };
  }
  if (optIns.includes('email-service')) {
    addScope(EXTERNAL_REQUEST_SCOPE);
    m.urlFetchWhitelist = [...new Set([...(m.urlFetchWhitelist ?? []), SENDGRID_MAIL_SEND])];
  }
  return parseManifest(m, `appsscript.json --with ${optIns.join(',')}`);
}
