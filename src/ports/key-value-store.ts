/** A small string store: Apps Script user properties in production, a JSON file locally. */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}
