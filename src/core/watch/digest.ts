/**
 * The daily digest: one email per account manager listing only their customers' new alerts, and
 * nothing at all for a manager with none. Customer data is escaped in the HTML part.
 */
import { count, formatNumber } from '../text/format';
import type { Alert } from './alerts';

export interface Digest {
  owner: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  alerts: Alert[];
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

const ORDER: Record<string, number> = {
  churnEmail: 0,
  bandUp: 1,
  scoreJump: 2,
  paymentOverdue: 3,
  npsDetractor: 4,
  renewalSoon: 5,
  inactive: 6,
};

/**
 * Alerts listed in one email: the most urgent first; the rest are counted and wait in the Alerts tab.
 * A first scan of a large sheet can raise thousands, and MailApp refuses bodies past a few hundred KB.
 */
export const DIGEST_LINES = 100;

/** Digests for the alerts raised today, grouped by owner; alerts without an owner go to `fallbackOwner`. */
export function buildDigests(alerts: readonly Alert[], fallbackOwner: string, day: string): Digest[] {
  const byOwner = new Map<string, Alert[]>();
  for (const a of alerts) {
    const owner = (a.owner || fallbackOwner).toLowerCase();
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), a]);
  }
  return [...byOwner.entries()]
    .filter(([, list]) => list.length > 0)
    .map(([owner, list]) => {
      const sorted = [...list].sort(
        (a, b) => (ORDER[a.kind] ?? 9) - (ORDER[b.kind] ?? 9) || a.customer.localeCompare(b.customer),
      );
      const shown = sorted.slice(0, DIGEST_LINES);
      const more = sorted.length - shown.length;
      const moreText = more > 0 ? `…and ${formatNumber(more)} more in the Alerts tab.` : '';
      const lines = shown.map((a) => `- ${a.customer || a.email}: ${a.reason} Suggested: ${a.move}.`);
      if (moreText) lines.push(moreText);
      const items = shown
        .map(
          (a) =>
            `<li><b>${escapeHtml(a.customer || a.email)}</b>: ${escapeHtml(a.reason)} <i>Suggested: ${escapeHtml(a.move)}.</i></li>`,
        )
        .join('');
      const tail = moreText ? `<p>${moreText}</p>` : '';
      const alerts = count(sorted.length, 'customer alert');
      const need = sorted.length === 1 ? 'needs' : 'need';
      return {
        owner,
        subject: `ChurnGuard: ${alerts} for ${day}`,
        textBody: `${alerts} ${need} your attention today:\n\n${lines.join('\n')}\n\nOpen ChurnGuard in Gmail to acknowledge, snooze or close them.`,
        htmlBody: `<p>${alerts} ${need} your attention today:</p><ul>${items}</ul>${tail}<p>Open ChurnGuard in Gmail to acknowledge, snooze or close them.</p>`,
        alerts: sorted,
      };
    });
}
