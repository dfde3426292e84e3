/**
 * The workbench's local scheduler: the hourly trigger the add-on installs runs here too (the header's
 * button, or the minute timer when due), and survives a restart of `npm start`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workbench } from '../../src/local/workbench/backend';

const SAMPLE = path.resolve(__dirname, '../../sample');

function workbench(dir: string) {
  return new Workbench({
    sheetPath: path.join(dir, 'sample'),
    inboxPath: path.join(SAMPLE, 'inbox.json'),
    stateDir: path.join(dir, 'state'),
    now: () => new Date('2026-11-20T09:00:00Z'),
  });
}

describe('workbench scheduler', () => {
  it('runs the daily scan from the hourly trigger once it is turned on, and keeps the trigger after a restart', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-sched-'));
    fs.mkdirSync(path.join(dir, 'sample'));
    for (const f of fs.readdirSync(SAMPLE).filter((x) => x.endsWith('.csv')))
      fs.copyFileSync(path.join(SAMPLE, f), path.join(dir, 'sample', f));
    const wb = workbench(dir);
    expect(wb.runTriggers(true)).toMatchObject({ ran: 0, nextDue: null });

    wb.action({
      kind: 'action',
      parameters: { action: 'saveSettings' },
      formInputs: {
        spreadsheet: wb.spreadsheet.id,
        customerSheet: 'Customers',
        watchEnabled: ['on'],
        watchHour: '5',
      },
    });
    const report = wb.runTriggers(true);
    expect(report).toMatchObject({ ran: 1, scanned: true, errors: [] });
    expect(fs.existsSync(path.join(dir, 'sample', 'History.csv'))).toBe(true);
    // Not due again within the hour.
    expect(wb.runTriggers()).toMatchObject({ ran: 0 });

    const again = workbench(dir);
    expect(again.runTriggers(true)).toMatchObject({ ran: 1, scanned: false });
  });
});
