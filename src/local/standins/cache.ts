/** CacheService with its real limits: 100 KB a value, 250-character keys, 10 min default, 6 h max. */
import { AppsScriptError, GAS_ERRORS } from './errors';
import type { FakeClock } from './clock';
import type { ServiceEnv } from './world';

export const CACHE_VALUE_MAX_BYTES = 100 * 1024;
export const CACHE_KEY_MAX_CHARS = 250;
export const CACHE_DEFAULT_SECONDS = 600;
export const CACHE_MAX_SECONDS = 21_600;

export class CacheStore {
  private readonly entries = new Map<string, { value: string; expiresMs: number }>();

  constructor(private readonly clock: FakeClock) {}

  get(key: string): string | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.expiresMs <= this.clock.nowMs()) {
      this.entries.delete(key);
      return null;
    }
    return e.value;
  }

  put(key: string, value: unknown, seconds = CACHE_DEFAULT_SECONDS): void {
    const text = String(value);
    if (key.length > CACHE_KEY_MAX_CHARS) throw new AppsScriptError(GAS_ERRORS.cacheKeyTooLong);
    if (Buffer.byteLength(text, 'utf8') > CACHE_VALUE_MAX_BYTES)
      throw new AppsScriptError(GAS_ERRORS.cacheValueTooLarge);
    // Apps Script clamps the expiration into [1 s, 6 h].
    const ttl = Math.min(CACHE_MAX_SECONDS, Math.max(1, Math.floor(seconds)));
    this.entries.set(key, { value: text, expiresMs: this.clock.nowMs() + ttl * 1000 });
  }

  remove(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

export function createCacheService(env: ServiceEnv) {
  const api = (store: CacheStore) => {
    const self = {
      get(key: string): string | null {
        env.hit('Cache.get');
        return store.get(key);
      },
      getAll(keys: string[]): Record<string, string> {
        env.hit('Cache.getAll');
        const out: Record<string, string> = {};
        for (const k of keys) {
          const v = store.get(k);
          if (v !== null) out[k] = v;
        }
        return out;
      },
      put(key: string, value: string, expirationInSeconds?: number) {
        env.hit('Cache.put');
        store.put(key, value, expirationInSeconds);
      },
      putAll(values: Record<string, string>, expirationInSeconds?: number) {
        env.hit('Cache.putAll');
        for (const [k, v] of Object.entries(values)) store.put(k, v, expirationInSeconds);
      },
      remove(key: string) {
        env.hit('Cache.remove');
        store.remove(key);
      },
      removeAll(keys: string[]) {
        env.hit('Cache.removeAll');
        for (const k of keys) store.remove(k);
      },
    };
    return self;
  };
  return {
    getUserCache: () => api(env.world.userCache),
    getScriptCache: () => api(env.world.scriptCache),
    getDocumentCache: () => api(env.world.documentCache),
  };
}
