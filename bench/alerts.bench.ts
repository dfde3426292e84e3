/**
 * Issue 16's bounded tabs: the Alerts tab's card paths at 1k/10k/100k customers (the sample's 24
 * columns), with the sample's closed alerts (2 per 100 customers) and with 100,000 closed alerts in
 * the tab. Two views of each:
 * - the alert part alone (src on the stand-ins: alertViews for the homepage's section, changeAlert
 *   for Seen / Done), which is what this slice bounds;
 * - the whole card action through build/Code.js (homepage, and Seen / Done, which redraw the
 *   homepage), whose portfolio part is the portfolio helper's.
 * Then the archive: trigger runs to move 100,000 closed alerts out of the tab.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createContext } from '../src/gas/runtime';
import { alertViews, changeAlert } from '../src/app/watch/alert-actions';
import { runTabUpkeep } from '../src/app/watch/tab-upkeep';
import { gmailEvent } from '../src/local/gmail-events';
import { sampleWorld, type SampleWorld } from '../src/local/sample-world';
import { benchSizes, safeCall } from './card-actions.bench';
import { round } from './stats';

const HOUR_MS = 3_600_000;

/** One in-process call on a fresh trigger/card execution: calls, cells, modelled and wall ms. */
function inProcess<T>(
  w: SampleWorld,
  work: (ctx: ReturnType<typeof createContext>) => T,
  kind: 'card' | 'trigger' = 'card',
) {
  const exec = w.world.startExecution({ kind });
  // The world's clock, for the day and for the run's time budget (Date in this process is real time).
  const ctx = { ...createContext(exec.globals), clock: w.world.clock, elapsedMs: () => exec.elapsedMs() };
  w.world.calls.reset();
  const modelledStart = w.world.clock.nowMs();
  const wallStart = process.hrtime.bigint();
  const value = work(ctx);
  const wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
  exec.end();
  return {
    value,
    calls: w.world.calls.total(),
    cellsRead: w.world.calls.cellsRead,
    modelledMs: Math.round(w.world.clock.nowMs() - modelledStart),
    wallMs: round(wallMs, 1),
  };
}

const click = (parameters: Record<string, string>) => gmailEvent({ parameters });

export function alertsBench(sizes = benchSizes()) {
  const code = fs.readFileSync(path.resolve(__dirname, '../build/Code.js'), 'utf8');
  const rows: Record<string, unknown>[] = [];
  for (const n of sizes) {
    for (const closed of [Math.floor(n / 50), 100_000]) {
      const w = sampleWorld({ rows: n, openAlerts: 5, closedAlertsPer100: (closed * 100) / n });
      const row = (
        action: string,
        m: { calls: number; cellsRead: number; modelledMs: number; wallMs: number },
        outcome = 'ok',
      ) =>
        rows.push({
          action,
          customers: n,
          'closed alerts': closed,
          calls: m.calls,
          'cells read': m.cellsRead,
          'modelled ms': m.modelledMs,
          'wall ms': round(m.wallMs, 0),
          'total ms': Math.round(m.modelledMs + m.wallMs),
          outcome,
        });
      // The alert part alone.
      const section = inProcess(w, (ctx) => alertViews(ctx, w.spreadsheetId));
      row('homepage alerts section (alert part)', section, `${section.value.total} open`);
      const seen = inProcess(w, (ctx) =>
        changeAlert(ctx, w.spreadsheetId, w.openAlertKeys[0]!, 'acknowledged'),
      );
      row('alert Seen (alert part)', seen, seen.value);
      const done = inProcess(w, (ctx) => changeAlert(ctx, w.spreadsheetId, w.openAlertKeys[1]!, 'done'));
      row('alert Done (alert part)', done, done.value);
      // Whole card actions through the bundle (the homepage's portfolio included).
      w.world.clock.advance(60_000);
      const home = safeCall(w.world, code, 'onHomepage', gmailEvent());
      row('homepage (Code.js)', home, home.outcome);
      w.world.clock.advance(60_000);
      const fullDone = safeCall(
        w.world,
        code,
        'onCardAction',
        click({ action: 'alertStatus', key: w.openAlertKeys[2]!, change: 'done' }),
      );
      row('alert Done + homepage redraw (Code.js)', fullDone, fullDone.outcome);
    }
  }
  return rows;
}

/** Hourly runs of the tab upkeep until the 100,000 closed alerts (all past two weeks) are archived. */
export function archiveBench(n = 1_000, closed = 100_000, maxRuns = 24) {
  const w = sampleWorld({ rows: n, openAlerts: 5, closedAlertsPer100: (closed * 100) / n });
  const out: Record<string, unknown>[] = [];
  let archived = 0;
  for (let run = 1; run <= maxRuns; run++) {
    w.world.clock.advance(HOUR_MS);
    const m = inProcess(w, (ctx) => runTabUpkeep(ctx), 'trigger');
    archived += m.value.archivedAlerts;
    out.push({
      run,
      steps: m.value.steps,
      'alerts archived': m.value.archivedAlerts,
      'archived so far': archived,
      calls: m.calls,
      'cells read': m.cellsRead,
      'modelled s': round(m.modelledMs / 1000, 1),
      'wall s': round(m.wallMs / 1000, 1),
      finished: m.value.finished,
    });
    if (m.value.finished) break;
  }
  const tab = w.world.spreadsheets.get(w.spreadsheetId)!;
  out.push({
    run: 'end',
    'alerts tab rows': (tab.sheet('Alerts')?.toValues().length ?? 1) - 1,
    'archive rows': (tab.sheet('Alerts archive')?.toValues().length ?? 1) - 1,
  });
  return out;
}
