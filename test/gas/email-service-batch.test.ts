/**
 * The email service's batch send over real HTTP: the UrlFetchApp stand-in posts to the SendGrid
 * stand-in on 127.0.0.1, which enforces the documented limits, and each answer maps to one outcome
 * per email: a 202 sends the whole request, a 400 naming a personalization fails that recipient and
 * sends the others in a new request, a lost answer puts every email of the request in review.
 */
import { createHash } from 'node:crypto';
import {
  QuotaExhausted,
  SendDeferred,
  SendRejected,
  SenderStopped,
  type BatchOutcome,
  type OutgoingEmail,
} from '../../src/core/campaigns/runner';
import { recipientTag } from '../../src/core/email/sendgrid-batch';
import { createContext } from '../../src/gas/runtime';
import { AppsScriptWorld } from '../../src/local/standins';
import type { EmailServiceProcess } from '../../src/local/email-service/process';
import { emailService, useEmailService, STANDIN_API_KEY } from '../helpers/email-service';

let service: EmailServiceProcess;
// Starting the stand-in's process takes a few seconds on a busy machine.
beforeAll(async () => {
  service = await emailService();
}, 60_000);
afterAll(() => service.stop());

const email = (i: number, over: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  to: `r${i}@client.example`,
  subject: `We miss you, R${i}`,
  htmlBody: `<p>Hi R${i}</p>`,
  textBody: `Hi R${i}`,
  reference: `cmp-batch-1/r${i}@client.example`,
  unsubscribeUrl: `https://example.test/u?t=${i}`,
  ...over,
});
const digest = (e: OutgoingEmail) =>
  createHash('sha1').update(e.textBody).update('\u0000').update(e.htmlBody).digest('hex');

function setup(options: Parameters<typeof useEmailService>[2] = {}) {
  service.reset();
  const world = new AppsScriptWorld();
  useEmailService(world, service, { batchSize: 50, ...options });
  const exec = world.startExecution({ kind: 'trigger' });
  const ctx = createContext(exec.globals);
  return { world, ctx, sendBatch: (emails: OutgoingEmail[]) => ctx.mailer.sendBatch!(emails) };
}

const kinds = (outcomes: BatchOutcome[]) => outcomes.map((o) => o.kind);

describe('email-service batch send through the HTTP stand-in', () => {
  it('a 202 sends the batch in one request, each recipient with its own subject, body, header and args', () => {
    const { ctx, world, sendBatch } = setup({ dailyLimit: 100 });
    expect(ctx.mailer.batchSize!()).toBe(50);
    const emails = [0, 1, 2, 3, 4].map((i) => email(i));
    expect(kinds(sendBatch(emails))).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    const stats = service.stats();
    expect(stats.requests).toBe(1);
    expect(world.calls.get('UrlFetchApp.fetch')).toBe(1);
    expect(stats.accepted).toEqual(
      emails.map((e, i) =>
        expect.objectContaining({
          to: e.to,
          subject: e.subject,
          bodySha1: digest(e),
          reference: e.reference,
          listUnsubscribe: `<https://example.test/u?t=${i}>`,
          customArgs: { churnguard_campaign: 'cmp-batch-1', churnguard_recipient: recipientTag(e.to) },
        }),
      ),
    );
    expect(ctx.mailer.remainingQuota()).toBe(95);
  });

  it('a 400 naming one recipient fails it with the provider words and sends the others (nothing was queued)', () => {
    const { sendBatch, world } = setup();
    // The stand-in, like SendGrid, rejects the whole request for one address it refuses.
    const emails = [email(0), email(1, { to: 'r1@client' }), email(2)];
    const outcomes = sendBatch(emails);
    expect(kinds(outcomes)).toEqual(['sent', 'failed', 'sent']);
    const failed = outcomes[1] as { error: Error };
    expect(failed.error).toBeInstanceOf(SendRejected);
    expect(failed.error.message).toMatch(
      /personalizations\.1\.to\.0\.email: Does not contain a valid address/,
    );
    expect(service.stats().accepted.map((m) => m.to)).toEqual([emails[0]!.to, emails[2]!.to]);
    expect(world.calls.get('UrlFetchApp.fetch')).toBe(2);
  });

  it('an injected 400 on one personalization: same, and every other recipient is accepted once', () => {
    const { sendBatch } = setup();
    service.queueFaults([{ kind: 'reject-recipient', at: 3 }]);
    const emails = [0, 1, 2, 3, 4, 5].map((i) => email(i));
    expect(kinds(sendBatch(emails))).toEqual(['sent', 'sent', 'sent', 'failed', 'sent', 'sent']);
    const to = service.stats().accepted.map((m) => m.to);
    expect(to.sort()).toEqual([0, 1, 2, 4, 5].map((i) => email(i).to));
  });

  it.each(['hang-after', 'reset-after'] as const)(
    '%s: the provider accepted the whole request, the answer is lost: every email of it in review',
    (fault) => {
      const { sendBatch } = setup();
      service.queueFaults([{ kind: fault }]);
      const outcomes = sendBatch([0, 1, 2].map((i) => email(i)));
      expect(kinds(outcomes)).toEqual(['uncertain', 'uncertain', 'uncertain']);
      const note = (outcomes[1] as { error: { note: string } }).error.note;
      expect(note).toMatch(/this email and 2 other emails/);
      expect(note).toMatch(/messages to r1@client\.example with churnguard_campaign "cmp-batch-1"/);
      expect(service.stats().accepted).toHaveLength(3);
    },
  );

  it('a short 429 is waited out; a long one stops the batch, nothing sent, with the wait', () => {
    const { sendBatch, world } = setup();
    service.queueFaults([{ kind: 'rate-limit', retryAfterS: 2 }]);
    const before = world.clock.nowMs();
    expect(kinds(sendBatch([email(0), email(1)]))).toEqual(['sent', 'sent']);
    expect(world.clock.nowMs() - before).toBeGreaterThanOrEqual(2_000);

    service.reset();
    service.queueFaults([{ kind: 'rate-limit', retryAfterS: 7_200 }]);
    const outcomes = sendBatch([email(2), email(3)]);
    expect(kinds(outcomes)).toEqual(['not-sent', 'not-sent']);
    const error = (outcomes[0] as { error: QuotaExhausted }).error;
    expect(error).toBeInstanceOf(QuotaExhausted);
    expect(error.retryAfterMs).toBe(7_200_000);
    expect(service.stats().accepted).toEqual([]);
  });

  it('5xx is retried twice with pauses, then the whole request failed (not sent)', () => {
    const { sendBatch } = setup();
    service.queueFaults([503, 500, 503].map((status) => ({ kind: 'server-error' as const, status })));
    const outcomes = sendBatch([email(0), email(1)]);
    expect(kinds(outcomes)).toEqual(['failed', 'failed']);
    expect((outcomes[0] as { error: unknown }).error).toBeInstanceOf(SendDeferred);
    expect(service.stats()).toMatchObject({ requests: 3, accepted: [] });
  });

  it('401 stops the batch: the requests not yet made are not made, the key is never quoted', () => {
    const { sendBatch } = setup();
    service.queueFaults([{ kind: 'unauthorized' }]);
    // Two requests: a body past the substitution limit goes alone.
    const emails = [email(0), email(1, { htmlBody: 'x'.repeat(60_000) })];
    const outcomes = sendBatch(emails);
    expect(kinds(outcomes)).toEqual(['not-sent', 'not-sent']);
    const error = (outcomes[0] as { error: Error }).error;
    expect(error).toBeInstanceOf(SenderStopped);
    expect(error.message).not.toContain(STANDIN_API_KEY);
    expect(service.stats().requests).toBe(1);
  });

  it('a body too large for a substitution goes in a request of its own, and arrives whole', () => {
    const { sendBatch } = setup();
    const big = email(1, { htmlBody: `<p>${'y'.repeat(60_000)}</p>` });
    const emails = [email(0), big, email(2)];
    expect(kinds(sendBatch(emails))).toEqual(['sent', 'sent', 'sent']);
    const stats = service.stats();
    expect(stats.requests).toBe(2);
    expect(stats.accepted.find((m) => m.to === big.to)?.bodySha1).toBe(digest(big));
  });

  it('batch size 1 is the one-by-one send (no sendBatch path)', () => {
    const { ctx } = setup({ batchSize: 1 });
    expect(ctx.mailer.batchSize!()).toBeNull();
  });
});

describe('the SendGrid stand-in enforces the documented limits', () => {
  const post = (world: AppsScriptWorld, body: unknown) => {
    const exec = world.startExecution();
    const response = exec.globals.UrlFetchApp!.fetch('https://api.sendgrid.com/v3/mail/send', {
      method: 'post',
      contentType: 'application/json',
      headers: { Authorization: `Bearer ${STANDIN_API_KEY}` },
      payload: JSON.stringify(body),
      muteHttpExceptions: true,
    });
    return { code: response.getResponseCode(), body: response.getContentText() };
  };
  const base = (personalizations: unknown[]) => ({
    personalizations,
    from: { email: 'team@nimbus.example' },
    subject: 'Hi',
    content: [{ type: 'text/plain', value: 'x' }],
  });
  const to = (i: number) => ({ to: [{ email: `p${i}@client.example` }] });

  it('1,000 personalizations pass, 1,001 are refused as a whole', () => {
    // A real deadline a loaded machine meets for a 1,000-recipient request.
    const { world } = setup({ deadlineMs: 20_000 });
    expect(post(world, base(Array.from({ length: 1_000 }, (_, i) => to(i)))).code).toBe(202);
    const refused = post(world, base(Array.from({ length: 1_001 }, (_, i) => to(i))));
    expect(refused.code).toBe(400);
    expect(refused.body).toMatch(/limited to 1000 personalizations/);
    expect(service.stats().accepted).toHaveLength(1_000);
  });

  it('refuses an address twice, substitutions past 50,000 bytes, custom args of 10,000 bytes', () => {
    const { world } = setup({ deadlineMs: 20_000 });
    expect(post(world, base([to(1), to(1)])).body).toMatch(/only be included once/);
    const subs = { ...to(2), substitutions: { '-a-': 'z'.repeat(50_000) } };
    expect(post(world, base([subs])).body).toMatch(/personalizations\.0\.substitutions/);
    const args = { ...to(3), custom_args: { a: 'z'.repeat(9_999) } };
    expect(post(world, base([args])).body).toMatch(/personalizations\.0\.custom_args/);
    const noSubject = { ...base([to(4), { ...to(5), subject: 'own' }]), subject: undefined };
    expect(post(world, noSubject).body).toMatch(/The subject is required/);
    expect(service.stats().accepted).toEqual([]);
  });
});
