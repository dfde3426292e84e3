/**
 * Wall-clock arithmetic in a named time zone, through Intl (the tz database Node ships), for
 * Utilities.formatDate, spreadsheet dates and trigger schedules.
 *
 * Like Java's TimeZone.getTimeZone (which Apps Script uses), an ID it does not know falls back to
 * GMT rather than throwing; "GMT+1", "GMT+05:30" and "GMT-0800" are fixed offsets.
 */
export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number; // 0-23
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
  /** Minutes east of UTC at that instant. */
  offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(timeZone)) {
    let f: Intl.DateTimeFormat | null;
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      f = null;
    }
    formatters.set(timeZone, f);
  }
  return formatters.get(timeZone) ?? null;
}

/** A fixed offset in minutes for IDs like "GMT+1", "GMT-05:30", "UTC+0100"; null otherwise. */
function fixedOffset(timeZone: string): number | null {
  const m = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(timeZone.trim());
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/** True when Intl or the fixed-offset syntax knows the ID (unknown IDs behave as GMT). */
export function isKnownTimeZone(timeZone: string): boolean {
  return fixedOffset(timeZone) !== null || formatterFor(timeZone) !== null;
}

export function zonedParts(ms: number, timeZone: string): ZonedParts {
  const fixed = fixedOffset(timeZone);
  const f = fixed === null ? formatterFor(timeZone) : null;
  let offsetMinutes = fixed ?? 0;
  if (f) {
    const parts = f.formatToParts(new Date(ms));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
    const local = Date.UTC(
      get('year'),
      get('month') - 1,
      get('day'),
      get('hour') % 24,
      get('minute'),
      get('second'),
    );
    offsetMinutes = Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
  }
  const shifted = new Date(ms + offsetMinutes * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
    weekday: shifted.getUTCDay(),
    offsetMinutes,
  };
}

/** The instant at which the wall clock in `timeZone` reads the given time (earlier one in a DST overlap). */
export function zonedToUtc(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  let guess = wall - zonedParts(wall, timeZone).offsetMinutes * 60_000;
  // Twice is enough to settle across a DST change; a wall time inside a gap lands just after it.
  for (let i = 0; i < 2; i++) {
    const next = wall - zonedParts(guess, timeZone).offsetMinutes * 60_000;
    if (next === guess) break;
    guess = next;
  }
  return guess;
}
