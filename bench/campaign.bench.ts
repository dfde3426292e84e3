/**
 * Campaign sending on the stand-ins with their latency model and real execution budgets:
 * service calls per email sent, emails per card run (30 s) and per triggered run (6 min), and a
 * 1,500-recipient campaign end to end, then 250 on a consumer account's 100 a day.
 */
import { loadCampaign } from '../src/app/campaigns/meta';
import { continueCampaign, runHourly } from '../src/app/campaigns/run';
import { startCampaign } from '../src/app/campaigns/start';
import { campaignWorld } from '../test/helpers/campaign-world';
import type { AccountKind } from '../src/local/standins/world';
import { round } from './stats';

const HOUR = 3_600_000;

function setup(n: number, accountKind: AccountKind = 'workspace') {
  const w = campaignWorld(n, { accountKind });
  const exec = w.world.startExecution();
  const started = startCampaign(w.contextOf(exec), w.request({ name: 'Bench' }));
  exec.end();
  if (started.kind !== 'started') throw new Error('campaign did not start');
  return { world: w.world, contextOf: w.contextOf, composer: w.composer, id: started.meta.id };
}

export function campaignRunBench() {
  const rows: Record<string, unknown>[] = [];
  for (const kind of ['card', 'trigger'] as const) {
    const s = setup(3000);
    const exec = s.world.startExecution({ kind });
    s.world.calls.reset();
    const start = s.world.clock.nowMs();
    const out = continueCampaign(s.contextOf(exec), s.id, kind, s.composer);
    const modelled = s.world.clock.nowMs() - start;
    exec.end();
    const sent = out.kind === 'ran' ? out.result.sent : 0;
    const calls = s.world.calls.snapshot();
    const sends = calls.calls['MailApp.sendEmail'] ?? 0;
    if (process.env.BENCH_VERBOSE) console.log(kind, calls.calls);
    rows.push({
      run: kind === 'card' ? 'card action (30 s, 20 s used)' : 'hourly trigger (6 min, 4.5 used)',
      sent,
      'service calls': calls.total,
      'calls per email': round(calls.total / Math.max(1, sent), 2),
      'non-send calls per email': round((calls.total - sends) / Math.max(1, sent), 2),
      'sheet writes': calls.calls['Range.setValues'] ?? 0,
      'modelled s': round(modelled / 1000, 1),
    });
  }
  return rows;
}

export function campaignEndToEndBench() {
  const rows: Record<string, unknown>[] = [];
  for (const [n, kind] of [
    [1500, 'workspace'],
    [250, 'consumer'],
  ] as const) {
    const s = setup(n, kind);
    const t0 = s.world.clock.nowMs();
    const exec = s.world.startExecution();
    continueCampaign(s.contextOf(exec), s.id, 'card', s.composer);
    exec.end();
    let runs = 1;
    let quotaPauses = 0;
    for (let h = 0; h < 24 * 7; h++) {
      const meta = loadCampaign(s.contextOf(s.world.startExecution()).userStore, s.id)!;
      if (meta.state === 'done') break;
      if (meta.state === 'waiting-quota') quotaPauses++;
      s.world.clock.advance(HOUR);
      runs += s.world.runDueTriggers((_fn, e) => void runHourly(s.contextOf(e), s.composer)).length;
    }
    const counts = new Map<string, number>();
    for (const m of s.world.mail.outbox) for (const to of m.to) counts.set(to, (counts.get(to) ?? 0) + 1);
    const last = s.world.mail.outbox[s.world.mail.outbox.length - 1]!.sentAt.getTime();
    rows.push({
      campaign: `${n} recipients, ${kind} (${kind === 'workspace' ? 1500 : 100}/day)`,
      runs,
      'hours waiting for quota': quotaPauses,
      'finished after h': round((last - t0) / HOUR, 1),
      'emailed once': [...counts.values()].filter((c) => c === 1).length,
      'emailed twice or more': [...counts.values()].filter((c) => c > 1).length,
      missed: n - counts.size,
    });
  }
  return rows;
}
