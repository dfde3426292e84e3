/**
 * Issue 21, the email-service sender: campaign throughput through the SendGrid stand-in over real
 * HTTP on 127.0.0.1 (UrlFetchApp stand-in, latency model on the fake clock), beside MailApp.
 * Reported: emails per run and per modelled second, service calls and fetches per email, and this
 * machine's wall time per email (real HTTP + JavaScript), clean and with injected faults; then a
 * 20,000-recipient win-back end to end on hourly triggers.
 */
import { loadCampaign } from '../src/app/campaigns/meta';
import { continueCampaign, runHourly, type ComposerFactory } from '../src/app/campaigns/run';
import { startCampaign } from '../src/app/campaigns/start';
import { campaignWorld } from '../test/helpers/campaign-world';
import { settleReview } from '../src/app/campaigns/control';
import { saveSettings, loadSettings } from '../src/app/settings-store';
import { saveSenderKey } from '../src/app/sender-store';
import { propertiesStore } from '../src/gas/properties-store';
import {
  startEmailService,
  STANDIN_API_KEY,
  type EmailServiceProcess,
} from '../src/local/email-service/process';
import type { Fault } from '../src/local/email-service/server';
import { round } from './stats';

const HOUR = 3_600_000;

/** batchSize: emails per request to the email service; 1 is one by one (a request per email). */
export function setup(service: EmailServiceProcess | null, n: number, dailyLimit = 1_000_000, batchSize = 1) {
  const { world, ss, contextOf, composer, request } = campaignWorld(n);
  const exec = world.startExecution();
  if (service) {
    world.network.route('https://api.sendgrid.com', service.url);
    world.network.deadlineMs = 100;
    const store = propertiesStore(exec.globals.PropertiesService.getUserProperties());
    saveSettings(store, {
      ...loadSettings(store).settings,
      sender: { kind: 'email-service', fromEmail: 'team@nimbus.example', dailyLimit, batchSize },
    });
    saveSenderKey(store, STANDIN_API_KEY);
  }
  const started = startCampaign(contextOf(exec), request({ name: 'Bench' }));
  exec.end();
  if (started.kind !== 'started') throw new Error('campaign did not start');
  return { world, contextOf, composer: composer as ComposerFactory, id: started.meta.id, ssId: ss.id };
}

/** One fault in `every` requests, cycling through the kinds a provider really answers. */
function faultPlan(requests: number, every: number): Fault[] {
  const kinds: Fault[] = [
    { kind: 'rate-limit', retryAfterS: 1 },
    { kind: 'server-error', status: 503 },
    { kind: 'hang-after' },
    { kind: 'rate-limit', retryAfterS: 2 },
    { kind: 'server-error', status: 500 },
    { kind: 'reset-after' },
  ];
  return Array.from({ length: requests }, (_, i) =>
    (i + 1) % every === 0 ? kinds[((i + 1) / every - 1) % kinds.length]! : { kind: 'ok' as const },
  );
}

export function oneRun(
  service: EmailServiceProcess | null,
  label: string,
  faultsEvery: number | null,
  options: {
    batchSize?: number;
    faults?: Fault[];
    n?: number;
    /** Real deadline of a fetch in ms (a batched request of 1,000 takes longer than one email). */
    deadlineMs?: number;
    composer?: (base: ComposerFactory) => ComposerFactory;
  } = {},
) {
  const { batchSize = 1, faults = [], n = 3_000 } = options;
  service?.reset();
  if (service && faultsEvery) service.queueFaults(faultPlan(n, faultsEvery));
  if (service && faults.length) service.queueFaults(faults);
  const s = setup(service, n, 1_000_000, batchSize);
  if (options.deadlineMs) s.world.network.deadlineMs = options.deadlineMs;
  if (options.composer) s.composer = options.composer(s.composer);
  const exec = s.world.startExecution({ kind: 'trigger' });
  s.world.calls.reset();
  const t0 = s.world.clock.nowMs();
  const wall0 = performance.now();
  const out = continueCampaign(s.contextOf(exec), s.id, 'trigger', s.composer);
  const wall = performance.now() - wall0;
  const modelled = s.world.clock.nowMs() - t0;
  exec.end();
  const r = out.kind === 'ran' ? out.result : { sent: 0, uncertain: 0, failed: 0 };
  const calls = s.world.calls.snapshot();
  const fetches = calls.calls['UrlFetchApp.fetch'] ?? 0;
  const sent = Math.max(1, r.sent);
  return {
    sender: label,
    'sent in one 6-min run': r.sent,
    review: r.uncertain,
    failed: r.failed,
    'emails / modelled s': round(r.sent / (modelled / 1000), 2),
    'service calls / email': round(calls.total / sent, 2),
    'fetches / email': round(fetches / sent, 3),
    'wall ms / email': round(wall / sent, 2),
  };
}

/** A 20,000-recipient win-back: hourly triggers until every recipient is settled. */
export function winBack(service: EmailServiceProcess, faultsEvery: number | null, batchSize = 1) {
  service.reset();
  const n = WIN_BACK_RECIPIENTS;
  // A fault per `faultsEvery` requests: batched, there are far fewer requests than recipients.
  if (faultsEvery) service.queueFaults(faultPlan(n, faultsEvery));
  const s = setup(service, n, 100_000, batchSize);
  const wall0 = performance.now();
  const t0 = s.world.clock.nowMs();
  let runs = 0;
  let reviews = 0;
  for (let h = 0; h < 24 * 7; h++) {
    s.world.clock.advance(HOUR);
    runs += s.world.runDueTriggers((_fn, e) => void runHourly(s.contextOf(e), s.composer)).length;
    const ctx = s.contextOf(s.world.startExecution());
    const review = ctx
      .campaignLog(s.ssId)
      .recipients(s.id)
      .filter((r) => r.status === 'review');
    // The provider's log is read only when there is something to look up (it holds every message).
    const accepted = review.length ? new Set(service.stats().accepted.map((m) => m.reference)) : new Set();
    for (const r of review) {
      reviews++;
      settleReview(ctx, s.id, r.email, accepted.has(`${s.id}/${r.email}`));
    }
    if (loadCampaign(ctx.userStore, s.id)?.state === 'done') break;
  }
  const perRecipient = new Map<string, number>();
  for (const m of service.stats().accepted) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
  return {
    campaign: `${n.toLocaleString('en-US')} recipients${batchSize > 1 ? `, ${batchSize} a request` : ', one by one'}${faultsEvery ? `, 1 fault / ${faultsEvery} requests` : ''}`,
    'hourly runs': runs,
    'finished after h': round((s.world.clock.nowMs() - t0) / HOUR, 0),
    'settled reviews': reviews,
    'accepted once': [...perRecipient.values()].filter((c) => c === 1).length,
    duplicates: [...perRecipient.values()].reduce((a, c) => a + Math.max(0, c - 1), 0),
    missed: n - perRecipient.size,
    'wall s': round((performance.now() - wall0) / 1000, 1),
  };
}

/** Recipients of the end-to-end win-back: 20,000 as in the issue; SENDER_BENCH_N for a quicker run. */
export const WIN_BACK_RECIPIENTS = Number(process.env.SENDER_BENCH_N ?? 20_000);

export async function senderBench(print: (title: string, rows: Record<string, unknown>[]) => void) {
  const service = await startEmailService(STANDIN_API_KEY);
  try {
    print(
      'One hourly run (6 min) of a 3,000-recipient campaign: MailApp vs the email service (latency model; wall = this machine)',
      [
        oneRun(null, 'MailApp', null),
        oneRun(service, 'email service, clean', null),
        oneRun(service, 'email service, 1 fault / 20 requests', 20),
        oneRun(service, 'email service, 1 fault / 5 requests', 5),
      ],
    );
    print(
      `A ${WIN_BACK_RECIPIENTS.toLocaleString('en-US')}-recipient win-back through the email service: hourly triggers until done`,
      [winBack(service, null), winBack(service, 20)],
    );
  } finally {
    await service.stop();
  }
}
