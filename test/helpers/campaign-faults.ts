/**
 * Fault tools for campaign tests on the stand-ins: kill an execution at a service call, run another
 * execution in the gap between two of its calls (Apps Script executions interleave at service
 * calls), let a person edit the Campaigns tab, run the hourly triggers for a while, and tally what
 * every member got.
 */
import { settleReview } from '../../src/app/campaigns/control';
import { runHourly } from '../../src/app/campaigns/run';
import { startCampaign } from '../../src/app/campaigns/start';
import { loadCampaign } from '../../src/app/campaigns/meta';
import type { Execution } from '../../src/local/standins';
import type { CellValue } from '../../src/local/standins/sheet-values';
import type { campaignWorld } from './campaign-world';

export type CampaignWorld = ReturnType<typeof campaignWorld>;

export class Killed extends Error {
  constructor() {
    super('Exceeded maximum execution time');
  }
}

/** A deterministic generator for a seed. */
export function rng(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** One hook per execution: `at(method, n)` is called before the n-th call of that method applies. */
export function onCall(exec: Execution, at: (method: string, count: number) => void): void {
  const counts = new Map<string, number>();
  const original = exec.call.bind(exec);
  exec.call = (method, cells) => {
    const n = (counts.get(method) ?? 0) + 1;
    counts.set(method, n);
    at(method, n);
    original(method, cells);
  };
}

/** The execution dies, as Apps Script ends it, at its `nth` service call overall (nothing of it applies). */
export function killAtCall(exec: Execution, nth: number, onKill?: (method: string) => void): void {
  let seen = 0;
  onCall(exec, (method) => {
    if (++seen !== nth) return;
    onKill?.(method);
    exec.end();
    throw new Killed();
  });
}

/** The execution dies at the first call after the first call of `method` (so that call applied). */
export function killAfter(exec: Execution, method: string): void {
  let armed = false;
  onCall(exec, (m) => {
    if (armed) {
      exec.end();
      throw new Killed();
    }
    if (m === method) armed = true;
  });
}

/** The execution dies at the first call after a write of at least `cells` cells (that write applied). */
export function killAfterWriteOf(exec: Execution, cells: number): void {
  let armed = false;
  const original = exec.call.bind(exec);
  exec.call = (method, traffic) => {
    if (armed) {
      exec.end();
      throw new Killed();
    }
    original(method, traffic);
    if (method === 'Range.setValues' && (traffic?.written ?? 0) >= cells) armed = true;
  };
}

/** Runs `fn` and swallows the Killed the test injected (a killed execution just stops). */
export function survive<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (error instanceof Killed || (error instanceof Error && /execution/i.test(error.message)))
      return undefined;
    throw error;
  }
}

const campaignsTab = (w: CampaignWorld) => w.world.spreadsheets.get(w.ss.id)!.sheet('Campaigns');

/** The tab's values as a person sees them (header first). */
export function tabValues(w: CampaignWorld): CellValue[][] {
  return campaignsTab(w)?.toValues() ?? [];
}

/** A person replaces the tab's contents (a sort, a paste, a delete), cell by cell as Sheets would show it. */
export function setTab(w: CampaignWorld, values: CellValue[][]): void {
  const sheet = campaignsTab(w);
  if (!sheet) return;
  const before = sheet.lastRow();
  values.forEach((r, i) => r.forEach((v, c) => sheet.put(i + 1, c + 1, v)));
  if (before > values.length) sheet.deleteRows(values.length + 1, before - values.length);
}

/** A person sorts the data rows (header stays) in a random order. */
export function shuffleTab(w: CampaignWorld, random: () => number): void {
  const [header, ...rows] = tabValues(w);
  if (!header) return;
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  setTab(w, [header, ...rows]);
}

/** Advances the clock hour by hour, running the hourly trigger as Apps Script would. */
export function runTriggers(w: CampaignWorld, hours: number, onHour?: () => void): void {
  for (let h = 0; h < hours; h++) {
    w.world.clock.advance(3_600_000);
    w.world.runDueTriggers((_fn, execution) => {
      runHourly(w.contextOf(execution), w.composer);
    });
    onHour?.();
  }
}

/** How many emails each member got, and how many got more than one or none. */
export function tally(w: CampaignWorld) {
  const counts = w.received();
  const duplicates = [...counts.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
  const missed = w.members.filter((m) => !counts.has(m.email)).map((m) => m.email);
  return { counts, duplicates, missed };
}

/** Starts the campaign with this preview id from a fresh execution, as the Start button does. */
export function startNow(w: CampaignWorld, id: string, over: Parameters<CampaignWorld['request']>[0] = {}) {
  return startCampaign(w.contextOf(w.world.startExecution()), w.request({ id, ...over }));
}

/** Every member got exactly one email. */
export function expectEveryoneOnce(w: CampaignWorld): void {
  const { duplicates, missed } = tally(w);
  expect({ duplicates, missed }).toEqual({ duplicates: 0, missed: [] });
}

export const campaignState = (w: CampaignWorld, id: string) =>
  loadCampaign(w.contextOf(w.world.startExecution()).userStore, id);

/** A person settles every review from their Sent folder (the outbox), as the card asks; returns how many. */
export function settleReviews(w: CampaignWorld, id: string): number {
  const ctx = w.contextOf(w.world.startExecution());
  const got = w.received();
  const review = ctx
    .campaignLog(w.ss.id)
    .recipients(id)
    .filter((r) => r.status === 'review');
  for (const r of review) settleReview(ctx, id, r.email, got.has(r.email));
  return review.length;
}
