import { QuotaExhausted } from '../../src/core/campaigns/runner';
import { lockServiceLocks } from '../../src/gas/locks';
import { mailAppMailer } from '../../src/gas/mailer';
import { scriptAppTriggers } from '../../src/gas/triggers';
import { AppsScriptWorld } from '../../src/local/standins';

const email = (to: string) => ({
  to,
  subject: 'Relief 🌍',
  htmlBody: '<p>Hi</p>',
  textBody: 'Hi',
  name: 'Nimbus CS',
});

describe('MailApp mailer', () => {
  it('sends with an HTML body and a plain-text alternative, and reads the remaining quota', () => {
    const world = new AppsScriptWorld({ latency: 'none' });
    const mailer = mailAppMailer(world.startExecution().globals.MailApp);
    const before = mailer.remainingQuota();
    mailer.send(email('ann@x.example'));
    expect(world.mail.outbox[0]).toMatchObject({
      to: ['ann@x.example'],
      subject: 'Relief 🌍',
      body: 'Hi',
      htmlBody: '<p>Hi</p>',
      name: 'Nimbus CS',
    });
    expect(mailer.remainingQuota()).toBe(before - 1);
  });

  it('gives MailApp a one-line sender name, whatever the Settings cell holds', () => {
    const world = new AppsScriptWorld({ latency: 'none' });
    const mailer = mailAppMailer(world.startExecution().globals.MailApp);
    mailer.send({ ...email('ann@x.example'), name: 'Nimbus CS\r\nBcc: everyone@evil.example\u2028x' });
    mailer.send({ ...email('bob@x.example'), name: '\r\n\t' });
    expect(world.mail.outbox[0]!.name).toBe('Nimbus CS Bcc: everyone@evil.example x');
    expect(world.mail.outbox[1]!.name).toBeFalsy();
  });

  it('turns the daily-quota error into QuotaExhausted, and leaves other errors alone', () => {
    const world = new AppsScriptWorld({ latency: 'none' });
    const mailer = mailAppMailer(world.startExecution().globals.MailApp);
    world.mail.failNextSend('Service invoked too many times for one day: email.');
    expect(() => mailer.send(email('a@x.example'))).toThrow(QuotaExhausted);
    expect(() => mailer.send(email('not an address'))).toThrow(/Invalid email/);
    expect(() => mailer.send(email('not an address'))).not.toThrow(QuotaExhausted);
  });
});

describe('user lock', () => {
  it('runs the work holding the lock, and returns null while another execution holds it', () => {
    const world = new AppsScriptWorld({ latency: 'none' });
    const first = lockServiceLocks(world.startExecution().globals.LockService);
    const second = lockServiceLocks(world.startExecution().globals.LockService);
    const nested = first.withUserLock(1000, () => second.withUserLock(10, () => 'ran'));
    expect(nested).toBeNull();
    expect(second.withUserLock(10, () => 'ran')).toBe('ran');
  });
});

describe('hourly trigger', () => {
  it('installs one hourly trigger per handler, however often asked, and removes it', () => {
    const world = new AppsScriptWorld({ latency: 'none' });
    const triggers = () => scriptAppTriggers(world.startExecution().globals.ScriptApp);
    triggers().installHourly('onHourlyTrigger');
    triggers().installHourly('onHourlyTrigger');
    expect(world.triggers.triggers).toHaveLength(1);
    expect(world.triggers.triggers[0]).toMatchObject({ functionName: 'onHourlyTrigger', everyMs: 3_600_000 });
    expect(triggers().hasHourly('onHourlyTrigger')).toBe(true);
    triggers().removeAll('onHourlyTrigger');
    expect(triggers().hasHourly('onHourlyTrigger')).toBe(false);
  });
});
