/**
 * Cell parsers: values as Sheets gives them (numbers, Dates, booleans, '') and as people type them,
 * read with the spreadsheet's locale ('en_US', 'de_DE', 'ru_RU', or a bare 'fr'). Each returns a
 * result with a specific reason instead of throwing, so one bad cell becomes an issue the user can
 * fix, never a failed read. Pure ECMAScript: this runs inside Apps Script as well as on Node.
 */
import { isValidEmail, normaliseEmail } from '../email/address';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

/** What Sheets shows in a cell whose formula failed, or whose data is still arriving. */
export const FORMULA_ERRORS = [
  '#N/A',
  '#REF!',
  '#VALUE!',
  '#DIV/0!',
  '#NAME?',
  '#NUM!',
  '#ERROR!',
  '#NULL!',
  '#SPILL!',
  '#CALC!',
  'Loading...',
] as const;

/** The formula error a cell shows ('#N/A', 'Loading...'), or null for any other value. */
export function formulaError(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const t = value.trim().toUpperCase();
  if (t === 'LOADING…') return 'Loading...';
  return FORMULA_ERRORS.find((e) => e.toUpperCase() === t) ?? null;
}

/** Dashes people type for "no value" (and accounting formats show for zero). */
const PLACEHOLDER = /^[-–—]$/;

/** Empty, whitespace-only, or a lone dash: the cell says nothing. */
export function isBlank(value: unknown): boolean {
  if (value === '' || value === null || value === undefined) return true;
  if (typeof value !== 'string') return false;
  const t = value.trim();
  return t === '' || PLACEHOLDER.test(t);
}

/** A value as a reason quotes it: text in quotes, numbers bare, dates as their day. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : isoDay(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Locales
// ---------------------------------------------------------------------------------------------

export interface LocaleFormat {
  /** The decimal separator Sheets uses for the locale. */
  decimal: '.' | ',';
  /** How the locale writes a numeric date with slashes or dashes. */
  dateOrder: 'DMY' | 'MDY' | 'YMD';
}

/** Languages whose numbers use a decimal comma (1.234,56 or 1 234,56). */
const DECIMAL_COMMA_LANGUAGES = new Set([
  'af',
  'az',
  'be',
  'bg',
  'bs',
  'ca',
  'cs',
  'da',
  'de',
  'el',
  'es',
  'et',
  'eu',
  'fi',
  'fo',
  'fr',
  'gl',
  'hr',
  'hu',
  'hy',
  'id',
  'is',
  'it',
  'ka',
  'kk',
  'ky',
  'lt',
  'lv',
  'mk',
  'mn',
  'nb',
  'nl',
  'nn',
  'no',
  'pl',
  'pt',
  'ro',
  'ru',
  'sk',
  'sl',
  'sq',
  'sr',
  'sv',
  'tr',
  'uk',
  'uz',
  'vi',
]);
/** Countries whose own convention overrides the language's. */
const DECIMAL_POINT_REGIONS = new Set([
  'CH',
  'LI',
  'MX',
  'US',
  'PR',
  'GT',
  'HN',
  'NI',
  'SV',
  'DO',
  'PA',
  'PE',
]);
const DECIMAL_COMMA_REGIONS = new Set(['ZA']);
/** Month-first numeric dates: the US and a few places that follow it. */
const MDY_LOCALES = new Set([
  'en_US',
  'en_PH',
  'en_AS',
  'en_GU',
  'en_UM',
  'en_VI',
  'es_US',
  'en_FM',
  'en_MH',
]);
/** Year-first numeric dates (2024/03/05). */
const YMD_LANGUAGES = new Set(['ja', 'zh', 'ko', 'hu', 'lt', 'mn']);

/** Reads 'de_DE', 'de-DE', 'de' and 'en_US_POSIX' alike; unknown or empty locales read as en_US. */
export function localeFormat(locale: string | undefined): LocaleFormat {
  const [lang = 'en', region = ''] = (locale || 'en_US').replace(/-/g, '_').split('_');
  const language = lang.toLowerCase();
  const country = region.toUpperCase();
  const comma = DECIMAL_COMMA_REGIONS.has(country)
    ? true
    : DECIMAL_POINT_REGIONS.has(country)
      ? false
      : DECIMAL_COMMA_LANGUAGES.has(language);
  const dateOrder =
    MDY_LOCALES.has(`${language}_${country}`) || (language === 'en' && country === '')
      ? 'MDY'
      : YMD_LANGUAGES.has(language)
        ? 'YMD'
        : 'DMY';
  return { decimal: comma ? ',' : '.', dateOrder };
}

// ---------------------------------------------------------------------------------------------
// Numbers and money
// ---------------------------------------------------------------------------------------------

/** Currency codes and abbreviations written next to amounts (symbols are caught as \p{Sc}). */
const CURRENCY_WORDS = new Set([
  'usd',
  'eur',
  'gbp',
  'chf',
  'jpy',
  'cny',
  'rmb',
  'inr',
  'brl',
  'cad',
  'aud',
  'nzd',
  'sgd',
  'hkd',
  'nok',
  'sek',
  'dkk',
  'isk',
  'pln',
  'czk',
  'huf',
  'ron',
  'bgn',
  'rub',
  'uah',
  'byn',
  'kzt',
  'try',
  'aed',
  'sar',
  'zar',
  'mxn',
  'kr',
  'kr.',
  'nkr',
  ',-',
  'zł',
  'kč',
  'ft',
  'lei',
  'r',
  'rs',
  'rs.',
  'руб',
  'руб.',
  'р',
  'р.',
  'тг',
  'тг.',
  'тңг',
  'tl',
  'грн',
  'грн.',
  'dollars',
  'euros',
  'euro',
]);

const SCALE: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, bn: 1e9 };

/** Strips currency words from either end: "kr 499", "499,90 kr", "1 200 руб.", "USD 5". */
function stripCurrencyWords(t: string): string {
  let s = t;
  for (let i = 0; i < 2; i++) {
    const lead = /^([\p{L}.,-]+)\s*(?=[\d(+\-−.,])/u.exec(s);
    if (lead && CURRENCY_WORDS.has(lead[1]!.toLowerCase())) s = s.slice(lead[0].length);
    const trail = /(?<=[\d)%.])\s*([\p{L}.,-]+)$/u.exec(s);
    if (trail && CURRENCY_WORDS.has(trail[1]!.toLowerCase())) s = s.slice(0, s.length - trail[0].length);
  }
  return s.trim();
}

/**
 * The digits-and-separators core of a number ("1,200.50", "1.200,50", "12,5") as a plain decimal
 * string, or null. One separator alone is read by the locale: "1,200" is twelve hundred in en_US and
 * 1.2 in de_DE; a separator followed by anything but three digits can only be a decimal mark.
 */
function plainDecimal(t: string, decimal: '.' | ','): string | null {
  if (/^\d+$/.test(t)) return t;
  if (/^\d*\.?\d+e[+-]?\d+$/i.test(t)) return t; // 1.2E+03
  const commas = (t.match(/,/g) ?? []).length;
  const dots = (t.match(/\./g) ?? []).length;
  if (commas + dots === 0) return null;
  const grouped = (sep: string, body: string) =>
    new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+$`).test(body) ||
    // Indian grouping: 1,00,000
    (sep === ',' && /^\d{1,2}(,\d{2})*,\d{3}$/.test(body));
  if (commas > 0 && dots > 0) {
    // Both appear: the last one is the decimal mark.
    const dec = t.lastIndexOf(',') > t.lastIndexOf('.') ? ',' : '.';
    const group = dec === ',' ? '.' : ',';
    const [whole = '', fraction = '', extra] = t.split(dec);
    if (extra !== undefined || !/^\d+$/.test(fraction) || !grouped(group, whole)) return null;
    return `${whole.split(group).join('')}.${fraction}`;
  }
  const sep = commas > 0 ? ',' : '.';
  const count = commas + dots;
  if (count > 1) return grouped(sep, t) ? t.split(sep).join('') : null;
  const [whole = '', fraction = ''] = t.split(sep);
  if (!/^\d*$/.test(whole) || !/^\d+$/.test(fraction)) return null;
  const couldGroup = /^\d{1,3}$/.test(whole) && fraction.length === 3;
  if (couldGroup && sep !== decimal) return `${whole}${fraction}`;
  return `${whole || '0'}.${fraction}`;
}

/**
 * Numbers and money as typed: "$1,200.50", "1.200,50 €", "1 200,50 ₽" (any kind of space), "(1,200)",
 * "-45", "12%" (→ 0.12, as Sheets stores percentages), "1.2k", "kr 499". Numbers pass through.
 */
export function parseNumber(value: unknown, locale = 'en_US'): Parsed<number> {
  if (typeof value === 'number')
    return Number.isFinite(value) ? ok(value) : fail(`not a number: ${showValue(value)}`);
  if (typeof value !== 'string') {
    if (value === null || value === undefined) return fail('empty');
    return fail(`not a number: ${value instanceof Date ? `the date ${showValue(value)}` : showValue(value)}`);
  }
  const err = formulaError(value);
  if (err) return fail(`formula error ${err}`);
  if (isBlank(value)) return fail('empty');
  const bad = () => fail(`not a number: ${showValue(value)}`);

  let t = value.trim().replace(/[\u2212\u2012\u2013]/g, '-');
  let negative = false;
  const parens = /^\((.*)\)$/.exec(t);
  if (parens) {
    negative = true;
    t = parens[1]!.trim();
  }
  t = t.replace(/\p{Sc}/gu, ' ').trim();
  t = stripCurrencyWords(t);
  const sign = /^([+-])\s*/.exec(t) ?? /\s*([+-])$/.exec(t);
  if (sign) {
    if (sign[1] === '-') negative = !negative;
    t = sign.index === 0 ? t.slice(sign[0].length) : t.slice(0, sign.index);
    t = stripCurrencyWords(t);
  }
  if (t === '') return fail('empty'); // "$ -": an accounting zero shown as a dash, or nothing
  let percent = false;
  if (/%$/.test(t)) {
    percent = true;
    t = t.slice(0, -1).trim();
  }
  let scale = 1;
  const suffix = /^(.*\d)\s*(k|K|M|mn|bn)$/.exec(t);
  if (suffix) {
    scale = SCALE[suffix[2]!.toLowerCase()] ?? 1;
    t = suffix[1]!;
  }
  // Thousands written with any space (incl. no-break U+00A0 and narrow no-break U+202F) or apostrophes.
  t = t.replace(/(?<=\d)[\s'’](?=\d{3}(?!\d))/g, '');
  if (/\s/.test(t)) return bad();
  const plain = plainDecimal(t, localeFormat(locale).decimal);
  if (plain === null) return bad();
  const n = Number(plain) * scale * (negative ? -1 : 1);
  if (!Number.isFinite(n)) return bad();
  return ok(percent ? n / 100 : n);
}

/** A whole number of 0 or more: ticket counts, overdue invoices, days late. */
export function parseCount(value: unknown, locale = 'en_US'): Parsed<number> {
  const n = parseNumber(value, locale);
  if (!n.ok) return n;
  if (!Number.isInteger(n.value) || n.value < 0)
    return fail(`must be a whole number of 0 or more, got ${showValue(value)}`);
  return n;
}

/** Months as a customer: a number, or "24 months", "2 years", "18 mo", "3 yrs". */
export function parseTenureMonths(value: unknown, locale = 'en_US'): Parsed<number> {
  if (typeof value === 'string') {
    const m = /^\s*([\d.,]+)\s*([\p{L}.]+)\s*$/u.exec(value);
    if (m) {
      const unit = m[2]!.toLowerCase().replace(/\.$/, '');
      const years = /^(y|yr|yrs|year|years|år|yil|yıl|жыл|г|год|года|лет)$/.test(unit);
      const months =
        /^(m|mo|mos|mth|mths|month|months|mnd|måned|måneder|ay|ай|мес|месяц|месяца|месяцев)$/.test(unit);
      if (!years && !months) return fail(`not a number of months: ${showValue(value)}`);
      const n = parseNumber(m[1], locale);
      if (!n.ok) return fail(`not a number of months: ${showValue(value)}`);
      return ok(years ? n.value * 12 : n.value);
    }
  }
  const n = parseNumber(value, locale);
  if (!n.ok) return n;
  if (n.value < 0) return fail(`tenure cannot be negative, got ${showValue(value)}`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Yes / no
// ---------------------------------------------------------------------------------------------

/** Lower case with Turkish dotted and dotless i folded, so İPTAL, Hayır and HAYIR match their words. */
const fold = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/\u0307/g, '')
    .replace(/ı/g, 'i')
    .replace(/[\s_-]+/g, ' ');

const TRUE_WORDS = new Set('yes y true 1 x ✓ ✔ ☑ on да ja evet иә ия oui sí si sim'.split(' '));
const FALSE_WORDS = new Set('no n false 0 off ✗ ✘ ☐ нет nei nein nej hayir жоқ жок non não nao'.split(' '));

/**
 * Yes/no as checkboxes (booleans), 1/0, and words in the languages ChurnGuard's users write:
 * yes/no, y/n, true/false, x, ✓, да/нет, ja/nei, evet/hayır, иә/жоқ. A blank cell is "no".
 */
export function parseBoolean(value: unknown): Parsed<boolean> {
  if (typeof value === 'boolean') return ok(value);
  if (typeof value === 'number')
    return value === 1 ? ok(true) : value === 0 ? ok(false) : fail(`not yes/no: ${value}`);
  if (isBlank(value)) return ok(false);
  if (typeof value !== 'string') return fail(`not yes/no: ${showValue(value)}`);
  const err = formulaError(value);
  if (err) return fail(`formula error ${err}`);
  const t = fold(value);
  if (TRUE_WORDS.has(t)) return ok(true);
  if (FALSE_WORDS.has(t)) return ok(false);
  return fail(`not yes/no: ${showValue(value)}`);
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/**
 * Month names by their first letters, in the languages users write dates in (English, German,
 * French, Spanish, Norwegian, Russian, Turkish, Kazakh). Longer keys win over shorter ones.
 */
const MONTH_PREFIXES: [string, number][] = (
  [
    [1, 'jan', 'ene', 'янв', 'oca', 'қаң', 'қан'],
    [2, 'feb', 'fév', 'fev', 'фев', 'şub', 'sub', 'ақп', 'акп'],
    [3, 'mar', 'mär', 'mrz', 'мар', 'нау'],
    [4, 'apr', 'avr', 'abr', 'апр', 'nis', 'сәу', 'сау'],
    [5, 'may', 'mai', 'мая', 'май', 'мам'],
    [6, 'jun', 'juin', 'июн', 'haz', 'мау'],
    [7, 'jul', 'juil', 'июл', 'tem', 'шіл', 'шил'],
    [8, 'aug', 'aoû', 'aou', 'ago', 'авг', 'ağu', 'agu', 'там'],
    [9, 'sep', 'set', 'сен', 'eyl', 'қыр', 'кыр'],
    [10, 'oct', 'okt', 'окт', 'eki', 'қаз', 'каз'],
    [11, 'nov', 'ноя', 'kas', 'қар', 'кар'],
    [12, 'dec', 'dez', 'déc', 'des', 'dic', 'дек', 'ara', 'жел'],
  ] as [number, ...string[]][]
)
  .flatMap(([month, ...keys]) => keys.map((k): [string, number] => [k, month]))
  .sort((a, b) => b[0].length - a[0].length);

function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  return MONTH_PREFIXES.find(([prefix]) => w.startsWith(prefix))?.[1];
}

/** Sheets counts days from 1899-12-30 (serial 1 is 1899-12-31), as Excel does after 1900-03-01. */
const SHEETS_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Serials ChurnGuard accepts as dates: 1950-01-01 to 2199-12-31. */
const SERIAL_MIN = 18_264;
const SERIAL_MAX = 109_574;

/** A Sheets day serial (45356 is 2024-03-05; fractions are the time of day). */
export function serialToDate(serial: number): Date {
  return new Date(SHEETS_EPOCH_MS + Math.round(serial * DAY_MS));
}

interface DateParts {
  y: number;
  m: number;
  d: number;
  h?: number;
  min?: number;
  s?: number;
}

/** Two-digit years follow Sheets: 00-29 are 20xx, 30-99 are 19xx. */
const fullYear = (y: number, digits: number) => (digits > 2 ? y : y < 30 ? 2000 + y : 1900 + y);

function exists({ y, m, d }: DateParts): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const probe = new Date(Date.UTC(2000, m - 1, d));
  probe.setUTCFullYear(y);
  return probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

function build(p: DateParts): Date {
  const date = new Date(Date.UTC(2000, p.m - 1, p.d, p.h ?? 0, p.min ?? 0, p.s ?? 0));
  date.setUTCFullYear(p.y);
  return date;
}

/** "14:30", "14:30:05", "2:30 PM"; returns null when the text is not a time. */
function parseTime(text: string | undefined): { h: number; min: number; s: number } | null {
  if (!text) return { h: 0, min: 0, s: 0 };
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([ap]\.?m\.?)?$/i.exec(text.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3] ?? 0);
  const ampm = m[4]?.toLowerCase().replace(/\./g, '');
  if (ampm) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (ampm === 'pm' ? 12 : 0);
  }
  if (h > 23 || min > 59 || s > 59) return null;
  return { h, min, s };
}

const ORDER_NAMES = { DMY: 'day/month/year', MDY: 'month/day/year', YMD: 'year/month/day' } as const;

const WALL_CLOCKS = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day and time a Date shows in the spreadsheet's time zone, as a UTC date. Sheets hands
 * scripts midnight in the spreadsheet's zone (2024-03-05 in Moscow arrives as 2024-03-04T21:00Z);
 * reading it back in that zone gives the day the user typed, which text dates also parse to.
 */

export function wallClockDate(date: Date, timeZone: string | undefined): Date {
  if (!timeZone) return date;
  const offset = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(timeZone);
  if (offset) {
    const minutes = (Number(offset[2]) * 60 + Number(offset[3] ?? 0)) * (offset[1] === '-' ? -1 : 1);
    return new Date(date.getTime() + minutes * 60_000);
  }
  try {
    // One formatter per zone: making one costs ~0.1 ms, five times per customer row read.
    let format = WALL_CLOCKS.get(timeZone);
    if (!format)
      WALL_CLOCKS.set(
        timeZone,
        (format = new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        })),
      );
    const parts = format.formatToParts(date);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const era = parts.find((p) => p.type === 'era');
    const y = era && /b/i.test(era.value) ? 1 - get('year') : get('year');
    const out = new Date(
      Date.UTC(2000, get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second')),
    );
    out.setUTCFullYear(y);
    return Number.isNaN(out.getTime()) ? date : new Date(out.getTime() + date.getUTCMilliseconds());
  } catch {
    return date; // an unknown zone: keep the instant rather than guess
  }
}

/**
 * Dates as Sheets gives them (Date objects, read in `timeZone` when given) and as people type them:
 * ISO "2024-03-05", "05/03/2024" (day or month first by the locale), "05.03.2024", "5 Mar 2024",
 * "March 5, 2024", "5. März 2024", "5 марта 2024 г.", optionally with a time; and Sheets day serials
 * when a date column holds a number (45356). Text dates are returned as UTC midnight of that day.
 */
export function parseDate(value: unknown, locale = 'en_US', timeZone?: string): Parsed<Date> {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? fail('invalid date') : ok(wallClockDate(value, timeZone));
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= SERIAL_MIN && value <= SERIAL_MAX) return ok(serialToDate(value));
    return fail(
      `not a date: ${value} (a number in a date column is read as a Sheets day serial such as 45356)`,
    );
  }
  if (typeof value !== 'string') {
    if (value === null || value === undefined) return fail('empty');
    return fail(`not a date: ${showValue(value)}`);
  }
  const err = formulaError(value);
  if (err) return fail(`formula error ${err}`);
  if (isBlank(value)) return fail('empty');
  const original = value;
  const t = value
    .trim()
    .replace(/^[\p{L}]+\.?,\s*(?=\d|\p{L})/u, (w) => (monthNumber(w) === undefined ? '' : w)) // "Tue, 5 Mar 2024"
    .replace(/\s+(г\.?|года?|yil|yılı)$/iu, '');
  const noDate = () => fail(`not a date: ${showValue(original)}`);
  const missing = (hint = '') => fail(`date ${showValue(original)} does not exist${hint}`);
  const finish = (p: DateParts, timeText: string | undefined, hint = ''): Parsed<Date> => {
    const time = parseTime(timeText);
    if (!time) return noDate();
    if (!exists(p)) return missing(hint);
    return ok(build({ ...p, ...time }));
  };

  // ISO, with an optional time; an explicit offset or Z makes it an instant, read in the sheet's zone.
  let m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(
      t,
    );
  if (m) {
    const parts = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
    if (m[5] && exists(parts)) {
      const instant = new Date(t.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      if (!Number.isNaN(instant.getTime())) return ok(wallClockDate(instant, timeZone ?? 'UTC'));
    }
    return finish(parts, m[4]);
  }
  // Year first with slashes or dots: 2024/03/05, 2024.03.05
  m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})\.?(?:\s+(.+))?$/.exec(t);
  if (m) return finish({ y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }, m[4]);
  // Numeric day and month: dots are day first everywhere; slashes and dashes follow the locale.
  m = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})\.?(?:,?\s+(.+))?$/.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = fullYear(Number(m[4]), m[4]!.length);
    const order = m[2] === '.' ? 'DMY' : localeFormat(locale).dateOrder === 'MDY' ? 'MDY' : 'DMY';
    const parts = order === 'MDY' ? { y, m: a, d: b } : { y, m: b, d: a };
    const swapped = order === 'MDY' ? { y, m: b, d: a } : { y, m: a, d: b };
    const hint =
      !exists(parts) && exists(swapped) && m[2] !== '.'
        ? ` (the sheet's locale ${locale} writes dates ${ORDER_NAMES[order]})`
        : '';
    return finish(parts, m[5], hint);
  }
  // Day, month name, year: "5 Mar 2024", "05-Mar-24", "5. März 2024", "5 марта 2024"
  m = /^(\d{1,2})\.?[\s-]+([\p{L}]+\.?)[\s-]+(\d{4}|\d{2})(?:,?\s+(.+))?$/u.exec(t);
  if (m) {
    const month = monthNumber(m[2]!);
    if (month === undefined) return noDate();
    return finish({ y: fullYear(Number(m[3]), m[3]!.length), m: month, d: Number(m[1]) }, m[4]);
  }
  // Month name, day, year: "March 5, 2024", "Mar 5 2024"
  m = /^([\p{L}]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(.+))?$/u.exec(t);
  if (m) {
    const month = monthNumber(m[1]!);
    if (month === undefined) return noDate();
    return finish({ y: Number(m[3]), m: month, d: Number(m[2]) }, m[4]);
  }
  // A serial typed or pasted as text.
  if (/^\d{5}(\.\d+)?$/.test(t)) return parseDate(Number(t), locale, timeZone);
  return noDate();
}

// ---------------------------------------------------------------------------------------------
// Scores
// ---------------------------------------------------------------------------------------------

/** Net Promoter Score answer, 0-10 (averages such as 7.5 are fine). */
export function parseNps(value: unknown, locale = 'en_US'): Parsed<number> {
  const n = parseNumber(value, locale);
  if (!n.ok) return n;
  if (n.value < 0 || n.value > 10) return fail(`NPS must be 0-10, got ${showValue(value)}`);
  return n;
}

/**
 * Customer satisfaction on any common scale, normalised to 0-1 so 4/5 and 80% both read 0.8:
 * "4/5" or "8 of 10" as written; percentages (text "80%", or the fraction 0.8 a % cell holds);
 * 1-5 stars; 0-10; and 11-100 as a percentage. A bare 1 is one star (0.2), not 100%.
 */
export function parseCsat(value: unknown, locale = 'en_US'): Parsed<number> {
  const range = () => fail(`CSAT must be 1-5, 0-10 or a percentage, got ${showValue(value)}`);
  if (typeof value === 'string') {
    const ratio = /^\s*([\d.,]+)\s*(?:\/|of|из|av)\s*(5|10|100)\s*$/i.exec(value);
    if (ratio) {
      const n = parseNumber(ratio[1], locale);
      if (!n.ok) return n;
      const outOf = Number(ratio[2]);
      return n.value >= 0 && n.value <= outOf ? ok(n.value / outOf) : range();
    }
  }
  const percentText = typeof value === 'string' && value.trim().endsWith('%');
  const n = parseNumber(value, locale);
  if (!n.ok) return n;
  const v = n.value;
  if (percentText) return v >= 0 && v <= 1 ? ok(v) : range();
  if (v < 0) return range();
  if (v < 1) return ok(v);
  if (v <= 5) return ok(v / 5);
  if (v <= 10) return ok(v / 10);
  if (v <= 100) return ok(v / 100);
  return range();
}

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

/** Tags split on commas, semicolons, pipes and line breaks; trimmed, without repeats. */
export function parseTags(value: unknown): string[] {
  if (isBlank(value) || formulaError(value) || typeof value === 'boolean') return [];
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of String(value).split(/[,;|\n\r]+/)) {
    const tag = part.trim();
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}

const CHURNED_WORDS = new Set([
  'churned',
  'churn',
  'cancelled',
  'canceled',
  'cancelling',
  'lost',
  'closed',
  'closed lost',
  'terminated',
  'inactive',
  'former',
  'former customer',
  'ended',
  'left',
  'expired',
  'gone',
  'dead',
  'отток',
  'ушел',
  'ушёл',
  'ушли',
  'расторгнут',
  'неактивен',
  'iptal',
  'kaybedildi',
  'ayrildi',
  'avsluttet',
  'sagt opp',
  'oppsagt',
  'кетті',
  'тоқтатылды',
]);
const ACTIVE_WORDS = new Set([
  'active',
  'customer',
  'current',
  'live',
  'paying',
  'paid',
  'trial',
  'trialing',
  'onboarding',
  'new',
  'paused',
  'on hold',
  'suspended',
  'renewed',
  'renewing',
  'at risk',
  'won',
  'closed won',
  'retained',
  'saved',
  'активный',
  'активен',
  'клиент',
  'aktif',
  'aktiv',
  'белсенді',
]);

/**
 * Customer status words (active, churned, cancelled, lost, closed, inactive, paused…) in the users'
 * languages, or a yes/no churn flag (a "Churned" column holding Yes means churned). Blank is active.
 */
export function parseStatus(value: unknown): Parsed<'active' | 'churned'> {
  if (isBlank(value)) return ok('active');
  const err = formulaError(value);
  if (err) return fail(`formula error ${err}`);
  if (typeof value === 'string') {
    const t = fold(value);
    if (CHURNED_WORDS.has(t)) return ok('churned');
    if (ACTIVE_WORDS.has(t)) return ok('active');
  }
  const flag = parseBoolean(value);
  if (flag.ok) return ok(flag.value ? 'churned' : 'active');
  return fail(`unknown status ${showValue(value)} (use Active or Churned)`);
}

const IMPACT_WORDS: Record<'severe' | 'hit' | 'stable' | 'booming', string[]> = {
  severe: ['severe', 'critical', 'very hard hit', 'hard hit', 'hurt badly', 'devastated'],
  hit: ['hit', 'hurt', 'negative', 'struggling', 'impacted', 'affected'],
  stable: ['stable', 'neutral', 'unaffected', 'none', 'no impact'],
  booming: ['booming', 'boom', 'growing', 'benefit', 'benefits', 'benefiting', 'positive', 'thriving'],
};

/** Crisis impact: severe / hit / stable / booming, with the words teams use for each. */
export function parseImpact(value: unknown): Parsed<'severe' | 'hit' | 'stable' | 'booming'> {
  const err = formulaError(value);
  if (err) return fail(`formula error ${err}`);
  const t = fold(String(value ?? ''));
  for (const [impact, words] of Object.entries(IMPACT_WORDS)) {
    if (words.includes(t)) return ok(impact as 'severe' | 'hit' | 'stable' | 'booming');
  }
  return fail(`unknown crisis impact ${showValue(value)} (use Severe, Hit, Stable or Booming)`);
}

/** Free text (names, plan, owner): numbers and dates become text; formula errors are refused. */
export function parseText(value: unknown): Parsed<string> {
  const err = formulaError(value);
  if (err) return fail(`formula error ${err}`);
  if (value instanceof Date) return ok(isoDay(value));
  const t = String(value ?? '').trim();
  return t === '' ? fail('empty') : ok(t);
}

/**
 * Characters that do not show but make an address differ from the one typed: zero-width spaces and
 * joiners, the soft hyphen, direction marks and a stray byte order mark (pasted from web pages and
 * chat). Removing them cannot change whose address it is; anything else wrong is never repaired.
 */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** "U+200B" for each distinct invisible character in `text`. */
function invisibleIn(text: string): string[] {
  const codes = (text.match(INVISIBLE) ?? []).map(
    (ch) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
  return [...new Set(codes)];
}

export interface EmailCell {
  email: string;
  /** Further addresses in the same cell (not used for matching or sending). */
  others: string[];
  /** Invisible characters removed from the cell ("U+200B"), when there were any. */
  invisible?: string[];
}

/**
 * The address in an email cell, lower-cased and trimmed. Also reads "Ana <ana@x.com>" and
 * "mailto:ana@x.com"; a cell with several addresses (comma, semicolon or line separated) gives the
 * first and the others in `others`. Invisible characters are removed and listed. A part with a space
 * in it ("john smith@acme.com") is refused, never cut down to the word with the "@": that word may be
 * a different person's address.
 */
export function parseEmail(value: unknown): Parsed<EmailCell> {
  if (isBlank(value)) return fail('no email');
  const err = formulaError(value);
  if (err) return fail(`formula error ${err}`);
  if (typeof value !== 'string') return fail(`not a valid email: ${showValue(value)}`);
  const invisible = invisibleIn(value);
  const visible = value.replace(INVISIBLE, '');
  if (isBlank(visible)) return fail(`no email: only invisible characters (${invisible.join(', ')})`);
  const parts = visible
    .split(/[,;\n]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const candidates = parts.map((part) => {
    const angle = /<\s*([^<>]*?)\s*>/.exec(part);
    return normaliseEmail(angle ? angle[1]! : part)
      .replace(/^mailto:/, '')
      .replace(/\.$/, '');
  });
  const spaced = candidates.find((c) => /\s/.test(c));
  if (spaced !== undefined)
    return fail(
      `not a valid email: ${showValue(value)} has a space in the address; ChurnGuard never guesses which part is meant`,
    );
  if (candidates.length === 0 || !candidates.every(isValidEmail))
    return fail(`not a valid email: ${showValue(value)}`);
  return ok({
    email: candidates[0]!,
    others: candidates.slice(1),
    ...(invisible.length ? { invisible } : {}),
  });
}
