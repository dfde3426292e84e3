import { parseSenderForm } from '../../../src/core/settings/sender';

const KEY = 'SG.abcdefghijklmnopqrstuv.0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';
const form = (over: Partial<Parameters<typeof parseSenderForm>[0]> = {}) => ({
  kind: 'email-service',
  fromEmail: 'team@nimbus.example',
  dailyLimit: '40,000',
  newKey: KEY,
  ...over,
});

describe('Settings → Sender form', () => {
  it('MailApp needs nothing else', () => {
    expect(parseSenderForm(form({ kind: 'mailapp', fromEmail: '', newKey: '' }), false)).toEqual({
      ok: true,
      settings: { kind: 'mailapp', dailyLimit: 40_000 },
    });
  });

  it('the email service needs a From address, a limit and a key (new or saved)', () => {
    expect(parseSenderForm(form(), false)).toEqual({
      ok: true,
      settings: { kind: 'email-service', fromEmail: 'team@nimbus.example', dailyLimit: 40_000 },
    });
    expect(parseSenderForm(form({ newKey: '' }), true).ok).toBe(true);
    expect(parseSenderForm(form({ newKey: '' }), false)).toMatchObject({ ok: false, reason: /paste/ });
    expect(parseSenderForm(form({ fromEmail: 'team' }), false)).toMatchObject({ ok: false, reason: /From/ });
    expect(parseSenderForm(form({ dailyLimit: '1.5' }), false)).toMatchObject({ ok: false, reason: /whole/ });
  });

  it('a key of the wrong shape is refused without quoting it', () => {
    const result = parseSenderForm(form({ newKey: 'my-secret-password-123' }), false);
    expect(result).toMatchObject({ ok: false });
    expect(JSON.stringify(result)).not.toContain('my-secret-password-123');
  });
});

describe('Settings → Sender: emails per request', () => {
  it('takes 1 to 1,000 (SendGrid: 1,000 personalizations a request), blank keeps the default', () => {
    expect(parseSenderForm(form({ batchSize: '200' }), false)).toMatchObject({
      ok: true,
      settings: { batchSize: 200 },
    });
    expect(parseSenderForm(form({ batchSize: '1,000' }), false)).toMatchObject({
      ok: true,
      settings: { batchSize: 1_000 },
    });
    const blank = parseSenderForm(form({ batchSize: '' }), false);
    expect(blank.ok && 'batchSize' in blank.settings).toBe(false);
    for (const bad of ['0', '1001', '2.5', 'many'])
      expect(parseSenderForm(form({ batchSize: bad }), false)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/Emails per request.*1 to 1,000.*review/),
      });
  });
});
