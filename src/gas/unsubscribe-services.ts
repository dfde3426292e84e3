/**
 * Unsubscribe links on Apps Script: script properties (the store the web app and every user's
 * executions share), Utilities' HMAC-SHA256 and UUIDs, and the web app's URL from ScriptApp.
 */
import type { KeyValueStore } from '../ports/key-value-store';
import type { UnsubscribeServices } from '../ports/unsubscribe';
import { propertiesStore, type PropertiesLike } from './properties-store';
import type { ScriptAppLike, UtilitiesLike } from './services';

export interface UnsubscribeGlobals {
  PropertiesService: { getScriptProperties(): PropertiesLike };
  ScriptApp: Pick<ScriptAppLike, 'getService'>;
  Utilities?: Pick<UtilitiesLike, 'computeHmacSha256Signature' | 'getUuid'>;
}

export function unsubscribeServices(g: UnsubscribeGlobals): UnsubscribeServices {
  const utilities = () => {
    if (!g.Utilities) throw new Error('Utilities is not available: unsubscribe links cannot be signed.');
    return g.Utilities;
  };
  // Opened on first use (a counted service call): most executions never touch it.
  let store: KeyValueStore | null = null;
  const opened = () => (store ??= propertiesStore(g.PropertiesService.getScriptProperties()));
  return {
    scriptStore: {
      get: (key) => opened().get(key),
      set: (key, value) => opened().set(key, value),
      delete: (key) => opened().delete(key),
    },
    hmacSha256: (message, key) => utilities().computeHmacSha256Signature(message, key),
    newSecret: () => `${utilities().getUuid()}${utilities().getUuid()}`.replace(/-/g, ''),
    webAppUrl: () => g.ScriptApp.getService().getUrl() || null,
  };
}
