/**
 * The email service's API key and today's send count, each in its own user property. The key is
 * kept out of the settings JSON on purpose: settings are shown, compared and logged in places; the
 * key is read only by the mailer, and Settings shows it masked.
 */
import { maskKey } from '../core/email/sendgrid';
import { loadSettings } from './settings-store';
import { DEFAULT_SENDER, type SenderSettings } from '../core/settings/sender';
import type { KeyValueStore } from '../ports/key-value-store';

export const SENDER_KEY_PROPERTY = 'churnguard.sender.apiKey';
export const SENT_TODAY_PROPERTY = 'churnguard.sender.sentToday';

export function senderSettings(store: KeyValueStore): SenderSettings {
  return loadSettings(store).settings.sender ?? DEFAULT_SENDER;
}

export function savedSenderKey(store: KeyValueStore): string | null {
  return store.get(SENDER_KEY_PROPERTY);
}

export function saveSenderKey(store: KeyValueStore, key: string): void {
  store.set(SENDER_KEY_PROPERTY, key);
}

/** "••••abcd", or null when no key is saved: all Settings ever shows of it. */
export function maskedSenderKey(store: KeyValueStore): string | null {
  const key = savedSenderKey(store);
  return key ? maskKey(key) : null;
}

const utcDay = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Emails the email service accepted today (UTC day) from this user, against the plan's daily limit.
 * Written after every accepted send, so a run that dies loses at most the count of one email; the
 * provider's own limit (a 429) is the backstop when teammates share one plan.
 */
export function sentTodayCounter(store: KeyValueStore, now: () => Date) {
  const read = (): number => {
    const [day, n] = (store.get(SENT_TODAY_PROPERTY) ?? '').split(':');
    return day === utcDay(now()) && n !== undefined && /^\d+$/.test(n) ? Number(n) : 0;
  };
  let known: number | null = null;
  return {
    get: () => (known ??= read()),
    add(n: number) {
      known = (known ?? read()) + n;
      store.set(SENT_TODAY_PROPERTY, `${utcDay(now())}:${known}`);
    },
  };
}
