/**
 * The runner with a sender that sends batches: each marked batch goes in one sendBatch call, the
 * "sending" marks are in the log before it, and every email's outcome is logged: sent, failed with
 * the reason, review (may have gone), or pending again (the sender stopped).
 */
import {
  QuotaExhausted,
  SendDeferred,
  SendRejected,
  SendUncertain,
  SenderStopped,
  runCampaign,
  type BatchOutcome,
  type LoggedRecipient,
  type OutgoingEmail,
  type RunDeps,
  type StatusChange,
} from '../../../src/core/campaigns';

const NOW = new Date('2026-11-20T09:00:00Z');

function rows(n: number): LoggedRecipient[] {
  return Array.from({ length: n }, (_, i) => ({
    row: i + 2,
    campaignId: 'c1',
    campaign: 'Relief',
    email: `r${i}@x.example`,
    name: `R ${i}`,
    group: 'emailed',
    status: 'pending',
    detail: '',
  }));
}

function harness(n: number, answer: (emails: readonly OutgoingEmail[], call: number) => BatchOutcome[]) {
  const log = rows(n);
  const writes: StatusChange[][] = [];
  const calls: { emails: string[]; statusesAtCall: string[] }[] = [];
  let elapsed = 0;
  const deps: RunDeps = {
    log: {
      recipients: () => log.map((r) => ({ ...r })),
      update: (_id, changes) => {
        writes.push([...changes]);
        for (const c of changes) {
          const r = log.find((x) => x.email === c.email)!;
          r.status = c.status;
          r.detail = c.detail;
        }
      },
    },
    send: () => {
      throw new Error('one-by-one send used although the sender batches');
    },
    sendBatch: (emails) => {
      calls.push({
        emails: emails.map((e) => e.to),
        statusesAtCall: emails.map((e) => log.find((r) => r.email === e.to)!.status),
      });
      elapsed += 400;
      return answer(emails, calls.length);
    },
    batchSize: () => 4,
    remainingQuota: () => 1_000,
    now: () => NOW,
    elapsedMs: () => elapsed,
    compose: (r) => ({
      ok: true,
      email: { to: r.email, subject: `Hi ${r.name}`, htmlBody: '<p>x</p>', textBody: 'x' },
    }),
  };
  return { log, writes, calls, deps, tick: (ms: number) => (elapsed += ms) };
}

const sentAll = (emails: readonly OutgoingEmail[]): BatchOutcome[] => emails.map(() => ({ kind: 'sent' }));
const status = (log: LoggedRecipient[]) => log.map((r) => r.status);

describe('runCampaign with a batching sender', () => {
  it('sends each marked batch in one call, marks first, one log write per batch', () => {
    const h = harness(10, sentAll);
    const result = runCampaign('c1', h.deps, { budgetMs: 60_000, batchSize: 2 });
    // The sender's batch size (4) wins over the runner's one-by-one size (2).
    expect(h.calls.map((c) => c.emails.length)).toEqual([4, 4, 2]);
    for (const c of h.calls) expect(new Set(c.statusesAtCall)).toEqual(new Set(['sending']));
    expect(h.calls[0]!.emails).toEqual(['r0@x.example', 'r1@x.example', 'r2@x.example', 'r3@x.example']);
    expect(h.writes).toHaveLength(4);
    expect(result).toMatchObject({ sent: 10, failed: 0, uncertain: 0, pending: 0, stopped: 'done' });
    expect(new Set(status(h.log))).toEqual(new Set(['sent']));
  });

  it('gives every email its reference', () => {
    const seen: (string | undefined)[] = [];
    const h = harness(3, (emails) => {
      seen.push(...emails.map((e) => e.reference));
      return sentAll(emails);
    });
    runCampaign('c1', h.deps, { budgetMs: 60_000, batchSize: 2 });
    expect(seen).toEqual(['c1/r0@x.example', 'c1/r1@x.example', 'c1/r2@x.example']);
  });

  it('records each outcome: sent, failed with the reason, review with the note', () => {
    const h = harness(4, () => [
      { kind: 'sent' },
      { kind: 'failed', error: new SendRejected('The email service refused this recipient (400).') },
      { kind: 'uncertain', error: new SendUncertain('lost', 'Look up the request in the log.') },
      { kind: 'failed', error: new SendDeferred('503', 3, 'The email service') },
    ]);
    const result = runCampaign('c1', h.deps, { budgetMs: 60_000, batchSize: 2 });
    expect(status(h.log)).toEqual(['sent', 'failed', 'review', 'failed']);
    expect(h.log[1]!.detail).toBe('Not sent: The email service refused this recipient (400).');
    expect(h.log[2]!.detail).toBe('Look up the request in the log.');
    expect(h.log[3]!.detail).toMatch(/The email service was unavailable \(503\); tried 3 times/);
    expect(result).toMatchObject({ sent: 1, failed: 2, uncertain: 1 });
  });

  it('a throw from sendBatch puts the whole batch in review, never failed, never resent', () => {
    const h = harness(6, (emails, call) => {
      if (call === 1) throw new Error('Exception: Unexpected error');
      return sentAll(emails);
    });
    const result = runCampaign('c1', h.deps, { budgetMs: 60_000, batchSize: 2 });
    expect(status(h.log)).toEqual(['review', 'review', 'review', 'review', 'sent', 'sent']);
    expect(h.log[0]!.detail).toMatch(/may have sent/);
    expect(result).toMatchObject({ sent: 2, uncertain: 4 });
    expect(h.calls.flatMap((c) => c.emails)).toHaveLength(6);
  });

  it('a long rate limit puts the unsent back to pending and stops with the wait', () => {
    const stop = new QuotaExhausted('429', 7_200_000);
    const h = harness(10, (emails, call) =>
      call === 1
        ? sentAll(emails)
        : emails.map((_, i) => (i < 1 ? { kind: 'sent' } : { kind: 'not-sent', error: stop })),
    );
    const result = runCampaign('c1', h.deps, { budgetMs: 60_000, batchSize: 2 });
    expect(result).toMatchObject({ sent: 5, pending: 5, stopped: 'quota', retryAfterMs: 7_200_000 });
    expect(h.calls).toHaveLength(2);
    expect(status(h.log).filter((s) => s === 'pending')).toHaveLength(5);
    expect(status(h.log)).not.toContain('sending');
  });

  it('a sender stop pauses with the reason, the batch back to pending', () => {
    const h = harness(4, (emails) =>
      emails.map(() => ({ kind: 'not-sent', error: new SenderStopped('401: key revoked') })),
    );
    const result = runCampaign('c1', h.deps, { budgetMs: 60_000, batchSize: 2 });
    expect(result).toMatchObject({
      sent: 0,
      pending: 4,
      stopped: 'sender',
      senderProblem: '401: key revoked',
    });
    expect(new Set(status(h.log))).toEqual(new Set(['pending']));
  });

  it('an email that cannot be composed is logged and left out of the request', () => {
    const h = harness(3, sentAll);
    const compose = h.deps.compose;
    h.deps.compose = (r) =>
      r.email === 'r1@x.example' ? { ok: false, reason: 'No longer in the customer sheet' } : compose(r);
    runCampaign('c1', h.deps, { budgetMs: 60_000, batchSize: 2 });
    expect(h.calls[0]!.emails).toEqual(['r0@x.example', 'r2@x.example']);
    expect(status(h.log)).toEqual(['sent', 'failed', 'sent']);
  });

  it('when time runs out while composing, what is composed goes and the rest is pending again', () => {
    const h = harness(4, sentAll);
    const compose = h.deps.compose;
    h.deps.compose = (r) => {
      h.tick(3_000);
      return compose(r);
    };
    const result = runCampaign('c1', h.deps, { budgetMs: 5_000, batchSize: 2 });
    expect(h.calls[0]!.emails).toEqual(['r0@x.example', 'r1@x.example']);
    expect(status(h.log)).toEqual(['sent', 'sent', 'pending', 'pending']);
    expect(result).toMatchObject({ sent: 2, pending: 2, stopped: 'time' });
  });

  it('respects the quota: a batch never holds more than the quota left', () => {
    const h = harness(10, sentAll);
    h.deps.remainingQuota = () => 6;
    const result = runCampaign('c1', h.deps, { budgetMs: 60_000, batchSize: 2 });
    expect(h.calls.map((c) => c.emails.length)).toEqual([4, 2]);
    expect(result).toMatchObject({ sent: 6, pending: 4, stopped: 'quota' });
  });

  it('a sender whose batch size is null sends one by one (MailApp path unchanged)', () => {
    const sent: string[] = [];
    const h = harness(3, sentAll);
    h.deps.batchSize = () => null;
    h.deps.send = (e) => void sent.push(e.to);
    runCampaign('c1', h.deps, { budgetMs: 60_000, batchSize: 2 });
    expect(h.calls).toHaveLength(0);
    expect(sent).toEqual(['r0@x.example', 'r1@x.example', 'r2@x.example']);
  });

  it('a previous run killed after the request left: the whole marked batch is reviewed, not resent', () => {
    const h = harness(6, sentAll);
    for (const r of h.log.slice(0, 4)) r.status = 'sending';
    const result = runCampaign('c1', h.deps, { budgetMs: 60_000, batchSize: 2 });
    expect(result.markedForReview).toBe(4);
    expect(h.calls.flatMap((c) => c.emails)).toEqual(['r4@x.example', 'r5@x.example']);
    expect(status(h.log)).toEqual(['review', 'review', 'review', 'review', 'sent', 'sent']);
  });
});
