/**
 * Keeps the workbench's in-memory spreadsheet and its files on disk in step, a tab's file at a time:
 * a file edited by hand while the workbench runs is read back before the next execution, a tab the
 * add-on changed is written back after it, and a file changed on both sides is a conflict, reported
 * by name, that writes over neither (see SheetConflictError).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SpreadsheetData } from '../standins/spreadsheet';
import {
  csvFilesIn,
  csvTabPath,
  folderTabFile,
  readTableFile,
  tabNameForFile,
  writeTableFile,
} from '../table/table-file';
import { SheetConflictError } from './http-error';

const MISSING = 'missing';

function hashOf(file: string): string {
  try {
    return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return MISSING;
  }
}

export class SheetFileSync {
  /** File → content hash as last read or written by the workbench. */
  private known = new Map<string, string>();
  /** Tab → its values as last read or written, to tell which tabs the add-on changed. */
  private saved = new Map<string, string>();
  private savedVersion = -1;

  constructor(
    private readonly sheetPath: string,
    private readonly asideDir: string,
    private readonly spreadsheet: SpreadsheetData,
  ) {
    this.markInStep();
  }

  private get isXlsx(): boolean {
    return /\.xlsx$/i.test(this.sheetPath);
  }

  private get isFolder(): boolean {
    return fs.existsSync(this.sheetPath) && fs.statSync(this.sheetPath).isDirectory();
  }

  /** The file a tab lives in, as writeTableFile would choose it. */
  fileOfTab(tab: string): string {
    if (this.isXlsx) return this.sheetPath;
    if (this.isFolder) {
      const existing = csvFilesIn(this.sheetPath).find((f) => tabNameForFile(f) === tab);
      return existing ? path.join(this.sheetPath, existing) : folderTabFile(this.sheetPath, tab);
    }
    const names = this.spreadsheet.sheets.map((s) => s.name);
    const mainName = tabNameForFile(this.sheetPath);
    const main = names.find((n) => n === mainName) ?? names.find((n) => n === 'Customers') ?? names[0];
    return tab === main ? this.sheetPath : csvTabPath(this.sheetPath, tab);
  }

  /** Every file of the spreadsheet: those on disk now and those the workbench knows of. */
  private files(): string[] {
    const out = new Set<string>(this.known.keys());
    if (this.isXlsx || !this.isFolder) out.add(this.sheetPath);
    if (this.isFolder) for (const f of csvFilesIn(this.sheetPath)) out.add(path.join(this.sheetPath, f));
    else if (!this.isXlsx) {
      const prefix = `${path.basename(this.sheetPath, path.extname(this.sheetPath))}.`;
      for (const f of csvFilesIn(path.dirname(this.sheetPath)))
        if (f.startsWith(prefix) && f.length > prefix.length + 4)
          out.add(path.join(path.dirname(this.sheetPath), f));
    }
    for (const s of this.spreadsheet.sheets) out.add(this.fileOfTab(s.name));
    return [...out];
  }

  private snapshot(tab: string): string {
    return JSON.stringify(this.spreadsheet.sheet(tab)?.toValues() ?? null);
  }

  private markInStep(): void {
    this.known = new Map(this.files().map((f) => [f, hashOf(f)]));
    this.saved = new Map(this.spreadsheet.sheets.map((s) => [s.name, this.snapshot(s.name)]));
    this.savedVersion = this.spreadsheet.version;
  }

  /** Tabs the add-on changed since they were last read or written. */
  private dirtyTabs(): string[] {
    if (this.spreadsheet.version === this.savedVersion) return [];
    return this.spreadsheet.sheets
      .map((s) => s.name)
      .filter((name) => this.saved.get(name) !== this.snapshot(name));
  }

  /**
   * Reads back files changed on disk, writes tabs changed in memory, and throws SheetConflictError
   * naming the files that changed on both sides (after reading them back, so the workbench goes on
   * with what is on disk; its own version is written aside).
   */
  sync(): void {
    const dirty = this.dirtyTabs();
    const changed = this.files().filter((f) => hashOf(f) !== (this.known.get(f) ?? MISSING));
    if (!dirty.length && !changed.length) {
      this.savedVersion = this.spreadsheet.version;
      return;
    }
    const changedSet = new Set(changed);
    const conflictTabs = dirty.filter((t) => changedSet.has(this.fileOfTab(t)));
    const conflictFiles = [...new Set(conflictTabs.map((t) => this.fileOfTab(t)))];
    const keptAside: string[] = [];
    if (conflictFiles.length) {
      fs.mkdirSync(this.asideDir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      for (const file of conflictFiles) {
        const aside = path.join(this.asideDir, `${stamp}-${path.basename(file)}`);
        const tabs = this.spreadsheet.sheets.filter((s) => this.isXlsx || this.fileOfTab(s.name) === file);
        writeTableFile(
          aside,
          tabs.map((s) => ({ name: s.name, values: s.toValues() })),
        );
        keptAside.push(aside);
      }
    }
    // Write what only the workbench changed, before reading back, so a reload cannot hide it.
    const toWrite = dirty.filter((t) => !conflictTabs.includes(t));
    if (toWrite.length)
      writeTableFile(
        this.sheetPath,
        this.spreadsheet.sheets.map((s) => ({ name: s.name, values: s.toValues() })),
        { only: new Set(toWrite) },
      );
    if (changed.length) {
      const table = readTableFile(this.sheetPath);
      for (const tab of table.sheets) {
        if (!changedSet.has(this.fileOfTab(tab.name))) continue;
        const inMemory = this.spreadsheet.sheet(tab.name);
        if (inMemory) inMemory.replaceValues(tab.values);
        else this.spreadsheet.addSheet(tab.name, tab.values);
      }
    }
    this.markInStep();
    if (conflictFiles.length) throw new SheetConflictError(conflictFiles, keptAside);
  }
}
