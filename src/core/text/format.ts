/**
 * One way to write numbers for people: money in the sheet's currency, risk as a whole score, shares
 * as percentages, changes in points and counts with their noun in the right number ("1 day",
 * "3 customers", "+1 point"). Every card, the digest email and the CLI use these, so the same figure
 * never reads "45.41497620495725" on one surface and "45" on another, and no "1 days" slips through.
 * Intl is in Apps Script's V8 runtime and in Node.
 */

/** How money is written: the team's ISO currency (Settings tab) in the spreadsheet's locale. */
export interface MoneyFormat {
  /** ISO 4217 code, "USD". */
  currency: string;
  /** The spreadsheet's locale, "en_US" or "de_DE"; English when unknown. */
  locale?: string;
}

export const DEFAULT_MONEY: MoneyFormat = { currency: 'USD', locale: 'en_US' };

const bcp47 = (locale: string | undefined) => (locale ?? 'en_US').replace('_', '-');

/** Irregular plurals the product's nouns need; the rest add "s". */
const IRREGULAR: Record<string, string> = {
  reply: 'replies',
  company: 'companies',
  person: 'people',
};

/** "1 day", "3 days", "1 reply", "0 customers". */
export function count(n: number, singular: string, plural?: string): string {
  return `${formatNumber(n)} ${noun(n, singular, plural)}`;
}

/** The noun alone in the number `n` calls for. */
export function noun(n: number, singular: string, plural?: string): string {
  return Math.abs(n) === 1 ? singular : (plural ?? IRREGULAR[singular] ?? `${singular}s`);
}

/** A whole number with the locale's grouping: "18,637". */
export function formatNumber(n: number, locale?: string): string {
  if (!Number.isFinite(n)) return '–';
  // One formatter per locale and kind: making one costs ~50 µs, half of scoring a customer.
  const digits = Number.isInteger(n) ? 0 : 2;
  const key = `${locale}${digits}`;
  let format = NUMBER_FORMATS.get(key);
  if (!format)
    NUMBER_FORMATS.set(
      key,
      (format = new Intl.NumberFormat(bcp47(locale), { maximumFractionDigits: digits })),
    );
  return format.format(n);
}
const NUMBER_FORMATS = new Map<string, Intl.NumberFormat>();

/**
 * Money in the team's currency: whole units from 100 up ("$18,637"), cents below only when there are
 * any ("$9.50", "$12"). An unknown currency code falls back to the code beside the figure, never a
 * thrown error on a card.
 */
export function formatMoney(amount: number, money: MoneyFormat = DEFAULT_MONEY): string {
  if (!Number.isFinite(amount)) return '–';
  const cents = Math.abs(amount) < 100 && Math.round(amount * 100) % 100 !== 0;
  const rounded = cents ? amount : Math.round(amount);
  try {
    return new Intl.NumberFormat(bcp47(money.locale), {
      style: 'currency',
      currency: money.currency,
      minimumFractionDigits: cents ? 2 : 0,
      maximumFractionDigits: cents ? 2 : 0,
    }).format(rounded);
  } catch {
    return `${formatNumber(rounded, money.locale)} ${money.currency}`;
  }
}

/** A risk score as the cards show it: a whole number out of 100, "–" when there is none. */
export function formatScore(score: number | undefined): string {
  return score === undefined || !Number.isFinite(score) ? '–' : String(Math.round(score));
}

/** "risk 48 (Medium)". */
export function formatRisk(score: number | undefined, band: string): string {
  return `risk ${formatScore(score)} (${band})`;
}

/**
 * A share (0.125) as a percentage: "12.5%", whole when that is exact ("20%"), at most `digits`
 * decimals. Values already in percent are the caller's to divide.
 */
export function formatPercent(share: number, digits = 1): string {
  if (!Number.isFinite(share)) return '–';
  const x = Math.round(share * 100 * 10 ** digits) / 10 ** digits;
  return `${x}%`;
}

/** A signed change in percentage points from a difference of shares: "+1 point", "−16 points", "0 points". */
export function formatPoints(difference: number, digits = 0): string {
  const x = Math.round(Math.abs(difference) * 100 * 10 ** digits) / 10 ** digits;
  const sign = x === 0 ? '' : difference > 0 ? '+' : '−';
  return `${sign}${x} ${noun(x, 'point')}`;
}

/** A signed change in score points: "+1 point", "−12 points". */
export function formatScoreChange(change: number): string {
  const x = Math.round(change);
  return `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x)} ${noun(x, 'point')}`;
}

/** A number of days: "1 day", "30 days". */
export function formatDays(days: number): string {
  return count(Math.round(days), 'day');
}

/**
 * Text a person reads, checked for the slips this module exists to prevent: a bare "1" before a
 * plural noun ("1 days", "1 customers") or a number with more decimals than any card shows. The
 * workbench crawl fails on the first it finds.
 */
export function readabilityProblems(text: string): string[] {
  const problems: string[] = [];
  const plural =
    /(?<![\d.,])1 (days|customers|points|months|replies|emails|rows|recipients|campaigns|members|alerts|weeks|hours|minutes|notes|segments)\b/gi;
  for (const m of text.matchAll(plural)) problems.push(`"${m[0]}" should be singular`);
  return problems;
}
