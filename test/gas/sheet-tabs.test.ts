import { sheetsTabs } from '../../src/gas/sheet-tabs';
import { AppsScriptWorld } from '../../src/local/standins';

function setup() {
  const world = new AppsScriptWorld({ latency: 'none' });
  const ss = world.spreadsheets.create({
    name: 'S',
    sheets: [
      { name: 'Customers', values: [['Email']] },
      {
        name: 'Segments',
        values: [
          ['Segment', 'Query'],
          ['Hard hit', 'impact = severe'],
        ],
      },
    ],
  });
  const tabs = () => sheetsTabs(world.startExecution().globals.SpreadsheetApp, ss.id);
  return { world, ss, tabs };
}

describe('Sheets tabs', () => {
  it('reads a whole tab in one getValues, and null for a missing tab', () => {
    const { world, tabs } = setup();
    world.calls.reset();
    expect(tabs().read('Segments')).toEqual({
      values: [
        ['Segment', 'Query'],
        ['Hard hit', 'impact = severe'],
      ],
    });
    expect(world.calls.get('Range.getValues')).toBe(1);
    expect(tabs().read('Templates')).toBeNull();
    expect(tabs().names()).toEqual(['Customers', 'Segments']);
  });

  it('replaces a tab with ragged rows padded in one setValues, creating it when missing', () => {
    const { world, tabs } = setup();
    world.calls.reset();
    tabs().replace('Templates', [['Name', 'Subject', 'Body'], ['Hi']]);
    expect(world.calls.get('Range.setValues')).toBe(1);
    expect(tabs().read('Templates')!.values).toEqual([
      ['Name', 'Subject', 'Body'],
      ['Hi', '', ''],
    ]);
    tabs().replace('Templates', [['Name']]);
    expect(tabs().read('Templates')!.values).toEqual([['Name']]);
  });

  it('appends below the last row, writing the header first into a new tab', () => {
    const { world, tabs } = setup();
    tabs().append('Log', ['When', 'What'], [['t1', 'a']]);
    world.calls.reset();
    tabs().append('Log', ['When', 'What'], [['t2', 'b'], ['t3']]);
    expect(world.calls.get('Range.setValues')).toBe(1);
    expect(tabs().read('Log')!.values).toEqual([
      ['When', 'What'],
      ['t1', 'a'],
      ['t2', 'b'],
      ['t3', ''],
    ]);
  });

  it('grows a new tab past its 1,000 rows and 26 columns before writing, for every write', () => {
    const { ss, tabs } = setup();
    const rows = Array.from({ length: 1500 }, (_, i) => [`r${i}`, i]);
    tabs().replace('History', [['Email', 'Scores'], ...rows]);
    expect(ss.sheet('History')!.lastRow()).toBe(1501);
    tabs().append('Alerts', ['Key'], rows);
    tabs().append('Alerts', ['Key'], rows);
    expect(ss.sheet('Alerts')!.lastRow()).toBe(3001);
    tabs().write('Alerts', 3500, 30, [['far']]);
    expect(ss.sheet('Alerts')!.get(3500, 30)).toBe('far');
  });

  it('names the problem when the spreadsheet is gone or unshared', () => {
    const { world, ss, tabs } = setup();
    world.spreadsheets.revokeAccess(ss.id);
    expect(() => tabs().read('Segments')).toThrow(expect.objectContaining({ problem: 'no-access' }));
    world.spreadsheets.delete(ss.id);
    expect(() => tabs().read('Segments')).toThrow(
      expect.objectContaining({ problem: 'spreadsheet-not-found' }),
    );
  });
});
