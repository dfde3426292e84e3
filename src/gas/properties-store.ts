/** KeyValueStore over an Apps Script Properties store (user properties for settings). */
import type { KeyValueStore } from '../ports/key-value-store';

/** The part of GoogleAppsScript.Properties.Properties this adapter uses. */
export interface PropertiesLike {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): unknown;
  deleteProperty(key: string): unknown;
}

export function propertiesStore(properties: PropertiesLike): KeyValueStore {
  return {
    get: (key) => properties.getProperty(key),
    set: (key, value) => void properties.setProperty(key, value),
    delete: (key) => void properties.deleteProperty(key),
  };
}
