/**
 * Building batched Mail Send requests against SendGrid's documented limits: one personalization per
 * email with its own subject, headers, custom_args and body (as substitutions), at most 1,000 a
 * request, each address once, bodies past the 50,000-byte substitution limit alone, the request
 * under 30 MB, and which recipients a 400 blamed.
 */
import type { OutgoingEmail } from '../../../src/core/campaigns/runner';
import {
  blamedPersonalizations,
  CAMPAIGN_ARG,
  fitsSubstitution,
  HTML_TAG,
  planRequests,
  RECIPIENT_ARG,
  recipientTag,
  SENDGRID_LIMITS,
  TEXT_TAG,
  utf8Bytes,
} from '../../../src/core/email/sendgrid-batch';

const FROM = { fromEmail: 'team@nimbus.example', fromName: 'Nimbus' };
const KEY = 'SG.abcdefgh.ijklmnop';

const email = (i: number, over: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  to: `r${i}@client.example`,
  subject: `We miss you, R${i}`,
  textBody: `Hi R${i}, come back.`,
  htmlBody: `<p>Hi R${i}, <b>come back</b>.</p>`,
  reference: `cmp-1/r${i}@client.example`,
  unsubscribeUrl: `https://script.google.com/macros/s/x/exec?t=${i}`,
  ...over,
});

interface Body {
  personalizations: {
    to: { email: string }[];
    subject: string;
    headers?: Record<string, string>;
    custom_args: Record<string, string>;
    substitutions?: Record<string, string>;
  }[];
  from: { email: string; name?: string };
  content: { type: string; value: string }[];
}
const parse = (payload: string) => JSON.parse(payload) as Body;
const all = (emails: OutgoingEmail[]) =>
  planRequests(
    emails,
    emails.map((_, i) => i),
    FROM,
    KEY,
  );

/** What each recipient receives, as SendGrid substitutes (one pass over the content). */
function delivered(body: Body) {
  return body.personalizations.map((p) => {
    const subs = p.substitutions ?? {};
    const sub = (text: string) =>
      Object.keys(subs).length
        ? text.replace(new RegExp(`${TEXT_TAG}|${HTML_TAG}`, 'g'), (m) => subs[m] ?? m)
        : text;
    return {
      to: p.to[0]!.email,
      subject: p.subject,
      text: sub(body.content[0]!.value),
      html: sub(body.content[1]!.value),
    };
  });
}

describe('planRequests', () => {
  it('puts emails in one request, each recipient with its own subject, body, headers and custom_args', () => {
    const emails = [0, 1, 2].map((i) => email(i));
    const planned = all(emails);
    expect(planned.map((p) => p.indexes)).toEqual([[0, 1, 2]]);
    const request = planned[0]!.request;
    expect(request).toMatchObject({
      url: 'https://api.sendgrid.com/v3/mail/send',
      method: 'post',
      headers: { Authorization: `Bearer ${KEY}` },
    });
    const body = parse(request.payload);
    expect(body.from).toEqual({ email: 'team@nimbus.example', name: 'Nimbus' });
    // text/plain first, as the docs require.
    expect(body.content.map((c) => c.type)).toEqual(['text/plain', 'text/html']);
    expect(delivered(body)).toEqual(
      emails.map((e) => ({ to: e.to, subject: e.subject, text: e.textBody, html: e.htmlBody })),
    );
    expect(body.personalizations[1]!.headers).toEqual({
      'X-ChurnGuard-Ref': 'cmp-1/r1@client.example',
      'List-Unsubscribe': '<https://script.google.com/macros/s/x/exec?t=1>',
    });
    expect(body.personalizations[1]!.custom_args).toEqual({
      [CAMPAIGN_ARG]: 'cmp-1',
      [RECIPIENT_ARG]: recipientTag('r1@client.example'),
    });
  });

  it('keeps addresses out of custom_args (SendGrid stores them as "Not PII")', () => {
    const body = parse(all([email(7)])[0]!.request.payload);
    expect(JSON.stringify(body.personalizations[0]!.custom_args)).not.toContain('@');
    expect(recipientTag('a@x.example')).not.toBe(recipientTag('b@x.example'));
  });

  it('splits at 1,000 personalizations a request', () => {
    const emails = Array.from({ length: 2_500 }, (_, i) => email(i, { textBody: 'x', htmlBody: 'y' }));
    const planned = all(emails);
    expect(planned.map((p) => p.indexes.length)).toEqual([1_000, 1_000, 500]);
    expect(planned.flatMap((p) => p.indexes)).toEqual(emails.map((_, i) => i));
    for (const p of planned) expect(parse(p.request.payload).personalizations).toHaveLength(p.indexes.length);
  });

  it('sends a body past the 50,000-byte substitution limit alone, as the content', () => {
    const big = email(1, { htmlBody: `<p>${'é'.repeat(25_000)}</p>` });
    expect(fitsSubstitution(big)).toBe(false);
    const planned = all([email(0), big, email(2)]);
    expect(planned.map((p) => p.indexes).sort()).toEqual([[0, 2], [1]]);
    const alone = parse(planned.find((p) => p.indexes[0] === 1)!.request.payload);
    expect(alone.personalizations[0]!.substitutions).toBeUndefined();
    expect(alone.content[1]!.value).toBe(big.htmlBody);
    // Just under the limit still shares a request.
    const fits = email(3, { textBody: '', htmlBody: 'a'.repeat(50_000 - utf8Bytes(TEXT_TAG + HTML_TAG)) });
    expect(fitsSubstitution(fits)).toBe(true);
  });

  it('sends an email whose own text holds a substitution tag alone (SendGrid would replace it there too)', () => {
    const odd = email(1, { textBody: `literally ${TEXT_TAG}` });
    const planned = all([email(0), odd]);
    expect(planned.map((p) => p.indexes).sort()).toEqual([[0], [1]]);
    const alone = planned.find((p) => p.indexes[0] === 1)!;
    expect(delivered(parse(alone.request.payload))[0]!.text).toBe(odd.textBody);
  });

  it('never puts one address twice in a request, nor different From names together', () => {
    const planned = all([
      email(0),
      email(1),
      email(0, { subject: 'again' }),
      email(2, { name: 'Ann at Nimbus' }),
    ]);
    for (const p of planned) {
      const to = parse(p.request.payload).personalizations.map((x) => x.to[0]!.email.toLowerCase());
      expect(new Set(to).size).toBe(to.length);
    }
    const named = planned.find((p) => p.indexes.includes(3))!;
    expect(named.indexes).toEqual([3]);
    expect(parse(named.request.payload).from.name).toBe('Ann at Nimbus');
    expect(planned.flatMap((p) => p.indexes).sort()).toEqual([0, 1, 2, 3]);
  });

  it('keeps every request under the size ceiling (SendGrid: 30 MB)', () => {
    const body = 'z'.repeat(45_000);
    const emails = Array.from({ length: 1_000 }, (_, i) => email(i, { textBody: body, htmlBody: 'h' }));
    const planned = all(emails);
    expect(planned.length).toBeGreaterThan(1);
    for (const p of planned)
      expect(utf8Bytes(p.request.payload)).toBeLessThanOrEqual(SENDGRID_LIMITS.requestBytes);
    expect(planned.flatMap((p) => p.indexes)).toHaveLength(1_000);
  });

  it('plans only the indexes asked for (the rest after a 400)', () => {
    const emails = [0, 1, 2, 3].map((i) => email(i));
    const planned = planRequests(emails, [1, 3], FROM, KEY);
    expect(planned.map((p) => p.indexes)).toEqual([[1, 3]]);
    expect(delivered(parse(planned[0]!.request.payload)).map((d) => d.to)).toEqual([
      emails[1]!.to,
      emails[3]!.to,
    ]);
    expect(planRequests(emails, [], FROM, KEY)).toEqual([]);
  });
});

describe('blamedPersonalizations', () => {
  it('names each blamed recipient by position with the provider words', () => {
    const blamed = blamedPersonalizations(
      [
        { field: 'personalizations.2.to.0.email', message: 'Does not contain a valid address.' },
        { field: 'personalizations.0', message: 'Each unique email address ... more than once.' },
      ],
      3,
    );
    expect([...blamed!.entries()]).toEqual([
      [2, 'personalizations.2.to.0.email: Does not contain a valid address.'],
      [0, 'personalizations.0: Each unique email address ... more than once.'],
    ]);
  });

  it('is null when any error is about the whole request, or names no personalization of it', () => {
    expect(blamedPersonalizations([{ field: 'from.email', message: 'bad from' }], 3)).toBeNull();
    expect(
      blamedPersonalizations(
        [
          { field: 'personalizations.1.to.0.email', message: 'x' },
          { field: null, message: 'Bad Request' },
        ],
        3,
      ),
    ).toBeNull();
    expect(blamedPersonalizations([{ field: 'personalizations.5.to', message: 'x' }], 3)).toBeNull();
    expect(blamedPersonalizations([], 3)).toBeNull();
  });
});

describe('utf8Bytes', () => {
  it('counts as UTF-8 does', () => {
    for (const s of ['', 'abc', 'é', '€', '😀', 'a😀é€'])
      expect(utf8Bytes(s)).toBe(Buffer.byteLength(s, 'utf8'));
  });
});
