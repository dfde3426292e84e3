/** Apps Script's own wording for the errors the product must handle, so tests match production. */
export const GAS_ERRORS = {
  timeout: 'Exceeded maximum execution time',
  mailQuota: 'Service invoked too many times for one day: email.',
  lockTimeout: 'Lock timeout: another process was holding the lock for too long.',
  propertyTooLarge: 'Argument too large: value',
  propertyStoreFull:
    'You have exceeded the property storage quota. Please remove some properties and try again.',
  cacheValueTooLarge: 'Argument too large: value',
  cacheKeyTooLong: 'Argument too large: key',
  invalidEmail: (address: string) => `Invalid email: ${address}`,
  noSpreadsheet: 'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
  noAccess: 'You do not have permission to access the requested document.',
  gmailNoToken:
    'Access denied: : Missing access token for per message scope authorization. Use GmailApp.setCurrentMessageAccessToken(String) to set the access token.',
  gmailNoMessage: (id: string) => `Invalid argument: ${id}`,
  rowsMismatch: (data: number, range: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  columnsMismatch: (data: number, range: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
  rangeOutOfBounds: 'The coordinates of the range are outside the dimensions of the sheet.',
  rowStart: 'The starting row of the range is too small.',
  columnStart: 'The starting column of the range is too small.',
  triggerTooOften: 'Add-ons may not create time-driven triggers that run more frequently than once per hour.',
  tooManyTriggers:
    'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
} as const;

export class AppsScriptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}
