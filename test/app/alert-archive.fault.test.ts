/**
 * Kill test for the Alerts archive: over many seeds, trigger runs die at a random service call (so
 * between steps and inside them: after the archive append, between two row deletions, mid-read),
 * and between runs people sort the Alerts tab and the archive, delete an open alert's row, and a
 * teammate marks an alert done. Once a run finishes, every alert closed long enough is in the
 * archive exactly once, every other alert is in the Alerts tab exactly once and unchanged, and no
 * alert is lost.
 */
import { changeAlert } from '../../src/app/watch/alert-actions';
import { runTabUpkeep } from '../../src/app/watch/tab-upkeep';
import { ALERTS_ARCHIVE_TAB, ARCHIVE_AFTER_DAYS, type AlertStatus } from '../../src/core/watch/alerts';
import { alertsWorld, shuffled, TEAMMATE, type AlertSpec } from '../helpers/alerts-world';
import { killAt } from '../helpers/archive-kill';
import { rng } from '../helpers/campaign-faults';
import { seeds } from '../helpers/seeds';

/** What the seeds really did, so the last test can check the faults happened. */
const fired = { kills: 0, afterAppend: 0, sorted: 0, deleted: 0, teammateDone: 0 };

const STATUSES: AlertStatus[] = ['open', 'snoozed', 'acknowledged', 'done'];

describe.each(seeds(6, 1_000))('archive killed at random calls, seed %i', (seed) => {
  it('archives every due alert exactly once and loses none', () => {
    const random = rng(seed);
    const n = 20 + Math.floor(random() * 260);
    const specs: AlertSpec[] = Array.from({ length: n }, (_, i) => {
      const status = STATUSES[Math.floor(random() * STATUSES.length)]!;
      const closing = status === 'acknowledged' || status === 'done';
      return {
        key: `c${i}@co${i % 7}.example|inactive|${i}`,
        status,
        raisedDaysAgo: 40,
        ...(closing ? { closedDaysAgo: Math.floor(random() * 2 * ARCHIVE_AFTER_DAYS) } : {}),
      };
    });
    const w = alertsWorld(specs);
    const original = new Map(
      w
        .tab()
        .slice(1)
        .map((r) => [String(r[0]), r]),
    );
    const due = new Set(
      specs
        .filter((s) => s.closedDaysAgo !== undefined && s.closedDaysAgo >= ARCHIVE_AFTER_DAYS)
        .map((s) => s.key),
    );
    const deletedByPerson = new Set<string>();
    const doneByTeammate = new Set<string>();

    const killedRuns = 3 + Math.floor(random() * 8);
    let finished = false;
    for (let attempt = 0; attempt < 300 && !finished; attempt++) {
      const { ctx, exec } = w.run(undefined, 'trigger');
      // The first few runs are killed (a step is ~70 calls), later ones may run to the end.
      const killing = attempt < killedRuns || random() < 0.3;
      const archiveRows = () => Math.max(0, (w.ss.sheet(ALERTS_ARCHIVE_TAB)?.toValues().length ?? 0) - 1);
      const before = archiveRows();
      if (killing)
        killAt(
          exec,
          random() < 0.3 ? 'afterAppend' : 1 + Math.floor(random() * 90),
          () => archiveRows() > before,
          fired,
        );
      try {
        // A run the kill did not reach finished on its own.
        finished = runTabUpkeep(ctx).finished;
      } catch (error) {
        expect(String(error)).toMatch(/Exceeded maximum execution time|ended/);
      }
      exec.end();

      // People at work between runs.
      const randomOpenAlert = () => {
        const open = w
          .tab()
          .slice(1)
          .filter((row) => row[8] === 'open');
        return open[Math.floor(random() * open.length)];
      };
      const r = random();
      if (r < 0.2) {
        fired.sorted++;
        w.rewrite(shuffled(w.tab().slice(1), seed * 31 + attempt));
        if (archiveRows() > 2) w.rewrite(shuffled(w.archive().slice(1), attempt), ALERTS_ARCHIVE_TAB);
      } else if (r < 0.3) {
        const victim = randomOpenAlert();
        if (victim) {
          fired.deleted++;
          deletedByPerson.add(String(victim[0]));
          w.rewrite(
            w
              .tab()
              .slice(1)
              .filter((row) => row !== victim && row[0] !== victim[0]),
          );
        }
      } else if (r < 0.4) {
        const target = randomOpenAlert();
        if (target) {
          fired.teammateDone++;
          const teammate = w.run(TEAMMATE);
          changeAlert(teammate.ctx, w.ss.id, String(target[0]), 'done');
          teammate.exec.end();
          doneByTeammate.add(String(target[0]));
        }
      }
    }
    expect(finished).toBe(true);

    const archived = w
      .archive()
      .slice(1)
      .map((r) => String(r[0]));
    const kept = w
      .tab()
      .slice(1)
      .map((r) => String(r[0]));
    // Nothing duplicated, in either tab.
    expect(new Set(archived).size).toBe(archived.length);
    expect(new Set(kept).size).toBe(kept.length);
    // Exactly the due alerts were archived (a teammate's Done today is not due yet).
    expect(new Set(archived)).toEqual(due);
    // Every other alert is still in the Alerts tab, except the rows a person deleted.
    const expectedKept = [...original.keys()].filter((k) => !due.has(k) && !deletedByPerson.has(k));
    expect(new Set(kept)).toEqual(new Set(expectedKept));
    // Kept rows are unchanged but for the teammate's Done; archived rows carry their content.
    for (const row of w.tab().slice(1)) {
      const key = String(row[0]);
      if (doneByTeammate.has(key)) expect(row[8]).toBe('done');
      else expect(row).toEqual(original.get(key));
    }
    for (const row of w.archive().slice(1)) {
      const source = original.get(String(row[0]))!;
      expect(row.slice(0, 11)).toEqual(source.slice(0, 11));
    }
  });
});

describe('the kill test exercised what it claims', () => {
  it('killed runs, some right after an archive append, with sorts, deletions and teammates between', () => {
    console.log(JSON.stringify(fired));
    expect(fired.kills).toBeGreaterThan(0);
    expect(fired.afterAppend).toBeGreaterThan(0);
    expect(fired.sorted).toBeGreaterThan(0);
    expect(fired.deleted).toBeGreaterThan(0);
    expect(fired.teammateDone).toBeGreaterThan(0);
  });
});
