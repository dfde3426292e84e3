/**
 * How the archive kill tests (Alerts and Campaigns archives) kill a run: like Apps Script, at a
 * service call, which does not happen, and nothing after it.
 */
import type { Execution } from '../../src/local/standins';

/** What the seeds really did, so a test can check the faults happened. */
export interface KillsFired {
  kills: number;
  afterAppend: number;
}

/**
 * Either the nth call (Range.getRow, one per TextFinder match and answered locally, is not counted,
 * so kills spread over a step's real work), or the first call after an archive append (`appended()`
 * turned true): the narrow window where a row is in both tabs.
 */
export function killAt(
  exec: Execution,
  nth: number | 'afterAppend',
  appended: () => boolean,
  fired: KillsFired,
): void {
  let seen = 0;
  const original = exec.call.bind(exec);
  exec.call = (method, cells) => {
    const now = nth === 'afterAppend' ? appended() : method !== 'Range.getRow' && ++seen === nth;
    if (now) {
      fired.kills++;
      if (appended()) fired.afterAppend++;
      exec.end();
      throw new Error('Exceeded maximum execution time');
    }
    original(method, cells);
  };
}
