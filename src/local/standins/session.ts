/** Session and Utilities: who is running, and the helpers Apps Script offers in place of Node's. */
import * as crypto from 'node:crypto';
import type { ServiceEnv } from './world';

export function createSession(env: ServiceEnv) {
  return {
    getActiveUser: () => ({ getEmail: () => env.execution.user }),
    getEffectiveUser: () => ({ getEmail: () => env.execution.user }),
    getScriptTimeZone: () => env.world.scriptTimeZone,
    getActiveUserLocale: () => 'en',
  };
}

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SHORT_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A faithful subset of SimpleDateFormat, as Utilities.formatDate takes it, with real time zones. */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
  }).formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const y = Number(get('year'));
  const M = Number(get('month'));
  const d = Number(get('day'));
  const H = Number(get('hour')) % 24;
  const m = Number(get('minute'));
  const s = Number(get('second'));
  const local = Date.UTC(y, M - 1, d, H, m, s);
  const offsetMin = Math.round((local - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const tokens: Record<string, () => string> = {
    yyyy: () => String(y),
    yy: () => p2(y % 100),
    MMMM: () =>
      new Date(Date.UTC(2000, M - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' }),
    MMM: () => SHORT_MONTHS[M - 1] ?? '',
    MM: () => p2(M),
    M: () => String(M),
    dd: () => p2(d),
    d: () => String(d),
    HH: () => p2(H),
    H: () => String(H),
    mm: () => p2(m),
    ss: () => p2(s),
    EEE: () => SHORT_DAYS[new Date(Date.UTC(y, M - 1, d)).getUTCDay()] ?? get('weekday'),
    XXX: () => (offsetMin === 0 ? 'Z' : `${sign}${p2(Math.floor(abs / 60))}:${p2(abs % 60)}`),
    Z: () => `${sign}${p2(Math.floor(abs / 60))}${p2(abs % 60)}`,
  };
  const order = ['yyyy', 'yy', 'MMMM', 'MMM', 'MM', 'M', 'dd', 'd', 'HH', 'H', 'mm', 'ss', 'EEE', 'XXX', 'Z'];
  let out = '';
  for (let i = 0; i < pattern.length;) {
    if (pattern[i] === "'") {
      const end = pattern.indexOf("'", i + 1);
      out += end === i + 1 ? "'" : pattern.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    const token = order.find((t) => pattern.startsWith(t, i));
    if (token) {
      out += (tokens[token] as () => string)();
      i += token.length;
    } else {
      out += pattern[i];
      i++;
    }
  }
  return out;
}

export function createUtilities(env: ServiceEnv) {
  const toSigned = (buf: Buffer) => [...buf].map((b) => (b > 127 ? b - 256 : b));
  return {
    DigestAlgorithm: { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256' },
    Charset: { UTF_8: 'utf8' },
    formatDate: (date: Date, timeZone: string, pattern: string) => formatDate(date, timeZone, pattern),
    getUuid: () => crypto.randomUUID(),
    sleep(ms: number) {
      env.hit('Utilities.sleep');
      env.world.clock.advance(ms);
    },
    base64Encode: (data: string) => Buffer.from(data, 'utf8').toString('base64'),
    base64Decode: (data: string) => toSigned(Buffer.from(data, 'base64')),
    computeDigest: (algorithm: string, value: string) =>
      toSigned(crypto.createHash(algorithm).update(value, 'utf8').digest()),
  };
}
