/**
 * The workbench's clock. The bundled sample is a snapshot taken on one day (its generator's "today"):
 * read on the real date, a year later every sample customer would look a year dormant and every
 * renewal past, so the workbench on the sample starts its clock on the sample's day by default and
 * lets it run from there (`--today` picks another day; an own sheet runs on the real date).
 */

/** The day the bundled sample describes (scripts/generate-sample-data.ts generates from it). */
export const SAMPLE_DAY = '2026-11-20';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` that names a real calendar day, or null. */
export function parseDay(text: string): string | null {
  const m = DAY.exec(text.trim());
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === m[0] ? m[0] : null;
}

/**
 * A clock that reads `day` at the real time of day when it was made, then advances in real time,
 * so triggers, cool-downs and "resume after an hour" behave as they would on that day.
 */
export function clockStartingOn(day: string, realNow: () => number = Date.now): () => Date {
  const began = realNow();
  const timeOfDay = began % 86_400_000;
  const start = Date.parse(`${day}T00:00:00Z`) + timeOfDay;
  return () => new Date(start + (realNow() - began));
}
