/**
 * Utilities: formatDate (a faithful subset of Java's SimpleDateFormat, with real time zones via
 * Intl), getUuid, sleep (spends fake time, at most 5 minutes a call as documented), base64 and
 * computeDigest returning signed bytes (-128..127) as Apps Script's Java bytes arrive in JavaScript.
 */
import * as crypto from 'node:crypto';
import type { UtilitiesLike } from '../../gas/services';
import { AppsScriptError, GAS_ERRORS, describeArgs } from './errors';
import { enumValue } from './enum-value';
import { zonedParts } from './time-zone';
import type { ServiceEnv } from './world';

type DigestAlgorithm = GoogleAppsScript.Utilities.DigestAlgorithm;
type Charset = GoogleAppsScript.Utilities.Charset;

const DIGESTS = {
  MD2: null,
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};
export const DigestAlgorithm = Object.fromEntries(
  Object.keys(DIGESTS).map((k) => [k, enumValue<DigestAlgorithm>(k)]),
) as Record<keyof typeof DIGESTS, DigestAlgorithm>;
export const Charset = {
  US_ASCII: enumValue<Charset>('US_ASCII'),
  UTF_8: enumValue<Charset>('UTF_8'),
};

/** "The maximum allowed value is 300000 (or 5 minutes)" (Utilities.sleep reference). */
export const MAX_SLEEP_MS = 300_000;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');

function offset(minutes: number, style: 'Z' | 'X' | 'XX' | 'XXX'): string {
  if (minutes === 0 && style !== 'Z') return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const h = pad(Math.floor(Math.abs(minutes) / 60), 2);
  const m = pad(Math.abs(minutes) % 60, 2);
  if (style === 'X') return `${sign}${h}`;
  if (style === 'XXX') return `${sign}${h}:${m}`;
  return `${sign}${h}${m}`;
}

function zoneName(ms: number, timeZone: string, long: boolean): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: long ? 'long' : 'short' })
      .formatToParts(new Date(ms))
      .find((p) => p.type === 'timeZoneName');
    if (part) return part.value;
  } catch {
    // unknown zone: Java falls back to GMT
  }
  return long ? 'Greenwich Mean Time' : 'GMT';
}

/**
 * Utilities.formatDate(date, timeZone, pattern). Letters: G y Y M L d D E u a H k K h m s S z Z X;
 * 'quoted text' and '' for a quote; any other ASCII letter throws, as Java does. An unknown time zone
 * ID formats in GMT, as Java's TimeZone does. Names are English (Apps Script formats in en_US).
 * Known gap: 'z' gives Intl's short name ("GMT+1" where Java says "CET").
 */
export function formatDate(
  date: Date | GoogleAppsScript.Base.Date,
  timeZone: string,
  pattern: string,
): string {
  const ms = (date as Date).getTime();
  if (!Number.isFinite(ms)) throw new AppsScriptError(GAS_ERRORS.invalidArgument('date'));
  const z = zonedParts(ms, String(timeZone));
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      while (j < pattern.length) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j];
        j++;
      }
      out += text;
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    const h12 = z.hour % 12 === 0 ? 12 : z.hour % 12;
    switch (ch) {
      case 'G':
        out += z.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y':
        out += n === 2 ? pad(z.year % 100, 2) : pad(z.year, n);
        break;
      case 'M':
      case 'L':
        out +=
          n >= 4
            ? (MONTHS[z.month - 1] as string)
            : n === 3
              ? (MONTHS[z.month - 1] as string).slice(0, 3)
              : pad(z.month, n);
        break;
      case 'd':
        out += pad(z.day, n);
        break;
      case 'D': {
        const dayOfYear =
          Math.round((Date.UTC(z.year, z.month - 1, z.day) - Date.UTC(z.year, 0, 1)) / 86_400_000) + 1;
        out += pad(dayOfYear, n);
        break;
      }
      case 'E':
        out += n >= 4 ? (DAYS[z.weekday] as string) : (DAYS[z.weekday] as string).slice(0, 3);
        break;
      case 'u':
        out += pad(z.weekday === 0 ? 7 : z.weekday, n);
        break;
      case 'a':
        out += z.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(z.hour, n);
        break;
      case 'k':
        out += pad(z.hour === 0 ? 24 : z.hour, n);
        break;
      case 'K':
        out += pad(z.hour % 12, n);
        break;
      case 'h':
        out += pad(h12, n);
        break;
      case 'm':
        out += pad(z.minute, n);
        break;
      case 's':
        out += pad(z.second, n);
        break;
      case 'S':
        out += pad(z.millisecond, n);
        break;
      case 'z':
        out += zoneName(ms, String(timeZone), n >= 4);
        break;
      case 'Z':
        out += offset(z.offsetMinutes, 'Z');
        break;
      case 'X':
        out += offset(z.offsetMinutes, n === 1 ? 'X' : n === 2 ? 'XX' : 'XXX');
        break;
      default:
        throw new AppsScriptError(GAS_ERRORS.illegalPatternChar(ch));
    }
  }
  return out;
}

const toSigned = (buf: Buffer): number[] => [...buf].map((b) => (b > 127 ? b - 256 : b));

function encode(text: string, charset: Charset | undefined): Buffer {
  // Java replaces what US-ASCII cannot encode with '?'.
  if (charset === Charset.US_ASCII)
    return Buffer.from([...text].map((c) => (c.charCodeAt(0) < 128 ? c : '?')).join(''), 'latin1');
  return Buffer.from(text, 'utf8');
}

export class UtilitiesStandin implements UtilitiesLike {
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly Charset = Charset;

  constructor(private readonly env: ServiceEnv) {}

  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    this.env.call('Utilities.formatDate');
    if (
      typeof (date as Date)?.getTime !== 'function' ||
      typeof timeZone !== 'string' ||
      typeof format !== 'string'
    ) {
      throw new AppsScriptError(
        GAS_ERRORS.signature(describeArgs([date, timeZone, format]), 'Utilities.formatDate'),
      );
    }
    return formatDate(date, timeZone, format);
  }

  /** Only what the BigQuery load upload reads (the stand-in's Jobs.insert): the text back. */
  newBlob(
    data: string,
    contentType?: string,
    name?: string,
  ): { getDataAsString(): string; getContentType(): string | null; getName(): string | null } {
    this.env.call('Utilities.newBlob');
    const text = String(data);
    return {
      getDataAsString: () => text,
      getContentType: () => contentType ?? null,
      getName: () => name ?? null,
    };
  }

  getUuid(): string {
    this.env.call('Utilities.getUuid');
    return crypto.randomUUID();
  }

  /** Spends `milliseconds` of fake time (counting toward the execution's budget). */
  sleep(milliseconds: number): void {
    this.env.call('Utilities.sleep');
    const ms = Number(milliseconds);
    if (!(ms >= 0)) throw new AppsScriptError(GAS_ERRORS.invalidArgument('milliseconds'));
    if (ms > MAX_SLEEP_MS) throw new AppsScriptError(GAS_ERRORS.sleepTooLong);
    this.env.world.clock.advance(ms);
  }

  base64Encode(data: string | number[], charset?: Charset): string {
    this.env.call('Utilities.base64Encode');
    const bytes = Array.isArray(data)
      ? Buffer.from(data.map((b) => b & 0xff))
      : encode(String(data), charset);
    return bytes.toString('base64');
  }

  base64Decode(encoded: string, _charset?: Charset): number[] {
    this.env.call('Utilities.base64Decode');
    return toSigned(Buffer.from(String(encoded), 'base64'));
  }

  /**
   * HMAC-SHA256 of value under key: both strings (UTF-8, or the charset given) or both byte arrays,
   * as the reference's overloads; anything else is the signature error Apps Script raises.
   */
  computeHmacSha256Signature(value: string | number[], key: string | number[], charset?: Charset): number[] {
    this.env.call('Utilities.computeHmacSha256Signature');
    const bytes = Array.isArray(value) && Array.isArray(key);
    const text = typeof value === 'string' && typeof key === 'string';
    if (!bytes && !text)
      throw new AppsScriptError(
        GAS_ERRORS.signature(describeArgs([value, key]), 'Utilities.computeHmacSha256Signature'),
      );
    const raw = (v: string | number[]) =>
      Array.isArray(v) ? Buffer.from(v.map((b) => b & 0xff)) : encode(String(v), charset);
    return toSigned(crypto.createHmac('sha256', raw(key)).update(raw(value)).digest());
  }

  computeDigest(algorithm: DigestAlgorithm, value: string, charset?: Charset): number[] {
    this.env.call('Utilities.computeDigest');
    const name = Object.entries(DigestAlgorithm).find(([, v]) => v === algorithm)?.[0] as
      keyof typeof DIGESTS | undefined;
    const node = name ? DIGESTS[name] : undefined;
    if (!node) {
      throw new AppsScriptError(
        GAS_ERRORS.signature(describeArgs([algorithm, value]), 'Utilities.computeDigest'),
      );
    }
    return toSigned(
      crypto
        .createHash(node)
        .update(encode(String(value), charset))
        .digest(),
    );
  }
}
