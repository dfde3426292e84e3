import {
  classifyAnswer,
  maskKey,
  redact,
  retryAfterMs,
  sendGridRequest,
  SENDGRID_SEND_URL,
  type ServiceAnswer,
} from '../../../src/core/email/sendgrid';

const KEY = 'SG.abcdefghijklmnopqrstuv.0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';
const NOW = Date.parse('2026-12-03T10:00:00Z');
const answer = (code: number, body = '', headers: ServiceAnswer['headers'] = {}): ServiceAnswer => ({
  code,
  headers,
  body,
});
const errors = (...list: { message: string; field: string | null }[]) => JSON.stringify({ errors: list });

describe('SendGrid Mail Send request', () => {
  it('puts the key only in the Authorization header and the reference in custom_args and a header', () => {
    const req = sendGridRequest(
      {
        to: 'ann@client.example',
        subject: 'Hi',
        htmlBody: '<p>Hi</p>',
        textBody: 'Hi',
        name: 'Nimbus team',
        reference: 'cmp-abcd/ann@client.example',
      },
      { fromEmail: 'team@nimbus.example' },
      KEY,
    );
    expect(req.url).toBe(SENDGRID_SEND_URL);
    expect(req.headers).toEqual({ Authorization: `Bearer ${KEY}` });
    expect(req.payload).not.toContain(KEY);
    expect(JSON.parse(req.payload)).toEqual({
      personalizations: [
        {
          to: [{ email: 'ann@client.example' }],
          custom_args: { churnguard_ref: 'cmp-abcd/ann@client.example' },
          headers: { 'X-ChurnGuard-Ref': 'cmp-abcd/ann@client.example' },
        },
      ],
      from: { email: 'team@nimbus.example', name: 'Nimbus team' },
      subject: 'Hi',
      content: [
        { type: 'text/plain', value: 'Hi' },
        { type: 'text/html', value: '<p>Hi</p>' },
      ],
    });
  });
});

describe('what an answer means', () => {
  it.each([
    [202, 'accepted'],
    [200, 'accepted'],
    [429, 'rate-limited'],
    [500, 'server-error'],
    [503, 'server-error'],
    [401, 'stop'],
    [403, 'stop'],
    [404, 'stop'],
    [413, 'reject'],
  ])('%i → %s', (code, kind) => {
    expect(classifyAnswer(answer(code), NOW).kind).toBe(kind);
  });

  it('a 400 about the recipient rejects that email; any other 400 stops the campaign', () => {
    const bad = errors({
      message: 'Does not contain a valid address.',
      field: 'personalizations.0.to.0.email',
    });
    expect(classifyAnswer(answer(400, bad), NOW)).toMatchObject({ kind: 'reject' });
    const from = errors({
      message: 'The from address does not match a verified Sender Identity.',
      field: 'from',
    });
    expect(classifyAnswer(answer(400, from), NOW)).toMatchObject({
      kind: 'stop',
      reason: expect.stringContaining('from: The from address does not match'),
    });
    expect(classifyAnswer(answer(400, 'not json'), NOW).kind).toBe('stop');
  });

  it('keeps the 202 X-Message-Id, whatever the header case', () => {
    expect(classifyAnswer(answer(202, '', { 'x-message-id': 'abc123' }), NOW)).toEqual({
      kind: 'accepted',
      messageId: 'abc123',
    });
  });

  it('Retry-After in seconds or as a date, else X-RateLimit-Reset, else unknown', () => {
    expect(retryAfterMs(answer(429, '', { 'Retry-After': '30' }), NOW)).toBe(30_000);
    expect(retryAfterMs(answer(429, '', { 'retry-after': 'Thu, 03 Dec 2026 10:02:00 GMT' }), NOW)).toBe(
      120_000,
    );
    expect(retryAfterMs(answer(429, '', { 'X-RateLimit-Reset': String(NOW / 1000 + 45) }), NOW)).toBe(45_000);
    expect(retryAfterMs(answer(429), NOW)).toBeNull();
  });
});

describe('the key is never shown', () => {
  it('redact replaces every occurrence; maskKey keeps only the last four', () => {
    expect(redact(`bad key ${KEY} (${KEY})`, KEY)).toBe('bad key [API key] ([API key])');
    expect(maskKey(KEY)).toBe('••••DEFG');
    expect(maskKey(KEY)).not.toContain(KEY.slice(0, 8));
  });
});
