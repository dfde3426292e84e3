import { GAS_ERRORS } from '../../src/local/standins';
import { makeWorld, thrown } from './helpers';

describe('MailApp stand-in', () => {
  it('counts recipients (to, cc and bcc) against the daily quota and throws once it is spent', () => {
    const { world } = makeWorld({ accountKind: 'consumer' });
    const mail = world.startExecution({ kind: 'trigger' }).globals.MailApp;
    expect(mail.getRemainingDailyQuota()).toBe(100);
    mail.sendEmail({ to: 'a@x.io, b@x.io', cc: 'c@x.io', bcc: 'Dee <d@x.io>', subject: 'Hi 👋', body: 'x' });
    expect(mail.getRemainingDailyQuota()).toBe(96);
    for (let i = 0; i < 95; i++) mail.sendEmail(`r${i}@x.io`, 's', 'b');
    expect(() => mail.sendEmail({ to: 'y@x.io, z@x.io', subject: 's', body: 'b' })).toThrow(
      'Service invoked too many times for one day: email.',
    );
    mail.sendEmail('last@x.io', 's', 'b');
    expect(mail.getRemainingDailyQuota()).toBe(0);
    expect(() => mail.sendEmail('late@x.io', 's', 'b')).toThrow(GAS_ERRORS.mailQuota);
    expect(world.mail.outbox).toHaveLength(97);
    expect(world.mail.outbox[0]).toMatchObject({
      from: 'am@nimbus.example',
      to: ['a@x.io', 'b@x.io'],
      cc: ['c@x.io'],
      bcc: ['Dee <d@x.io>'],
      subject: 'Hi 👋',
    });
  });

  it('gives Workspace users 1,500 recipients and keeps quotas per user', () => {
    const { world } = makeWorld();
    world.addUser('free@gmail.com', { kind: 'consumer' });
    const work = world.startExecution().globals.MailApp;
    const free = world.startExecution({ user: 'free@gmail.com' }).globals.MailApp;
    work.sendEmail('a@x.io', 's', 'b');
    expect(work.getRemainingDailyQuota()).toBe(1499);
    expect(free.getRemainingDailyQuota()).toBe(100);
    free.sendEmail('a@x.io', 's', 'b');
    expect(world.mail.outbox.map((m) => m.from)).toEqual(['am@nimbus.example', 'free@gmail.com']);
  });

  it('resets 24 hours after the first send by default', () => {
    const { world, clock } = makeWorld({ accountKind: 'consumer' });
    clock.set('2026-11-20T22:00:00Z');
    const mail = () => world.startExecution().globals.MailApp;
    world.account(world.user).emailQuota.exhaust();
    expect(mail().getRemainingDailyQuota()).toBe(0);
    clock.set('2026-11-21T21:59:59Z');
    expect(mail().getRemainingDailyQuota()).toBe(0);
    clock.set('2026-11-21T22:00:00Z');
    expect(mail().getRemainingDailyQuota()).toBe(100);
  });

  it('can reset at the next day boundary of the clock instead', () => {
    const { world, clock } = makeWorld({ accountKind: 'consumer', quotaReset: 'day-boundary' });
    clock.set('2026-11-20T22:00:00Z');
    const mail = () => world.startExecution().globals.MailApp;
    for (let i = 0; i < 100; i++) mail().sendEmail(`r${i}@x.io`, 's', 'b');
    expect(() => mail().sendEmail('late@x.io', 's', 'b')).toThrow(GAS_ERRORS.mailQuota);
    clock.set('2026-11-21T00:00:00Z');
    expect(mail().getRemainingDailyQuota()).toBe(100);
  });

  it('validates addresses, recipient counts, body size and arguments with Apps Script messages', () => {
    const { world } = makeWorld({ accountKind: 'consumer' });
    const mail = world.startExecution().globals.MailApp;
    expect(() => mail.sendEmail('not-an-address', 's', 'b')).toThrow('Invalid email: not-an-address');
    expect(() => mail.sendEmail({ to: 'a@x.io', cc: 'bad@', subject: 's', body: 'b' })).toThrow(
      GAS_ERRORS.invalidEmail('bad@'),
    );
    expect(() => mail.sendEmail({ to: '', subject: 's', body: 'b' })).toThrow(
      'Failed to send email: no recipient',
    );
    const fifty = Array.from({ length: 51 }, (_, i) => `r${i}@x.io`).join(',');
    expect(() => mail.sendEmail(fifty, 's', 'b')).toThrow('Limit Exceeded: Email Recipients Per Message.');
    expect(() => mail.sendEmail('a@x.io', 's', 'x'.repeat(200 * 1024 + 1))).toThrow(
      'Limit Exceeded: Email Body Size.',
    );
    expect(() => (mail.sendEmail as any)('a@x.io')).toThrow(
      "The parameters (String) don't match the method signature for MailApp.sendEmail.",
    );
    expect(world.mail.outbox).toHaveLength(0);
    expect(mail.getRemainingDailyQuota()).toBe(100);
  });

  it('keeps options and the (to, replyTo, subject, body) form', () => {
    const { world } = makeWorld();
    const mail = world.startExecution().globals.MailApp;
    mail.sendEmail('a@x.io', 's', 'text', { htmlBody: '<b>x</b>', name: 'ChurnGuard', replyTo: 'cs@x.io' });
    (mail.sendEmail as any)('b@x.io', 'help@x.io', 'subj', 'body');
    expect(world.mail.outbox[0]).toMatchObject({
      htmlBody: '<b>x</b>',
      name: 'ChurnGuard',
      replyTo: 'cs@x.io',
    });
    expect(world.mail.outbox[1]).toMatchObject({ to: ['b@x.io'], replyTo: 'help@x.io', subject: 'subj' });
  });

  it('lets tests fail the next send, or kill the execution right after a send', () => {
    const { world } = makeWorld();
    const mail = world.startExecution({ kind: 'trigger' }).globals.MailApp;
    world.mail.failNextSend('Service unavailable: Gmail');
    expect(() => mail.sendEmail('a@x.io', 's', 'b')).toThrow('Service unavailable: Gmail');
    expect(mail.getRemainingDailyQuota()).toBe(1500);
    world.mail.onAfterSend = (m) => {
      if (m.to[0] === 'b@x.io') throw new Error('killed');
    };
    mail.sendEmail('a@x.io', 's', 'b');
    const err = thrown(() => mail.sendEmail('b@x.io', 's', 'b'));
    expect(err.message).toBe('killed');
    expect(world.mail.outbox.map((m) => m.to[0])).toEqual(['a@x.io', 'b@x.io']); // sent before it died
    expect(world.mail.sentTo('B@x.io')).toHaveLength(1);
  });
});
