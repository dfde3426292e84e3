/**
 * The email-service mailer over real HTTP: the UrlFetchApp stand-in sends to the SendGrid stand-in
 * on 127.0.0.1, and each kind of answer maps to what the runner may do next.
 */
import {
  QuotaExhausted,
  SendDeferred,
  SendRejected,
  SendUncertain,
  SenderStopped,
  type OutgoingEmail,
} from '../../src/core/campaigns/runner';
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

const email = (to = 'ann@client.example'): OutgoingEmail => ({
  to,
  subject: 'We miss you',
  htmlBody: '<p>Hi Ann</p>',
  textBody: 'Hi Ann',
  reference: `cmp-test-0001/${to}`,
});

function setup(options: Parameters<typeof useEmailService>[2] = {}) {
  service.reset();
  const world = new AppsScriptWorld();
  useEmailService(world, service, options);
  const exec = world.startExecution({ kind: 'trigger' });
  const ctx = createContext(exec.globals);
  return { world, exec, ctx };
}

const thrown = (fn: () => void): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('email-service mailer through the HTTP stand-in', () => {
  it('a 202 is sent: one request, the message carries the reference, the quota counts down', () => {
    const { ctx, world } = setup({ dailyLimit: 50 });
    expect(ctx.mailer.remainingQuota()).toBe(50);
    ctx.mailer.send(email());
    const stats = service.stats();
    expect(stats.requests).toBe(1);
    expect(stats.accepted).toEqual([
      expect.objectContaining({
        to: 'ann@client.example',
        from: 'retention@nimbus.example',
        reference: 'cmp-test-0001/ann@client.example',
      }),
    ]);
    expect(ctx.mailer.remainingQuota()).toBe(49);
    expect(world.calls.get('UrlFetchApp.fetch')).toBe(1);
    expect(world.calls.get('MailApp.sendEmail')).toBe(0);
  });

  it('a short 429 is waited out (Retry-After) and retried; a long one pauses with the wait', () => {
    const { ctx, world } = setup();
    service.queueFaults([{ kind: 'rate-limit', retryAfterS: 2 }]);
    const before = world.clock.nowMs();
    ctx.mailer.send(email());
    expect(world.clock.nowMs() - before).toBeGreaterThanOrEqual(2_000);
    expect(service.stats()).toMatchObject({ requests: 2, accepted: [expect.anything()] });

    service.reset();
    service.queueFaults([{ kind: 'rate-limit', retryAfterS: 600 }]);
    const error = thrown(() => ctx.mailer.send(email('bo@client.example')));
    expect(error).toBeInstanceOf(QuotaExhausted);
    expect((error as QuotaExhausted).retryAfterMs).toBe(600_000);
    expect(service.stats().accepted).toHaveLength(0);
  });

  it('5xx is retried twice with pauses, then deferred (not sent)', () => {
    const { ctx } = setup();
    service.queueFaults([
      { kind: 'server-error', status: 503 },
      { kind: 'server-error', status: 500 },
    ]);
    ctx.mailer.send(email());
    expect(service.stats()).toMatchObject({ requests: 3, accepted: [expect.anything()] });
    service.reset();
    service.queueFaults(Array.from({ length: 3 }, () => ({ kind: 'server-error' as const, status: 500 })));
    const error = thrown(() => ctx.mailer.send(email()));
    expect(error).toBeInstanceOf(SendDeferred);
    expect((error as SendDeferred).attempts).toBe(3);
    expect(service.stats().accepted).toHaveLength(0);
  });

  it('401 stops the campaign with a reason that never contains the key', () => {
    const wrong = 'SG.wrong-key-abcdefgh.wrong-secret-abcdefgh';
    const { ctx } = setup({ apiKey: wrong });
    const error = thrown(() => ctx.mailer.send(email()));
    expect(error).toBeInstanceOf(SenderStopped);
    expect((error as Error).message).toMatch(/401 Unauthorized/);
    expect((error as Error).message).not.toContain(wrong);
    expect((error as Error).message).not.toContain(STANDIN_API_KEY);
  });

  it('a bad recipient address is rejected for that email only', () => {
    const { ctx } = setup();
    const error = thrown(() => ctx.mailer.send(email('not-an-address')));
    expect(error).toBeInstanceOf(SendRejected);
    expect((error as Error).message).toMatch(/personalizations\.0\.to\.0\.email/);
  });

  it.each(['hang-after', 'reset-after'] as const)(
    '%s: accepted but the answer is lost, so the send is uncertain (review), with where to look',
    (kind) => {
      const { ctx, world } = setup();
      service.queueFaults([{ kind }]);
      const before = world.clock.nowMs();
      const error = thrown(() => ctx.mailer.send(email()));
      expect(error).toBeInstanceOf(SendUncertain);
      expect((error as SendUncertain).note).toMatch(/churnguard_ref "cmp-test-0001\/ann@client.example"/);
      expect(service.stats().accepted).toHaveLength(1);
      // One request only: a lost answer is never retried blindly.
      expect(service.stats().requests).toBe(1);
      if (kind === 'hang-after') expect(world.clock.nowMs() - before).toBeGreaterThanOrEqual(60_000);
    },
  );

  it('no key saved: the campaign stops, nothing is requested', () => {
    const { world } = setup();
    const exec = world.startExecution();
    exec.globals.PropertiesService.getUserProperties().deleteProperty('churnguard.sender.apiKey');
    const ctx = createContext(exec.globals);
    expect(thrown(() => ctx.mailer.send(email()))).toBeInstanceOf(SenderStopped);
    expect(service.stats().requests).toBe(0);
  });

  it('the UrlFetchApp stand-in enforces the documented limits', () => {
    const { exec } = setup();
    const fetch = exec.globals.UrlFetchApp;
    expect(() => fetch.fetch(`https://api.sendgrid.com/${'x'.repeat(2100)}`, {})).toThrow(/URL Length/);
    const headers = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`X-H${i}`, 'v']));
    expect(() => fetch.fetch('https://api.sendgrid.com/v3/mail/send', { headers })).toThrow(/Headers/);
    expect(() => fetch.fetch('https://unrouted.example/v1', {})).toThrow(/Address unavailable/);
    // Without muteHttpExceptions a failure code throws, with Apps Script's wording.
    expect(() =>
      fetch.fetch('https://api.sendgrid.com/v3/mail/send', { method: 'post', payload: '{}' }),
    ).toThrow(/Request failed for https:\/\/api.sendgrid.com\/v3\/mail\/send returned code 401/);
  });
});
