/** ExpiringCache on CacheService's user cache. */
import type { ExpiringCache } from '../ports/expiring-cache';
import { utf8Length } from '../core/text/utf8';
import type { RowCache } from './customer-sheet';

/** CacheService refuses values over 100 KB; such values are simply not cached. */
export const MAX_CACHE_VALUE_BYTES = 100 * 1024;
/** CacheService keeps entries at most six hours. */
export const MAX_CACHE_SECONDS = 6 * 60 * 60;

export function expiringCache(cache: RowCache): ExpiringCache {
  return {
    get: (key) => cache.get(key),
    put(key, value, seconds) {
      if (utf8Length(value) > MAX_CACHE_VALUE_BYTES) return;
      cache.put(key, value, Math.max(1, Math.min(MAX_CACHE_SECONDS, Math.round(seconds))));
    },
    remove: (key) => cache.remove(key),
  };
}
