import { GAS_ERRORS } from '../../src/local/standins';
import { makeWorld, thrown } from './helpers';

function sheetOf(values: unknown[][], options: { locale?: string; timeZone?: string } = {}) {
  const { world, clock } = makeWorld();
  const ss = world.seedSpreadsheet(values, { sheetName: 'Customers', ...options });
  const g = world.startExecution().globals;
  const sheet = g.SpreadsheetApp.openById(ss.id).getSheetByName('Customers');
  if (!sheet) throw new Error('no sheet');
  return { world, clock, ss, g, sheet };
}

describe('SpreadsheetApp stand-in: values', () => {
  it('returns numbers, fresh Dates, booleans and empty strings in a rectangle', () => {
    const d = new Date('2024-03-05T00:00:00Z');
    const { sheet } = sheetOf([
      ['Email', 'MRR', 'Since', 'Active'],
      ['a@x.io', 1200.5, d, true],
      ['b@x.io', null],
    ]);
    const values = sheet.getRange(1, 1, 4, 5).getValues();
    expect(values).toEqual([
      ['Email', 'MRR', 'Since', 'Active', ''],
      ['a@x.io', 1200.5, d, true, ''],
      ['b@x.io', '', '', '', ''],
      ['', '', '', '', ''],
    ]);
    const since = values[1]![2] as Date;
    expect(since).toBeInstanceOf(Date);
    since.setUTCFullYear(1999);
    expect((sheet.getRange(2, 3).getValue() as Date).getUTCFullYear()).toBe(2024);
    expect(sheet.getRange(2, 3).getValue()).not.toBe(sheet.getRange(2, 3).getValue());
  });

  it("copies written values in: changing the caller's arrays or Dates changes nothing", () => {
    const { sheet } = sheetOf([['x']]);
    const when = new Date('2026-01-02T03:04:05Z');
    const row = [when, 7];
    sheet.getRange(2, 1, 1, 2).setValues([row]);
    row[1] = 8;
    when.setUTCFullYear(2000);
    expect(sheet.getRange(2, 1, 1, 2).getValues()).toEqual([[new Date('2026-01-02T03:04:05Z'), 7]]);
  });

  it('keeps seeded formula errors as the strings Sheets returns', () => {
    const { sheet } = sheetOf([['Score'], ['#N/A'], ['#DIV/0!']]);
    expect(sheet.getRange('A2:A3').getValues()).toEqual([['#N/A'], ['#DIV/0!']]);
  });

  it('reads strings written by a script as typed input, as Sheets does', () => {
    const { sheet } = sheetOf([['v']], { timeZone: 'Europe/Oslo' });
    sheet
      .getRange(2, 1, 7, 1)
      .setValues([['0042'], ['12.5%'], ['TRUE'], ['2026-03-05'], ["'0042"], ['1,234.5'], ['Ann Lee']]);
    const [n, p, b, d, text, grouped, name] = sheet
      .getRange(2, 1, 7, 1)
      .getValues()
      .map((r) => r[0]);
    expect(n).toBe(42);
    expect(p).toBe(0.125);
    expect(b).toBe(true);
    expect(d).toEqual(new Date('2026-03-04T23:00:00Z')); // midnight in Oslo
    expect(text).toBe('0042');
    expect(grouped).toBe(1234.5);
    expect(name).toBe('Ann Lee');
  });

  it("parses numbers with the locale's decimal comma", () => {
    const { sheet } = sheetOf([['v']], { locale: 'de_DE' });
    sheet.getRange('A2:A3').setValues([['1,5'], ['05.03.2026']]);
    expect(sheet.getRange('A2').getValue()).toBe(1.5);
    expect(sheet.getRange('A3').getValue()).toEqual(new Date('2026-03-05T00:00:00Z'));
    expect(sheet.getRange('A2:A3').getDisplayValues()).toEqual([['1,5'], ['05.03.2026']]);
  });

  it("shows display values as text in the spreadsheet's locale and time zone", () => {
    const { sheet } = sheetOf(
      [[1200.5, new Date('2026-03-05T00:00:00Z'), true, 3, new Date('2026-03-05T14:30:00Z'), '', 1 / 3]],
      { timeZone: 'Etc/UTC' },
    );
    expect(sheet.getRange(1, 1, 1, 7).getDisplayValues()).toEqual([
      ['1200.5', '3/5/2026', 'TRUE', '3', '3/5/2026 14:30:00', '', '0.3333333333'],
    ]);
  });
});

describe('SpreadsheetApp stand-in: sizes and errors', () => {
  it("refuses writes whose size differs from the range, with Apps Script's wording", () => {
    const { sheet } = sheetOf([['a']]);
    expect(() => sheet.getRange(1, 1, 2, 1).setValues([['x']])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([['x']])).toThrow(GAS_ERRORS.columnsMismatch(1, 2));
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([['x', 'y'], ['z']])).toThrow(
      GAS_ERRORS.columnsMismatch(1, 2),
    );
    expect(() => sheet.getRange(1, 1).setValues('x' as any)).toThrow(
      "The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
    expect(sheet.getRange(1, 1, 2, 2).getValues()).toEqual([
      ['a', ''],
      ['', ''],
    ]);
  });

  it('validates range bounds like Apps Script', () => {
    const { sheet } = sheetOf([['a']]);
    expect(() => sheet.getRange(0, 1)).toThrow(GAS_ERRORS.rowStart);
    expect(() => sheet.getRange(1, 0)).toThrow(GAS_ERRORS.columnStart);
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow(GAS_ERRORS.numRowsTooSmall);
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow(GAS_ERRORS.numColumnsTooSmall);
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow(GAS_ERRORS.rangeOutOfBounds);
    expect(() => sheet.getRange(1, 27)).toThrow(GAS_ERRORS.rangeOutOfBounds);
    expect(() => sheet.getRange('nonsense!!')).toThrow(GAS_ERRORS.rangeNotFound);
    expect(() => (sheet.getRange as any)(undefined)).toThrow(
      "The parameters (null) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
    );
    expect(sheet.getRange('B2:C4').getA1Notation()).toBe('B2:C4');
    expect(sheet.getRange('$B$2').getA1Notation()).toBe('B2');
    expect(sheet.getRange('A:B').getNumRows()).toBe(1000);
    expect(thrown(() => sheet.getRange(0, 1)).name).toBe('Exception');
  });

  it('tracks the last row and column with content, and appendRow grows the sheet', () => {
    const { sheet } = sheetOf([
      ['a', 'b', ''],
      [1, 2],
      ['', ''],
      [3, '', ''],
    ]);
    expect(sheet.getLastRow()).toBe(4);
    expect(sheet.getLastColumn()).toBe(2);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:B4');
    sheet.getRange(4, 1).clearContent();
    expect(sheet.getLastRow()).toBe(2);
    sheet.appendRow(['x', 'y', 'z']);
    expect(sheet.getLastRow()).toBe(3);
    expect(sheet.getLastColumn()).toBe(3);
    expect(sheet.getMaxRows()).toBe(1000);
    for (let i = 0; i < 998; i++) sheet.appendRow([i]);
    expect(sheet.getMaxRows()).toBe(1001);
  });

  it('deleteRows shifts the rows below up; insertRowsAfter and insertColumnsAfter make room', () => {
    const { sheet } = sheetOf([['h'], ['r2'], ['r3'], ['r4'], ['r5']]);
    sheet.deleteRows(2, 2);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([['h'], ['r4'], ['r5']]);
    expect(sheet.getMaxRows()).toBe(998);
    sheet.insertRowsAfter(1, 1);
    expect(sheet.getRange('A1:A4').getValues()).toEqual([['h'], [''], ['r4'], ['r5']]);
    expect(() => sheet.deleteRows(999, 5)).toThrow(GAS_ERRORS.rowsOutOfBounds);
    expect(() => sheet.deleteRows(1, sheet.getMaxRows())).toThrow(GAS_ERRORS.deleteAllRows);
    sheet.getRange('A1:B1').setValues([['h', 'last']]);
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['h', '', '', 'last']]);
    expect(sheet.getMaxColumns()).toBe(28);
    expect(() => sheet.insertColumnsAfter(29, 1)).toThrow(GAS_ERRORS.columnsOutOfBounds);
  });

  it('refuses cells over 50,000 characters and sheets past 10 million cells', () => {
    const { sheet, ss, g } = sheetOf([['a']]);
    expect(() => sheet.getRange(1, 1).setValue('x'.repeat(50_001))).toThrow(GAS_ERRORS.cellTooLong);
    const book = g.SpreadsheetApp.openById(ss.id);
    for (let i = 0; i < 383; i++) book.insertSheet(`T${i}`); // 384 tabs x 26,000 cells = 9,984,000
    expect(() => book.insertSheet('one too many')).toThrow(GAS_ERRORS.tooManyCells);
    expect(() => book.insertSheet('T1')).toThrow(GAS_ERRORS.sheetExists('T1'));
  });
});

describe('SpreadsheetApp stand-in: opening files', () => {
  it('returns null for a missing tab and fails to open deleted or unshared spreadsheets', () => {
    const { world } = makeWorld();
    const a = world.seedSpreadsheet([['x']]);
    const b = world.seedSpreadsheet([['y']]);
    const g = world.startExecution().globals;
    const openB = g.SpreadsheetApp.openById(b.id);
    expect(openB.getSheetByName('Nope')).toBeNull();
    expect(g.SpreadsheetApp.openByUrl(b.url).getName()).toBe('Untitled spreadsheet');
    world.deleteSpreadsheet(a.id);
    world.revokeAccess(b.id);
    expect(() => g.SpreadsheetApp.openById(a.id)).toThrow(
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
    expect(() => g.SpreadsheetApp.openById(b.id)).toThrow(GAS_ERRORS.noAccess);
    expect(() => g.SpreadsheetApp.openById('')).toThrow('Invalid argument: id');
    expect(() => openB.getSheets()).toThrow(GAS_ERRORS.documentMissing(b.id));
  });

  it('revokes access for one user only when asked', () => {
    const { world } = makeWorld();
    const ss = world.seedSpreadsheet([['x']]);
    world.revokeAccess(ss.id, 'bob@nimbus.example');
    expect(() =>
      world.startExecution({ user: 'bob@nimbus.example' }).globals.SpreadsheetApp.openById(ss.id),
    ).toThrow(GAS_ERRORS.noAccess);
    expect(world.startExecution().globals.SpreadsheetApp.openById(ss.id).getId()).toBe(ss.id);
  });
});

describe('TextFinder', () => {
  const rows = [
    ['Email'],
    ['Ann@X.io'],
    ['bob@x.io'],
    ['ann@x.io.evil'],
    [1200],
    ['Zoë'],
    [''],
    ['ann@x.io'],
  ];

  it('matches case-insensitive substrings by default, in row-major order', () => {
    const { sheet } = sheetOf(rows);
    const col = sheet.getRange(2, 1, 7, 1);
    expect(
      col
        .createTextFinder('ann')
        .findAll()
        .map((r) => r.getRow()),
    ).toEqual([2, 4, 8]);
  });

  it('honours matchEntireCell, matchCase, regular expressions and diacritics', () => {
    const { sheet } = sheetOf(rows);
    const col = sheet.getRange('A2:A8');
    const rowsOf = (f: { findAll(): { getRow(): number }[] }) => f.findAll().map((r) => r.getRow());
    expect(rowsOf(col.createTextFinder('ann@x.io').matchEntireCell(true))).toEqual([2, 8]);
    expect(rowsOf(col.createTextFinder('ann@x.io').matchEntireCell(true).matchCase(true))).toEqual([8]);
    expect(rowsOf(col.createTextFinder('^b.*io$').useRegularExpression(true))).toEqual([3]);
    expect(rowsOf(col.createTextFinder('zoe'))).toEqual([]);
    expect(rowsOf(col.createTextFinder('zoe').ignoreDiacritics(true))).toEqual([6]);
    // Numbers are searched as they are shown.
    expect(rowsOf(col.createTextFinder('1200').matchEntireCell(true))).toEqual([5]);
  });

  it('returns one-cell ranges in row-major order over a block, and findNext walks them', () => {
    const { sheet } = sheetOf([
      ['a', 'x', 'a'],
      ['x', 'a', 'x'],
    ]);
    const hits = sheet.createTextFinder('a').matchEntireCell(true).findAll();
    expect(hits.map((r) => r.getA1Notation())).toEqual(['A1', 'C1', 'B2']);
    expect(hits.every((r) => r.getNumRows() === 1 && r.getNumColumns() === 1)).toBe(true);
    const finder = sheet.getRange('A1:C2').createTextFinder('x');
    expect(finder.findNext()?.getA1Notation()).toBe('B1');
    expect(finder.findNext()?.getA1Notation()).toBe('A2');
    expect(finder.findNext()?.getA1Notation()).toBe('C2');
    expect(finder.findNext()).toBeNull();
  });
});
