/**
 * The composition root: builds the app's ports from Apps Script services. The services are passed in
 * (never read from globals here) so the same code runs on the real services, on the stand-ins in the
 * bundle tests, and in the local workbench.
 */
import type { AppContext } from '../app/context';
import { gmailMailbox, type GmailAppLike } from './gmail-mailbox';
import { propertiesStore, type PropertiesLike } from './properties-store';
import { spreadsheetDirectory, type SpreadsheetAppOpenLike } from './spreadsheet-directory';
import {
  sheetsAppendOnlyTab,
  sheetsCustomerSheet,
  type RowCache,
  type SpreadsheetsForCustomers,
} from './customer-sheet';
import { sheetsTabs } from './sheet-tabs';
import { expiringCache } from './expiring-cache';

export interface AppsScriptServices {
  SpreadsheetApp: SpreadsheetAppOpenLike & SpreadsheetsForCustomers;
  CacheService: { getUserCache(): RowCache | null };
  PropertiesService: { getUserProperties(): PropertiesLike };
  GmailApp: GmailAppLike;
  Session: { getActiveUser(): { getEmail(): string } };
}

export function createContext(services: AppsScriptServices): AppContext {
  return {
    clock: { now: () => new Date() },
    userStore: propertiesStore(services.PropertiesService.getUserProperties()),
    cache: expiringCache(userCache(services)),
    session: { email: () => services.Session.getActiveUser().getEmail() },
    mailbox: gmailMailbox(services.GmailApp),
    spreadsheets: spreadsheetDirectory(services.SpreadsheetApp),
    customerSheet: (id, tab) => sheetsCustomerSheet(services.SpreadsheetApp, userCache(services), id, tab),
    appendOnlyTab: (id, tab, headers) => sheetsAppendOnlyTab(services.SpreadsheetApp, id, tab, headers),
    tabs: (id) => sheetsTabs(services.SpreadsheetApp, id),
  };
}

/** getUserCache can return null outside a user context; fall back to no caching rather than fail. */
function userCache(services: AppsScriptServices): RowCache {
  return (
    services.CacheService.getUserCache() ?? { get: () => null, put: () => undefined, remove: () => undefined }
  );
}
