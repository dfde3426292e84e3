/**
 * Score history, compacted so it stays small: one row per customer in the History tab, holding their
 * dated scores as a short string ("20261120:45:H 20261119:44:M …"), daily for the last 30 days, one
 * a week for 12 weeks before that, one a month for a year. A 100,000-customer book stays at 100,000
 * rows and a few hundred characters a cell (Sheets allows 50,000), read and written in one call each.
 * The row also keeps the last scan's state, so the next scan can tell what changed.
 */
import type { Band } from '../risk/scorecard';

export const HISTORY_TAB = 'History';
export const HISTORY_HEADERS = ['Email', 'Scores', 'Last state'] as const;

export interface ScorePoint {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  score: number;
  band: Band;
}

/** What a scan remembers of a customer to compare with next time. */
export interface ScanState {
  day: string;
  score?: number;
  band: Band;
  overdueInvoices?: number;
  nps?: number;
}

const BAND_LETTER: Record<Band, string> = { Low: 'L', Medium: 'M', High: 'H', Critical: 'C', Unknown: 'U' };
const LETTER_BAND = Object.fromEntries(Object.entries(BAND_LETTER).map(([b, l]) => [l, b])) as Record<
  string,
  Band
>;

export const DAILY_DAYS = 30;
export const WEEKLY_WEEKS = 12;
export const MONTHLY_MONTHS = 12;

export function encodePoints(points: readonly ScorePoint[]): string {
  return points
    .map((p) => `${p.day.replace(/-/g, '')}:${Math.round(p.score)}:${BAND_LETTER[p.band]}`)
    .join(' ');
}

export function decodePoints(text: unknown): ScorePoint[] {
  const out: ScorePoint[] = [];
  for (const token of String(text ?? '').split(/\s+/)) {
    const m = /^(\d{4})(\d{2})(\d{2}):(\d{1,3}):([LMHCU])$/.exec(token);
    if (!m) continue;
    out.push({ day: `${m[1]}-${m[2]}-${m[3]}`, score: Number(m[4]), band: LETTER_BAND[m[5]!]! });
  }
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const DAY = 86_400_000;

/** ISO-like week bucket (weeks since the epoch, Monday-based) and month bucket of a day. */
const weekOf = (day: string) => Math.floor((dayMs(day) / DAY + 3) / 7);
const monthOf = (day: string) => day.slice(0, 7);

/**
 * Keeps every point of the last 30 days, the latest point of each week for 12 weeks before that, and
 * the latest of each month for 12 months before that; older points go. Points are sorted by day.
 */
export function compactPoints(points: readonly ScorePoint[], today: string): ScorePoint[] {
  const now = dayMs(today);
  const byDay = new Map<string, ScorePoint>();
  for (const p of points) byDay.set(p.day, p); // one point a day: the last written wins
  const sorted = [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
  const kept: ScorePoint[] = [];
  const weeks = new Map<number, ScorePoint>();
  const months = new Map<string, ScorePoint>();
  for (const p of sorted) {
    const age = (now - dayMs(p.day)) / DAY;
    if (age < DAILY_DAYS) kept.push(p);
    else if (age < DAILY_DAYS + WEEKLY_WEEKS * 7) weeks.set(weekOf(p.day), p);
    else if (age < DAILY_DAYS + WEEKLY_WEEKS * 7 + MONTHLY_MONTHS * 31) months.set(monthOf(p.day), p);
  }
  return [...months.values(), ...weeks.values(), ...kept].sort((a, b) => (a.day < b.day ? -1 : 1));
}

export function encodeState(s: ScanState): string {
  return JSON.stringify({
    d: s.day,
    ...(s.score !== undefined ? { s: Math.round(s.score) } : {}),
    b: BAND_LETTER[s.band],
    ...(s.overdueInvoices !== undefined ? { o: s.overdueInvoices } : {}),
    ...(s.nps !== undefined ? { n: s.nps } : {}),
  });
}

export function decodeState(text: unknown): ScanState | undefined {
  try {
    const j = JSON.parse(String(text ?? '')) as {
      d?: unknown;
      s?: unknown;
      b?: unknown;
      o?: unknown;
      n?: unknown;
    };
    if (typeof j.d !== 'string' || typeof j.b !== 'string' || !LETTER_BAND[j.b]) return undefined;
    return {
      day: j.d,
      band: LETTER_BAND[j.b]!,
      ...(typeof j.s === 'number' ? { score: j.s } : {}),
      ...(typeof j.o === 'number' ? { overdueInvoices: j.o } : {}),
      ...(typeof j.n === 'number' ? { nps: j.n } : {}),
    };
  } catch {
    return undefined;
  }
}

/** The score change since the last point before `today`, for the card's trend arrow. */
export function trendOf(points: readonly ScorePoint[], today: string, score: number | undefined) {
  const before = [...points].reverse().find((p) => p.day < today);
  if (!before || score === undefined) return undefined;
  return { since: before.day, change: Math.round(score) - before.score, previousBand: before.band };
}
