/**
 * The exactly-once runner under fire: runs killed at random points (before a send, after a send but
 * before its outcome is logged, in the middle of a batched write), rows shuffled between and during
 * runs, and the daily quota running out. Whatever happens, every recipient ends up emailed exactly
 * once or marked for review (sent at most once), and nobody is lost.
 */
import {
  QuotaExhausted,
  REVIEW_NOTE,
  SendRejected,
  runCampaign,
  type CampaignLogStore,
  type LoggedRecipient,
  type OutgoingEmail,
  type RunDeps,
  type StatusChange,
} from '../../../src/core/campaigns';

class Killed extends Error {}

/** A deterministic PRNG (mulberry32), so every failing seed can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface World {
  rows: LoggedRecipient[];
  mailbox: string[];
  quota: number;
  /** Dependency calls left before the execution is killed (Infinity: not killed). */
  fuse: number;
  dead: boolean;
  random: () => number;
  shuffle: boolean;
  /** A write killed halfway applies only its first part. */
  partialWrites: boolean;
  clockMs: number;
}

function world(n: number, seed: number, over: Partial<World> = {}): World {
  const rows: LoggedRecipient[] = Array.from({ length: n }, (_, i) => ({
    row: i + 2,
    campaignId: 'c1',
    campaign: 'Relief',
    email: `r${i}@x.example`,
    name: `R ${i}`,
    group: 'emailed',
    status: 'pending',
    detail: '',
  }));
  return {
    rows,
    mailbox: [],
    quota: 10_000,
    fuse: Infinity,
    dead: false,
    random: rng(seed),
    shuffle: false,
    partialWrites: false,
    clockMs: 0,
    ...over,
  };
}

/** Burns one unit of the fuse; at zero the execution dies and every later call throws. */
function tick(w: World) {
  if (w.dead) throw new Killed('dead');
  if (--w.fuse <= 0) {
    w.dead = true;
    throw new Killed('killed');
  }
}

function reshuffle(w: World) {
  if (!w.shuffle) return;
  for (let i = w.rows.length - 1; i > 0; i--) {
    const j = Math.floor(w.random() * (i + 1));
    [w.rows[i], w.rows[j]] = [w.rows[j]!, w.rows[i]!];
  }
  w.rows.forEach((r, i) => (r.row = i + 2));
}

function deps(w: World): RunDeps {
  const log: CampaignLogStore = {
    recipients(id) {
      tick(w);
      reshuffle(w);
      return w.rows.filter((r) => r.campaignId === id).map((r) => ({ ...r }));
    },
    update(id, changes: readonly StatusChange[]) {
      tick(w);
      reshuffle(w);
      const apply = (c: StatusChange) => {
        const row = w.rows.find((r) => r.campaignId === id && r.email === c.email);
        if (!row) throw new Error(`no row for ${c.email}`);
        row.status = c.status;
        row.detail = c.detail;
      };
      if (w.partialWrites && w.fuse <= 2 && changes.length > 1) {
        // Killed in the middle of a write: the first half lands, the rest does not.
        changes.slice(0, Math.floor(changes.length / 2)).forEach(apply);
        w.dead = true;
        throw new Killed('killed mid-write');
      }
      changes.forEach(apply);
    },
  };
  return {
    log,
    send(email: OutgoingEmail) {
      tick(w);
      if (w.quota <= 0) throw new QuotaExhausted();
      // The mailer adapter turns MailApp's refusal of an address into SendRejected (surely not sent).
      if (email.to.startsWith('bad')) throw new SendRejected('Invalid email: ' + email.to);
      w.quota--;
      w.mailbox.push(email.to);
      w.clockMs += 400;
      // Killed right after the email left, before anything could be logged.
      if (w.fuse === 1) {
        w.dead = true;
        throw new Killed('killed after send');
      }
    },
    remainingQuota() {
      tick(w);
      return w.quota;
    },
    now: () => new Date(Date.UTC(2026, 10, 20) + w.clockMs),
    elapsedMs: () => w.clockMs,
    compose: (r) =>
      r.email.startsWith('r13@')
        ? { ok: false, reason: 'Missing {{First name}} for this customer' }
        : { ok: true, email: { to: r.email, subject: 'Hi', htmlBody: '<p>Hi</p>', textBody: 'Hi' } },
  };
}

/** Runs until done, killing `kills` executions at random call counts first. */
function runToTheEnd(w: World, kills: number, batchSize: number) {
  for (let attempt = 0; attempt < 200; attempt++) {
    w.dead = false;
    w.clockMs = 0;
    w.fuse = attempt < kills ? 1 + Math.floor(w.random() * 25) : Infinity;
    try {
      const r = runCampaign('c1', deps(w), { budgetMs: 20_000, batchSize });
      if (r.stopped === 'done') return;
      if (r.stopped === 'quota') w.quota = 10_000; // the next day
    } catch (e) {
      if (!(e instanceof Killed)) throw e;
    }
  }
  throw new Error('the campaign never finished');
}

function assertExactlyOnce(w: World) {
  const sentTimes = new Map<string, number>();
  for (const to of w.mailbox) sentTimes.set(to, (sentTimes.get(to) ?? 0) + 1);
  for (const r of w.rows) {
    const times = sentTimes.get(r.email) ?? 0;
    expect({ email: r.email, times: Math.min(times, 2) }).toEqual({
      email: r.email,
      times: Math.min(times, 1),
    });
    if (r.status === 'sent') expect(times).toBe(1);
    if (r.status === 'failed') expect(times).toBe(0);
    expect(['sent', 'failed', 'review']).toContain(r.status);
  }
}

describe('runCampaign', () => {
  it('sends every pending recipient once, logs failures with the reason, and reports counts', () => {
    const w = world(30, 1);
    w.rows[5]!.email = 'bad-5@x';
    const r = runCampaign('c1', deps(w), { budgetMs: 20_000, batchSize: 10 });
    expect(r).toEqual({ sent: 28, failed: 2, uncertain: 0, markedForReview: 0, pending: 0, stopped: 'done' });
    expect(w.rows.find((x) => x.email === 'r13@x.example')).toMatchObject({
      status: 'failed',
      detail: 'Missing {{First name}} for this customer',
    });
    expect(w.rows.find((x) => x.email === 'bad-5@x')).toMatchObject({
      status: 'failed',
      detail: 'Not sent: Invalid email: bad-5@x',
    });
    expect(new Set(w.mailbox).size).toBe(28);
  });

  it('marks a crashed batch for review instead of sending it again', () => {
    const w = world(10, 2);
    w.rows[0]!.status = 'sending';
    w.rows[1]!.status = 'sending';
    w.mailbox.push('r0@x.example'); // the first went out before the crash; the second did not
    const r = runCampaign('c1', deps(w), { budgetMs: 20_000, batchSize: 5 });
    expect(r.markedForReview).toBe(2);
    expect(w.rows[0]).toMatchObject({ status: 'review', detail: REVIEW_NOTE });
    expect(w.mailbox.filter((m) => m === 'r0@x.example')).toHaveLength(1);
    expect(w.mailbox).not.toContain('r1@x.example');
  });

  it('stops at the time budget without starting a batch it cannot finish, and resumes later', () => {
    const w = world(100, 3);
    const first = runCampaign('c1', deps(w), { budgetMs: 10_000, batchSize: 10 });
    expect(first.stopped).toBe('time');
    // 400 ms a send: two batches of ten fit in 10 s, a third would not; r13 cannot be merged.
    expect(first).toMatchObject({ sent: 19, failed: 1, pending: 80 });
    w.clockMs = 0;
    const second = runCampaign('c1', deps(w), { budgetMs: 10_000, batchSize: 10 });
    expect(second).toMatchObject({ sent: 20, failed: 0, pending: 60 });
    expect(new Set(w.mailbox).size).toBe(39);
    expect(w.mailbox).toHaveLength(39);
  });

  it('pauses at the daily quota with the unsent back to pending, and says so', () => {
    const w = world(25, 4, { quota: 7 });
    const r = runCampaign('c1', deps(w), { budgetMs: 20_000, batchSize: 5 });
    expect(r).toMatchObject({ sent: 7, stopped: 'quota', pending: 18 });
    expect(w.rows.filter((x) => x.status === 'sending')).toHaveLength(0);
  });

  it('treats a quota error from MailApp mid-batch as not sent', () => {
    const w = world(12, 5, { quota: 10_000 });
    const d = deps(w);
    let sends = 0;
    const send = d.send;
    d.send = (e) => {
      if (++sends === 4) throw new QuotaExhausted();
      send(e);
    };
    const r = runCampaign('c1', d, { budgetMs: 20_000, batchSize: 6 });
    expect(r).toMatchObject({ sent: 3, stopped: 'quota', pending: 9 });
    expect(w.rows.filter((x) => x.status === 'pending')).toHaveLength(9);
  });

  it('leaves held-out and excluded recipients alone', () => {
    const w = world(6, 6);
    w.rows[0]!.group = 'holdout';
    w.rows[0]!.status = 'holdout';
    w.rows[1]!.status = 'excluded';
    runCampaign('c1', deps(w), { budgetMs: 20_000, batchSize: 10 });
    expect(w.mailbox).not.toContain('r0@x.example');
    expect(w.mailbox).not.toContain('r1@x.example');
    expect(w.mailbox).toHaveLength(4);
  });

  describe('fault injection: never twice, never lost', () => {
    const seeds = Array.from({ length: 150 }, (_, i) => i + 1);

    it('really exercises crashes: some reviews went out, some did not', () => {
      let reviewedSent = 0;
      let reviewedUnsent = 0;
      for (const seed of seeds) {
        const w = world(30, seed, { partialWrites: seed % 2 === 0 });
        runToTheEnd(w, 3, 5);
        for (const r of w.rows.filter((x) => x.status === 'review')) {
          if (w.mailbox.includes(r.email)) reviewedSent++;
          else reviewedUnsent++;
        }
      }
      expect(reviewedSent).toBeGreaterThan(0);
      expect(reviewedUnsent).toBeGreaterThan(0);
    });

    it.each(seeds)('seed %i: runs killed at random points, rows shuffled, writes cut in half', (seed) => {
      const r = rng(seed * 7919);
      const w = world(20 + Math.floor(r() * 30), seed, {
        shuffle: r() < 0.5,
        partialWrites: r() < 0.5,
        quota: r() < 0.3 ? 15 : 10_000,
      });
      runToTheEnd(w, 1 + Math.floor(r() * 6), 1 + Math.floor(r() * 9));
      assertExactlyOnce(w);
    });
  });
});
