/**
 * The bundle's entry: the only module whose exports become Apps Script globals. scripts/build.ts
 * appends a top-level `function name(e)` for each export, because Apps Script calls triggers and
 * actions by the name of a top-level function. Everything else stays inside the bundle.
 *
 * Services are read from the globals lazily, at call time, so loading the file touches nothing.
 */
import { gasEntryPoints } from './gas/entry-points';
import type { BigQueryLike } from './gas/bigquery-like';

/** The BigQuery advanced service's global, present only where the project turned the service on. */
declare const BigQuery: BigQueryLike | undefined;

const gas = gasEntryPoints(() => ({
  SpreadsheetApp,
  CacheService,
  PropertiesService,
  GmailApp,
  Session,
  MailApp,
  // A getter: the global is touched only when the email-service sender sends (it needs its own scope).
  get UrlFetchApp() {
    return typeof UrlFetchApp === 'undefined' ? undefined : UrlFetchApp;
  },
  // A getter: read only when Settings chose the BigQuery customer store (it needs its own scope).
  get BigQuery() {
    return typeof BigQuery === 'undefined' ? undefined : BigQuery;
  },
  LockService,
  ScriptApp,
  Utilities,
  CardService,
  HtmlService,
  console,
}));

/** addOns.common.homepageTrigger: no message open. */
export function onHomepage(event: unknown) {
  return gas.onHomepage(event);
}

/** addOns.gmail.contextualTriggers: a message is open. */
export function onGmailMessage(event: unknown) {
  return gas.onGmailMessage(event);
}

/** addOns.gmail.composeTrigger: the "Insert retention offer" compose action. */
export function onGmailCompose(event: unknown) {
  return gas.onGmailCompose(event);
}

/** Universal action "Settings". */
export function onSettings(event: unknown) {
  return gas.onSettings(event);
}

/** Universal action "Help". */
export function onHelp(event: unknown) {
  return gas.onHelp(event);
}

/** The hourly time trigger campaigns and the daily scan install (src/app/campaigns/run.ts). */
export function onHourlyTrigger() {
  gas.onHourlyTrigger();
}

/** The single dispatcher every card button calls (src/app/dispatcher.ts). */
export function onCardAction(event: unknown) {
  return gas.onCardAction(event);
}

/**
 * The web app (manifest `webapp`: executes as the deploying user, for anyone, even anonymous): the
 * unsubscribe link in every campaign email (src/app/unsubscribe/web-app.ts).
 */
export function doGet(event: unknown) {
  return gas.doGet(event);
}
