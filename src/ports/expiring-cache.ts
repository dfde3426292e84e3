/**
 * A per-user cache whose entries expire (CacheService: 100 KB a value, 6 hours at most). For what
 * can be read again if lost: the spreadsheet's rule and segment tabs between two sidebar opens.
 */
export interface ExpiringCache {
  get(key: string): string | null;
  /** Values over the service's limit are not cached (the caller reads the source again next time). */
  put(key: string, value: string, seconds: number): void;
  remove(key: string): void;
}
