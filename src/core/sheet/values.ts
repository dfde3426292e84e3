/**
 * Cell parsers: values as Sheets gives them (numbers, Dates, booleans, '') and as people type them,
 * read with the spreadsheet's locale. Each returns a result with a specific reason instead of
 * throwing, so one bad cell becomes an issue the user can fix, never a failed read.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

const FORMULA_ERRORS = [
  '#N/A',
  '#REF!',
  '#VALUE!',
  '#DIV/0!',
  '#NAME?',
  '#NUM!',
  '#ERROR!',
  '#NULL!',
  '#SPILL!',
  'Loading...',
];

export function isBlank(value: unknown): boolean {
  return (
    value === '' ||
    value === null ||
    value === undefined ||
    (typeof value === 'string' && value.trim() === '')
  );
}

export function formulaError(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const t = value.trim().toUpperCase();
  return FORMULA_ERRORS.find((e) => e.toUpperCase() === t) ?? null;
}

const quote = (v: unknown) => `'${String(v)}'`;

/** Locales that write 1.234,56 (decimal comma). */
function decimalComma(locale: string): boolean {
  return /^(de|fr|ru|nb|no|nn|tr|kk|es|it|pt|nl|da|sv|fi|pl|cs|uk)/i.test(locale);
}

/** Locales that write dates day first. */
function dayFirst(locale: string): boolean {
  return !/^en_US|^en-US/i.test(locale);
}

/**
 * Numbers and money: "$1,200.50", "1.200,50 €", "1 200,50 ₽", "(1,200)", "12%", "1.2k", "-".
 * Percent text becomes a fraction (12% → 0.12), as Sheets stores it.
 */
export function parseNumber(value: unknown, locale = 'en_US'): Parsed<number> {
  if (typeof value === 'number')
    return Number.isFinite(value) ? ok(value) : fail(`not a finite number: ${value}`);
  if (typeof value === 'boolean' || value instanceof Date) return fail(`not a number: ${quote(value)}`);
  const err = formulaError(value);
  if (err) return fail(`formula error ${err}`);
  let t = String(value).trim();
  if (t === '') return fail('empty');
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  const percent = /%$/.test(t);
  t = t.replace(/%$/, '');
  // Currency symbols and codes, and every kind of space used as a thousands separator.
  t = t.replace(/[$€£¥₽₺₸₹]|\b(?:USD|EUR|GBP|NOK|RUB|TRY|KZT|kr|руб\.?|тг|TL)\b/gi, '');
  t = t.replace(/[\s\u00a0\u202f\u2009']/g, '');
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1);
  }
  let scale = 1;
  const suffix = /([kmKM])$/.exec(t);
  if (suffix) {
    scale = suffix[1]!.toLowerCase() === 'k' ? 1e3 : 1e6;
    t = t.slice(0, -1);
  }
  const comma = decimalComma(locale);
  let normalised: string;
  if (/^\d+$/.test(t)) normalised = t;
  else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) {
    // "1,200" is twelve hundred in en_US but 1.2 in de_DE.
    normalised = comma && /^\d{1,3},\d{3}$/.test(t) ? t.replace(',', '.') : t.replace(/,/g, '');
  } else if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) {
    // "1.200" is 1.2 in en_US but twelve hundred in de_DE.
    normalised = !comma && /^\d{1,3}\.\d{3}$/.test(t) ? t : t.replace(/\./g, '').replace(',', '.');
  } else if (/^\d+\.\d+$/.test(t)) normalised = t;
  else if (/^\d+,\d+$/.test(t)) normalised = t.replace(',', '.');
  else return fail(`not a number: ${quote(value)}`);
  const n = Number(normalised) * scale * (negative ? -1 : 1);
  if (!Number.isFinite(n)) return fail(`not a number: ${quote(value)}`);
  return ok(percent ? n / 100 : n);
}

export function parseCount(value: unknown, locale = 'en_US'): Parsed<number> {
  const n = parseNumber(value, locale);
  if (!n.ok) return n;
  if (!Number.isInteger(n.value) || n.value < 0)
    return fail(`must be a whole number of 0 or more, got ${quote(value)}`);
  return n;
}

const TRUE_WORDS = ['yes', 'y', 'true', '1', 'x', '✓', '✔', 'да', 'ja', 'evet', 'иә', 'on'];
const FALSE_WORDS = ['no', 'n', 'false', '0', '', 'нет', 'nei', 'nein', 'hayır', 'hayir', 'жоқ', 'off', '-'];

export function parseBoolean(value: unknown): Parsed<boolean> {
  if (typeof value === 'boolean') return ok(value);
  if (typeof value === 'number')
    return value === 1 ? ok(true) : value === 0 ? ok(false) : fail(`not yes/no: ${value}`);
  const err = formulaError(value);
  if (err) return fail(`formula error ${err}`);
  const t = String(value ?? '')
    .trim()
    .toLocaleLowerCase();
  if (TRUE_WORDS.includes(t)) return ok(true);
  if (FALSE_WORDS.includes(t)) return ok(false);
  return fail(`not yes/no: ${quote(value)}`);
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function makeDate(y: number, m: number, d: number, original: unknown): Parsed<Date> {
  const year = y < 100 ? 2000 + y : y;
  const date = new Date(Date.UTC(year, m - 1, d));
  if (
    m < 1 ||
    m > 12 ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== m - 1 ||
    date.getUTCDate() !== d
  ) {
    return fail(`date ${quote(original)} does not exist`);
  }
  return ok(date);
}

/** Sheets counts days from 1899-12-30; a date column holding a plain number is such a serial. */
const SHEETS_EPOCH_MS = Date.UTC(1899, 11, 30);

export function parseDate(value: unknown, locale = 'en_US'): Parsed<Date> {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? fail('invalid date') : ok(value);
  if (typeof value === 'number') {
    if (value > 20_000 && value < 80_000)
      return ok(new Date(SHEETS_EPOCH_MS + Math.round(value) * 86_400_000));
    return fail(`not a date: ${value}`);
  }
  const err = formulaError(value);
  if (err) return fail(`formula error ${err}`);
  const t = String(value ?? '').trim();
  if (t === '') return fail('empty');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(t);
  if (m) return makeDate(Number(m[1]), Number(m[2]), Number(m[3]), value);
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    // Dots mean day first everywhere; slashes follow the sheet's locale.
    const dmy = t.includes('.') || dayFirst(locale);
    return dmy ? makeDate(y, b, a, value) : makeDate(y, a, b, value);
  }
  m = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(t);
  const month = (name: string) => MONTHS[name.slice(0, 3).toLowerCase()];
  if (m && month(m[2]!) !== undefined) return makeDate(Number(m[3]), month(m[2]!)!, Number(m[1]), value);
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t);
  if (m && month(m[1]!) !== undefined) return makeDate(Number(m[3]), month(m[1]!)!, Number(m[2]), value);
  return fail(`not a date: ${quote(value)}`);
}

export function parseNps(value: unknown, locale = 'en_US'): Parsed<number> {
  const n = parseNumber(value, locale);
  if (!n.ok) return n;
  if (n.value < 0 || n.value > 10) return fail(`NPS must be 0-10, got ${quote(value)}`);
  return n;
}

/** CSAT on any common scale, normalised to 0-1: 1-5 stars, 0-10, or a percentage. */
export function parseCsat(value: unknown, locale = 'en_US'): Parsed<number> {
  const percentText = typeof value === 'string' && value.trim().endsWith('%');
  const n = parseNumber(value, locale);
  if (!n.ok) return n;
  const v = n.value;
  if (percentText || (v > 0 && v < 1))
    return v >= 0 && v <= 1 ? ok(v) : fail(`CSAT out of range: ${quote(value)}`);
  if (v >= 1 && v <= 5 && Number.isInteger(v)) return ok((v - 1) / 4);
  if (v >= 0 && v <= 10) return ok(v / 10);
  if (v > 10 && v <= 100) return ok(v / 100);
  return fail(`CSAT must be 1-5, 0-10 or a percentage, got ${quote(value)}`);
}

export function parseTags(value: unknown): string[] {
  if (isBlank(value)) return [];
  return String(value)
    .split(/[,;|]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

const CHURNED =
  /^(churned|cancel+ed|lost|closed|terminated|inactive|former|ended|left|отток|ушел|ушёл|iptal|avsluttet|кетті)$/i;
const ACTIVE = /^(active|customer|live|paying|trial|paused|renewed|at risk|активный|aktif|aktiv|белсенді)$/i;

export function parseStatus(value: unknown): Parsed<'active' | 'churned'> {
  if (isBlank(value)) return ok('active');
  const err = formulaError(value);
  if (err) return fail(`formula error ${err}`);
  const t = String(value).trim();
  if (CHURNED.test(t)) return ok('churned');
  if (ACTIVE.test(t)) return ok('active');
  // A "Churned" / "Churn" yes-no column.
  const flag = parseBoolean(value);
  if (flag.ok) return ok(flag.value ? 'churned' : 'active');
  return fail(`unknown status ${quote(value)} (use Active or Churned)`);
}

const IMPACTS = {
  severe: /^(severe|critical|very hard hit|hard hit|hurt badly)$/i,
  hit: /^(hit|hurt|negative|struggling|impacted)$/i,
  stable: /^(stable|neutral|unaffected|none)$/i,
  booming: /^(booming|boom|growing|benefit(s|ing)?|positive|thriving)$/i,
} as const;

export function parseImpact(value: unknown): Parsed<'severe' | 'hit' | 'stable' | 'booming'> {
  const t = String(value ?? '').trim();
  for (const [impact, pattern] of Object.entries(IMPACTS)) {
    if (pattern.test(t)) return ok(impact as 'severe' | 'hit' | 'stable' | 'booming');
  }
  return fail(`unknown crisis impact ${quote(value)} (use Severe, Hit, Stable or Booming)`);
}
