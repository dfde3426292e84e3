/**
 * The chunked portfolio job on the stand-ins: chunks give the snapshot one chunk gives, a sort or a
 * deleted row between chunks restarts the walk cleanly, the saved state stays within the properties
 * limits, and a snapshot tab someone broke reads as missing.
 */
import { JOB_KEY, loadJob, requestJob, stepJob } from '../../../src/app/jobs/portfolio-job';
import { readSnapshot, SNAPSHOT_TAB } from '../../../src/app/portfolio/snapshot-tab';
import {
  comparable,
  portfolioWorld,
  refreshedSnapshot,
  riskColumns,
  runToEnd,
} from '../../helpers/portfolio-world';

describe('the chunked portfolio job', () => {
  it('gives the same snapshot and risk cells in chunks of 7 rows as in one chunk', () => {
    const one = portfolioWorld(90);
    const whole = refreshedSnapshot(one);
    const chunked = portfolioWorld(90);
    const parts = refreshedSnapshot(chunked, 7);
    expect(whole.customers).toBe(90);
    expect(comparable(parts)).toEqual(comparable(whole));
    expect(riskColumns(chunked)).toEqual(riskColumns(one));
    expect(riskColumns(one).every(([, risk, band]) => typeof risk === 'number' && band !== '')).toBe(true);
  });

  it('restarts from the top when the sheet is sorted between chunks, counting nobody twice', () => {
    const w = portfolioWorld(60);
    requestJob(w.ctx(), 'rescore', { chunkRows: 10 });
    expect(stepJob(w.ctx(), 'card')).toMatchObject({ kind: 'running', progress: { done: 10, total: 60 } });
    // A person sorts the tab by MRR, descending.
    const sheet = w.ss.sheet('Customers')!;
    const [header, ...rows] = sheet.toValues();
    rows.sort((a, b) => Number(b[3]) - Number(a[3]) || String(a[0]).localeCompare(String(b[0])));
    [header!, ...rows].forEach((r, i) => r.forEach((v, c) => sheet.put(i + 1, c + 1, v)));
    // The next trigger run (late in its six minutes, so one chunk) sees the sort and starts over.
    const next = stepJob({ ...w.ctx(), elapsedMs: () => 300_000 }, 'trigger');
    expect(next).toMatchObject({ kind: 'running', progress: { done: 10, total: 60 } });
    expect(loadJob(w.ctx())!.restarts).toBe(1);
    runToEnd(w.ctx);
    const after = readSnapshot(w.ctx(), w.ss.id)!;
    expect(after.customers).toBe(60);
    // The same figures a clean run over the sorted sheet gives.
    expect(comparable(after)).toEqual(comparable(refreshedSnapshot(w, 10)));
  });

  it('restarts when a row is deleted or inserted between chunks', () => {
    const w = portfolioWorld(40);
    requestJob(w.ctx(), 'rescore', { chunkRows: 8 });
    stepJob(w.ctx(), 'card');
    const sheet = w.ss.sheet('Customers')!;
    const values = sheet.toValues();
    values.splice(3, 1); // row 4 deleted
    sheet.clear();
    values.forEach((r, i) => r.forEach((v, c) => sheet.put(i + 1, c + 1, v)));
    runToEnd(w.ctx);
    expect(readSnapshot(w.ctx(), w.ss.id)!.customers).toBe(39);
    sheet.put(41, 1, 'new@x.example');
    requestJob(w.ctx(), 'rescore', { chunkRows: 8, restart: true });
    stepJob(w.ctx(), 'card');
    sheet.put(42, 1, 'newer@x.example');
    runToEnd(w.ctx);
    expect(readSnapshot(w.ctx(), w.ss.id)!.customers).toBe(41);
  });

  it('keeps its saved state in properties under 9 KB a value, in few values', () => {
    const w = portfolioWorld(400);
    requestJob(w.ctx(), 'rescore', { chunkRows: 50 });
    let most = 0;
    let keys = 0;
    let steps = 0;
    // A trigger run past its share still does exactly one chunk: every chunk's saved state is seen.
    const late = () => ({ ...w.ctx(), elapsedMs: () => 300_000 });
    while (loadJob(w.ctx())) {
      expect(++steps).toBeLessThanOrEqual(8);
      if (steps === 6) {
        // A card does not resume a walk this long (its check would read every walked row's email).
        const at = loadJob(w.ctx())!.walk.nextRow;
        expect(stepJob(w.ctx(), 'card').kind).toBe('running');
        expect(loadJob(w.ctx())!.walk.nextRow).toBe(at);
      }
      stepJob(late(), 'trigger');
      const mine = [...w.world.userProperties.values].filter(([k]) => k.startsWith(JOB_KEY));
      keys = Math.max(keys, mine.length);
      for (const [k, v] of mine) most = Math.max(most, Buffer.byteLength(k) + Buffer.byteLength(v));
    }
    expect(most).toBeLessThanOrEqual(9 * 1024);
    expect(keys).toBeLessThanOrEqual(12);
    // Nothing left behind once the job is done.
    expect([...w.world.userProperties.values].filter(([k]) => k.startsWith(JOB_KEY))).toEqual([]);
  });

  it('reads an edited, truncated or deleted snapshot tab as missing', () => {
    const w = portfolioWorld(20);
    refreshedSnapshot(w);
    expect(readSnapshot(w.ctx(), w.ss.id)).toBeDefined();
    const tab = w.ss.sheet(SNAPSHOT_TAB)!;
    const piece = String(tab.get(2, 1));
    tab.put(2, 1, piece.slice(0, piece.length - 10));
    expect(readSnapshot(w.ctx(), w.ss.id)).toBeUndefined();
    tab.put(2, 1, 'hello');
    expect(readSnapshot(w.ctx(), w.ss.id)).toBeUndefined();
    tab.clear();
    expect(readSnapshot(w.ctx(), w.ss.id)).toBeUndefined();
  });
});
