/**
 * Fault injection on the stand-ins, through the real Campaigns-tab adapter: over many seeds, runs are
 * killed at a random point (just before a send, right after a send before it is logged, or during a
 * batch's sheet write), another execution sometimes holds the lock, and the manager re-sorts the
 * Campaigns tab between runs. After every run is retried and every review settled from the outbox,
 * each member got exactly one email and nobody is lost.
 */
import { seeds } from '../../helpers/seeds';
import { settleReview } from '../../../src/app/campaigns/control';
import { continueCampaign } from '../../../src/app/campaigns/run';
import { startCampaign } from '../../../src/app/campaigns/start';
import type { Execution } from '../../../src/local/standins';
import { campaignWorld } from '../../helpers/campaign-world';

const MEMBERS = 45;
/** What the seeds really did, so the last test can check the faults happened. */
const fired = { beforeSend: 0, afterSend: 0, midWrite: 0, busy: 0, resorted: 0, reviewed: 0 };

function rng(seed: number) {
  let s = (seed * 2654435761) >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

type Kill = 'beforeSend' | 'afterSend' | 'midWrite';

/** Makes the execution die like Apps Script does: at a chosen service call, nothing after it runs. */
function killAt(exec: Execution, kill: Kill, nth: number, world: ReturnType<typeof campaignWorld>['world']) {
  let seen = 0;
  const die = () => {
    fired[kill]++;
    exec.end();
    throw new Error('Exceeded maximum execution time');
  };
  if (kill === 'afterSend') {
    world.mail.onAfterSend = () => {
      if (++seen === nth) {
        world.mail.onAfterSend = undefined;
        die();
      }
    };
    return;
  }
  const method = kill === 'beforeSend' ? 'MailApp.sendEmail' : 'Range.setValues';
  const original = exec.call.bind(exec);
  exec.call = (m, cells) => {
    if (m === method && ++seen === nth) die();
    original(m, cells);
  };
}

function resortLog(world: ReturnType<typeof campaignWorld>['world'], ssId: string, random: () => number) {
  const sheet = world.spreadsheets.get(ssId)!.sheet('Campaigns');
  if (!sheet) return;
  const [header, ...rows] = sheet.toValues();
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  [header!, ...rows].forEach((r, i) => r.forEach((v, c) => sheet.put(i + 1, c + 1, v)));
}

describe('fault injection: kills, a concurrent run and re-sorts', () => {
  it.each(seeds(40, 1000))('seed %i: every member exactly once, none lost', (seed) => {
    const random = rng(seed);
    const w = campaignWorld(MEMBERS, { latency: 'none' });
    const started = startCampaign(w.contextOf(w.world.startExecution()), w.request());
    const id = started.kind === 'started' ? started.meta.id : '';
    for (let run = 0; run < 30; run++) {
      const exec = w.world.startExecution();
      const roll = random();
      if (roll < 0.5) {
        const kinds: Kill[] = ['beforeSend', 'afterSend', 'midWrite'];
        killAt(exec, kinds[Math.floor(random() * 3)]!, 1 + Math.floor(random() * 12), w.world);
      }
      let holder: Execution | null = null;
      if (roll > 0.85) {
        // Another execution (a second click, the trigger) holds the lock: this run must not send.
        holder = w.world.startExecution();
        holder.globals.LockService.getUserLock().tryLock(1000);
      }
      const before = w.world.mail.outbox.length;
      let outcome: string | undefined;
      try {
        outcome = continueCampaign(w.contextOf(exec), id, 'card', w.composer).kind;
      } catch {
        // Killed: the next run picks up.
      }
      if (holder) {
        expect(outcome).toBe('busy');
        fired.busy++;
        expect(w.world.mail.outbox.length).toBe(before);
        holder.globals.LockService.getUserLock().releaseLock();
        holder.end();
      }
      w.world.mail.onAfterSend = undefined;
      if (random() < 0.4) {
        resortLog(w.world, w.ss.id, random);
        fired.resorted++;
      }
      // The manager settles reviews from the Sent folder (the outbox), as the card asks.
      const ctx = w.contextOf(w.world.startExecution());
      const log = ctx.campaignLog(w.ss.id).recipients(id);
      const got = w.received();
      for (const r of log.filter((x) => x.status === 'review')) {
        settleReview(ctx, id, r.email, got.has(r.email));
        fired.reviewed++;
      }
      if (
        ctx
          .campaignLog(w.ss.id)
          .recipients(id)
          .every((r) => r.status === 'sent')
      )
        break;
    }
    const counts = w.received();
    expect(counts.size).toBe(MEMBERS);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const final = w.contextOf(w.world.startExecution()).campaignLog(w.ss.id).recipients(id);
    expect(final).toHaveLength(MEMBERS);
    expect(final.every((r) => r.status === 'sent')).toBe(true);
  });

  it('really injected every kind of fault across the seeds', () => {
    expect(fired.beforeSend).toBeGreaterThan(0);
    expect(fired.afterSend).toBeGreaterThan(0);
    expect(fired.midWrite).toBeGreaterThan(0);
    expect(fired.busy).toBeGreaterThan(0);
    expect(fired.resorted).toBeGreaterThan(0);
    expect(fired.reviewed).toBeGreaterThan(0);
  });
});
