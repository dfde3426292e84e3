/** Opening the user's spreadsheet by ID, to validate the one they connect. */
export interface SpreadsheetInfo {
  id: string;
  name: string;
  url: string;
  sheetNames: string[];
}

export type OpenSpreadsheetResult =
  | { ok: true; spreadsheet: SpreadsheetInfo }
  | { ok: false; reason: 'not-found' | 'no-access'; message: string };

export interface SpreadsheetDirectory {
  open(id: string): OpenSpreadsheetResult;
}
