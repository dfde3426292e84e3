/** MailApp's errors, sorted by whether the email may have gone (src/gas/mailer.ts). */
import { QuotaExhausted, SendDeferred, SendRejected } from '../../src/core/campaigns/runner';
import { mailAppMailer, SEND_BACKOFF_MS } from '../../src/gas/mailer';

function failing(...messages: string[]) {
  const sent: string[] = [];
  const mail = {
    sendEmail: (to: string) => {
      const next = messages.shift();
      if (next) throw new Error(next);
      sent.push(to);
    },
    getRemainingDailyQuota: () => 100,
  };
  const slept: number[] = [];
  return { mailer: mailAppMailer(mail as never, (ms) => slept.push(ms)), sent, slept };
}

const email = { to: 'a@x.io', subject: 's', htmlBody: 'h', textBody: 't' };

describe('mailAppMailer', () => {
  it('retries a refused call with growing pauses, then sends', () => {
    const m = failing('Service invoked too many times in a short time: email', 'Service unavailable: Gmail');
    m.mailer.send(email);
    expect(m.sent).toEqual(['a@x.io']);
    expect(m.slept).toEqual([...SEND_BACKOFF_MS]);
  });

  it('gives up after the bounded retries with SendDeferred (not sent)', () => {
    const m = failing(
      'Service unavailable: Gmail',
      'Service unavailable: Gmail',
      'Service unavailable: Gmail',
    );
    expect(() => m.mailer.send(email)).toThrow(SendDeferred);
    expect(m.sent).toEqual([]);
  });

  it('tells the quota, a refused email and an error that may follow a send apart', () => {
    expect(() => failing('Service invoked too many times for one day: email.').mailer.send(email)).toThrow(
      QuotaExhausted,
    );
    expect(() => failing('Invalid email: a@x').mailer.send(email)).toThrow(SendRejected);
    expect(() => failing('Limit Exceeded: Email Body Size.').mailer.send(email)).toThrow(SendRejected);
    const unknown = failing('We are sorry, a server error occurred.');
    expect(() => unknown.mailer.send(email)).toThrow(/server error/);
    expect(unknown.slept).toEqual([]);
  });
});
