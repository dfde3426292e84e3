/**
 * Bulk changes past their 30-day undo window are compacted to one summary row each, on the trigger.
 * Over many seeds, runs die at random service calls and people sort the tab between runs; once a
 * run finishes, every old change is one summary row with its cell count, recent changes are whole,
 * and the undo never offers a change whose compaction began.
 */
import { runTabUpkeep } from '../../src/app/watch/tab-upkeep';
import { isSummaryRow, summaryMark } from '../../src/core/segments/bulk-log-compaction';
import { BULK_LOG_HEADERS, BULK_LOG_TAB, lastOpenChange } from '../../src/core/segments/bulk-tag';
import type { Execution } from '../../src/local/standins';
import { alertsWorld, shuffled } from '../helpers/alerts-world';
import { seeds } from '../helpers/seeds';

function rng(seed: number) {
  let s = (seed * 2654435761) >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const fired = { kills: 0, sorted: 0, undoChecked: 0 };

function killAt(exec: Execution, nth: number) {
  let seen = 0;
  const original = exec.call.bind(exec);
  exec.call = (method, cells) => {
    if (method !== 'Range.getRow' && ++seen === nth) {
      fired.kills++;
      exec.end();
      throw new Error('Exceeded maximum execution time');
    }
    original(method, cells);
  };
}

const NOW = Date.parse('2026-11-20T12:00:00Z');

function bulkLog(random: () => number) {
  const changes = Array.from({ length: 2 + Math.floor(random() * 5) }, (_, c) => ({
    id: `bulk-${c}`,
    daysAgo: Math.floor(random() * 60),
    cells: 1 + Math.floor(random() * 40),
  }));
  const rows = changes.flatMap((c) =>
    Array.from({ length: c.cells }, (_, i) => [
      c.id,
      new Date(NOW - c.daysAgo * 86_400_000),
      'am@nimbus.example',
      i + 2,
      `c${i}@co.example`,
      'Tags',
      '',
      'vip',
      '',
    ]),
  );
  return { changes, rows };
}

describe.each(seeds(6, 1_000))('bulk log compaction killed at random calls, seed %i', (seed) => {
  it('leaves one summary per old change and every recent change whole', () => {
    const random = rng(seed);
    const { changes, rows } = bulkLog(random);
    const w = alertsWorld([]);
    // The Bulk changes tab as the bulk tag leaves it.
    w.ss.addSheet(BULK_LOG_TAB, [BULK_LOG_HEADERS, ...rows]);
    const sheet = () => w.ss.sheet(BULK_LOG_TAB);

    const killedRuns = 2 + Math.floor(random() * 6);
    let finished = false;
    for (let attempt = 0; attempt < 200 && !finished; attempt++) {
      const { ctx, exec } = w.run(undefined, 'trigger');
      if (attempt < killedRuns) killAt(exec, 1 + Math.floor(random() * 60));
      try {
        finished = runTabUpkeep(ctx).finished;
      } catch (error) {
        expect(String(error)).toMatch(/Exceeded maximum execution time|ended/);
      }
      exec.end();
      const values = sheet()!.toValues();
      // Mid-way, the undo never offers a change whose summary exists.
      const open = lastOpenChange(values);
      if (open) {
        fired.undoChecked++;
        expect(values.some((r) => isSummaryRow(r) && r[0] === open.id)).toBe(false);
      }
      if (random() < 0.3) {
        fired.sorted++;
        sheet()!.replaceValues([values[0]!, ...shuffled(values.slice(1), seed + attempt)]);
      }
    }
    expect(finished).toBe(true);
    const left = sheet()!.toValues().slice(1);
    for (const c of changes) {
      const mine = left.filter((r) => r[0] === c.id);
      if (c.daysAgo >= 30) {
        expect(mine).toHaveLength(1);
        expect(mine[0]![4]).toBe(summaryMark(c.id));
        expect(mine[0]![6]).toBe(`${c.cells} cell${c.cells === 1 ? '' : 's'}`);
      } else {
        expect(mine).toHaveLength(c.cells);
        expect(mine.some(isSummaryRow)).toBe(false);
      }
    }
  });
});

describe('the compaction kill test exercised what it claims', () => {
  it('killed runs and sorted the tab between them', () => {
    expect(fired.kills).toBeGreaterThan(0);
    expect(fired.sorted).toBeGreaterThan(0);
  });
});
