/**
 * Issue 16's yardstick: every card action a manager clicks, through build/Code.js on the stand-ins,
 * on the bundled sample's 24 columns grown to 1k, 10k and 100k customers. Each action must fit
 * 10 s counting the latency model's service time plus this machine's JavaScript time (Gmail allows
 * 30 s), and its service calls and cells must stay flat in N. Then the background side: how many
 * hourly-trigger runs (6-minute budget each) rescore, scan and a campaign need at the largest size.
 *
 * Sizes: CHURNGUARD_BENCH_SIZES=1000,10000 limits them (default 1000,10000,100000).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gmailEvent } from '../src/local/gmail-events';
import { sampleWorld, type SampleWorld } from '../src/local/sample-world';
import { measuredCall } from './sidebar.bench';
import { round } from './stats';

export const CARD_TARGET_MS = 10_000;
const HOUR_MS = 3_600_000;
/** The segment and template the campaign actions use: late payers, a sizeable share of any sheet. */
const SEGMENT = 'Struggling to pay';
const TEMPLATE = 'Installments';

export function benchSizes(defaults = [1_000, 10_000, 100_000]): number[] {
  const env = process.env.CHURNGUARD_BENCH_SIZES;
  if (!env) return defaults;
  const sizes = env
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  if (sizes.length === 0) throw new Error(`CHURNGUARD_BENCH_SIZES="${env}": expected e.g. 1000,10000`);
  return sizes;
}

export const loadCode = () => fs.readFileSync(path.resolve(__dirname, '../build/Code.js'), 'utf8');

interface Action {
  name: string;
  fn: string;
  event: (w: SampleWorld) => unknown;
  kind?: 'card' | 'trigger';
}

const click = (parameters: Record<string, string>) => gmailEvent({ parameters });
const wizard = { segment: SEGMENT, template: TEMPLATE, name: 'Bench installments' };

/** In the order a manager's morning might go; later actions see what earlier ones wrote. */
export const CARD_ACTIONS: Action[] = [
  { name: 'customer email', fn: 'onGmailMessage', event: () => gmailEvent({ messageId: 'bench-message' }) },
  { name: 'homepage', fn: 'onHomepage', event: () => gmailEvent() },
  { name: 'open segments', fn: 'onCardAction', event: () => click({ action: 'openSegments' }) },
  {
    name: 'open segment',
    fn: 'onCardAction',
    event: () => click({ action: 'openSegment', segment: SEGMENT }),
  },
  {
    name: 'check audience',
    fn: 'onCardAction',
    event: () => click({ action: 'previewCampaign', ...wizard }),
  },
  {
    name: 'alert Seen',
    fn: 'onCardAction',
    event: (w) => click({ action: 'alertStatus', key: w.openAlertKeys[0]!, change: 'acknowledged' }),
  },
  {
    name: 'alert Done',
    fn: 'onCardAction',
    event: (w) => click({ action: 'alertStatus', key: w.openAlertKeys[1]!, change: 'done' }),
  },
  { name: 'rescore all', fn: 'onCardAction', event: () => click({ action: 'rescoreAll' }) },
  { name: 'scan now', fn: 'onCardAction', event: () => click({ action: 'scanNow' }) },
  { name: 'start campaign', fn: 'onCardAction', event: () => click({ action: 'startCampaign', ...wizard }) },
];

/**
 * Trigger runs to try before reporting "not finished": 12 by default (half a day of hourly runs),
 * CHURNGUARD_BENCH_MAX_RUNS to change. A campaign past the daily email quota waits a day between
 * batches, which more runs would only repeat.
 */
function maxTriggerRuns(): number {
  const env = Number(process.env.CHURNGUARD_BENCH_MAX_RUNS ?? 12);
  return Number.isInteger(env) && env > 0 ? env : 12;
}

export interface Measured {
  calls: number;
  cellsRead: number;
  cellsWritten: number;
  modelledMs: number;
  wallMs: number;
  /** 'ok', 'threw: …', 'timed out', or 'problem card: …' (the app caught an error and said so). */
  outcome: string;
}

/** The columns every measured row shows, in this order: service calls, cells, modelled and wall ms. */
export function measuredColumns(m: Measured): Record<string, unknown> {
  return {
    calls: m.calls,
    'cells read': m.cellsRead,
    'cells written': m.cellsWritten,
    'modelled ms': m.modelledMs,
    'wall ms': Math.round(m.wallMs),
  };
}

/** PASS when a card action ran to the end within the 10 s target (modelled service time + JS time). */
export const withinCardTarget = (m: Measured): 'PASS' | 'FAIL' =>
  m.outcome === 'ok' && m.modelledMs + m.wallMs <= CARD_TARGET_MS ? 'PASS' : 'FAIL';

/**
 * measuredCall that never throws: an action that throws (or runs past its execution budget, which the
 * stand-ins raise as Apps Script's "Exceeded maximum execution time") is a row in the table.
 */
export function safeCall(
  world: SampleWorld['world'],
  code: string,
  fn: string,
  event: unknown,
  kind: 'card' | 'trigger' = 'card',
): Measured {
  let result: { value: unknown; wallMs: number; modelledMs: number } | undefined;
  let error: unknown;
  const started = world.clock.nowMs();
  const wallStart = process.hrtime.bigint();
  try {
    result = measuredCall(world, code, fn, event, { kind, worldDate: true });
  } catch (e) {
    error = e;
    // measuredCall did not end the execution; a dead one must not hold the user's lock.
    for (const x of world.activeExecutions()) x.end();
  }
  const counts = {
    calls: world.calls.total(),
    cellsRead: world.calls.cellsRead,
    cellsWritten: world.calls.cellsWritten,
  };
  if (result) return { ...counts, ...result, outcome: outcomeOf(result.value) };
  const message = error instanceof Error ? error.message : String(error);
  return {
    ...counts,
    modelledMs: Math.round(world.clock.nowMs() - started),
    wallMs: Number(process.hrtime.bigint() - wallStart) / 1e6,
    outcome: /Exceeded maximum execution time/.test(message)
      ? 'timed out'
      : `threw: ${message.split('\n')[0]!.slice(0, 80)}`,
  };
}

function outcomeOf(value: unknown): string {
  const json = JSON.stringify(value ?? null);
  if (/Exceeded maximum execution time/.test(json)) return 'timed out';
  // The problem card (src/ui/cards/error.ts) is named 'problem'.
  const problem = /"name":"problem"[\s\S]*?"text":"([^"]{0,80})/.exec(json);
  return problem ? `problem card: ${problem[1]}` : 'ok';
}

function seedMessage(w: SampleWorld) {
  const target = w.emails[Math.floor(w.emails.length / 2)]!;
  w.world.gmail.seed([
    {
      id: 'bench-message',
      from: `Customer <${target}>`,
      to: w.world.user,
      subject: 'Our invoice',
      date: '2026-11-19',
      plainBody: 'Hi, can we talk about the invoice?',
    },
  ]);
}

export function cardActionsBench(sizes = benchSizes()) {
  const code = loadCode();
  const rows: Record<string, unknown>[] = [];
  const bySize = new Map<number, Map<string, Measured>>();
  for (const n of sizes) {
    const generated = Date.now();
    const w = sampleWorld({ rows: n });
    seedMessage(w);
    console.log(`(${n} customers generated in ${Date.now() - generated} ms)`);
    const results = new Map<string, Measured>();
    for (const action of CARD_ACTIONS) {
      // A minute between clicks, as a person clicks; caches keep their own expiry on this clock.
      w.world.clock.advance(60_000);
      const m = safeCall(w.world, code, action.fn, action.event(w), action.kind);
      results.set(action.name, m);
      rows.push({
        action: action.name,
        customers: n,
        ...measuredColumns(m),
        'total ms': Math.round(m.modelledMs + m.wallMs),
        '≤10 s': withinCardTarget(m),
        outcome: m.outcome,
      });
    }
    bySize.set(n, results);
  }
  return { rows, flatness: flatness(sizes, bySize) };
}

/** Largest size against the smallest, per action: 1.00x is flat in N. */
function flatness(sizes: number[], bySize: Map<number, Map<string, Measured>>): Record<string, unknown>[] {
  const small = bySize.get(Math.min(...sizes));
  const large = bySize.get(Math.max(...sizes));
  if (!small || !large || sizes.length < 2) return [];
  const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '1.00x' : '∞') : `${(a / b).toFixed(2)}x`);
  return CARD_ACTIONS.map(({ name }) => {
    const s = small.get(name)!;
    const l = large.get(name)!;
    return {
      action: name,
      [`calls ${Math.max(...sizes)}/${Math.min(...sizes)}`]: ratio(l.calls, s.calls),
      'cells read': ratio(l.cellsRead, s.cellsRead),
      'cells written': ratio(l.cellsWritten, s.cellsWritten),
    };
  });
}

/**
 * A fingerprint of everything background work leaves behind: user properties (job cursors,
 * campaigns, the scan's state), sheet writes and emails. A trigger run that changes none of it
 * found nothing left to do, whatever the job's own bookkeeping looks like.
 */
function footprint(w: SampleWorld, measured: Measured): string {
  const props = [...w.world.userProperties.values.entries()].sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([props, measured.cellsWritten, w.world.mail.outbox.length]);
}

/**
 * One card click that starts background work, then hourly triggers until a run changes nothing
 * (or `maxRuns`). Reports the runs that did work, their modelled + JS time, and hours of waiting.
 */
function backgroundRun(
  code: string,
  n: number,
  label: string,
  start: Action,
  maxRuns = maxTriggerRuns(),
  setUp: (w: SampleWorld) => void = () => undefined,
) {
  const w = sampleWorld({ rows: n });
  setUp(w);
  const card = safeCall(w.world, code, start.fn, start.event(w));
  const startedAt = w.world.clock.nowMs();
  const sentAtStart = w.world.mail.outbox.length;
  let runs = 0;
  let busyMs = 0;
  let failures = 0;
  let finished = false;
  let last = '';
  for (let i = 0; i < maxRuns; i++) {
    w.world.clock.advance(HOUR_MS);
    const before = [...w.world.userProperties.values.entries()].sort(([a], [b]) => a.localeCompare(b));
    const sentBefore = w.world.mail.outbox.length;
    const m = safeCall(w.world, code, 'onHourlyTrigger', {}, 'trigger');
    const after = footprint(w, m);
    const idle =
      m.cellsWritten === 0 &&
      w.world.mail.outbox.length === sentBefore &&
      JSON.stringify([before, 0, sentBefore]) === after;
    if (m.outcome !== 'ok') failures++;
    if (idle) {
      finished = true;
      break;
    }
    runs++;
    busyMs += m.modelledMs + m.wallMs;
    last = m.outcome;
  }
  return {
    work: label,
    customers: n,
    'card ms': Math.round(card.modelledMs + card.wallMs),
    card: card.outcome,
    'trigger runs': runs,
    'trigger s (modelled+JS)': round(busyMs / 1000, 1),
    'failed runs': failures,
    'hours to finish': finished ? round((w.world.clock.nowMs() - startedAt) / HOUR_MS - 1, 0) : `>${maxRuns}`,
    'emails sent': w.world.mail.outbox.length,
    'sent by card': sentAtStart,
    'last run': last || '-',
  };
}

export function backgroundBench(n = Math.max(...benchSizes())) {
  const code = loadCode();
  const byName = (name: string) => CARD_ACTIONS.find((a) => a.name === name)!;
  return [
    backgroundRun(code, n, 'rescore all', byName('rescore all')),
    backgroundRun(code, n, 'scan now', byName('scan now')),
    ...campaignBackgroundBench(n, code),
  ];
}

/** A campaign on the late payers, and one of about 1,500 recipients, each from Start to the last send. */
export function campaignBackgroundBench(n = Math.max(...benchSizes()), code = loadCode()) {
  const byName = (name: string) => CARD_ACTIONS.find((a) => a.name === name)!;
  return [
    backgroundRun(code, n, `campaign "${SEGMENT}"`, byName('start campaign')),
    backgroundRun(
      code,
      n,
      `campaign "${BENCH_SEGMENT[0]}" (~1,500 emailed)`,
      startBenchCampaign,
      maxTriggerRuns(),
      (w) => addSegment(w, BENCH_SEGMENT),
    ),
  ];
}

/**
 * A segment of about 1,500 recipients on the grown sample at 100k (its Enterprise customers, less the
 * churned, unsubscribed and held out): a day's Workspace quota, so the runs measure writing the
 * audience over the whole 100k-row tab and sending, not waiting for the quota.
 */
export const BENCH_SEGMENT = ['Enterprise accounts', 'Plan = Enterprise', 'Installments'] as const;

export const startBenchCampaign: Action = {
  name: 'start campaign (~1,500)',
  fn: 'onCardAction',
  event: () =>
    click({
      action: 'startCampaign',
      segment: BENCH_SEGMENT[0],
      template: TEMPLATE,
      name: 'Bench enterprise',
    }),
};

/** A row added to the Segments tab, as a manager would type it. */
export function addSegment(w: SampleWorld, row: readonly string[]): void {
  const tab = w.world.spreadsheets.get(w.spreadsheetId)!.sheet('Segments')!;
  const at = tab.lastRow() + 1;
  row.forEach((v, c) => tab.put(at, c + 1, v));
}
