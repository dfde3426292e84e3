import { createHmac } from 'node:crypto';
import {
  base64Url,
  constantTimeEqual,
  fromBase64Url,
  utf8Bytes,
  utf8Text,
} from '../../../src/core/unsubscribe/bytes';
import {
  makeToken,
  readToken,
  signatureMatches,
  type UnsubscribeClaim,
} from '../../../src/core/unsubscribe/token';

/** Node's HMAC, returned as Apps Script returns bytes: signed, -128..127. */
const hmac = (message: string, key: string) =>
  [...createHmac('sha256', key).update(message, 'utf8').digest()].map((b) => (b > 127 ? b - 256 : b));
const SECRET = 'a'.repeat(24) + 'secret-of-sheet-one-0123456789';
const OTHER = 'b'.repeat(24) + 'secret-of-sheet-two-0123456789';
const claim: UnsubscribeClaim = {
  sheetId: '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdef',
  campaignId: 'cmp-20261120-0900-ab12',
  email: 'Aigerim@Hotel.KZ',
  lang: 'kk',
};

const verify = (token: string, secrets = [SECRET]) => {
  const read = readToken(token);
  return read.ok && signatureMatches(read.claim, read.signature, secrets, hmac);
};

/** The token with its claim replaced but the original signature kept: what a tamperer can do. */
function tampered(token: string, change: Partial<UnsubscribeClaim>): string {
  const read = readToken(token);
  if (!read.ok) throw new Error('unreadable');
  const c = { ...read.claim, ...change };
  const body = base64Url(utf8Bytes(JSON.stringify([c.sheetId, c.campaignId, c.email, c.lang])));
  return `${body}.${token.split('.')[1]}`;
}

describe('unsubscribe token', () => {
  it('verifies a token made with the sheet secret and reads back its claim (address normalised)', () => {
    const token = makeToken(claim, SECRET, hmac);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verify(token)).toBe(true);
    const read = readToken(token);
    expect(read.ok && read.claim).toEqual({ ...claim, email: 'aigerim@hotel.kz' });
  });

  it('refuses a token signed with another secret (forged), and accepts the previous secret during a rotation', () => {
    const forged = makeToken(claim, OTHER, hmac);
    expect(verify(forged)).toBe(false);
    expect(verify(forged, [SECRET, OTHER])).toBe(true);
    expect(verify(makeToken(claim, SECRET, hmac), [])).toBe(false);
  });

  it.each([
    ['another address', { email: 'someone.else@hotel.kz' }],
    ['another campaign', { campaignId: 'cmp-20261121-0900-zz99' }],
    ['another sheet', { sheetId: '1ZZZdEfGhIjKlMnOpQrStUvWxYz0123456789abcdef' }],
    ['another language', { lang: 'en' }],
  ])('refuses a valid token edited to name %s', (_what, change) => {
    const token = makeToken(claim, SECRET, hmac);
    expect(verify(tampered(token, change))).toBe(false);
  });

  it('refuses a random signature and malformed tokens without throwing', () => {
    const [body] = makeToken(claim, SECRET, hmac).split('.');
    expect(verify(`${body}.${base64Url(Array.from({ length: 32 }, (_, i) => i))}`)).toBe(false);
    for (const bad of [
      '',
      'x',
      'a.b.c',
      `${body}`,
      `${body}.***`,
      '!!.!!',
      `${'A'.repeat(2000)}.AA`,
      'e30.AA',
    ])
      expect(readToken(bad).ok).toBe(false);
    expect(readToken(undefined).ok).toBe(false);
    expect(readToken(['a.b']).ok).toBe(false);
  });

  it('compares signatures on every byte, whatever their sign', () => {
    expect(constantTimeEqual([1, -1, 127], [1, 255, 127])).toBe(true);
    expect(constantTimeEqual([1, 2, 3], [1, 2, 4])).toBe(false);
    expect(constantTimeEqual([1, 2, 3], [1, 2, 3, 0])).toBe(false);
    expect(constantTimeEqual([], [])).toBe(true);
  });

  it('encodes UTF-8 and base64url exactly as Node does, Kazakh and Turkish letters included', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'Құрметпен, Әсел', 'İstanbul ığüşöç', '😀 emoji']) {
      const bytes = utf8Bytes(text);
      expect(bytes).toEqual([...Buffer.from(text, 'utf8')]);
      expect(base64Url(bytes)).toBe(Buffer.from(text, 'utf8').toString('base64url'));
      expect(utf8Text(fromBase64Url(base64Url(bytes))!)).toBe(text);
    }
    expect(utf8Text([0xc3])).toBeNull();
    expect(fromBase64Url('a')).toBeNull();
  });

  it('reads only the canonical base64url spelling, so a link differing in unused bits is not the same link', () => {
    // 32 bytes (an HMAC-SHA256) spell as 43 characters; the last one carries 4 bits and 2 unused ones.
    const signature = Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);
    const text = base64Url(signature);
    expect(fromBase64Url(text)).toEqual(signature);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(text.at(-1)!);
    for (const unused of [1, 2, 3]) {
      const variant = text.slice(0, -1) + alphabet[(last & ~3) | unused];
      expect(fromBase64Url(variant)).toBeNull();
    }
  });
});
