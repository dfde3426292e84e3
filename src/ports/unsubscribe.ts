/**
 * What unsubscribe links need from the platform. The script store is Apps Script's script
 * properties: the only store both the account managers' executions (add-on cards, their hourly
 * triggers) and the web app (run as the account that deployed it) can read, since user properties
 * belong to one account and document properties do not exist in a Gmail add-on or a web app
 * (PropertiesService reference and the Properties guide's comparison table).
 */
import type { KeyValueStore } from './key-value-store';

export interface UnsubscribeServices {
  /** Script properties: shared by every user of the project and its web app. */
  scriptStore: KeyValueStore;
  /** HMAC-SHA256 (Utilities.computeHmacSha256Signature): bytes, possibly signed. */
  hmacSha256(message: string, key: string): number[];
  /** A fresh random secret (two random UUIDs: 244 random bits). */
  newSecret(): string;
  /** The web app's URL (ScriptApp.getService().getUrl()), or null when none is deployed. */
  webAppUrl(): string | null;
}
