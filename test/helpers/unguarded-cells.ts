/**
 * Cells of a written spreadsheet file that a spreadsheet program would run: text starting with
 * = + - @, tab or CR without the apostrophe guard. Read from the raw file, not through our reader,
 * so a guard lost on the way out is seen as Excel would see it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as XLSX from 'xlsx';
import { FORMULA_START } from '../../src/core/sheet/literal-text';
import { parseCsv } from '../../src/local/table/csv';

/** A plain number, written bare on purpose ("-5"): a spreadsheet reads it as the number it is. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

export interface UnguardedCell {
  file: string;
  row: number;
  column: number;
  text: string;
}

function unguardedIn(file: string, rows: readonly (readonly string[])[]): UnguardedCell[] {
  const found: UnguardedCell[] = [];
  rows.forEach((cells, r) =>
    cells.forEach((text, c) => {
      if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text))
        found.push({ file, row: r + 1, column: c + 1, text });
    }),
  );
  return found;
}

function xlsxTextRows(file: string): string[][] {
  const book = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
  return book.SheetNames.flatMap((name) => {
    const ws = book.Sheets[name]!;
    return Object.entries(ws)
      .filter(([key, cell]) => !key.startsWith('!') && (cell as XLSX.CellObject).t === 's')
      .map(([, cell]) => [String((cell as XLSX.CellObject).v)]);
  });
}

/** Every unguarded cell in the .csv and .xlsx files under `dir` (or in the one file). */
export function unguardedCells(dirOrFile: string): UnguardedCell[] {
  const files = fs.statSync(dirOrFile).isDirectory()
    ? fs.readdirSync(dirOrFile, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dirOrFile, f))
    : [dirOrFile];
  return files.flatMap((file) => {
    if (/\.csv$/i.test(file)) return unguardedIn(file, parseCsv(fs.readFileSync(file, 'utf8')));
    if (/\.xlsx$/i.test(file)) return unguardedIn(file, xlsxTextRows(file));
    return [];
  });
}
