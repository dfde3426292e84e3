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
import { sheetsCampaignLog } from './campaign-log';
import { mailAppMailer } from './mailer';
import { lockServiceLocks } from './locks';
import { scriptAppTriggers } from './triggers';
import type { LockServiceLike, MailAppLike, ScriptAppLike, UrlFetchAppLike, UtilitiesLike } from './services';
import { chosenMailer } from './sender-choice';
import { unsubscribeServices } from './unsubscribe-services';
import type { BigQueryLike } from './bigquery-like';
import { chosenWarehouse, hourlySourceSync } from './warehouse-choice';

export interface AppsScriptServices {
  SpreadsheetApp: SpreadsheetAppOpenLike & SpreadsheetsForCustomers & { flush(): void };
  CacheService: { getUserCache(): RowCache | null };
  PropertiesService: { getUserProperties(): PropertiesLike; getScriptProperties(): PropertiesLike };
  GmailApp: GmailAppLike;
  Session: { getActiveUser(): { getEmail(): string } };
  MailApp: MailAppLike;
  LockService: Pick<LockServiceLike, 'getUserLock' | 'getScriptLock'>;
  ScriptApp: ScriptAppLike;
  /**
   * For the mailer's pauses between retries and the unsubscribe links' HMAC; optional so older
   * callers still build a context (without it, links cannot be signed and sends fail with the reason).
   */
  Utilities?: Pick<UtilitiesLike, 'sleep' | 'computeHmacSha256Signature' | 'getUuid'> &
    Partial<Pick<UtilitiesLike, 'newBlob'>>;
  /**
   * Only the email-service sender touches it (Settings → Sender); read at the first send, so a
   * deployment without the script.external_request scope never calls it.
   */
  UrlFetchApp?: UrlFetchAppLike;
  /**
   * The BigQuery advanced service, read only when Settings → Customer store chose BigQuery (it needs
   * the bigquery scope, which the default manifest does not ask for).
   */
  BigQuery?: BigQueryLike;
}

export function createContext(services: AppsScriptServices): AppContext {
  const started = Date.now();
  // One Locks per execution: the shared lock is re-entrant only within the same instance.
  const locks = lockServiceLocks(services.LockService, () => services.SpreadsheetApp.flush());
  const spreadsheetApp = openOncePerExecution(services.SpreadsheetApp);
  const userStore = propertiesStore(services.PropertiesService.getUserProperties());
  const sleep = (ms: number) => services.Utilities?.sleep(ms);
  const cache = expiringCache(userCache(services));
  const ctx: AppContext = {
    clock: { now: () => new Date() },
    userStore,
    cache,
    session: { email: () => services.Session.getActiveUser().getEmail() },
    mailbox: gmailMailbox(services.GmailApp),
    spreadsheets: spreadsheetDirectory(services.SpreadsheetApp),
    customerSheet: (id, tab) => sheetsCustomerSheet(spreadsheetApp, userCache(services), id, tab),
    appendOnlyTab: (id, tab, headers) => sheetsAppendOnlyTab(spreadsheetApp, id, tab, headers),
    tabs: (id) => sheetsTabs(spreadsheetApp, id),
    campaignLog: (id) => sheetsCampaignLog(spreadsheetApp, id, { locks }),
    mailer: chosenMailer(
      userStore,
      () => mailAppMailer(services.MailApp, sleep),
      () => services.UrlFetchApp,
      sleep,
      () => new Date(),
    ),
    locks,
    triggers: scriptAppTriggers(services.ScriptApp),
    unsubscribe: unsubscribeServices(services),
    warehouse: chosenWarehouse(
      userStore,
      cache,
      () => services.BigQuery,
      () => new Date(),
      sleep,
      services.Utilities?.newBlob
        ? (text) => services.Utilities!.newBlob!(text, 'application/octet-stream', 'customers.json')
        : undefined,
    ),
    elapsedMs: () => Date.now() - started,
  };
  // Only the BigQuery opt-in bundle has the source sync (warehouse-choice.ts): none in the default one.
  const sync = hourlySourceSync;
  if (sync) ctx.sourceSync = () => void sync(ctx);
  return ctx;
}

/**
 * SpreadsheetApp whose openById opens each spreadsheet once per execution (300 ms a call): a campaign
 * Start touches the customer tab, the Campaigns tab and the config tabs through separate adapters, and
 * opened it ten times. A Spreadsheet object stays valid for the whole execution; a failed open is not kept.
 */
function openOncePerExecution(
  app: AppsScriptServices['SpreadsheetApp'],
): AppsScriptServices['SpreadsheetApp'] {
  const opened = new Map<string, unknown>();
  return new Proxy(app, {
    get(target, property, receiver) {
      if (property !== 'openById') {
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (id: string) => {
        const known = opened.get(id);
        if (known) return known;
        const spreadsheet: unknown = target.openById(id);
        opened.set(id, spreadsheet);
        return spreadsheet;
      };
    },
  });
}

/** getUserCache can return null outside a user context; fall back to no caching rather than fail. */
function userCache(services: AppsScriptServices): RowCache {
  return (
    services.CacheService.getUserCache() ?? { get: () => null, put: () => undefined, remove: () => undefined }
  );
}
