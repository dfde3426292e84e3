/**
 * Stands in for ../sender-choice.ts in a deployment built without the email-service opt-in (the
 * default: `npm run build`). That deployment's manifest has no script.external_request scope, so the
 * email service could never be called; leaving its client out keeps it off the file Apps Script
 * parses on every card click (scripts/lib/bundle.ts, `leaveOutOptIns`). MailApp works as in the real
 * module; a campaign set to the email service stops with the reason, sending nothing.
 */
import { SenderStopped } from '../../core/campaigns/runner';
import { senderSettings } from '../../app/sender-store';
import { mailerChosenAtFirstUse } from '../chosen-at-first-use';
import type { Mailer } from '../../ports/mailer';
import type { KeyValueStore } from '../../ports/key-value-store';
import type { UrlFetchAppLike } from '../services';

export function chosenMailer(
  store: KeyValueStore,
  mailApp: () => Mailer,
  _urlFetch: () => UrlFetchAppLike | undefined,
  _sleep: (ms: number) => void,
  _now: () => Date,
): Mailer {
  return mailerChosenAtFirstUse((): Mailer => {
    const settings = senderSettings(store);
    if (settings.kind !== 'email-service') return mailApp();
    const reason =
      'This version of ChurnGuard was deployed without the email-service opt-in. Deploy it with npm run deploy -- --with email-service, or choose MailApp in Settings → Sender.';
    return {
      send: () => {
        throw new SenderStopped(reason);
      },
      remainingQuota: () => settings.dailyLimit,
    };
  });
}
