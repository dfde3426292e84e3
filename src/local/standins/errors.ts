/**
 * Apps Script's own wording for the errors the product must handle, so tests match production.
 *
 * "seen": the wording appears in public reports of, or code quoting, the real error. "unverified":
 * no public source was found; the text is the closest equivalent (or, for Java-side errors, Java's
 * own message).
 * Apps Script (V8) throws these as Error objects named 'Exception'; `String(error)` reads
 * "Exception: <message>", and `error.message` is the bare message, as here.
 */
export const GAS_ERRORS = {
  // Execution
  /** seen: the 6 min / 30 s limits end an execution with this. */
  timeout: 'Exceeded maximum execution time',
  /** unverified: services of an execution that has returned are gone in Apps Script; this is ours. */
  executionEnded: (id: number) => `Execution ${id} has ended; its services can no longer be used.`,
  /** seen (quotas page: "Service using too much computer time for one day"). */
  triggerRuntimeQuota: 'Service using too much computer time for one day',
  /** seen: wrong argument types anywhere in Apps Script. */
  signature: (types: string, method: string) =>
    `The parameters (${types}) don't match the method signature for ${method}.`,

  // MailApp
  /** seen */
  mailQuota: 'Service invoked too many times for one day: email.',
  /** seen */
  invalidEmail: (address: string) => `Invalid email: ${address}`,
  /** seen */
  noRecipient: 'Failed to send email: no recipient',
  /** seen (quotas page: 50 recipients per message) */
  tooManyRecipients: 'Limit Exceeded: Email Recipients Per Message.',
  /** seen (quotas page: email body size) */
  bodyTooLarge: 'Limit Exceeded: Email Body Size.',

  // LockService
  /** seen */
  lockTimeout: 'Lock timeout: another process was holding the lock for too long.',

  // PropertiesService: both the 9 KB value limit and the 500 KB store limit report this (seen).
  propertyStoreFull:
    'You have exceeded the property storage quota. Please remove some properties and try again.',
  propertyTooLarge:
    'You have exceeded the property storage quota. Please remove some properties and try again.',
  /** seen (quotas page: properties read/write per day) */
  propertiesQuota: 'Service invoked too many times for one day: properties.',
  /** unverified */
  invalidKey: 'Invalid argument: key',

  // CacheService (seen)
  cacheValueTooLarge: 'Argument too large: value',
  cacheKeyTooLong: 'Argument too large: key',

  // SpreadsheetApp
  /** seen: openById on an unknown (or malformed) ID. */
  noSpreadsheet: 'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
  /** seen (same family as noSpreadsheet) */
  noSpreadsheetByUrl:
    'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.',
  /** seen: openById on a file the user cannot open. */
  noAccess: 'You do not have permission to access the requested document.',
  /** seen: a spreadsheet object used after its file was deleted or unshared. */
  documentMissing: (id: string) =>
    `Document ${id} is missing (perhaps it was deleted, or you don't have read access?)`,
  /** seen ("Invalid argument: id" for openById('')); the same form for other arguments is assumed */
  invalidArgument: (name: string) => `Invalid argument: ${name}`,
  /** seen */
  rowsMismatch: (data: number, range: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  /** seen */
  columnsMismatch: (data: number, range: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
  /** seen */
  rangeOutOfBounds: 'The coordinates of the range are outside the dimensions of the sheet.',
  /** seen */
  rowStart: 'The starting row of the range is too small.',
  /** seen */
  columnStart: 'The starting column of the range is too small.',
  /** seen */
  numRowsTooSmall: 'The number of rows in the range must be at least 1.',
  /** seen */
  numColumnsTooSmall: 'The number of columns in the range must be at least 1.',
  /** seen */
  rangeNotFound: 'Range not found',
  /** seen */
  rowsOutOfBounds: 'Those rows are out of bounds.',
  /** seen */
  columnsOutOfBounds: 'Those columns are out of bounds.',
  /** unverified */
  freezeAllRows: "You can't freeze all visible rows on the sheet.",
  /** seen */
  deleteAllRows: 'Sorry, it is not possible to delete all non-frozen rows.',
  /** seen */
  sheetExists: (name: string) => `A sheet with the name "${name}" already exists. Please enter another name.`,
  /** seen */
  tooManyCells:
    'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
  /** seen */
  cellTooLong: 'Your input contains more than the maximum of 50000 characters in a single cell.',

  // GmailApp
  /** from memory of the real message; unverified against a public source */
  gmailNoToken:
    'Access denied: : Missing access token for per message scope authorization. Use GmailApp.setCurrentMessageAccessToken(String) to set the access token.',
  /** unverified */
  gmailBadToken: 'Access denied: : Invalid access token for per message scope authorization.',
  /** unverified: Gmail answers an unknown ID with an invalid-argument error. */
  gmailNoMessage: (id: string) => `Invalid argument: ${id}`,
  /**
   * docs: gmail.addons.current.action.compose lets an add-on create drafts "when the user interacts
   * with the add-on" through a compose action (developers.google.com/workspace/add-ons/gmail/compose);
   * wording unverified.
   */
  gmailDraftOutsideCompose: (invocation: string) =>
    `Access denied: : Drafts can be created only in a compose action (this execution is a ${invocation}).`,

  // ScriptApp
  /** docs: "Add-ons can only use time-driven triggers that run at most once per hour"; wording unverified */
  triggerTooOften: 'Add-ons may not create time-driven triggers that run more frequently than once per hour.',
  /** seen */
  tooManyTriggers:
    'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
  /** docs: "one trigger of each type, per user, per document" for add-ons; wording unverified */
  addOnTriggerExists:
    'Add-ons may only have one trigger of each type, per user, per document. A time-driven trigger already exists.',
  /** unverified */
  everyMinutesValue: 'The value passed to everyMinutes must be one of 1, 5, 10, 15 or 30.',
  /** unverified */
  triggerNoSchedule:
    'The trigger has no schedule: call after(), at(), everyMinutes/Hours/Days/Weeks() first.',
  /** unverified */
  atHourWithoutDays: 'atHour() requires everyDays() or everyWeeks().',

  // Utilities
  /** docs: "The maximum allowed value is 300000 (or 5 minutes)"; wording unverified */
  sleepTooLong: 'Invalid argument: milliseconds. The maximum allowed value is 300000.',
  /** unverified: Java's SimpleDateFormat message, assumed passed on by Apps Script */
  illegalPatternChar: (c: string) => `Illegal pattern character '${c}'`,
} as const;

export class AppsScriptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

/** Describes arguments the way Apps Script's signature errors do: (String), (number,number), (null). */
export function describeArgs(args: readonly unknown[]): string {
  return args
    .map((a) => {
      if (a === null || a === undefined) return 'null';
      if (Array.isArray(a)) return `${describeArgs(a.slice(0, 1)) || 'Object'}[]`;
      if (typeof a === 'string') return 'String';
      if (typeof a === 'number') return 'number';
      if (typeof a === 'boolean') return 'Boolean';
      if (Object.prototype.toString.call(a) === '[object Date]') return 'Date';
      return 'Object';
    })
    .join(',');
}
