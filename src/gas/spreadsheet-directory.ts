/**
 * Opens the user's spreadsheet to validate it. Apps Script throws on a missing or unshared file,
 * with messages that differ by case; both become a result the settings card can explain.
 */
import type { OpenSpreadsheetResult, SpreadsheetDirectory } from '../ports/spreadsheet-directory';

export interface SpreadsheetAppOpenLike {
  openById(id: string): {
    getId(): string;
    getName(): string;
    getUrl(): string;
    getSheets(): { getName(): string }[];
  };
}

export function spreadsheetDirectory(app: SpreadsheetAppOpenLike): SpreadsheetDirectory {
  return {
    open(id: string): OpenSpreadsheetResult {
      try {
        const ss = app.openById(id);
        return {
          ok: true,
          spreadsheet: {
            id: ss.getId(),
            name: ss.getName(),
            url: ss.getUrl(),
            sheetNames: ss.getSheets().map((s) => s.getName()),
          },
        };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (/permission|access/i.test(message)) {
          return {
            ok: false,
            reason: 'no-access',
            message: `You do not have access to the spreadsheet ${id} (Google said: ${message}).`,
          };
        }
        return {
          ok: false,
          reason: 'not-found',
          message: `The spreadsheet ${id} could not be opened; it may have been deleted (Google said: ${message}).`,
        };
      }
    },
  };
}
