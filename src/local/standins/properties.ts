/** PropertiesService with its real limits: 9 KB a value, 500 KB a store, string values. */
import { AppsScriptError, GAS_ERRORS } from './errors';
import type { ServiceEnv } from './world';

export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export class PropertyStore {
  readonly values = new Map<string, string>();

  size(): number {
    let total = 0;
    for (const [k, v] of this.values) total += bytes(k) + bytes(v);
    return total;
  }

  put(key: string, value: unknown): void {
    const text = String(value);
    if (bytes(text) > PROPERTY_VALUE_MAX_BYTES) throw new AppsScriptError(GAS_ERRORS.propertyTooLarge);
    const before = this.values.get(key);
    const delta = bytes(key) + bytes(text) - (before === undefined ? 0 : bytes(key) + bytes(before));
    if (this.size() + delta > PROPERTY_STORE_MAX_BYTES)
      throw new AppsScriptError(GAS_ERRORS.propertyStoreFull);
    this.values.set(key, text);
  }

  /** Loads a plain object (for the workbench's JSON file). */
  load(values: Record<string, string>): void {
    this.values.clear();
    for (const [k, v] of Object.entries(values)) this.put(k, v);
  }

  toObject(): Record<string, string> {
    return Object.fromEntries(this.values);
  }
}

export function createPropertiesService(env: ServiceEnv) {
  const api = (store: PropertyStore, name: string) => {
    const self = {
      getProperty(key: string): string | null {
        env.hit(`${name}.getProperty`);
        return store.values.get(key) ?? null;
      },
      setProperty(key: string, value: string) {
        env.hit(`${name}.setProperty`);
        store.put(key, value);
        return self;
      },
      getProperties(): Record<string, string> {
        env.hit(`${name}.getProperties`);
        return store.toObject();
      },
      setProperties(properties: Record<string, string>, deleteAllOthers = false) {
        env.hit(`${name}.setProperties`);
        if (deleteAllOthers) store.values.clear();
        for (const [k, v] of Object.entries(properties)) store.put(k, v);
        return self;
      },
      deleteProperty(key: string) {
        env.hit(`${name}.deleteProperty`);
        store.values.delete(key);
        return self;
      },
      deleteAllProperties() {
        env.hit(`${name}.deleteAllProperties`);
        store.values.clear();
        return self;
      },
      getKeys(): string[] {
        env.hit(`${name}.getKeys`);
        return [...store.values.keys()];
      },
    };
    return self;
  };
  return {
    getUserProperties: () => api(env.world.userProperties, 'Properties'),
    getScriptProperties: () => api(env.world.scriptProperties, 'Properties'),
    getDocumentProperties: () => api(env.world.documentProperties, 'Properties'),
  };
}
