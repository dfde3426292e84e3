/** A small string store: Apps Script user properties in production, a JSON file locally. */
export interface KeyValueStore {
  get(key: string): string | null;
  /** Throws StoreWriteError when the store refuses the value (too large, store full, quota). */
  set(key: string, value: string): void;
  delete(key: string): void;
}

/**
 * A write the store refused: which key, how big the value was, and the store's own reason. The error
 * guard turns it into a sentence the user can act on instead of a broken card.
 */
export class StoreWriteError extends Error {
  constructor(
    readonly key: string,
    readonly bytes: number,
    readonly reason: string,
  ) {
    super(`Could not save ${key} (${bytes} bytes): ${reason}`);
    this.name = 'StoreWriteError';
  }
}
