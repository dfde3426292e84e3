/**
 * Type-only proof that Apps Script's REAL services (from @types/google-apps-script) are assignable to
 * the subsets in ./services.ts. If Google's declarations drift, or a `*Like` interface gains a member
 * or signature the real service lacks, `tsc --noEmit -p tsconfig.json` fails here, naming the member.
 * Nothing in this file exists at run time (everything is `declare` or a type).
 */
import type * as S from './services';

type Fits<Actual extends Expected, Expected> = Actual;

export type SpreadsheetAppFits = Fits<GoogleAppsScript.Spreadsheet.SpreadsheetApp, S.SpreadsheetAppLike>;
export type SpreadsheetFits = Fits<GoogleAppsScript.Spreadsheet.Spreadsheet, S.SpreadsheetLike>;
export type SheetFits = Fits<GoogleAppsScript.Spreadsheet.Sheet, S.SheetLike>;
export type RangeFits = Fits<GoogleAppsScript.Spreadsheet.Range, S.RangeLike>;
export type TextFinderFits = Fits<GoogleAppsScript.Spreadsheet.TextFinder, S.TextFinderLike>;

export type PropertiesServiceFits = Fits<
  GoogleAppsScript.Properties.PropertiesService,
  S.PropertiesServiceLike
>;
export type PropertiesFits = Fits<GoogleAppsScript.Properties.Properties, S.PropertiesLike>;

export type CacheServiceFits = Fits<GoogleAppsScript.Cache.CacheService, S.CacheServiceLike>;
export type CacheFits = Fits<GoogleAppsScript.Cache.Cache, S.CacheLike>;

export type LockServiceFits = Fits<GoogleAppsScript.Lock.LockService, S.LockServiceLike>;
export type LockFits = Fits<GoogleAppsScript.Lock.Lock, S.LockLike>;

export type MailAppFits = Fits<GoogleAppsScript.Mail.MailApp, S.MailAppLike>;
export type UrlFetchAppFits = Fits<GoogleAppsScript.URL_Fetch.UrlFetchApp, S.UrlFetchAppLike>;
export type HttpResponseFits = Fits<GoogleAppsScript.URL_Fetch.HTTPResponse, S.HttpResponseLike>;

export type GmailAppFits = Fits<GoogleAppsScript.Gmail.GmailApp, S.GmailAppLike>;
export type GmailMessageFits = Fits<GoogleAppsScript.Gmail.GmailMessage, S.GmailMessageLike>;
export type GmailThreadFits = Fits<GoogleAppsScript.Gmail.GmailThread, S.GmailThreadLike>;
export type GmailDraftFits = Fits<GoogleAppsScript.Gmail.GmailDraft, S.GmailDraftLike>;

export type ScriptAppFits = Fits<GoogleAppsScript.Script.ScriptApp, S.ScriptAppLike>;
export type TriggerBuilderFits = Fits<GoogleAppsScript.Script.TriggerBuilder, S.TriggerBuilderLike>;
export type ClockTriggerBuilderFits = Fits<
  GoogleAppsScript.Script.ClockTriggerBuilder,
  S.ClockTriggerBuilderLike
>;
export type TriggerFits = Fits<GoogleAppsScript.Script.Trigger, S.TriggerLike>;

export type SessionFits = Fits<GoogleAppsScript.Base.Session, S.SessionLike>;
export type UserFits = Fits<GoogleAppsScript.Base.User, S.UserLike>;
export type UtilitiesFits = Fits<GoogleAppsScript.Utilities.Utilities, S.UtilitiesLike>;
export type HtmlServiceFits = Fits<GoogleAppsScript.HTML.HtmlService, S.HtmlServiceLike>;
export type HtmlOutputFits = Fits<GoogleAppsScript.HTML.HtmlOutput, S.HtmlOutputLike>;
export type WebAppServiceFits = Fits<GoogleAppsScript.Script.Service, S.WebAppServiceLike>;
export type LoggerFits = Fits<GoogleAppsScript.Base.Logger, S.LoggerLike>;
export type ConsoleFits = Fits<Console, S.ConsoleLike>;

// The globals as Apps Script declares them, taken together.
export type GlobalsFit = Fits<
  {
    SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    PropertiesService: GoogleAppsScript.Properties.PropertiesService;
    CacheService: GoogleAppsScript.Cache.CacheService;
    LockService: GoogleAppsScript.Lock.LockService;
    MailApp: GoogleAppsScript.Mail.MailApp;
    UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp;
    GmailApp: GoogleAppsScript.Gmail.GmailApp;
    ScriptApp: GoogleAppsScript.Script.ScriptApp;
    Session: typeof Session;
    Utilities: GoogleAppsScript.Utilities.Utilities;
    HtmlService: GoogleAppsScript.HTML.HtmlService;
    Logger: typeof Logger;
    console: typeof console;
  },
  S.AppsScriptGlobalsLike
>;
