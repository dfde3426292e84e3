/**
 * Formatters for merge fields, in the spreadsheet's locale and the team's currency (Intl, which
 * Apps Script's V8 runtime has). A value a formatter cannot read is left as written rather than
 * turned into "NaN" or "Invalid Date" in a customer's email.
 */
import type { Formatter } from './placeholders';

export interface FormatContext {
  /** The spreadsheet's locale, "en_US" or "nb_NO". */
  locale: string;
  timeZone: string;
  /** ISO code, "USD". */
  currency: string;
  /**
   * The language the text is written in ("tr"), for upper/lower/title: case mapping is language
   * specific (Turkish and Kazakh "i" upper-cases to "İ", "I" lower-cases to "ı"), so a Turkish variant
   * must not case names the English way. Absent: the spreadsheet's locale.
   */
  caseLocale?: string;
}

const bcp47 = (locale: string) => locale.replace('_', '-');

function asDate(v: unknown): Date | null {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) {
    const d = new Date(v.length === 10 ? `${v}T00:00:00Z` : v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

function asNumber(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v.trim());
  return null;
}

export function toText(v: unknown, ctx: FormatContext): string {
  if (v === null || v === undefined) return '';
  const d = v instanceof Date ? asDate(v) : null;
  if (d) return formatValue(d, 'date', ctx);
  return String(v).trim();
}

export function formatValue(v: unknown, f: Formatter, ctx: FormatContext): string {
  const locale = bcp47(ctx.locale);
  const caseLocale = ctx.caseLocale ?? locale;
  try {
    switch (f) {
      case 'date':
      case 'long date': {
        const d = asDate(v);
        if (!d) return toText(v, ctx);
        return new Intl.DateTimeFormat(locale, {
          timeZone: ctx.timeZone,
          ...(f === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'long' }),
        }).format(d);
      }
      case 'currency': {
        const n = asNumber(v);
        return n === null
          ? toText(v, ctx)
          : new Intl.NumberFormat(locale, {
              style: 'currency',
              currency: ctx.currency,
              maximumFractionDigits: n % 1 ? 2 : 0,
            }).format(n);
      }
      case 'number': {
        const n = asNumber(v);
        return n === null ? toText(v, ctx) : new Intl.NumberFormat(locale).format(n);
      }
      case 'percent': {
        const n = asNumber(v);
        // 0.3 and 30 both mean 30%: sheets hold percentages either way.
        return n === null
          ? toText(v, ctx)
          : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(
              Math.abs(n) > 1 ? n / 100 : n,
            );
      }
      case 'upper':
        return toText(v, ctx).toLocaleUpperCase(caseLocale);
      case 'lower':
        return toText(v, ctx).toLocaleLowerCase(caseLocale);
      case 'title':
        return toText(v, ctx)
          .toLocaleLowerCase(caseLocale)
          .replace(
            /(^|[\s-])(\p{L})/gu,
            (_m, sep: string, ch: string) => sep + ch.toLocaleUpperCase(caseLocale),
          );
      case 'first word':
        return toText(v, ctx).split(/\s+/)[0] ?? '';
    }
  } catch {
    return toText(v, ctx);
  }
}
