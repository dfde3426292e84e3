/** A campaign's progress as the card shows it: counts by status and when it should finish. */
import type { LoggedRecipient, RecipientStatus } from './log';
import { RECIPIENT_STATUSES } from './log';

export type StatusCounts = Record<RecipientStatus, number>;

export function countStatuses(recipients: readonly Pick<LoggedRecipient, 'status'>[]): StatusCounts {
  const counts = Object.fromEntries(RECIPIENT_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const r of recipients) counts[r.status]++;
  return counts;
}

export interface FinishInput {
  pending: number;
  now: Date;
  /** Recipients MailApp may still email today, and per day (1,500 Workspace, 100 consumer). */
  quotaLeftToday: number;
  dailyQuota: number;
  /** Emails one triggered run sends (measured, or estimated from the latency of a send). */
  perRun: number;
  /** Minutes between triggered runs: add-on time triggers run at most hourly. */
  runEveryMinutes: number;
}

export interface FinishEstimate {
  at: Date;
  runs: number;
  /** Days the daily quota stretches the campaign over (0 = finishes today). */
  quotaDays: number;
}

/**
 * When the pending recipients will have been sent: runs are hourly and send `perRun` each, and the
 * quota caps each day; the quota is assumed to refill 24 hours after today's first send.
 */
export function estimateFinish(input: FinishInput): FinishEstimate | null {
  if (input.pending <= 0) return { at: input.now, runs: 0, quotaDays: 0 };
  if (input.perRun <= 0 || input.dailyQuota <= 0) return null;
  let left = input.pending;
  let day = 0;
  let runs = 0;
  let minutes = 0;
  let quota = input.quotaLeftToday;
  while (left > 0) {
    if (quota <= 0) {
      day++;
      quota = input.dailyQuota;
      minutes = day * 24 * 60;
      continue;
    }
    const sent = Math.min(left, quota, input.perRun);
    left -= sent;
    quota -= sent;
    runs++;
    if (left > 0) minutes += input.runEveryMinutes;
    if (day > 3650) return null;
  }
  return { at: new Date(input.now.getTime() + minutes * 60_000), runs, quotaDays: day };
}
