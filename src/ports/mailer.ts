/**
 * Sending campaign emails as the user (MailApp: no Gmail scope needed). `send` throws the core's
 * QuotaExhausted when the day's recipient quota is used up, any other error for a failed send.
 */
import type { OutgoingEmail } from '../core/campaigns/runner';

export interface Mailer {
  send(email: OutgoingEmail): void;
  /** Recipients the user may still email today (MailApp.getRemainingDailyQuota). */
  remainingQuota(): number;
}
