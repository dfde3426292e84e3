/**
 * Sending campaign emails as the user (MailApp: no Gmail scope needed). `send` throws the core's
 * QuotaExhausted when the day's recipient quota is used up, any other error for a failed send.
 */
import type { BatchOutcome, OutgoingEmail } from '../core/campaigns/runner';

export interface Mailer {
  send(email: OutgoingEmail): void;
  /** Recipients the user may still email today (MailApp.getRemainingDailyQuota). */
  remainingQuota(): number;
  /**
   * Optional, for senders that can send many emails in one request (an email service); MailApp has
   * none and sends one by one. One outcome per email, in order (see the core's BatchOutcome).
   */
  sendBatch?(emails: readonly OutgoingEmail[]): BatchOutcome[];
  /** Emails one sendBatch takes; null when this sender sends one by one. */
  batchSize?(): number | null;
}
