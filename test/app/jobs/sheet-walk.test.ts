import {
  readChunk,
  rowsPerChunk,
  startWalk,
  walkDone,
  walkProgress,
  walkStillValid,
  type SheetWalk,
} from '../../../src/app/jobs/sheet-walk';
import { DEFAULT_SETTINGS } from '../../../src/core/settings/settings';
import { sheetsCustomerSheet } from '../../../src/gas/customer-sheet';
import { AppsScriptWorld } from '../../../src/local/standins';

function tabOf(rows: number, width = 24) {
  const world = new AppsScriptWorld({ latency: 'none' });
  const headers = ['Email', 'Name', ...Array.from({ length: width - 2 }, (_, i) => `Extra ${i + 1}`)];
  const values: unknown[][] = [headers];
  for (let i = 0; i < rows; i++)
    values.push([`c${i}@x.example`, `Customer ${i}`, ...Array.from({ length: width - 2 }, () => i)]);
  const ss = world.spreadsheets.create({ name: 'S', sheets: [{ name: 'Customers', values }] });
  const sheet = () => {
    const g = world.startExecution().globals;
    return sheetsCustomerSheet(g.SpreadsheetApp, g.CacheService.getUserCache(), ss.id, 'Customers');
  };
  return { world, ss, sheet, data: () => ss.sheet('Customers')! };
}

/** Walks to the end, one execution (a fresh adapter) per chunk, like a job resumed by each trigger. */
function walkAll(t: ReturnType<typeof tabOf>, cells: number) {
  const seen: string[] = [];
  let walk: SheetWalk = startWalk(t.sheet(), cells);
  let chunks = 0;
  while (!walkDone(walk)) {
    const sheet = t.sheet();
    expect(walkStillValid(sheet, DEFAULT_SETTINGS, walk)).toBe(true);
    const chunk = readChunk(sheet, DEFAULT_SETTINGS, walk);
    seen.push(...chunk.read.customers.map((c) => c.email));
    walk = chunk.next;
    chunks++;
  }
  return { seen, chunks, walk };
}

describe('walking the customer tab in chunks', () => {
  it('sizes chunks by cells, so a wider tab reads fewer rows at a time', () => {
    expect(rowsPerChunk(24, 60_000)).toBe(2_500);
    expect(rowsPerChunk(8, 60_000)).toBe(7_500);
    expect(rowsPerChunk(0, 10)).toBe(10);
    expect(rowsPerChunk(100, 10)).toBe(1);
  });

  it('visits every customer exactly once, in order, across executions', () => {
    const t = tabOf(1_003);
    const { seen, chunks, walk } = walkAll(t, 24 * 100);
    expect(chunks).toBe(11);
    expect(seen).toEqual(Array.from({ length: 1_003 }, (_, i) => `c${i}@x.example`));
    expect(walkProgress(walk)).toEqual({ done: 1_003, total: 1_003 });
  });

  it('reads a bounded number of cells per chunk whatever the tab size', () => {
    for (const n of [5_000, 50_000]) {
      const t = tabOf(n);
      const walk = startWalk(t.sheet());
      t.world.calls.reset();
      readChunk(t.sheet(), DEFAULT_SETTINGS, walk);
      expect(t.world.calls.cellsRead).toBe(24 + 2_500 * 24);
    }
  });

  it('reports progress part way', () => {
    const t = tabOf(100);
    const walk = startWalk(t.sheet(), 24 * 30);
    const next = readChunk(t.sheet(), DEFAULT_SETTINGS, walk).next;
    expect(walkProgress(walk)).toEqual({ done: 0, total: 100 });
    expect(walkProgress(next)).toEqual({ done: 30, total: 100 });
  });

  it('notices a sort that leaves the anchor row in place but moves rows across the cursor', () => {
    const t = tabOf(40);
    const walk = readChunk(t.sheet(), DEFAULT_SETTINGS, startWalk(t.sheet(), 24 * 10)).next;
    expect(walk.anchor).toEqual({ row: 11, email: 'c9@x.example' });
    // Swap a walked row (row 3) with an unwalked one (row 30): the anchor row 11 is untouched.
    const values = t.data().toValues();
    [values[2], values[29]] = [values[29]!, values[2]!];
    t.data().replaceValues(values);
    expect(walkStillValid(t.sheet(), DEFAULT_SETTINGS, walk)).toBe(false);
  });

  it('reads the Email column once on resume, not the walked rows', () => {
    const t = tabOf(5_000);
    let walk = startWalk(t.sheet());
    walk = readChunk(t.sheet(), DEFAULT_SETTINGS, walk).next;
    t.world.calls.reset();
    expect(walkStillValid(t.sheet(), DEFAULT_SETTINGS, walk)).toBe(true);
    expect(t.world.calls.cellsRead).toBeLessThanOrEqual(5_000 + 2 * 24 + 24);
  });

  it('notices a sort, an inserted row or a deleted row since the last chunk', () => {
    const moved: Array<[string, (t: ReturnType<typeof tabOf>) => void]> = [
      [
        'sort',
        (t) => t.data().replaceValues([t.data().toValues()[0]!, ...t.data().toValues().slice(1).reverse()]),
      ],
      ['insert', (t) => t.data().insertRowsAfter(5, 1)],
      ['append', (t) => t.data().replaceValues([...t.data().toValues(), ['late@x.example', 'Late']])],
      ['delete', (t) => t.data().deleteRows(3, 1)],
    ];
    for (const [name, move] of moved) {
      const t = tabOf(50);
      const walk = readChunk(t.sheet(), DEFAULT_SETTINGS, startWalk(t.sheet(), 24 * 20)).next;
      expect(walkStillValid(t.sheet(), DEFAULT_SETTINGS, walk)).toBe(true);
      move(t);
      expect([name, walkStillValid(t.sheet(), DEFAULT_SETTINGS, walk)]).toEqual([name, false]);
    }
  });
});
