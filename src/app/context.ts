/**
 * Everything a handler may use, as ports. src/gas/runtime.ts builds it from Apps Script services;
 * tests and the local workbench build it from stand-ins. Handlers never reach for globals.
 */
import type { Clock } from '../ports/clock';
import type { KeyValueStore } from '../ports/key-value-store';
import type { Mailbox } from '../ports/mailbox';
import type { UserSession } from '../ports/session';
import type { SpreadsheetDirectory } from '../ports/spreadsheet-directory';
import type { AppendOnlyTab, CustomerSheet } from '../ports/customer-sheet';
import type { SheetTabs } from '../ports/sheet-tabs';
import type { ExpiringCache } from '../ports/expiring-cache';
import type { Mailer } from '../ports/mailer';
import type { Locks } from '../ports/locks';
import type { Triggers } from '../ports/triggers';
import type { CustomerWarehouse } from '../ports/customer-warehouse';
import type { UnsubscribeServices } from '../ports/unsubscribe';
import type { CampaignLogStore } from '../core/campaigns/runner';
import type { LogEntry, LoggedRecipient, LogRead } from '../core/campaigns/log';

export interface AppContext {
  clock: Clock;
  /** The user's own properties: settings and per-user state. */
  userStore: KeyValueStore;
  /** The user's cache, for what is cheap to lose and costly to read (rule and segment tabs). */
  cache: ExpiringCache;
  session: UserSession;
  mailbox: Mailbox;
  spreadsheets: SpreadsheetDirectory;
  /** The customer tab of the connected spreadsheet. */
  customerSheet(spreadsheetId: string, tab: string): CustomerSheet;
  /** An append-only tab of the connected spreadsheet (Notes), created with `headers` if missing. */
  appendOnlyTab(spreadsheetId: string, tab: string, headers: string[]): AppendOnlyTab;
  /** The connected spreadsheet's small tabs: Impact rules, Segments, Templates, the bulk-change log. */
  tabs(spreadsheetId: string): SheetTabs;
  /** The Campaigns tab: the recipient log of every campaign. */
  campaignLog(spreadsheetId: string): CampaignLog;
  mailer: Mailer;
  locks: Locks;
  triggers: Triggers;
  /** Signed unsubscribe links and the clicks waiting for the sheet (src/app/unsubscribe). */
  unsubscribe: UnsubscribeServices;
  /**
   * The BigQuery customer store when Settings → Customer store chose it, else undefined (the sheet).
   * Throws a UserFacingError naming what to enable when BigQuery is chosen but not available.
   * Optional: contexts without a warehouse read the sheet.
   */
  warehouse?(): CustomerWarehouse | undefined;
  /** One hourly step of the source sync (src/app/jobs/source-sync-job.ts); absent without the BigQuery opt-in. */
  sourceSync?(): void;
  /** Milliseconds since this execution started, for the 30 s / 6 min budgets. */
  elapsedMs(): number;
}

export interface CampaignLog extends CampaignLogStore {
  /** The whole tab: background runs only (the audience job's cool-down, reactivation). */
  readAll(): LogRead;
  /** One campaign's rows, found by Campaign ID: what card paths and a run's log check read. */
  readCampaign(campaignId: string): LogRead;
  /** These campaigns' rows, from the archive for a campaign with none left in the tab (cards, outcomes). */
  recipientsWithArchive(campaignIds: readonly string[]): LoggedRecipient[];
  /** Archived rows of campaigns whose name starts with `prefix` (background: reactivation's history). */
  archivedNamed(prefix: string): LoggedRecipient[];
  /** Data rows in the tab (0 when it is missing), one metadata call: whether a card can afford to read it. */
  rowCount(): number;
  /** Adds the entries not in the tab yet (by key); returns how many it added. */
  append(entries: readonly LogEntry[]): number;
}
