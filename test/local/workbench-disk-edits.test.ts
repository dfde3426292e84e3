/**
 * The workbench and a hand edit of its sheet files while it runs: the edit is read before the next
 * execution and survives the next save; an edit on both sides of the same file is a conflict, named,
 * that loses neither side.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workbench } from '../../src/local/workbench/backend';
import { SheetConflictError } from '../../src/local/workbench/http-error';
import { copySampleSheet, SAMPLE_INBOX } from '../helpers/workbench-http';

function workbench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-disk-edits-'));
  const sheet = copySampleSheet(dir);
  const wb = new Workbench({
    sheetPath: sheet,
    inboxPath: SAMPLE_INBOX,
    stateDir: path.join(dir, 'state'),
    now: () => new Date('2026-11-20T09:00:00Z'),
  });
  return { wb, sheet, state: path.join(dir, 'state') };
}

const HAND_ROW =
  'Hand-added segment,Status = Active,Installments,Typed into the file while the workbench ran\r\n';

/** What an execution of the add-on does to a tab: a cell written through the stand-in. */
function changeInMemory(wb: Workbench, tab: string, text: string): void {
  const sheet = wb.spreadsheet.sheet(tab)!;
  sheet.put(sheet.lastRow() + 1, 1, text);
  wb.spreadsheet.version++;
}

describe('workbench: sheet files edited on disk while it runs', () => {
  it('reads a hand-added row on the next request and keeps it through the next save', () => {
    const { wb, sheet } = workbench();
    const segments = path.join(sheet, 'segments.csv');
    fs.appendFileSync(segments, HAND_ROW);
    wb.homepage();
    const names = wb.spreadsheet
      .sheet('Segments')!
      .toValues()
      .map((r) => r[0]);
    expect(names).toContain('Hand-added segment');
    // A save of another tab must not rewrite segments.csv from an old copy.
    changeInMemory(wb, 'Customers', 'added@by-the-addon.example');
    wb.homepage();
    expect(fs.readFileSync(segments, 'utf8')).toContain('Hand-added segment');
    expect(fs.readFileSync(path.join(sheet, 'customers.csv'), 'utf8')).toContain(
      'added@by-the-addon.example',
    );
    // And a save of the edited tab itself writes it with the hand-added row in it.
    changeInMemory(wb, 'Segments', 'Saved by the add-on');
    wb.homepage();
    const text = fs.readFileSync(segments, 'utf8');
    expect(text).toContain('Hand-added segment');
    expect(text).toContain('Saved by the add-on');
  });

  it('names the file changed on both sides and keeps both versions on disk', () => {
    const { wb, sheet, state } = workbench();
    const templates = path.join(sheet, 'templates.csv');
    fs.appendFileSync(templates, 'Hand template,Hello,Typed by hand,,\r\n');
    changeInMemory(wb, 'Templates', 'Template from the add-on');
    let error: unknown;
    try {
      wb.homepage();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SheetConflictError);
    expect((error as Error).message).toContain(templates);
    // The file keeps the hand edit; the workbench's version is kept aside, not lost.
    const onDisk = fs.readFileSync(templates, 'utf8');
    expect(onDisk).toContain('Hand template');
    expect(onDisk).not.toContain('Template from the add-on');
    const aside = (error as SheetConflictError).keptAside;
    expect(aside).toHaveLength(1);
    expect(aside[0]!.startsWith(state)).toBe(true);
    expect(fs.readFileSync(aside[0]!, 'utf8')).toContain('Template from the add-on');
    // The workbench goes on with what is on disk.
    expect(() => wb.homepage()).not.toThrow();
    expect(
      wb.spreadsheet
        .sheet('Templates')!
        .toValues()
        .map((r) => r[0]),
    ).toContain('Hand template');
  });
});
