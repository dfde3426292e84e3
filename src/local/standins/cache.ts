/**
 * CacheService with its real limits (Cache reference page and J. Poehnelt's measurements in
 * "Exploring Apps Script CacheService Limits"): keys up to 250 characters, values up to 100 KB
 * (102,400 bytes), at most 1,000 entries per cache with first-in-first-out eviction of about 10% when
 * full, expiration 600 s by default and at most 21,600 s (6 h); non-positive expirations fall back to
 * the default, as Apps Script ignores them. Values are strings (others go through String()). Expired
 * entries vanish by the fake clock. User caches are per user; document caches exist only for
 * executions bound to a document.
 */
import type { CacheLike, CacheServiceLike } from '../../gas/services';
import type { FakeClock } from './clock';
import { AppsScriptError, GAS_ERRORS, describeArgs } from './errors';
import type { ServiceEnv } from './world';

export const CACHE_VALUE_MAX_BYTES = 100 * 1024;
export const CACHE_KEY_MAX_CHARS = 250;
export const CACHE_DEFAULT_SECONDS = 600;
export const CACHE_MAX_SECONDS = 21_600;
export const CACHE_MAX_ENTRIES = 1000;
/** Entries dropped at once when a full cache takes a new key. */
export const CACHE_EVICT_BATCH = 100;

interface Entry {
  value: string;
  expiresMs: number;
  createdMs: number;
  seq: number;
}

export class CacheStore {
  private readonly entries = new Map<string, Entry>();
  private seq = 0;

  constructor(private readonly clock: FakeClock) {}

  static checkKey(key: unknown): string {
    const k = String(key);
    if (k.length > CACHE_KEY_MAX_CHARS) throw new AppsScriptError(GAS_ERRORS.cacheKeyTooLong);
    return k;
  }

  private live(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e && e.expiresMs <= this.clock.nowMs()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  get(key: string): string | null {
    return this.live(CacheStore.checkKey(key))?.value ?? null;
  }

  /** Validates every entry before storing any (a rejected putAll stores nothing). */
  putAll(values: Record<string, unknown>, seconds?: number): void {
    const ttl =
      typeof seconds === 'number' && seconds >= 1
        ? Math.min(CACHE_MAX_SECONDS, Math.floor(seconds))
        : CACHE_DEFAULT_SECONDS;
    const checked = Object.entries(values).map(([k, v]) => {
      const key = CacheStore.checkKey(k);
      const text = String(v);
      if (Buffer.byteLength(text, 'utf8') > CACHE_VALUE_MAX_BYTES) {
        throw new AppsScriptError(GAS_ERRORS.cacheValueTooLarge);
      }
      return [key, text] as const;
    });
    const now = this.clock.nowMs();
    for (const [key, value] of checked) {
      this.entries.delete(key);
      if (this.size() >= CACHE_MAX_ENTRIES) this.evict();
      this.entries.set(key, { value, expiresMs: now + ttl * 1000, createdMs: now, seq: this.seq++ });
    }
  }

  put(key: string, value: unknown, seconds?: number): void {
    this.putAll({ [CacheStore.checkKey(key)]: value }, seconds);
  }

  remove(key: string): void {
    this.entries.delete(CacheStore.checkKey(key));
  }

  /** Live entries. */
  size(): number {
    for (const k of [...this.entries.keys()]) this.live(k);
    return this.entries.size;
  }

  /** Drops everything, as Google may at any time ("best effort" cache). */
  clear(): void {
    this.entries.clear();
  }

  private evict(): void {
    const oldest = [...this.entries.entries()]
      .sort(([, a], [, b]) => a.seq - b.seq)
      .slice(0, CACHE_EVICT_BATCH);
    for (const [k] of oldest) this.entries.delete(k);
  }
}

export class CacheStandin implements CacheLike {
  constructor(
    private readonly env: ServiceEnv,
    readonly store: CacheStore,
  ) {}

  get(key: string): string | null {
    this.env.call('Cache.get');
    return this.store.get(key);
  }

  getAll(keys: string[]): { [key: string]: string } {
    this.env.call('Cache.getAll');
    if (!Array.isArray(keys)) {
      throw new AppsScriptError(GAS_ERRORS.signature(describeArgs([keys]), 'CacheService.Cache.getAll'));
    }
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.store.get(k);
      if (v !== null) out[String(k)] = v;
    }
    return out;
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    this.env.call('Cache.put');
    this.store.put(key, value, expirationInSeconds);
  }

  putAll(values: { [key: string]: string }, expirationInSeconds?: number): void {
    this.env.call('Cache.putAll');
    if (values === null || typeof values !== 'object') {
      throw new AppsScriptError(GAS_ERRORS.signature(describeArgs([values]), 'CacheService.Cache.putAll'));
    }
    this.store.putAll(values, expirationInSeconds);
  }

  remove(key: string): void {
    this.env.call('Cache.remove');
    this.store.remove(key);
  }

  removeAll(keys: string[]): void {
    this.env.call('Cache.removeAll');
    if (!Array.isArray(keys)) {
      throw new AppsScriptError(GAS_ERRORS.signature(describeArgs([keys]), 'CacheService.Cache.removeAll'));
    }
    keys.forEach((k) => CacheStore.checkKey(k));
    for (const k of keys) this.store.remove(k);
  }
}

export class CacheServiceStandin implements CacheServiceLike {
  constructor(private readonly env: ServiceEnv) {}

  getUserCache(): CacheStandin {
    this.env.call('CacheService.getUserCache');
    return new CacheStandin(this.env, this.env.world.account(this.env.execution.user).cache);
  }

  getScriptCache(): CacheStandin {
    this.env.call('CacheService.getScriptCache');
    return new CacheStandin(this.env, this.env.world.scriptCache);
  }

  /** Null unless the execution is bound to a document (never, for a Gmail add-on card). */
  getDocumentCache(): CacheStandin | null {
    this.env.call('CacheService.getDocumentCache');
    const doc = this.env.execution.document;
    return doc === null ? null : new CacheStandin(this.env, this.env.world.documentCache(doc));
  }
}
