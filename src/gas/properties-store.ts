/** KeyValueStore over an Apps Script Properties store (user properties for settings). */
import { StoreWriteError, type KeyValueStore } from '../ports/key-value-store';
import { utf8Length } from '../core/text/utf8';

/** The part of GoogleAppsScript.Properties.Properties this adapter uses. */
export interface PropertiesLike {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): unknown;
  deleteProperty(key: string): unknown;
}

export function propertiesStore(properties: PropertiesLike): KeyValueStore {
  return {
    get: (key) => properties.getProperty(key),
    set: (key, value) => {
      try {
        properties.setProperty(key, value);
      } catch (error) {
        // PropertiesService refuses values over 9 KB, a store over 500 KB and writes past the daily
        // quota; say which value and why, so the card can explain it.
        throw new StoreWriteError(
          key,
          utf8Length(value),
          error instanceof Error ? error.message : String(error),
        );
      }
    },
    delete: (key) => void properties.deleteProperty(key),
  };
}
