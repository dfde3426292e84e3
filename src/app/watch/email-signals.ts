/**
 * Churn-intent emails the sidebar saw for known customers, queued in a user property until the next
 * daily scan turns them into alerts. A property holds 9 KB, so the queue keeps the newest signals
 * that fit in 8 KB of JSON (phrases in Cyrillic take twice the bytes of Latin ones), each once per
 * message. A busy week between scans drops the oldest, never fails the sidebar.
 */
import * as z from '../../core/zod';
import type { EmailSignal } from '../../core/watch/events';
import type { KeyValueStore } from '../../ports/key-value-store';
import { newestWithin, PROPERTY_LIST_BUDGET_BYTES } from '../../core/text/byte-budget';

export const EMAIL_SIGNALS_KEY = 'churnguard.emailSignals';
const MAX_PHRASE = 80;

const SignalsSchema = z.array(
  z.object({
    email: z.string(),
    messageId: z.string(),
    day: z.string(),
    label: z.string(),
    phrase: z.string(),
  }),
);

export function readEmailSignals(store: KeyValueStore): EmailSignal[] {
  try {
    const parsed = SignalsSchema.safeParse(JSON.parse(store.get(EMAIL_SIGNALS_KEY) ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function recordEmailSignal(store: KeyValueStore, signal: EmailSignal): void {
  const current = readEmailSignals(store);
  if (current.some((s) => s.messageId === signal.messageId && s.email === signal.email)) return;
  const next = newestWithin(
    [...current, { ...signal, phrase: signal.phrase.slice(0, MAX_PHRASE) }],
    PROPERTY_LIST_BUDGET_BYTES,
  );
  store.set(EMAIL_SIGNALS_KEY, JSON.stringify(next));
}

/** The queued signals, removed from the queue (the scan has turned them into alerts). */
export function takeEmailSignals(store: KeyValueStore): EmailSignal[] {
  const signals = readEmailSignals(store);
  if (signals.length) store.delete(EMAIL_SIGNALS_KEY);
  return signals;
}
