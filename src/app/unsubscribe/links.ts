/** The unsubscribe link of one recipient of one campaign, signed with the sheet's secret. */
import type { UnsubscribeLanguage } from '../../core/unsubscribe/language';
import { makeToken } from '../../core/unsubscribe/token';
import type { Locks } from '../../ports/locks';
import type { UnsubscribeServices } from '../../ports/unsubscribe';
import { signingSecret } from './secrets';

export type LinkFor = (campaignId: string, email: string, lang: UnsubscribeLanguage) => string;

export class NoWebAppError extends Error {
  constructor() {
    super(
      'ChurnGuard has no web app deployment, so campaign emails cannot carry an unsubscribe link. Deploy it as a web app too (README, "Unsubscribe links"), then send again.',
    );
    this.name = 'NoWebAppError';
  }
}

/**
 * A link maker for one sheet: the web app URL and the secret are read once, on the first link.
 * Throws NoWebAppError when the project has no web app: a campaign email without a working opt-out
 * is not sent.
 */
export function unsubscribeLinks(services: UnsubscribeServices, locks: Locks, sheetId: string): LinkFor {
  let base: { url: string; secret: string } | null = null;
  return (campaignId, email, lang) => {
    if (!base) {
      const url = services.webAppUrl();
      if (!url) throw new NoWebAppError();
      base = { url, secret: signingSecret(services, locks, sheetId) };
    }
    const token = makeToken({ sheetId, campaignId, email, lang }, base.secret, services.hmacSha256);
    return `${base.url}${base.url.includes('?') ? '&' : '?'}token=${token}`;
  };
}
