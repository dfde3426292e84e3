/**
 * The risk trend the card shows ("up 7 since 19 Nov"): the customer's History row, found with a
 * TextFinder and cached for three hours, so a sidebar open costs one cache read after the first.
 */
import { decodePoints, HISTORY_TAB, trendOf } from '../../core/watch/history';
import type { AppContext } from '../context';

const TREND_CACHE_SECONDS = 3 * 60 * 60;

export interface Trend {
  since: string;
  change: number;
}

export function scoreTrend(
  ctx: AppContext,
  spreadsheetId: string,
  email: string,
  score: number | undefined,
): Trend | undefined {
  if (score === undefined) return undefined;
  const key = `cg.hist.${spreadsheetId.slice(-12)}.${email}`.slice(0, 240);
  let scores = ctx.cache.get(key);
  if (scores === null) {
    const found = ctx.tabs(spreadsheetId).findRows(HISTORY_TAB, 1, email);
    scores = String(found[0]?.values[1] ?? '');
    ctx.cache.put(key, scores, TREND_CACHE_SECONDS);
  }
  const trend = trendOf(decodePoints(scores), ctx.clock.now().toISOString().slice(0, 10), score);
  return trend ? { since: trend.since, change: trend.change } : undefined;
}
