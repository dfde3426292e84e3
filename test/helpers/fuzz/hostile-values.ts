/**
 * Hostile cell values, headers and whole sheets: what a user's spreadsheet or a stranger's email can
 * put in front of ChurnGuard. Unicode of every kind, control characters, every formula prefix, emails
 * broken in the ways people break them, huge cells, and headers that repeat or mean nothing.
 */
import { HEADER_SYNONYMS } from '../../../src/core/sheet/columns';
import { toCsv } from '../../../src/local/table/csv';
import type { Random } from './random';

const FORMULA_PREFIXES = ['=', '+', '-', '@', '\t', '\r', "'=", "''+"];
const WEIRD_TEXT = [
  'Ørsted 🌊',
  'İPTAL ıptal',
  'отмена',
  '<script>alert(1)</script>',
  '"quoted", with comma',
  'line\nbreak',
  'cr\r\nlf',
  '\u200b\u200d\ufeff',
  '\u202eevil\u202c',
  '\u0000\u0001\u0007\u001b[31m',
  '#N/A',
  '#REF!',
  'Loading...',
  'n/a',
  '-',
  '—',
  '  ',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '1.200,50 €',
  '$1,200.50',
  '12%',
  '31/02/2026',
  '2026-13-45',
  '05/03/2024',
  'TRUE',
  'ja',
  '{{First name',
  '}}',
  '{{ }}',
  '%E0%A4%A',
  '../../etc/passwd',
  '\\u0000',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'ﷺ',
  'a\u0301\u0301\u0301',
];
const EMAILS = [
  'ann@x.example',
  'Ann@X.Example ',
  'john smith@acme.com',
  'ann@x.example\u200b',
  '\u200b',
  'Ann <ann@x.example>',
  'mailto:ann@x.example',
  'a@x.example; b@x.example',
  'a@x.example, b c@x.example',
  'not an email',
  '@x.example',
  'a@',
  'a@x',
  '=HYPERLINK("http://evil.example","a@x.example")',
  '+a@x.example',
  '-a@x.example',
  '@a@x.example',
  'a@x.example.',
  'ann@x.example\u00a0',
  '',
];

/** One hostile cell: text, a number, a boolean or a date, sometimes huge. */
export function hostileCell(r: Random): unknown {
  const roll = r.next();
  if (roll < 0.15) return r.int(2) ? r.int(100000) - 5000 : r.next() * 1e6 - 1000;
  if (roll < 0.2) return r.chance(0.5);
  if (roll < 0.25) return new Date(Date.UTC(1990 + r.int(50), r.int(12), 1 + r.int(28)));
  if (roll < 0.45) return r.pick(FORMULA_PREFIXES) + r.pick(WEIRD_TEXT);
  if (roll < 0.5) return r.pick(WEIRD_TEXT).repeat(1 + r.int(r.chance(0.1) ? 3000 : 5));
  if (roll < 0.55) return randomUnicode(r, 1 + r.int(30));
  return r.pick(WEIRD_TEXT);
}

export function hostileEmail(r: Random, i: number): string {
  if (r.chance(0.55)) return `c${i}@x${r.int(5)}.example`;
  return r.pick(EMAILS);
}

/** Any code point, surrogates and private use included: what a paste from anywhere can hold. */
export function randomUnicode(r: Random, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    const roll = r.next();
    const cp =
      roll < 0.3
        ? r.int(0x80)
        : roll < 0.6
          ? r.int(0x3000)
          : roll < 0.9
            ? r.int(0xffff)
            : 0x10000 + r.int(0xfffff);
    s += String.fromCodePoint(cp);
  }
  return s;
}

const KNOWN_HEADERS = Object.values(HEADER_SYNONYMS).flat();

/** Headers: real ones in any spelling, repeated ones, blanks, formula-looking and random ones. */
export function hostileHeaders(r: Random): string[] {
  const headers = ['Email'];
  const n = r.int(10);
  for (let i = 0; i < n; i++) {
    const roll = r.next();
    if (roll < 0.55) headers.push(r.pick(KNOWN_HEADERS));
    else if (roll < 0.65) headers.push(r.pick(headers));
    else if (roll < 0.72) headers.push('');
    else if (roll < 0.8) headers.push(r.pick(FORMULA_PREFIXES) + 'Header');
    else headers.push(r.chance(0.5) ? r.pick(WEIRD_TEXT) : randomUnicode(r, 1 + r.int(12)));
  }
  // Shuffle, so the Email column is anywhere; now and then drop it or double it.
  for (let i = headers.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [headers[i], headers[j]] = [headers[j]!, headers[i]!];
  }
  if (r.chance(0.05)) headers.splice(headers.indexOf('Email'), 1, 'Mail?');
  if (r.chance(0.08)) headers.push(r.pick(['Email', 'E-mail', 'email ']));
  return headers;
}

export interface HostileSheet {
  headers: string[];
  rows: unknown[][];
}

/** A customer tab: hostile headers, 0-12 rows of hostile cells, emails where the Email column is. */
export function hostileSheet(r: Random): HostileSheet {
  const headers = hostileHeaders(r);
  const rows = Array.from({ length: r.int(13) }, (_, i) =>
    headers.map((h) => (/mail/i.test(h) ? hostileEmail(r, i) : r.chance(0.15) ? '' : hostileCell(r))),
  );
  return { headers, rows };
}

/** The sheet as a user's CSV file: raw text as typed, formula-looking cells unguarded. */
export function hostileCsv(sheet: HostileSheet, r: Random): string {
  const text = toCsv([sheet.headers, ...sheet.rows], {
    delimiter: r.chance(0.15) ? ';' : ',',
    lineEnding: r.chance(0.5) ? '\r\n' : '\n',
    bom: r.chance(0.2),
  });
  // Now and then a broken file: an unterminated quote or a ragged row.
  if (r.chance(0.05)) return `${text}"unterminated,${r.pick(WEIRD_TEXT)}`;
  if (r.chance(0.05)) return `${text}a@x.example,1,2,3,4,5,6,7,8,9,10,11,12\n`;
  return text;
}
