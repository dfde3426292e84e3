/**
 * The Alerts tab on card paths: the homepage and Seen / Snooze / Done read only the rows they need,
 * so their service calls and cells read do not change when 100,000 closed alerts sit in the tab;
 * an action finds its alert by key in a sorted tab, never writes another alert's row, and a
 * teammate acting on the same alert at the same moment is told so.
 */
import { buildHomepage } from '../../src/app/handlers/home';
import { changeAlert } from '../../src/app/watch/alert-actions';
import { ALERTS_TAB } from '../../src/core/watch/alerts';
import type { Card } from '../../src/ui/card/types';
import { alertsWorld, alertValues, ME, shuffled, TEAMMATE, type AlertSpec } from '../helpers/alerts-world';

const open: AlertSpec[] = [
  { key: 'open-1' },
  { key: 'open-2', owner: TEAMMATE },
  { key: 'snoozed-over', status: 'snoozed' },
];
const closed = (n: number): AlertSpec[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `closed-${i}`,
    status: i % 2 ? 'done' : 'acknowledged',
    closedDaysAgo: 1,
  }));

const alertSection = (card: Card) => card.sections.find((s) => s.header?.startsWith('Alerts'));

/** Calls and cells of one card path, in a fresh execution. */
function measure(w: ReturnType<typeof alertsWorld>, work: (ctx: ReturnType<typeof w.run>['ctx']) => unknown) {
  const { ctx, exec } = w.run();
  w.world.calls.reset();
  const result = work(ctx);
  const snapshot = w.world.calls.snapshot();
  exec.end();
  return { result, calls: snapshot.calls, total: snapshot.total, cellsRead: snapshot.cellsRead };
}

describe('card paths read only open alerts', () => {
  const worlds = [100, 100_000].map((n) => alertsWorld([...closed(n), ...open]));

  it('the homepage makes the same calls and reads the same cells with 100 and 100,000 closed alerts', () => {
    const [small, large] = worlds.map((w) => measure(w, (ctx) => alertSection(buildHomepage(ctx))?.header));
    expect(small!.result).toBe('Alerts · 2 open for you');
    expect(large!.result).toBe(small!.result);
    expect(large!.calls).toEqual(small!.calls);
    expect(large!.cellsRead).toBe(small!.cellsRead);
    // The open rows (and the header), not the tab: a few dozen cells, not a million.
    expect(large!.cellsRead).toBeLessThan(200);
  });

  it('Seen and Done make the same calls and read the same cells at both sizes', () => {
    for (const change of ['acknowledged', 'done'] as const) {
      const [small, large] = worlds.map((w) =>
        measure(w, (ctx) => changeAlert(ctx, w.ss.id, 'open-1', change)),
      );
      expect(large!.calls).toEqual(small!.calls);
      expect(large!.cellsRead).toBe(small!.cellsRead);
      expect(large!.cellsRead).toBeLessThan(50);
    }
    for (const w of worlds) expect(w.statusOf('open-1')).toBe('done');
  });
});

describe('Seen / Snooze / Done find their alert by key', () => {
  it('marks the right alert in a tab a person sorted after the homepage was drawn', () => {
    const alerts: AlertSpec[] = Array.from({ length: 40 }, (_, i) => ({ key: `k${i}` }));
    const w = alertsWorld(alerts);
    buildHomepage(w.run().ctx);
    w.rewrite(shuffled(alerts.map(alertValues), 7));
    const before = w.tab();
    changeAlert(w.run().ctx, w.ss.id, 'k17', 'done');
    const after = w.tab();
    after.forEach((row, i) => {
      if (row[0] === 'k17') {
        expect(row[8]).toBe('done');
        expect(row[10]).toBe('2026-11-20');
      } else expect(row).toEqual(before[i]);
    });
  });

  it('says so when the row was deleted, and never writes the row that moved into its place', () => {
    const w = alertsWorld([{ key: 'a' }, { key: 'b' }, { key: 'c' }]);
    w.rewrite([alertValues({ key: 'a' }), alertValues({ key: 'c' })]);
    expect(() => changeAlert(w.run().ctx, w.ss.id, 'b', 'done')).toThrow(/no longer in the Alerts tab/);
    expect(w.tab().map((r) => r[8])).toEqual(['Status', 'open', 'open']);
  });

  it('does not mistake a longer key that contains it, or a key typed in another case', () => {
    const w = alertsWorld([
      { key: 'x@co|inactive|30' },
      { key: 'x@co|inactive|300' },
      { key: 'X@CO|INACTIVE|3' },
    ]);
    changeAlert(w.run().ctx, w.ss.id, 'x@co|inactive|30', 'done');
    expect(w.tab().map((r) => r[8])).toEqual(['Status', 'done', 'open', 'open']);
  });

  it('writes every copy of an alert someone pasted twice, and nothing else', () => {
    const w = alertsWorld([{ key: 'a' }, { key: 'b' }]);
    w.rewrite([alertValues({ key: 'a' }), alertValues({ key: 'b' }), alertValues({ key: 'a' })]);
    changeAlert(w.run().ctx, w.ss.id, 'a', 'acknowledged');
    expect(w.tab().map((r) => r[8])).toEqual(['Status', 'acknowledged', 'open', 'acknowledged']);
  });
});

describe('two teammates act on one alert', () => {
  it("a teammate's Done while mine is writing waits for the lock; my Seen afterwards does not undo it", () => {
    const w = alertsWorld([{ key: 'a' }, { key: 'b' }]);
    const mine = w.run(ME);
    const theirs = w.run(TEAMMATE);
    // My Done holds the shared lock; the teammate's Done runs between two of my sheet calls.
    let interleaved: unknown;
    const original = mine.exec.call.bind(mine.exec);
    let calls = 0;
    mine.exec.call = (method, cells) => {
      if (method === 'Range.setValues' && calls++ === 0) {
        try {
          interleaved = changeAlert(theirs.ctx, w.ss.id, 'a', 'done');
        } catch (error) {
          interleaved = error instanceof Error ? error.message : error;
        }
      }
      original(method, cells);
    };
    expect(changeAlert(mine.ctx, w.ss.id, 'a', 'done')).toBe('Marked done');
    // Their action could not take the lock while mine held it, and changed nothing.
    expect(String(interleaved)).toMatch(/teammate|lock/i);
    expect(changeAlert(w.run(TEAMMATE).ctx, w.ss.id, 'a', 'done')).toBe(
      'A teammate already marked this alert done',
    );
    expect(changeAlert(w.run(TEAMMATE).ctx, w.ss.id, 'a', 'acknowledged')).toBe(
      'A teammate already marked this alert done',
    );
    expect(w.statusOf('a')).toBe('done');
    expect(w.statusOf('b')).toBe('open');
    expect(w.ss.sheet(ALERTS_TAB)!.toValues()).toHaveLength(3);
  });
});
