/**
 * UTF-8 and base64url for the unsubscribe token, in plain ECMAScript: Apps Script's V8 has no
 * TextEncoder or Buffer, and a call to Utilities per encode would cost a service call for what is
 * arithmetic. Bytes may arrive signed (-128..127, as Apps Script hands Java bytes over); `& 0xff`
 * makes them unsigned before use.
 */

export function utf8Bytes(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

/** Decodes UTF-8, or null on a malformed sequence (a token cut or edited by hand). */
export function utf8Text(bytes: readonly number[]): string | null {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]! & 0xff;
    const extra = b < 0x80 ? 0 : b >= 0xf0 && b < 0xf8 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : -1;
    if (extra < 0 || i + extra >= bytes.length) return null;
    let cp = extra === 0 ? b : b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k]! & 0xff;
      if ((c & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (c & 63);
    }
    out += String.fromCodePoint(cp);
    i += extra + 1;
  }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding (RFC 4648 §5): safe in a URL query without further escaping. */
export function base64Url(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]! & 0xff;
    const b = i + 1 < bytes.length ? bytes[i + 1]! & 0xff : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! & 0xff : 0;
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
    if (i + 1 < bytes.length) out += ALPHABET[(n >> 6) & 63]!;
    if (i + 2 < bytes.length) out += ALPHABET[n & 63]!;
  }
  return out;
}

/** Decodes unpadded base64url, or null if it holds any other character or an impossible length. */
export function fromBase64Url(text: string): number[] | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 4) {
    const chunk = text.slice(i, i + 4);
    const n =
      [...chunk].reduce((acc, ch) => (acc << 6) | ALPHABET.indexOf(ch), 0) << (6 * (4 - chunk.length));
    out.push((n >> 16) & 0xff);
    if (chunk.length > 2) out.push((n >> 8) & 0xff);
    if (chunk.length > 3) out.push(n & 0xff);
  }
  // Only the canonical spelling: a last character whose unused low bits are set decodes to the same
  // bytes, so without this check two different links would carry one signature (and a "forged" link
  // that changes only those bits would verify).
  return base64Url(out) === text ? out : null;
}

/**
 * Compares two byte strings in time that depends only on their lengths, not on where they first
 * differ, so response timing cannot be used to guess a signature byte by byte.
 */
export function constantTimeEqual(a: readonly number[], b: readonly number[]): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= ((a[i] ?? 0) & 0xff) ^ ((b[i] ?? 0) & 0xff);
  return diff === 0;
}
