/**
 * Sends a campaign's pending recipients, exactly once each, inside a time budget and the daily quota.
 *
 * The protocol, per batch:
 *   1. mark the batch "sending" (one write) — nothing is sent before this mark is in the sheet;
 *   2. send each email;
 *   3. write every outcome (one write): "sent", "failed" with the reason, or back to "pending" for
 *      emails not attempted (time or quota ran out).
 * A run that dies between 1 and 3 leaves "sending" marks. The next run cannot know whether those
 * emails went, so it marks them "review" for a person to decide, and never re-sends them blindly.
 * The batch size bounds how many recipients a crash can put in review.
 *
 * The caller holds a lock around a run, so two runs never interleave; rows are always found by
 * (campaign, email) key, so sorting the tab between or during runs moves nothing.
 */
import type { LoggedRecipient, RecipientStatus } from './log';

export interface OutgoingEmail {
  to: string;
  subject: string;
  htmlBody: string;
  textBody: string;
  /** The From display name. */
  name?: string;
}

export interface StatusChange {
  email: string;
  status: RecipientStatus;
  detail: string;
  at: Date;
}

/** The Campaigns tab as the runner needs it; rows are located by key at each call. */
export interface CampaignLogStore {
  recipients(campaignId: string): LoggedRecipient[];
  update(campaignId: string, changes: readonly StatusChange[]): void;
}

/** Thrown by `send` when the daily recipient quota is used up: the email was not sent. */
export class QuotaExhausted extends Error {
  constructor(message = 'The daily email quota is used up.') {
    super(message);
    this.name = 'QuotaExhausted';
  }
}

export type Composed = { ok: true; email: OutgoingEmail } | { ok: false; reason: string };

export interface RunDeps {
  log: CampaignLogStore;
  /** Sends one email; throws QuotaExhausted at the quota, any other error for a failed send. */
  send(email: OutgoingEmail): void;
  /** Recipients MailApp may still email today. */
  remainingQuota(): number;
  now(): Date;
  /** Milliseconds since the execution started (the budget counts the whole execution). */
  elapsedMs(): number;
  /** The merged email for a recipient, from the customer's row as it is now. */
  compose(recipient: LoggedRecipient): Composed;
}

export interface RunOptions {
  /** Stop starting sends after this many ms of the execution (e.g. 20 s of a card's 30, 4.5 min of 6). */
  budgetMs: number;
  /** Recipients marked "sending" at once: the most a crash can leave for review. */
  batchSize: number;
}

export type StopReason = 'done' | 'time' | 'quota';

export interface RunResult {
  sent: number;
  failed: number;
  /** Recipients whose outcome a previous run left unknown, marked for review in this run. */
  markedForReview: number;
  /** Pending after this run. */
  pending: number;
  stopped: StopReason;
}

export const REVIEW_NOTE =
  'A run stopped between sending and logging: this email may or may not have gone. Check your Sent folder, then mark it sent or send it again.';

export function runCampaign(campaignId: string, deps: RunDeps, options: RunOptions): RunResult {
  const result: RunResult = { sent: 0, failed: 0, markedForReview: 0, pending: 0, stopped: 'done' };
  let recipients = deps.log.recipients(campaignId);

  const unknown = recipients.filter((r) => r.status === 'sending');
  if (unknown.length > 0) {
    const at = deps.now();
    deps.log.update(
      campaignId,
      unknown.map((r) => ({ email: r.email, status: 'review' as const, detail: REVIEW_NOTE, at })),
    );
    result.markedForReview = unknown.length;
    recipients = recipients.map((r) => (r.status === 'sending' ? { ...r, status: 'review' as const } : r));
  }

  const queue = recipients.filter((r) => r.status === 'pending' && r.group === 'emailed');
  let next = 0;
  /** Recipients of a started batch put back to pending (time or quota ran out mid-batch). */
  let reverted = 0;
  let msPerSend = 0;
  let sends = 0;
  const timeLeft = () => options.budgetMs - deps.elapsedMs();

  while (next < queue.length) {
    const quota = deps.remainingQuota();
    if (quota <= 0) {
      result.stopped = 'quota';
      break;
    }
    // Do not start a batch the budget cannot finish: a started batch is finished and logged.
    const size = Math.min(options.batchSize, quota, queue.length - next);
    if (timeLeft() <= 0 || (sends > 0 && timeLeft() < msPerSend * size)) {
      result.stopped = 'time';
      break;
    }
    const batch = queue.slice(next, next + size);
    next += size;
    deps.log.update(
      campaignId,
      batch.map((r) => ({ email: r.email, status: 'sending' as const, detail: '', at: deps.now() })),
    );
    const outcomes: StatusChange[] = [];
    let stop: StopReason | null = null;
    for (const r of batch) {
      if (stop || timeLeft() <= 0) {
        stop ??= 'time';
        outcomes.push({ email: r.email, status: 'pending', detail: '', at: deps.now() });
        reverted++;
        continue;
      }
      const composed = deps.compose(r);
      if (!composed.ok) {
        outcomes.push({ email: r.email, status: 'failed', detail: composed.reason, at: deps.now() });
        result.failed++;
        continue;
      }
      const started = deps.elapsedMs();
      try {
        deps.send(composed.email);
        outcomes.push({ email: r.email, status: 'sent', detail: '', at: deps.now() });
        result.sent++;
      } catch (error) {
        if (error instanceof QuotaExhausted) {
          stop = 'quota';
          outcomes.push({ email: r.email, status: 'pending', detail: '', at: deps.now() });
          reverted++;
          continue;
        }
        const message = error instanceof Error ? error.message : String(error);
        outcomes.push({ email: r.email, status: 'failed', detail: message, at: deps.now() });
        result.failed++;
      }
      sends++;
      msPerSend += (deps.elapsedMs() - started - msPerSend) / sends;
    }
    deps.log.update(campaignId, outcomes);
    if (stop) {
      result.stopped = stop;
      break;
    }
  }
  result.pending = queue.length - next + reverted;
  if (result.pending === 0) result.stopped = 'done';
  return result;
}
