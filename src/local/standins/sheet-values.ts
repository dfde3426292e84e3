/**
 * Cell values as Sheets stores and shows them: what a script's write turns into, and the text
 * getDisplayValues and TextFinder see. Shared by the spreadsheet stand-in; Node-free.
 */
import { AppsScriptError, GAS_ERRORS } from './errors';
import { zonedParts, zonedToUtc } from './time-zone';

/** What a cell holds: getValues returns exactly these (a fresh Date each time). */
export type CellValue = string | number | boolean | Date;

export const MAX_CELL_CHARS = 50_000;

export interface SheetLocale {
  locale: string;
  timeZone: string;
}

/** Locales that write 1,5 for one and a half (a representative list, not Sheets' whole table). */
const DECIMAL_COMMA =
  /^(de|ru|nb|no|nn|tr|kk|fr|es|it|pt|nl|pl|fi|sv|da|cs|sk|uk|be|ro|hu|bg|hr|sl|sr|lt|lv|et|id|el|az|uz|ky)(_|$)/i;

export function decimalSeparator(locale: string): '.' | ',' {
  return DECIMAL_COMMA.test(locale) ? ',' : '.';
}

type DateOrder = 'MDY' | 'DMY' | 'YMD';

function dateStyle(locale: string): { order: DateOrder; sep: string; pad: boolean } {
  if (/^en_US$|^en$|^fil/i.test(locale)) return { order: 'MDY', sep: '/', pad: false };
  if (/^(sv|lt|en_CA|fr_CA)/i.test(locale)) return { order: 'YMD', sep: '-', pad: true };
  if (/^(ja|zh|ko)/i.test(locale)) return { order: 'YMD', sep: '/', pad: true };
  if (/^(de|ru|nb|no|nn|tr|kk|pl|fi|cs|sk|uk|be|ro|bg|hr|sl|sr|lv|et|az|uz|ky|da)/i.test(locale))
    return { order: 'DMY', sep: '.', pad: true };
  if (/^nl/i.test(locale)) return { order: 'DMY', sep: '-', pad: false };
  return { order: 'DMY', sep: '/', pad: true };
}

const p2 = (n: number) => String(n).padStart(2, '0');

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** Sheets' "Automatic" number format, in the spreadsheet's locale. */
export function formatNumber(n: number, locale: string): string {
  if (Object.is(n, -0)) n = 0;
  let text: string;
  if (Number.isInteger(n) && Math.abs(n) < 1e15) text = String(n);
  else if (Math.abs(n) >= 1e15 || (Math.abs(n) < 1e-9 && n !== 0)) {
    text = n.toExponential(2).toUpperCase();
  } else text = String(Number(n.toPrecision(10)));
  return decimalSeparator(locale) === ',' ? text.replace('.', ',') : text;
}

/** A date as Sheets shows a date cell: date only at midnight, else date and 24 h time. */
export function formatSheetDate(d: Date, { locale, timeZone }: SheetLocale): string {
  const z = zonedParts(d.getTime(), timeZone);
  const style = dateStyle(locale);
  const dd = style.pad ? p2(z.day) : String(z.day);
  const mm = style.pad ? p2(z.month) : String(z.month);
  const date =
    style.order === 'MDY'
      ? `${mm}${style.sep}${dd}${style.sep}${z.year}`
      : style.order === 'YMD'
        ? `${z.year}${style.sep}${mm}${style.sep}${dd}`
        : `${dd}${style.sep}${mm}${style.sep}${z.year}`;
  if (z.hour === 0 && z.minute === 0 && z.second === 0) return date;
  const hour = style.order === 'MDY' ? String(z.hour) : p2(z.hour);
  return `${date} ${hour}:${p2(z.minute)}:${p2(z.second)}`;
}

/** What getDisplayValues returns for a value (and what TextFinder searches). */
export function displayValue(value: CellValue, sheet: SheetLocale): string {
  if (value === '') return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return formatNumber(value, sheet.locale);
  return formatSheetDate(value, sheet);
}

/**
 * What a value written by a script becomes in the cell. Range.setValue(s) and appendRow treat
 * strings as if the user typed them: "0042" becomes the number 42, "50%" 0.5, "TRUE" a boolean,
 * "2026-03-05" (or a date in the locale's order) a date in the spreadsheet's time zone; a leading
 * apostrophe keeps the rest as text. Formulas are not evaluated: "=A1" stays that string.
 */
export function cellFromScript(value: unknown, sheet: SheetLocale, parseStrings: boolean): CellValue {
  if (value === null || value === undefined) return '';
  if (isDate(value)) {
    const ms = value.getTime();
    return Number.isFinite(ms) ? new Date(ms) : '';
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : '#NUM!';
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value : String(value);
  if (text.length > MAX_CELL_CHARS) throw new AppsScriptError(GAS_ERRORS.cellTooLong);
  return parseStrings ? parseTyped(text, sheet) : text;
}

export function parseTyped(text: string, sheet: SheetLocale): CellValue {
  if (text.startsWith("'")) return text.slice(1);
  // Sheets runs typed input that looks like a formula; the stand-in cannot evaluate it, and shows the
  // error a formula it cannot run shows, so a test sees text that was meant to stay text get lost.
  if (/^(?:=|[+-]\s*[\p{L}(])/u.test(text)) return '#ERROR!';
  const t = text.trim();
  if (t === '') return text === '' ? '' : text;
  if (/^true$/i.test(t)) return true;
  if (/^false$/i.test(t)) return false;
  const n = parseNumber(t, sheet.locale);
  if (n !== null) return n;
  const d = parseDate(t, sheet);
  if (d !== null) return d;
  return text;
}

function parseNumber(t: string, locale: string): number | null {
  const comma = decimalSeparator(locale) === ',';
  const percent = t.endsWith('%');
  let s = percent ? t.slice(0, -1).trim() : t;
  const dec = comma ? ',' : '\\.';
  const group = comma ? '[.\\u00a0\\u202f ]' : ',';
  const plain = new RegExp(`^[+-]?(\\d+(${dec}\\d*)?|${dec}\\d+)(e[+-]?\\d+)?$`, 'i');
  const grouped = new RegExp(`^[+-]?\\d{1,3}(${group}\\d{3})+(${dec}\\d+)?$`);
  if (grouped.test(s)) s = s.replace(new RegExp(group, 'g'), '');
  else if (!plain.test(s)) return null;
  if (comma) s = s.replace(',', '.');
  const n = Number(s);
  if (!Number.isFinite(n)) return null;
  return percent ? n / 100 : n;
}

function parseDate(t: string, sheet: SheetLocale): Date | null {
  const time = '(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?';
  let y: number, mo: number, d: number, rest: (string | undefined)[];
  const iso = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${time}$`).exec(t);
  if (iso) {
    [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    rest = iso.slice(4);
  } else {
    const style = dateStyle(sheet.locale);
    const m = new RegExp(`^(\\d{1,4})[/.-](\\d{1,2})[/.-](\\d{1,4})${time}$`).exec(t);
    if (!m) return null;
    const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (style.order === 'MDY') [mo, d, y] = [a, b, c];
    else if (style.order === 'DMY') [d, mo, y] = [a, b, c];
    else [y, mo, d] = [a, b, c];
    if (y < 100) y += y < 30 ? 2000 : 1900;
    rest = m.slice(4);
  }
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  const [h, mi, s] = rest.map((x) => Number(x ?? 0)) as [number, number, number];
  if (h > 23 || mi > 59 || s > 59) return null;
  return new Date(zonedToUtc(sheet.timeZone, y, mo, d, h, mi, s));
}
