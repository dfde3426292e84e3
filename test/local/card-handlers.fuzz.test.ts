/**
 * Fuzz: generated hostile customer sheets, and hostile card actions on them, through the workbench
 * backend (the real handlers on the same src/gas adapters as production, writing the sheet file
 * back). No action may fail unexpectedly (a throw, or the add-on's "Something went wrong" card), every
 * card must pass the CardService validator, and no file the workbench writes may hold a cell that a
 * spreadsheet program would run as a formula.
 */
import { MiswiredRequestError } from '../../src/local/workbench/http-error';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workbench } from '../../src/local/workbench/backend';
import { hostileAction } from '../helpers/fuzz/hostile-actions';
import { hostileSheet } from '../helpers/fuzz/hostile-values';
import { randomFrom } from '../helpers/fuzz/random';
import { seeds } from '../helpers/seeds';
import { writeHostileSheet } from '../helpers/fuzz/hostile-files';
import { unguardedCells } from '../helpers/unguarded-cells';
import { snapshotFiles, SAMPLE_INBOX } from '../helpers/workbench-http';

const TABS = {
  'segments.csv': 'Segment,Query,Playbook\r\nEveryone,Status = Active,\r\nGone,Status = Churned,Win-back\r\n',
  'templates.csv':
    'Name,Subject,Body\r\nCheck-in,Hi {{First name|there}},"Hi {{Company|there}}, how are things?"\r\nBroken,Hi,"Dear {{First name"\r\n',
};
const ACTIONS_PER_SHEET = 8;

/** What counts as the add-on failing: the guard's card for an error nobody anticipated. */
const UNEXPECTED = 'Something went wrong';

export const handlerCases = { sheets: 0, actions: 0 };

function writeSheet(dir: string, seed: number): string {
  const r = randomFrom(seed);
  const sheet = hostileSheet(r);
  return writeHostileSheet(dir, sheet, r, r.chance(0.2) ? 'xlsx' : 'folder', TABS);
}

describe('card handlers on hostile sheets (fuzz)', () => {
  it.each(seeds(12, 1250))('seed %i: no unexpected error, every card valid, no unguarded write', (seed) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-fuzz-'));
    try {
      const sheetPath = writeSheet(dir, seed);
      const before = snapshotFiles(dir);
      let workbench: Workbench;
      try {
        workbench = new Workbench({ sheetPath, inboxPath: SAMPLE_INBOX, stateDir: path.join(dir, 'state') });
      } catch (error) {
        // A file that cannot be read at all is refused when the workbench starts, with a message.
        expect(String(error)).not.toMatch(/TypeError|RangeError|undefined/);
        return;
      }
      handlerCases.sheets++;
      const r = randomFrom(seed * 7919);
      const emails =
        workbench.spreadsheet.sheets[0]
          ?.toValues()
          .flat()
          .map(String)
          .filter((v) => v.includes('@')) ?? [];
      const outputs: string[] = [JSON.stringify(workbench.homepage())];
      for (let i = 0; i < ACTIONS_PER_SHEET; i++) {
        const request = hostileAction(r, emails);
        handlerCases.actions++;
        try {
          outputs.push(JSON.stringify(workbench.action(request)));
        } catch (error) {
          // A compose request for a plain action (or the reverse) is refused before it runs: the
          // server answers 400, as Gmail would refuse the answer.
          if (!(error instanceof MiswiredRequestError)) throw error;
        }
      }
      for (const out of outputs) expect(out).not.toContain(UNEXPECTED);
      const after = snapshotFiles(dir);
      const written = [...after.keys()].filter((f) => after.get(f) !== before.get(f));
      for (const file of written) expect(unguardedCells(path.join(dir, file))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  afterAll(() => {
    console.log(`card-handler fuzz: ${handlerCases.sheets} sheets, ${handlerCases.actions} actions`);
  });
});
