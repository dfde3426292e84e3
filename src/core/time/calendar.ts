/**
 * One date arithmetic for the card, the CLI, the daily scan and its digest: whole calendar days in
 * the spreadsheet's time zone. Sheet dates are read as the day they show (UTC midnight of that day,
 * see wallClockDate); "now" is turned into the day it is in the sheet's zone the same way, and days
 * are counted between the two days, never between instants. Counting instants made a renewal dated
 * today "passed 1 days ago" in the afternoon on the card and "in 0 days" in the digest (issue 18).
 */
import { formatDays } from '../text/format';
import { wallClockDate } from '../sheet/values';

const DAY_MS = 86_400_000;

/** UTC midnight of a date's UTC calendar day. */
export const utcDay = (d: Date): Date =>
  new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/** The calendar day an instant falls on in a time zone (UTC without one), as UTC midnight of that day. */
export function calendarDay(instant: Date, timeZone?: string): Date {
  return utcDay(wallClockDate(instant, timeZone));
}

/** Whole calendar days from one day to another: 0 the same day, 1 the next, −1 the day before. */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((utcDay(to).getTime() - utcDay(from).getTime()) / DAY_MS);
}

/** "1 day", "3 days", "0 days". */
export const pluralDays = (n: number): string => formatDays(n);

/** A date relative to today in words: "today", "tomorrow", "in 3 days", "yesterday", "5 days ago". */
export function relativeDay(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${pluralDays(days)}` : `${pluralDays(-days)} ago`;
}
