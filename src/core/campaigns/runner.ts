/**
 * Sends a campaign's pending recipients, exactly once each, inside a time budget and the daily quota.
 *
 * The protocol, per batch:
 *   1. mark the batch "sending" — nothing is sent before this mark is in the sheet;
 *   2. send each email;
 *   3. write every outcome: "sent", "failed" with the reason, or back to "pending" for emails not
 *      attempted (time or quota ran out). Step 3 of one batch and step 1 of the next are a single
 *      write, so a batch costs one status write (and the adapter's one check of the rows' keys).
 * A run that dies between 1 and 3 leaves "sending" marks. The next run cannot know whether those
 * emails went, so it marks them "review" for a person to decide, and never re-sends them blindly.
 * The batch size bounds how many recipients a crash can put in review.
 *
 * A sender that sends batches (an email service: `sendBatch`) sends a whole marked batch in one
 * request instead of step 2's one call per email; the protocol is the same, and a lost answer puts
 * the whole batch in review, which is why its size is a setting with a ceiling.
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
  /**
   * "campaign id/recipient email", set by the runner: an email service carries it with the message
   * so a reviewer can find the message in the provider's activity log (MailApp ignores it).
   */
  reference?: string;
  /** The recipient's unsubscribe link: an email service also sends it as a List-Unsubscribe header. */
  unsubscribeUrl?: string;
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
  constructor(
    message = 'The daily email quota is used up.',
    /** How long the sender asked to wait (an email service's Retry-After); unset: the next day's quota. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'QuotaExhausted';
  }
}

/** Thrown by `send` when MailApp refused this email before sending it (a bad address, too large). */
export class SendRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SendRejected';
  }
}

/**
 * Thrown by `send` when MailApp refused the call before sending (rate limit, service unavailable)
 * and the mailer's own bounded retries with backoff did not get it through.
 */
export class SendDeferred extends Error {
  constructor(
    message: string,
    readonly attempts: number,
    /** Who was unavailable, for the failure note. */
    readonly service = 'MailApp',
  ) {
    super(message);
    this.name = 'SendDeferred';
  }
}

/**
 * Thrown by `send` when the sender refuses every send until a person acts (a revoked API key, an
 * unverified From address, a missing scope): nothing was sent, the campaign stops for review.
 */
export class SenderStopped extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SenderStopped';
  }
}

/**
 * Thrown by `send` when the email may have gone (the request may have reached the service but its
 * answer was lost): `note` tells the reviewer where to check. Any other unknown error is treated the
 * same way with MailApp's note.
 */
export class SendUncertain extends Error {
  constructor(
    message: string,
    readonly note: string,
  ) {
    super(message);
    this.name = 'SendUncertain';
  }
}

/**
 * `exclude`: the recipient must not be emailed any more (they unsubscribed since the audience was
 * written): logged as excluded, a final status "Retry failed" never queues again.
 */
export type Composed = { ok: true; email: OutgoingEmail } | { ok: false; reason: string; exclude?: boolean };

/**
 * What became of one email of a batch send (`RunDeps.sendBatch`), in the batch's order:
 * - sent: the sender accepted it;
 * - failed: surely not sent (refused, or the service stayed unavailable): "Retry failed" re-queues it;
 * - uncertain: it may have gone (the request's answer was lost): review, never resent blindly;
 * - not-sent: not attempted because the sender stopped (quota, rate limit, a refusal of every send).
 */
export type BatchOutcome =
  | { kind: 'sent' }
  | { kind: 'failed'; error: SendRejected | SendDeferred }
  | { kind: 'uncertain'; error: SendUncertain }
  | { kind: 'not-sent'; error: QuotaExhausted | SenderStopped };

export interface RunDeps {
  log: CampaignLogStore;
  /**
   * Sends one email. Throws QuotaExhausted, SendRejected or SendDeferred when it surely did not go;
   * any other error means it may have gone, and the recipient is put in review, never failed.
   */
  send(email: OutgoingEmail): void;
  /**
   * Sends many emails in as few requests as the sender can (an email service), one outcome per
   * email. Absent: `send` one by one (MailApp). A throw means any of them may have gone: all review.
   */
  sendBatch?(emails: readonly OutgoingEmail[]): BatchOutcome[];
  /** Emails one sendBatch takes (the team's setting), read once per run; null: send one by one. */
  batchSize?(): number | null;
  /** Recipients MailApp may still email today. */
  remainingQuota(): number;
  now(): Date;
  /** Milliseconds since the execution started (the budget counts the whole execution). */
  elapsedMs(): number;
  /** The merged email for a recipient, from the customer's row as it is now. */
  compose(recipient: LoggedRecipient): Composed;
  /** Optional: reads what a batch's emails need in one go, before the batch path composes them. */
  prepareBatch?(batch: readonly LoggedRecipient[]): void;
}

export interface RunOptions {
  /** Stop starting sends after this many ms of the execution (e.g. 20 s of a card's 30, 4.5 min of 6). */
  budgetMs: number;
  /**
   * Recipients marked "sending" at once: the most a crash can leave for review. A sender that sends
   * batches (`RunDeps.batchSize`) sets its own: its batch is one request, whose lost answer puts
   * the whole batch in review.
   */
  batchSize: number;
}

/** 'sender': the sender refused every send until a person acts (see SenderStopped). */
export type StopReason = 'done' | 'time' | 'quota' | 'sender';

export interface RunResult {
  sent: number;
  failed: number;
  /** Sends MailApp answered with an error after which the email may have gone: put in review. */
  uncertain: number;
  /** Recipients whose outcome a previous run left unknown, marked for review in this run. */
  markedForReview: number;
  /** Pending after this run. */
  pending: number;
  stopped: StopReason;
  /** Why the sender stopped the campaign, when `stopped` is 'sender'. */
  senderProblem?: string;
  /** How long the sender asked to wait before the next send (a rate limit's Retry-After). */
  retryAfterMs?: number;
}

export const REVIEW_NOTE =
  'A run stopped between sending and logging: this email may or may not have gone. Check your Sent folder, then mark it sent or send it again.';

/** The review note for an error MailApp raised after it may have sent. */
export const mayHaveSentNote = (message: string) =>
  `MailApp reported an error after it may have sent this email (${message}). Check your Sent folder, then mark it sent or send it again.`;

/** The failure note of a recipient MailApp surely did not email; the card can queue them again. */
function failedNote(error: SendRejected | SendDeferred): string {
  return error instanceof SendDeferred
    ? `${error.service} was unavailable (${error.message}); tried ${error.attempts} times. Not sent: press "Retry failed" on the campaign card.`
    : `Not sent: ${error.message}`;
}

export function runCampaign(campaignId: string, deps: RunDeps, options: RunOptions): RunResult {
  const result: RunResult = {
    sent: 0,
    failed: 0,
    uncertain: 0,
    markedForReview: 0,
    pending: 0,
    stopped: 'done',
  };
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
  // The quota is read once and counted down: one service call per run instead of one per batch.
  let quota = queue.length > 0 ? deps.remainingQuota() : 0;
  const sendBatch = deps.sendBatch;
  const perRequest = sendBatch && queue.length > 0 ? (deps.batchSize?.() ?? null) : null;
  const batchSize = perRequest !== null ? Math.max(1, perRequest) : options.batchSize;
  const timeLeft = () => options.budgetMs - deps.elapsedMs();
  const sending = (batch: readonly LoggedRecipient[]): StatusChange[] =>
    batch.map((r) => ({ email: r.email, status: 'sending' as const, detail: '', at: deps.now() }));

  /** The next batch to mark, or why there is none: a started batch is always finished and logged. */
  const nextBatch = (): LoggedRecipient[] | StopReason => {
    if (next >= queue.length) return 'done';
    if (quota <= 0) return 'quota';
    const size = Math.min(batchSize, quota, queue.length - next);
    if (timeLeft() <= 0 || (sends > 0 && timeLeft() < msPerSend * size)) return 'time';
    const batch = queue.slice(next, next + size);
    next += size;
    return batch;
  };

  /** A sender's stop: the emails it did not attempt go back to pending, the run ends with the reason. */
  const stopFor = (error: QuotaExhausted | SenderStopped): StopReason => {
    if (error instanceof SenderStopped) {
      result.senderProblem = error.message;
      return 'sender';
    }
    quota = 0;
    if (error.retryAfterMs !== undefined) result.retryAfterMs = error.retryAfterMs;
    return 'quota';
  };

  /** One recipient's email, or null with why not recorded (a failure counts; an exclusion does not). */
  const composeOrRecord = (r: LoggedRecipient, outcomes: StatusChange[]): OutgoingEmail | null => {
    const composed = deps.compose(r);
    if (composed.ok) return composed.email;
    const status = composed.exclude ? ('excluded' as const) : ('failed' as const);
    outcomes.push({ email: r.email, status, detail: composed.reason, at: deps.now() });
    if (!composed.exclude) result.failed++;
    return null;
  };

  /** The batch path: compose every email, send them in one sendBatch, record each outcome. */
  const sendAsBatch = (
    batch: readonly LoggedRecipient[],
    send: NonNullable<RunDeps['sendBatch']>,
  ): { outcomes: StatusChange[]; stop: StopReason | null } => {
    const outcomes: StatusChange[] = [];
    const started = deps.elapsedMs();
    const ready: { r: LoggedRecipient; email: OutgoingEmail }[] = [];
    let stop: StopReason | null = null;
    try {
      deps.prepareBatch?.(batch);
    } catch {
      // Nothing is sent yet: composing one by one reads what it needs, and reports what fails.
    }
    for (const r of batch) {
      // Composing reads the customer's row: when time runs out, what is composed goes, the rest waits.
      if (stop || timeLeft() <= 0) {
        stop = 'time';
        outcomes.push({ email: r.email, status: 'pending', detail: '', at: deps.now() });
        reverted++;
        continue;
      }
      const composed = composeOrRecord(r, outcomes);
      if (!composed) continue;
      ready.push({ r, email: { ...composed, reference: `${campaignId}/${r.email}` } });
    }
    if (ready.length === 0) return { outcomes, stop };
    let answers: BatchOutcome[];
    try {
      answers = send(ready.map((x) => x.email));
    } catch (error) {
      const note =
        error instanceof SendUncertain
          ? error.note
          : mayHaveSentNote(error instanceof Error ? error.message : String(error));
      answers = ready.map(() => ({ kind: 'uncertain' as const, error: new SendUncertain(note, note) }));
    }
    ready.forEach(({ r }, i) => {
      const at = deps.now();
      // A missing answer is treated like a lost one: the email may have gone.
      const answer: BatchOutcome = answers[i] ?? {
        kind: 'uncertain',
        error: new SendUncertain('no outcome', mayHaveSentNote('the sender gave no outcome for it')),
      };
      switch (answer.kind) {
        case 'sent':
          quota--;
          result.sent++;
          outcomes.push({ email: r.email, status: 'sent', detail: '', at });
          break;
        case 'failed':
          result.failed++;
          outcomes.push({ email: r.email, status: 'failed', detail: failedNote(answer.error), at });
          break;
        case 'uncertain':
          result.uncertain++;
          outcomes.push({ email: r.email, status: 'review', detail: answer.error.note, at });
          break;
        case 'not-sent':
          reverted++;
          stop = stopFor(answer.error);
          outcomes.push({ email: r.email, status: 'pending', detail: '', at });
          break;
      }
    });
    const n = ready.length;
    sends += n;
    msPerSend += (deps.elapsedMs() - started - n * msPerSend) / sends;
    return { outcomes, stop };
  };

  let batch = nextBatch();
  if (typeof batch === 'string') result.stopped = batch;
  else deps.log.update(campaignId, sending(batch));
  while (typeof batch !== 'string') {
    const outcomes: StatusChange[] = [];
    let stop: StopReason | null = null;
    if (sendBatch && perRequest !== null) {
      const sentAsBatch = sendAsBatch(batch, sendBatch);
      outcomes.push(...sentAsBatch.outcomes);
      stop = sentAsBatch.stop;
    }
    for (const r of sendBatch && perRequest !== null ? [] : batch) {
      if (stop || timeLeft() <= 0) {
        stop ??= 'time';
        outcomes.push({ email: r.email, status: 'pending', detail: '', at: deps.now() });
        reverted++;
        continue;
      }
      const composed = composeOrRecord(r, outcomes);
      if (!composed) continue;
      const started = deps.elapsedMs();
      try {
        deps.send({ ...composed, reference: `${campaignId}/${r.email}` });
        quota--;
        outcomes.push({ email: r.email, status: 'sent', detail: '', at: deps.now() });
        result.sent++;
      } catch (error) {
        if (error instanceof SenderStopped) {
          // Surely not sent, and every next send would be refused the same way: stop for a person.
          stop = 'sender';
          result.senderProblem = error.message;
          outcomes.push({ email: r.email, status: 'pending', detail: '', at: deps.now() });
          reverted++;
          continue;
        }
        if (error instanceof QuotaExhausted) {
          stop = 'quota';
          quota = 0;
          if (error.retryAfterMs !== undefined) result.retryAfterMs = error.retryAfterMs;
          outcomes.push({ email: r.email, status: 'pending', detail: '', at: deps.now() });
          reverted++;
          continue;
        }
        if (error instanceof SendRejected || error instanceof SendDeferred) {
          outcomes.push({ email: r.email, status: 'failed', detail: failedNote(error), at: deps.now() });
          result.failed++;
        } else {
          // It may have gone: sending again could be a duplicate, calling it failed could hide a delivered email.
          const message = error instanceof Error ? error.message : String(error);
          outcomes.push({
            email: r.email,
            status: 'review',
            detail: error instanceof SendUncertain ? error.note : mayHaveSentNote(message),
            at: deps.now(),
          });
          result.uncertain++;
        }
      }
      sends++;
      msPerSend += (deps.elapsedMs() - started - msPerSend) / sends;
    }
    // This batch's outcomes and the next batch's "sending" marks go in one write: the marks still
    // land before any of the next emails leave, and a crash between the two can only leave marks
    // for emails never sent (reviewed, never sent twice).
    const following: LoggedRecipient[] | StopReason = stop ?? nextBatch();
    deps.log.update(campaignId, [...outcomes, ...(typeof following === 'string' ? [] : sending(following))]);
    if (typeof following === 'string') result.stopped = following;
    batch = following;
  }
  result.pending = queue.length - next + reverted;
  if (result.pending === 0) result.stopped = 'done';
  return result;
}
