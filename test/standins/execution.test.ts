import * as vm from 'node:vm';
import {
  AppsScriptWorld,
  DEFAULT_LATENCY,
  EXECUTION_BUDGET_MS,
  FakeClock,
  GAS_ERRORS,
} from '../../src/local/standins';
import { makeWorld, thrown } from './helpers';

describe('execution budget', () => {
  it('stops a card callback at its first service call past 30 s', () => {
    const { world, clock } = makeWorld();
    const props = world.startExecution({ kind: 'card' }).globals.PropertiesService.getUserProperties();
    props.getProperty('a');
    clock.advance(EXECUTION_BUDGET_MS.card);
    props.getProperty('a'); // exactly at the limit: still running
    clock.advance(1);
    const err = thrown(() => props.getProperty('a'));
    expect(err.message).toBe('Exceeded maximum execution time');
    expect(err.name).toBe('Exception');
  });

  it('gives triggers 6 minutes, and Utilities.sleep spends them', () => {
    const { world } = makeWorld();
    const g = world.startExecution({ kind: 'trigger' }).globals;
    g.Utilities.sleep(300_000);
    g.Utilities.sleep(60_000); // exactly 6 min: the budget is spent, not exceeded
    g.Utilities.sleep(1);
    expect(() => g.Session.getScriptTimeZone()).toThrow(GAS_ERRORS.timeout);
    expect(() => world.startExecution().globals.Utilities.sleep(300_001)).toThrow(GAS_ERRORS.sleepTooLong);
  });

  it('makes code that ignores the budget fail: a loop of slow calls dies mid-way', () => {
    const clock = new FakeClock();
    const world = new AppsScriptWorld({ clock }); // default latency: ~600 ms a send
    const mail = world.startExecution({ kind: 'card' }).globals.MailApp;
    let sent = 0;
    expect(() => {
      for (let i = 0; i < 100; i++) {
        mail.sendEmail(`r${i}@x.io`, 's', 'b');
        sent++;
      }
    }).toThrow(GAS_ERRORS.timeout);
    expect(sent).toBeGreaterThan(40);
    expect(sent).toBeLessThan(60);
    expect(world.mail.outbox).toHaveLength(sent);
  });

  it('refuses calls after end(), and run() ends the execution however it exits', () => {
    const { world } = makeWorld();
    const ex = world.startExecution();
    expect(() => ex.run(() => ex.globals.LockService.getScriptLock().waitLock(0))).not.toThrow();
    expect(ex.isEnded).toBe(true);
    expect(world.locks.held()).toEqual({});
    expect(() => ex.globals.Session.getActiveUser()).toThrow(GAS_ERRORS.executionEnded(ex.id));
    expect(world.activeExecutions()).toEqual([]);
  });
});

describe('call counting and latency', () => {
  it('counts every service call by class and method, with cells read and written', () => {
    const { world } = makeWorld();
    const ss = world.seedSpreadsheet(
      [
        ['a', 'b'],
        [1, 2],
        [3, 4],
      ],
      { sheetName: 'Customers' },
    );
    world.calls.reset();
    const g = world.startExecution().globals;
    const sheet = g.SpreadsheetApp.openById(ss.id).getSheetByName('Customers')!;
    sheet.getRange(1, 1, 3, 2).getValues();
    sheet.getRange(4, 1, 1, 2).setValues([[5, 6]]);
    sheet.getRange('A1').createTextFinder('3').matchEntireCell(true).findAll();
    g.PropertiesService.getUserProperties().getProperty('k');
    g.MailApp.sendEmail('a@x.io', 's', 'b');
    const snap = world.calls.snapshot();
    expect(snap.calls).toEqual({
      'MailApp.sendEmail': 1,
      'Properties.getProperty': 1,
      'PropertiesService.getUserProperties': 1,
      'Range.getValues': 1,
      'Range.setValues': 1,
      'Sheet.getRange': 3,
      'Spreadsheet.getSheetByName': 1,
      'SpreadsheetApp.openById': 1,
      'TextFinder.findAll': 1,
    });
    expect(snap.total).toBe(11);
    expect(world.calls.total()).toBe(11);
    expect(snap.cellsRead).toBe(6);
    expect(snap.cellsWritten).toBe(2);
    expect(snap.builderCalls).toEqual({ 'Range.createTextFinder': 1, 'TextFinder.matchEntireCell': 1 });
    expect(world.calls.byService()).toMatchObject({ Sheet: 3, Range: 2, MailApp: 1 });
    world.calls.reset();
    expect(world.calls.snapshot()).toEqual({
      calls: {},
      total: 0,
      cellsRead: 0,
      cellsWritten: 0,
      builderCalls: {},
    });
  });

  it('counts a call that fails (it still reached the service), but not the cells it did not move', () => {
    const { world } = makeWorld();
    const ss = world.seedSpreadsheet([['a']]);
    const sheet = world.startExecution().globals.SpreadsheetApp.openById(ss.id).getSheets()[0]!;
    world.calls.reset();
    expect(() => sheet.getRange(1, 1, 2, 1).setValues([['x']])).toThrow();
    expect(world.calls.get('Range.setValues')).toBe(1);
    expect(world.calls.cellsWritten).toBe(0);
  });

  it('spends the modelled latency on the clock, per call and per cell', () => {
    const clock = new FakeClock();
    const world = new AppsScriptWorld({ clock });
    const ss = world.seedSpreadsheet(Array.from({ length: 1000 }, (_, i) => [i, i, i, i, i, i, i, i, i, i]));
    const g = world.startExecution().globals;
    const t0 = clock.nowMs();
    const sheet = g.SpreadsheetApp.openById(ss.id).getSheets()[0]!;
    expect(clock.nowMs() - t0).toBe(
      DEFAULT_LATENCY.perCall['SpreadsheetApp.openById']! + DEFAULT_LATENCY.perCall['Spreadsheet.getSheets']!,
    );
    const t1 = clock.nowMs();
    sheet.getRange(1, 1, 1000, 10).getValues();
    expect(clock.nowMs() - t1).toBeCloseTo(DEFAULT_LATENCY.perCall['Range.getValues']! + 10_000 * 0.01, 6);
    const t2 = clock.nowMs();
    sheet.getRange(1, 1).getRow(); // answered locally: free
    expect(clock.nowMs() - t2).toBe(0);
    const t3 = clock.nowMs();
    g.MailApp.sendEmail('a@x.io', 's', 'b');
    expect(clock.nowMs() - t3).toBe(600);
  });

  it("keeps the clock still with latency 'none'", () => {
    const { world, clock } = makeWorld();
    const t0 = clock.nowMs();
    world.startExecution().globals.MailApp.sendEmail('a@x.io', 's', 'b');
    expect(clock.nowMs()).toBe(t0);
  });
});

describe('globals in a vm context', () => {
  it('runs plain script code on the stand-ins, with Dates of the script realm', () => {
    const { world } = makeWorld();
    const ss = world.seedSpreadsheet([['Since'], [new Date('2024-03-05T00:00:00Z')]], {
      sheetName: 'Customers',
    });
    world.scriptProperties.put('SHEET', ss.id);
    const ex = world.startExecution({ kind: 'card' });
    const context = ex.createContext();
    const out = vm.runInContext(
      `(function () {
        var id = PropertiesService.getScriptProperties().getProperty('SHEET');
        var v = SpreadsheetApp.openById(id).getSheetByName('Customers').getRange(2, 1).getValue();
        Logger.log('since %s', Utilities.formatDate(v, 'Etc/UTC', 'yyyy-MM-dd'));
        console.log('user', Session.getActiveUser().getEmail());
        return [v instanceof Date, typeof Date, Logger.getLog()];
      })()`,
      context,
    );
    expect(out).toEqual([true, 'function', 'since 2024-03-05\n']);
    expect(world.log).toEqual(['[Logger] since 2024-03-05', '[log] user am@nimbus.example']);
  });
});
