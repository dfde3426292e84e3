/**
 * Sizes in UTF-8 bytes, as Apps Script measures its stores: a user property holds 9 KB a value and a
 * store 500 KB (https://developers.google.com/apps-script/guides/services/quotas). Lists kept in a
 * property are capped by these bytes, not by a count of entries, so long phrases or Cyrillic text
 * cannot push a value past the limit.
 */
import { utf8Length } from './utf8';

/** "Properties value size: 9 KB / val". */
export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;

/** What ChurnGuard's own lists may fill of a property value, leaving room for growth. */
export const PROPERTY_LIST_BUDGET_BYTES = 8 * 1024;

/** The newest items (the end of the list) whose JSON fits in `budget` bytes. */
export function newestWithin<T>(items: readonly T[], budget: number): T[] {
  // JSON of an array: brackets, items, and commas between them.
  let used = 2;
  let start = items.length;
  while (start > 0) {
    const size = utf8Length(JSON.stringify(items[start - 1])) + (start < items.length ? 1 : 0);
    if (used + size > budget) break;
    used += size;
    start--;
  }
  return items.slice(start);
}
