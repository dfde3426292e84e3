/**
 * The campaign runner through the email-service sender, over real HTTP to the SendGrid stand-in:
 * over many seeds the service answers with random faults (429 short and long, 5xx, 401, timeouts
 * before and AFTER it accepted the message, connections cut after accepting), and executions are
 * killed right before a fetch, right after one, or during the batch's sheet write. A person does what
 * the cards ask: settles each review from the provider's log (by the message's reference), resumes
 * a campaign the service stopped, and retries failed recipients. In the end every member was accepted
 * by the service exactly once (0 duplicates) and every row says sent (0 silently lost). It runs one by
 * one and batched: a batch is one request, so a lost answer puts the whole batch in review, and a 400
 * naming one recipient fails it while the others go again.
 */
import { seeds } from '../../helpers/seeds';
import { changeCampaignState, retryFailed, settleReview } from '../../../src/app/campaigns/control';
import { continueCampaign } from '../../../src/app/campaigns/run';
import { loadCampaign } from '../../../src/app/campaigns/meta';
import type { Execution } from '../../../src/local/standins';
import type { Fault } from '../../../src/local/email-service/server';
import type { EmailServiceProcess } from '../../../src/local/email-service/process';
import { campaignWorld } from '../../helpers/campaign-world';
import { Killed, onCall, rng, startNow, survive } from '../../helpers/campaign-faults';
import { emailService, useEmailService } from '../../helpers/email-service';

const MEMBERS = 30;

let service: EmailServiceProcess;
// Starting the stand-in's process takes a few seconds on a busy machine.
beforeAll(async () => {
  service = await emailService();
}, 60_000);
afterAll(() => service.stop());

const fired: Record<string, number> = {};
/** The mode of the seed running, so the batched seeds' own faults are counted too. */
let running = '';
const count = (what: string) => {
  fired[what] = (fired[what] ?? 0) + 1;
  fired[`${running}: ${what}`] = (fired[`${running}: ${what}`] ?? 0) + 1;
};

function randomFault(random: () => number): Fault {
  const roll = random();
  if (roll < 0.7) return { kind: 'ok' };
  const kinds: Fault[] = [
    { kind: 'rate-limit', retryAfterS: 1 },
    { kind: 'rate-limit', retryAfterS: 3_600 },
    { kind: 'server-error', status: random() < 0.5 ? 500 : 503 },
    { kind: 'hang-before' },
    { kind: 'hang-after' },
    { kind: 'reset-after' },
    { kind: 'unauthorized' },
    // A 400 naming one recipient: nothing in the request is sent; that one fails, the rest go again.
    { kind: 'reject-recipient', at: Math.floor(random() * 8) },
  ];
  return kinds[Math.floor(random() * kinds.length)]!;
}

type Kill = 'beforeFetch' | 'afterFetch' | 'midWrite';

/** The execution dies like Apps Script ends it: before the nth call of `method`, or at the call after it. */
function killAt(exec: Execution, kill: Kill, nth: number): void {
  let seen = 0;
  let armed = false;
  const die = () => {
    count(kill);
    exec.end();
    throw new Killed();
  };
  onCall(exec, (method) => {
    if (armed) die();
    if (kill === 'midWrite' && method === 'Range.setValues' && ++seen === nth) die();
    if (kill === 'beforeFetch' && method === 'UrlFetchApp.fetch' && ++seen === nth) die();
    if (kill === 'afterFetch' && method === 'UrlFetchApp.fetch' && ++seen === nth) armed = true;
  });
}

/**
 * One by one (batch size 1: a request per email) and batched (8 emails a request, so 30 members make
 * several batches and a lost answer puts 8 in review).
 */
const MODES = [
  { mode: 'one by one', batchSize: 1 },
  { mode: 'batched', batchSize: 8 },
] as const;
const CASES = MODES.flatMap(({ mode, batchSize }) =>
  seeds(6, 1000).map((seed) => [mode, seed, batchSize] as const),
);

describe('campaigns through the email-service stand-in: faults and kills', () => {
  it.each(CASES)('%s, seed %i: every member accepted exactly once, none lost', (mode, seed, batchSize) => {
    const random = rng(seed);
    running = mode;
    service.reset();
    const w = campaignWorld(MEMBERS, { latency: 'none' });
    useEmailService(w.world, service, { batchSize });
    const started = startNow(w, `cmp-email-service-${seed}`);
    const id = started.kind === 'started' ? started.meta.id : '';
    expect(id).not.toBe('');
    let done = false;
    for (let run = 0; run < 80 && !done; run++) {
      service.queueFaults(Array.from({ length: 12 }, () => randomFault(random)));
      const budget = random() < 0.3 ? 'trigger' : 'card';
      const exec = w.world.startExecution({ kind: budget });
      if (random() < 0.3) {
        // Batched runs make a few requests each: kill at one of the first few.
        const kinds: Kill[] = ['beforeFetch', 'afterFetch', 'midWrite'];
        killAt(
          exec,
          kinds[Math.floor(random() * kinds.length)]!,
          1 + Math.floor(random() * (batchSize > 1 ? 3 : 10)),
        );
      }
      survive(() => continueCampaign(w.contextOf(exec), id, budget, w.composer));
      exec.end();
      w.world.clock.advance(3_600_000);

      // A person acts on what the campaign card shows.
      const ctx = w.contextOf(w.world.startExecution());
      const accepted = new Set(service.stats().accepted.map((m) => m.reference));
      const rows = ctx.campaignLog(w.ss.id).recipients(id);
      for (const r of rows.filter((x) => x.status === 'review')) {
        // The review note names the reference to look up in the provider's log.
        count('review');
        settleReview(ctx, id, r.email, accepted.has(`${id}/${r.email}`));
      }
      if (rows.some((r) => r.status === 'failed')) {
        count('retryFailed');
        retryFailed(ctx, id);
      }
      const meta = loadCampaign(ctx.userStore, id);
      if (meta?.state === 'paused' && meta.problem?.kind === 'sender') {
        count('senderPause');
        expect(meta.problem.what).toMatch(/401/);
        changeCampaignState(ctx, id, 'resume');
      }
      done = ctx
        .campaignLog(w.ss.id)
        .recipients(id)
        .every((r) => r.status === 'sent');
    }
    const perRecipient = new Map<string, number>();
    const accepted = service.stats().accepted;
    for (const m of accepted) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
    // Each copy went to the recipient its personalization names (no body or header crossed over).
    expect(accepted.filter((m) => m.reference !== `${id}/${m.to}`)).toEqual([]);
    if (batchSize > 1 && service.stats().requests < accepted.length) count('shared request');
    const duplicates = [...perRecipient.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
    const missed = w.members.filter((m) => !perRecipient.has(m.email)).map((m) => m.email);
    expect({ duplicates, missed, done }).toEqual({ duplicates: 0, missed: [], done: true });
    for (const answered of Object.keys(service.stats().answered)) count(`answered ${answered}`);
  });

  it('really injected the faults across the seeds', () => {
    const kinds = ['review', 'senderPause', 'retryFailed', 'beforeFetch', 'afterFetch', 'midWrite'];
    const answers = ['answered 400', 'answered 429', 'answered 401', 'answered 500', 'shared request'];
    const batched = ['review', 'afterFetch', 'answered 400', 'retryFailed'].map((k) => `batched: ${k}`);
    const missing = [...kinds, ...answers, ...batched].filter((k) => !fired[k]);
    expect(missing).toEqual([]);
  });
});
