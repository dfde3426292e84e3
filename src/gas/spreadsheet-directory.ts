/**
 * Opens the user's spreadsheet to validate it. Apps Script throws on a missing or unshared file,
 * with messages that differ by case; both become a result the settings card can explain.
 */
import { literalRows } from '../core/sheet/literal-text';
import type { OpenSpreadsheetResult, SpreadsheetDirectory } from '../ports/spreadsheet-directory';
import type { SheetLike, SpreadsheetLike } from './services';

type SpreadsheetForDirectory = Pick<SpreadsheetLike, 'getId' | 'getName' | 'getUrl'> & {
  getSheets(): Pick<SheetLike, 'getName' | 'setName' | 'getRange' | 'setFrozenRows'>[];
  insertSheet(name: string): Pick<SheetLike, 'getRange' | 'setFrozenRows'>;
};

export interface SpreadsheetAppOpenLike {
  openById(id: string): SpreadsheetForDirectory;
  create(name: string): SpreadsheetForDirectory;
}

/** Rows padded to one width, as setValues requires a rectangle. */
function rectangle(values: unknown[][]): { rows: unknown[][]; width: number } {
  const width = Math.max(0, ...values.map((r) => r.length));
  return { rows: values.map((r) => [...r, ...Array<unknown>(width - r.length).fill('')]), width };
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

    create(name, tabs) {
      const ss = app.create(name);
      tabs.forEach((tab, i) => {
        // A new spreadsheet comes with one empty tab ("Sheet1"): it becomes the first of ours.
        const sheet = i === 0 ? ss.getSheets()[0]!.setName(tab.name) : ss.insertSheet(tab.name);
        const { rows, width } = rectangle(tab.values);
        if (rows.length === 0 || width === 0) return;
        sheet.getRange(1, 1, rows.length, width).setValues(literalRows(rows));
        sheet.setFrozenRows(1);
      });
      return {
        id: ss.getId(),
        name: ss.getName(),
        url: ss.getUrl(),
        sheetNames: tabs.map((t) => t.name),
      };
    },
  };
}
