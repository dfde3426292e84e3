/**
 * The mailer the user chose in Settings → Sender: MailApp (the default) or the email service. Chosen
 * at the first send or quota read of an execution, so opening a card never reads the sender
 * settings. The email service without a key or UrlFetchApp stops the campaign with the reason.
 */
import { SenderStopped } from '../core/campaigns/runner';
import { mailerChosenAtFirstUse } from './chosen-at-first-use';
import type { Mailer } from '../ports/mailer';
import type { KeyValueStore } from '../ports/key-value-store';
import { savedSenderKey, senderSettings, sentTodayCounter } from '../app/sender-store';
import { emailServiceMailer } from './email-service-mailer';
import type { UrlFetchAppLike } from './services';
import { DEFAULT_BATCH_SIZE } from '../core/settings/sender';

export function chosenMailer(
  store: KeyValueStore,
  mailApp: () => Mailer,
  urlFetch: () => UrlFetchAppLike | undefined,
  sleep: (ms: number) => void,
  now: () => Date,
): Mailer {
  return mailerChosenAtFirstUse((): Mailer => {
    const settings = senderSettings(store);
    if (settings.kind !== 'email-service') return mailApp();
    const apiKey = savedSenderKey(store);
    const fetcher = urlFetch();
    const problem = !apiKey
      ? 'No email service API key is saved.'
      : !settings.fromEmail
        ? 'No From address is set for the email service.'
        : !fetcher
          ? 'UrlFetchApp is not available in this deployment.'
          : null;
    if (problem || !apiKey || !settings.fromEmail || !fetcher) {
      const reason = `${problem ?? 'The email service is not set up.'} Set it in Settings → Sender.`;
      // Nothing can be sent: every send stops the campaign with the reason, the quota reads as open.
      return {
        send: () => {
          throw new SenderStopped(reason);
        },
        remainingQuota: () => settings.dailyLimit,
      };
    }
    return emailServiceMailer(
      fetcher,
      {
        apiKey,
        fromEmail: settings.fromEmail,
        dailyLimit: settings.dailyLimit,
        batchSize: settings.batchSize ?? DEFAULT_BATCH_SIZE,
      },
      sentTodayCounter(store, now),
      sleep,
      () => now().getTime(),
    );
  });
}
