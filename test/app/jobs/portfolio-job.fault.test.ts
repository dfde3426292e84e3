/**
 * Kills the chunked portfolio job at every kind of point, as Apps Script does when an execution runs
 * out of time: while reading a chunk, at the chunk's sheet write, and at each property write after it
 * (the partial's pieces, the head that commits them, the clean-up). Every run is retried in a fresh
 * execution until the job is done; the snapshot and the risk cells must then be exactly those of an
 * unkilled run: no customer counted twice or skipped, every row's risk written.
 */
import { loadJob, requestJob, stepJob } from '../../../src/app/jobs/portfolio-job';
import { readSnapshot } from '../../../src/app/portfolio/snapshot-tab';
import { runDailyScan } from '../../../src/app/watch/scan';
import { createContext } from '../../../src/gas/runtime';
import type { Execution } from '../../../src/local/standins';
import { seeds } from '../../helpers/seeds';
import { comparable, portfolioWorld, refreshedSnapshot, riskColumns } from '../../helpers/portfolio-world';

const CUSTOMERS = 45;
const KILL_AT = ['Range.getValues', 'Range.setValues', 'Properties.setProperty', 'Properties.deleteProperty'];
const fired: Record<string, number> = Object.fromEntries(KILL_AT.map((m) => [m, 0]));

function rng(seed: number) {
  let s = (seed * 2654435761) >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** The execution dies at the nth call of `method`: that call and everything after it never happen. */
function killAt(exec: Execution, method: string, nth: number) {
  let seen = 0;
  const original = exec.call.bind(exec);
  exec.call = (m, cells) => {
    if (m === method && ++seen === nth) {
      fired[method]!++;
      exec.end();
      throw new Error('Exceeded maximum execution time');
    }
    original(m, cells);
  };
}

const reference = refreshedSnapshot(portfolioWorld(CUSTOMERS, 3));
const referenceRisks = riskColumns(
  (() => {
    const w = portfolioWorld(CUSTOMERS, 3);
    refreshedSnapshot(w);
    return w;
  })(),
);

/** The History rows by email, and the Alerts keys (sorted, duplicates kept so they would show). */
function scanTabs(w: ReturnType<typeof portfolioWorld>) {
  const history = (w.ss.sheet('History')?.toValues() ?? []).slice(1).map((r) => r.map(String));
  const alerts = (w.ss.sheet('Alerts')?.toValues() ?? []).slice(1).map((r) => String(r[0]));
  return { history: history.sort((a, b) => a[0]!.localeCompare(b[0]!)), alerts: alerts.sort() };
}

/** Yesterday's scan, so today's has previous states to raise alerts against. */
function scannedYesterday() {
  const w = portfolioWorld(CUSTOMERS, 3);
  w.world.clock.set('2026-11-19T12:00:00Z');
  runDailyScan(w.ctx());
  // Overnight, some customers slip: more overdue invoices and a lower NPS.
  const sheet = w.ss.sheet('Customers')!;
  for (let row = 2; row <= CUSTOMERS + 1; row += 3) {
    sheet.put(row, 9, 3);
    sheet.put(row, 10, 1);
  }
  w.world.clock.set('2026-11-20T12:00:00Z');
  return w;
}

const scanReference = (() => {
  const w = scannedYesterday();
  runDailyScan(w.ctx());
  return { snapshot: comparable(readSnapshot(w.ctx(), w.ss.id)), tabs: scanTabs(w), risks: riskColumns(w) };
})();

/**
 * Steps the job in executions until it is gone; 70% of them are killed at a random kind of call after
 * 1..maxCalls of it, and each steps with a card's or a trigger's budget at random.
 */
function runKilledUntilDone(w: ReturnType<typeof portfolioWorld>, random: () => number, maxCalls: number) {
  let runs = 0;
  while (loadJob(w.ctx())) {
    expect(++runs).toBeLessThan(500);
    const exec = w.world.startExecution({ kind: 'trigger' });
    if (random() < 0.7)
      killAt(exec, KILL_AT[Math.floor(random() * KILL_AT.length)]!, 1 + Math.floor(random() * maxCalls));
    const ctx = { ...createContext(exec.globals), clock: w.world.clock };
    try {
      stepJob(ctx, random() < 0.5 ? 'card' : 'trigger');
    } catch (error) {
      expect(String(error)).toMatch(/Exceeded maximum execution time|has ended/);
    }
    exec.end();
  }
}

describe('killing the portfolio job between and inside chunks', () => {
  it.each(seeds(30, 1000))('seed %i: resumes to the unkilled snapshot and risk cells', (seed) => {
    const random = rng(seed);
    const w = portfolioWorld(CUSTOMERS, 3);
    requestJob(w.ctx(), 'rescore', { chunkRows: 3 + Math.floor(random() * 12) });
    runKilledUntilDone(w, random, 8);
    const snapshot = readSnapshot(w.ctx(), w.ss.id);
    expect(snapshot?.customers).toBe(CUSTOMERS);
    expect(comparable(snapshot)).toEqual(comparable(reference));
    expect(riskColumns(w)).toEqual(referenceRisks);
  });

  it.each(seeds(15, 1000))(
    'seed %i: a killed scan raises each alert once and writes History once',
    (seed) => {
      const random = rng(seed + 7919);
      const w = scannedYesterday();
      requestJob(w.ctx(), 'scan', { chunkRows: 3 + Math.floor(random() * 12) });
      runKilledUntilDone(w, random, 10);
      expect(scanReference.tabs.alerts.length).toBeGreaterThan(0);
      expect(scanTabs(w)).toEqual(scanReference.tabs);
      expect(comparable(readSnapshot(w.ctx(), w.ss.id))).toEqual(scanReference.snapshot);
      expect(riskColumns(w)).toEqual(scanReference.risks);
    },
  );

  it('really killed at every kind of point', () => {
    for (const m of KILL_AT) expect(fired[m]).toBeGreaterThan(0);
  });
});
