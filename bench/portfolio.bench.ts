/**
 * Issue 16, the portfolio snapshot's side of the card-action bench: the card paths that read the
 * snapshot (homepage, segments, a segment) and the actions that start the chunked job (Score all,
 * Scan now) at 1k/10k/100k customers × 24 columns, then the hourly-trigger runs it takes to rescore
 * and scan 100k in the background. `npm run bench -- portfolio`; CHURNGUARD_BENCH_SIZES as for cards.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gmailEvent } from '../src/local/gmail-events';
import { sampleWorld } from '../src/local/sample-world';
import { benchSizes, measuredColumns, safeCall, withinCardTarget } from './card-actions.bench';
import { round } from './stats';

const click = (parameters: Record<string, string>) => gmailEvent({ parameters });
const JOB_KEY = 'churnguard.job.portfolio';

const ACTIONS = [
  { name: 'homepage (no snapshot: starts the job, runs one chunk)', fn: 'onHomepage', event: gmailEvent() },
  { name: 'homepage (job under way)', fn: 'onHomepage', event: gmailEvent() },
  { name: 'open segments', fn: 'onCardAction', event: click({ action: 'openSegments' }) },
  {
    name: 'open segment',
    fn: 'onCardAction',
    event: click({ action: 'openSegment', segment: 'Struggling to pay' }),
  },
  { name: 'rescore all (one chunk)', fn: 'onCardAction', event: click({ action: 'rescoreAll' }) },
  { name: 'scan now', fn: 'onCardAction', event: click({ action: 'scanNow' }) },
  { name: 'homepage (snapshot)', fn: 'onHomepage', event: gmailEvent() },
];

export function portfolioBench(sizes = benchSizes()) {
  const code = fs.readFileSync(path.resolve(__dirname, '../build/Code.js'), 'utf8');
  const rows: Record<string, unknown>[] = [];
  const background: Record<string, unknown>[] = [];
  for (const n of sizes) {
    const w = sampleWorld({ rows: n });
    for (const [i, a] of ACTIONS.entries()) {
      if (i === ACTIONS.length - 1) {
        // Let the hourly trigger finish whatever is pending, then open the homepage on the snapshot.
        for (let run = 0; run < 20 && w.world.userProperties.values.has(JOB_KEY); run++)
          safeCall(w.world, code, 'onHourlyTrigger', {}, 'trigger');
      }
      w.world.clock.advance(60_000);
      const m = safeCall(w.world, code, a.fn, a.event);
      rows.push({
        action: a.name,
        customers: n,
        ...measuredColumns(m),
        '≤10 s': withinCardTarget(m),
        outcome: m.outcome,
      });
    }
  }
  const n = Math.max(...sizes);
  for (const [label, action] of [
    ['rescore', 'rescoreAll'],
    ['scan', 'scanNow'],
  ] as const) {
    const w = sampleWorld({ rows: n });
    safeCall(w.world, code, 'onCardAction', click({ action }));
    let runs = 0;
    let ms = 0;
    while (w.world.userProperties.values.has(JOB_KEY) && runs < 20) {
      w.world.clock.advance(3_600_000);
      const m = safeCall(w.world, code, 'onHourlyTrigger', {}, 'trigger');
      runs++;
      ms += m.modelledMs + m.wallMs;
    }
    background.push({
      job: label,
      customers: n,
      'trigger runs': runs,
      'trigger s (modelled+JS)': round(ms / 1000, 1),
      finished: !w.world.userProperties.values.has(JOB_KEY),
    });
  }
  return { rows, background };
}
