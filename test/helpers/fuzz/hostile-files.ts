/** A hostile sheet on disk, as a user hands it over: one XLSX file, one CSV file, or a folder of CSV tabs. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { xlsxBytes } from '../xlsx-bytes';
import { hostileCsv, type HostileSheet } from './hostile-values';
import type { Random } from './random';

export type SheetFileKind = 'xlsx' | 'csv' | 'folder';

/** Writes `sheet` into `dir` as `kind` (a folder gets the `tabs` CSV files too); returns the path to open. */
export function writeHostileSheet(
  dir: string,
  sheet: HostileSheet,
  r: Random,
  kind: SheetFileKind,
  tabs: Record<string, string> = {},
): string {
  if (kind === 'xlsx') {
    const file = path.join(dir, 'customers.xlsx');
    fs.writeFileSync(file, xlsxBytes([sheet.headers, ...sheet.rows]));
    return file;
  }
  if (kind === 'csv') {
    const file = path.join(dir, 'customers.csv');
    fs.writeFileSync(file, hostileCsv(sheet, r));
    return file;
  }
  const folder = path.join(dir, 'sheet');
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, 'customers.csv'), hostileCsv(sheet, r));
  for (const [name, text] of Object.entries(tabs)) fs.writeFileSync(path.join(folder, name), text);
  return folder;
}
