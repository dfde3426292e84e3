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

/** A tab of a new spreadsheet: its name and its rows, header first. */
export interface NewTab {
  name: string;
  values: unknown[][];
}

export interface SpreadsheetDirectory {
  open(id: string): OpenSpreadsheetResult;
  /** Creates a spreadsheet in the user's Drive with these tabs, in order, each with a frozen header row. */
  create(name: string, tabs: NewTab[]): SpreadsheetInfo;
}
