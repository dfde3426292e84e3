import * as path from 'node:path';
import { parseWorkbenchArgs, UsageError } from '../../src/local/workbench/args';

const ROOT = '/repo';

describe('npm start options', () => {
  it('works on a copy of the bundled sample by default', () => {
    const o = parseWorkbenchArgs([], {}, ROOT);
    expect(o).toMatchObject({
      port: 8787,
      workingCopyOf: path.join(ROOT, 'sample'),
      sheetPath: path.join(ROOT, '.local/sample'),
      stateDir: path.join(ROOT, '.local'),
    });
  });

  it('uses your own sheet in place, from a flag or SHEET', () => {
    expect(parseWorkbenchArgs(['--sheet', '/data/book.xlsx', '--port=9000'], {}, ROOT)).toMatchObject({
      sheetPath: '/data/book.xlsx',
      port: 9000,
    });
    const fromEnv = parseWorkbenchArgs([], { SHEET: '/data/c.csv', PORT: '0' }, ROOT);
    expect(fromEnv).toMatchObject({ sheetPath: '/data/c.csv', port: 0 });
    expect(fromEnv.workingCopyOf).toBeUndefined();
  });

  it.each([
    [['--frob'], /Unknown argument "--frob"/],
    [['--sheet'], /--sheet needs a value/],
    [['--sheet', 'c.txt'], /must be a .csv or .xlsx file/],
    [['--port', '99999'], /Port must be a whole number from 0 to 65535/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseWorkbenchArgs(argv, {}, ROOT)).toThrow(UsageError);
    expect(() => parseWorkbenchArgs(argv, {}, ROOT)).toThrow(message);
  });
});
