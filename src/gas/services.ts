/**
 * The subset of each Apps Script service ChurnGuard uses, as structural interfaces.
 *
 * `src/gas` code depends only on these `*Like` types; the real services (globals in Apps Script) and
 * the local stand-ins (src/local/standins) both satisfy them. ./services.typecheck.ts proves with tsc
 * that the REAL services from @types/google-apps-script are assignable to every interface here, so a
 * member added here that Apps Script lacks, or a signature that drifts, fails `npm run typecheck`.
 *
 * Conventions:
 * - Method syntax throughout (not property arrows), so parameters compare bivariantly the way the
 *   real overloads need.
 * - Parameter types follow the real ones (`Integer` is `number`); return types are narrowed to the
 *   subset interfaces so callers only see members we have stand-ins for.
 * - Apps Script enums (DigestAlgorithm, EventType, ...) keep their real types, so code passes the
 *   values it reads from the service object (`utilities.DigestAlgorithm.MD5`), never a literal.
 *
 * Nothing in this file exists at run time.
 */

// ---------------------------------------------------------------------------------------------------
// Spreadsheet

/**
 * What a cell holds as getValues() returns it: a number, a string ('' when empty, or a formula error
 * such as '#N/A'), a boolean or a Date. The real declaration says `any`.
 */
export type CellValue = string | number | boolean | Date;

export interface TextFinderLike {
  matchCase(matchCase: boolean): TextFinderLike;
  matchEntireCell(matchEntireCell: boolean): TextFinderLike;
  useRegularExpression(useRegEx: boolean): TextFinderLike;
  ignoreDiacritics(ignoreDiacritics: boolean): TextFinderLike;
  /** Every matching cell as a one-cell range, in row-major order. */
  findAll(): RangeLike[];
  findNext(): RangeLike | null;
}

export interface RangeLike {
  getValues(): CellValue[][];
  getDisplayValues(): string[][];
  /** Values may be numbers, strings, booleans, Dates; null/undefined clear the cell. */
  setValues(values: unknown[][]): RangeLike;
  getValue(): CellValue;
  setValue(value: unknown): RangeLike;
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  getLastRow(): number;
  getA1Notation(): string;
  createTextFinder(findText: string): TextFinderLike;
  clearContent(): RangeLike;
}

export interface SheetLike {
  getName(): string;
  setName(name: string): SheetLike;
  getSheetId(): number;
  getParent(): SpreadsheetLike;
  getLastRow(): number;
  getLastColumn(): number;
  getMaxRows(): number;
  getMaxColumns(): number;
  getRange(row: number, column: number): RangeLike;
  getRange(row: number, column: number, numRows: number): RangeLike;
  getRange(row: number, column: number, numRows: number, numColumns: number): RangeLike;
  getRange(a1Notation: string): RangeLike;
  getDataRange(): RangeLike;
  appendRow(rowContents: unknown[]): SheetLike;
  createTextFinder(findText: string): TextFinderLike;
  deleteRows(rowPosition: number, howMany: number): void;
  insertRowsAfter(afterPosition: number, howMany: number): SheetLike;
  insertColumnsAfter(afterPosition: number, howMany: number): SheetLike;
  clear(): SheetLike;
  setFrozenRows(rows: number): void;
}

export interface SpreadsheetLike {
  getId(): string;
  getUrl(): string;
  getName(): string;
  getSheetByName(name: string): SheetLike | null;
  getSheets(): SheetLike[];
  insertSheet(sheetName: string): SheetLike;
  getSpreadsheetLocale(): string;
  getSpreadsheetTimeZone(): string;
}

export interface SpreadsheetAppLike {
  openById(id: string): SpreadsheetLike;
  openByUrl(url: string): SpreadsheetLike;
  create(name: string): SpreadsheetLike;
  /** Applies pending changes; called before a lock is released (Lock reference). */
  flush(): void;
}

// ---------------------------------------------------------------------------------------------------
// Properties

export interface PropertiesLike {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): PropertiesLike;
  setProperties(properties: { [key: string]: string }): PropertiesLike;
  setProperties(properties: { [key: string]: string }, deleteAllOthers: boolean): PropertiesLike;
  getProperties(): { [key: string]: string };
  deleteProperty(key: string): PropertiesLike;
  deleteAllProperties(): PropertiesLike;
  getKeys(): string[];
}

export interface PropertiesServiceLike {
  getUserProperties(): PropertiesLike;
  getScriptProperties(): PropertiesLike;
  /**
   * Null when the script is not bound to a document (always, for a Gmail add-on). The @types
   * declaration omits the null; the reference documents it.
   */
  getDocumentProperties(): PropertiesLike | null;
}

// ---------------------------------------------------------------------------------------------------
// Cache

export interface CacheLike {
  get(key: string): string | null;
  /** Missing or expired keys are absent from the result. */
  getAll(keys: string[]): { [key: string]: string };
  put(key: string, value: string): void;
  put(key: string, value: string, expirationInSeconds: number): void;
  putAll(values: { [key: string]: string }): void;
  putAll(values: { [key: string]: string }, expirationInSeconds: number): void;
  remove(key: string): void;
  removeAll(keys: string[]): void;
}

export interface CacheServiceLike {
  getUserCache(): CacheLike;
  getScriptCache(): CacheLike;
  /** Null when the script is not bound to a document (always, for a Gmail add-on). */
  getDocumentCache(): CacheLike | null;
}

// ---------------------------------------------------------------------------------------------------
// Lock

export interface LockLike {
  tryLock(timeoutInMillis: number): boolean;
  waitLock(timeoutInMillis: number): void;
  hasLock(): boolean;
  releaseLock(): void;
}

export interface LockServiceLike {
  getUserLock(): LockLike;
  getScriptLock(): LockLike;
  /** Null when the script is not bound to a document (always, for a Gmail add-on). */
  getDocumentLock(): LockLike | null;
}

// ---------------------------------------------------------------------------------------------------
// Mail

/** Options of MailApp.sendEmail(recipient, subject, body, options), the subset we use. */
export interface MailOptionsLike {
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  /** Comma-separated addresses. */
  cc?: string;
  /** Comma-separated addresses. */
  bcc?: string;
  noReply?: boolean;
}

/** MailApp.sendEmail(message): `to` is a comma-separated list of addresses. */
export interface MailMessageLike extends MailOptionsLike {
  to: string;
  subject: string;
  body?: string;
}

export interface MailAppLike {
  sendEmail(message: MailMessageLike): void;
  sendEmail(recipient: string, subject: string, body: string): void;
  sendEmail(recipient: string, subject: string, body: string, options: MailOptionsLike): void;
  /** Recipients (not messages) the user may still send to today. */
  getRemainingDailyQuota(): number;
}

// ---------------------------------------------------------------------------------------------------
// URL Fetch (only the email-service sender uses it; it needs the script.external_request scope)

/** The options of UrlFetchApp.fetch that the email-service sender sets. */
export interface UrlFetchOptionsLike {
  method?: 'get' | 'delete' | 'patch' | 'post' | 'put';
  contentType?: string;
  headers?: { [name: string]: string };
  payload?: string;
  /** True: a 4xx/5xx answer is returned instead of thrown, so its code and body can be read. */
  muteHttpExceptions?: boolean;
}

export interface HttpResponseLike {
  getResponseCode(): number;
  getContentText(): string;
  /** Header name → value, an array for a header sent more than once. */
  getAllHeaders(): object;
}

export interface UrlFetchAppLike {
  fetch(url: string, params: UrlFetchOptionsLike): HttpResponseLike;
}

// ---------------------------------------------------------------------------------------------------
// Gmail

export interface GmailDraftLike {
  getId(): string;
}

export interface GmailThreadLike {
  getId(): string;
  getFirstMessageSubject(): string;
  /** Readable with the open message's access token: the token opens the message's whole thread. */
  getMessages(): GmailMessageLike[];
}

export interface GmailReplyOptionsLike {
  htmlBody?: string;
  subject?: string;
  cc?: string;
  bcc?: string;
  name?: string;
  replyTo?: string;
}

export interface GmailMessageLike {
  getId(): string;
  getFrom(): string;
  getTo(): string;
  getCc(): string;
  getReplyTo(): string;
  getSubject(): string;
  getPlainBody(): string;
  getBody(): string;
  getDate(): GoogleAppsScript.Base.Date;
  getThread(): GmailThreadLike;
  createDraftReply(body: string): GmailDraftLike;
  createDraftReply(body: string, options: GmailReplyOptionsLike): GmailDraftLike;
}

export interface GmailAppLike {
  setCurrentMessageAccessToken(accessToken: string): void;
  getMessageById(id: string): GmailMessageLike;
  /** A standalone draft; in a compose action, allowed by gmail.addons.current.action.compose. */
  createDraft(
    recipient: string,
    subject: string,
    body: string,
    options: GmailReplyOptionsLike,
  ): GmailDraftLike;
}

// ---------------------------------------------------------------------------------------------------
// Script (triggers)

export interface TriggerLike {
  getUniqueId(): string;
  getHandlerFunction(): string;
  getEventType(): GoogleAppsScript.Script.EventType;
  getTriggerSource(): GoogleAppsScript.Script.TriggerSource;
}

export interface ClockTriggerBuilderLike {
  after(durationMilliseconds: number): ClockTriggerBuilderLike;
  at(date: GoogleAppsScript.Base.Date): ClockTriggerBuilderLike;
  everyHours(n: number): ClockTriggerBuilderLike;
  everyDays(n: number): ClockTriggerBuilderLike;
  atHour(hour: number): ClockTriggerBuilderLike;
  nearMinute(minute: number): ClockTriggerBuilderLike;
  inTimezone(timezone: string): ClockTriggerBuilderLike;
  create(): TriggerLike;
}

export interface TriggerBuilderLike {
  timeBased(): ClockTriggerBuilderLike;
}

/** ScriptApp.getService(): the project's web app deployment. */
export interface WebAppServiceLike {
  /** The web app's URL, or null when it has not been deployed (Class Service reference). */
  getUrl(): string | null;
}

export interface ScriptAppLike {
  newTrigger(functionName: string): TriggerBuilderLike;
  getService(): WebAppServiceLike;
  /** The current user's triggers in this project (the real API has no argument-less getUserTriggers). */
  getProjectTriggers(): TriggerLike[];
  deleteTrigger(trigger: TriggerLike): void;
  EventType: { readonly CLOCK: GoogleAppsScript.Script.EventType };
  TriggerSource: { readonly CLOCK: GoogleAppsScript.Script.TriggerSource };
}

// ---------------------------------------------------------------------------------------------------
// Session, Utilities, Logger

export interface UserLike {
  getEmail(): string;
}

export interface SessionLike {
  getActiveUser(): UserLike;
  getEffectiveUser(): UserLike;
  getScriptTimeZone(): string;
  getActiveUserLocale(): string;
}

export interface UtilitiesLike {
  /** A subset of Java's SimpleDateFormat patterns; see the stand-in for which letters. */
  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string;
  getUuid(): string;
  sleep(milliseconds: number): void;
  /** A Blob of text: the upload of a BigQuery load job (src/gas/bigquery-sync.ts). */
  newBlob(data: string, contentType?: string, name?: string): { getDataAsString(): string };
  base64Encode(data: string): string;
  base64Encode(data: string, charset: GoogleAppsScript.Utilities.Charset): string;
  /** Signed bytes (-128..127), as Java hands them over. */
  base64Decode(encoded: string): number[];
  base64Decode(encoded: string, charset: GoogleAppsScript.Utilities.Charset): number[];
  /** HMAC-SHA256 of `value` under `key` (UTF-8): signed bytes (-128..127), as Java hands them over. */
  computeHmacSha256Signature(value: string, key: string): number[];
  /** Signed bytes (-128..127), as Java hands them over. */
  computeDigest(algorithm: GoogleAppsScript.Utilities.DigestAlgorithm, value: string): number[];
  computeDigest(
    algorithm: GoogleAppsScript.Utilities.DigestAlgorithm,
    value: string,
    charset: GoogleAppsScript.Utilities.Charset,
  ): number[];
  DigestAlgorithm: {
    readonly MD5: GoogleAppsScript.Utilities.DigestAlgorithm;
    readonly SHA_1: GoogleAppsScript.Utilities.DigestAlgorithm;
    readonly SHA_256: GoogleAppsScript.Utilities.DigestAlgorithm;
  };
  Charset: {
    readonly US_ASCII: GoogleAppsScript.Utilities.Charset;
    readonly UTF_8: GoogleAppsScript.Utilities.Charset;
  };
}

// ---------------------------------------------------------------------------------------------------
// Html (the web app's page)

export interface HtmlOutputLike {
  setTitle(title: string): HtmlOutputLike;
  getTitle(): string;
  getContent(): string;
  addMetaTag(name: string, content: string): HtmlOutputLike;
}

export interface HtmlServiceLike {
  createHtmlOutput(html: string): HtmlOutputLike;
}

export interface LoggerLike {
  log(data: unknown): LoggerLike;
  log(format: string, ...values: unknown[]): LoggerLike;
  getLog(): string;
  clear(): void;
}

/** The part of the global `console` Apps Script provides (logs to Cloud Logging / the execution log). */
export interface ConsoleLike {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
}

// ---------------------------------------------------------------------------------------------------

/** Every service global ChurnGuard uses except CardService (see ./card-service.ts), by its global name. */
export interface AppsScriptGlobalsLike {
  SpreadsheetApp: SpreadsheetAppLike;
  PropertiesService: PropertiesServiceLike;
  CacheService: CacheServiceLike;
  LockService: LockServiceLike;
  MailApp: MailAppLike;
  UrlFetchApp: UrlFetchAppLike;
  GmailApp: GmailAppLike;
  ScriptApp: ScriptAppLike;
  Session: SessionLike;
  Utilities: UtilitiesLike;
  HtmlService: HtmlServiceLike;
  Logger: LoggerLike;
  console: ConsoleLike;
}
