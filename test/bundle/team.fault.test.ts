/**
 * Teammates on one sheet, through build/Code.js on the stand-ins. Alice and Bob each start a
 * campaign, press "Send more now", scan by hand, and have hourly triggers (campaigns and the daily
 * scan, Watch on for both). Every execution can be killed at any service call, and the other user's
 * action (or the same user's) can run between two of its calls; a person sorts, pastes into and
 * deletes rows of the Campaigns tab between and during runs, and repairs what the card asks. In the
 * end: nobody emailed twice, nobody lost without an explanation, one row per key, one scan and at
 * most one digest per owner per day, each alert raised once. Lock hold times are measured.
 */
import { loadCampaign } from '../../src/app/campaigns/meta';
import { recipientKey } from '../../src/core/campaigns/log';
import type { Execution } from '../../src/local/standins';
import type { CellValue } from '../../src/local/standins/sheet-values';
import { LONG_RUN, seeds } from '../helpers/seeds';
import { rng } from '../helpers/campaign-faults';
import { ALICE, BOB, SEGMENT_OF, teamWorld, USERS, type TeamWorld, type User } from '../helpers/team-world';

const idOf = (u: User) => (u === ALICE ? 'cmp-20261120-0900-ali' : 'cmp-20261120-0900-bob');
const figures = {
  seeds: 0,
  duplicates: 0,
  lost: 0,
  explained: 0,
  interleaved: 0,
  kills: 0,
  edits: 0,
  repairs: 0,
};
const holds: { script: number[]; user: number[] } = { script: [], user: [] };

type Step = 'start' | 'send' | 'scan' | 'hour' | 'edit';

function harness(seed: number) {
  const random = rng(seed);
  const t = teamWorld(8);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  let depth = 0;
  /** Stretches of the clock spent running an interleaved execution, not the armed one. */
  const gaps: { from: number; to: number }[] = [];

  /** Arms an execution: maybe killed at a call, maybe another action runs between two of its calls. */
  const arm = (exec: Execution) => {
    const killAt = random() < 0.3 ? 1 + Math.floor(random() * 60) : -1;
    const interleaveAt = depth === 0 && random() < 0.5 ? 1 + Math.floor(random() * 60) : -1;
    const sortAt = random() < 0.15 ? 1 + Math.floor(random() * 60) : -1;
    let n = 0;
    const original = exec.call.bind(exec);
    exec.call = (method, cells) => {
      n++;
      if (n === killAt) {
        figures.kills++;
        exec.end();
        throw new Error('Exceeded maximum execution time');
      }
      if (n === interleaveAt) {
        figures.interleaved++;
        depth++;
        const from = t.world.clock.nowMs();
        try {
          step(pick(USERS), pick(['start', 'send', 'scan'] as const));
        } finally {
          depth--;
          // In Apps Script the other execution runs beside this one, not inside its time.
          gaps.push({ from, to: t.world.clock.nowMs() });
        }
      }
      if (n === sortAt) sortCampaigns();
      original(method, cells);
    };
  };

  const run = (user: User, kind: 'card' | 'trigger', work: (exec: Execution) => unknown) => {
    const exec = t.execution(user, kind);
    arm(exec);
    try {
      work(exec);
    } catch {
      // A killed execution just stops; the user sees an error card and goes on.
    } finally {
      exec.end();
    }
  };

  const campaignsTab = () => t.world.spreadsheets.get(t.ss.id)!.sheet('Campaigns');
  const values = () => campaignsTab()?.toValues() ?? [];
  const putAll = (rows: CellValue[][]) => {
    const sheet = campaignsTab();
    if (!sheet) return;
    const before = sheet.lastRow();
    rows.forEach((r, i) => r.forEach((v, c) => sheet.put(i + 1, c + 1, v)));
    if (before > rows.length) sheet.deleteRows(rows.length + 1, before - rows.length);
  };
  const sortCampaigns = () => {
    const [head, ...rest] = values();
    if (!head) return;
    rest.sort(() => random() - 0.5);
    putAll([head, ...rest]);
  };

  /** The person's pending edit and how they undo it (by key: teammates' rows may have changed since). */
  let undo: (() => void) | null = null;
  const edit = () => {
    const before = values();
    if (before.length < 2 || undo) return;
    figures.edits++;
    const row = [...before[1 + Math.floor(random() * (before.length - 1))]!];
    const sameKey = (r: CellValue[]) => r[0] === row[0] && r[2] === row[2];
    if (random() < 0.5) {
      putAll([...before, row]);
      undo = () => {
        const now = values();
        const last = now
          .map((r, i) => (sameKey(r) ? i : -1))
          .filter((i) => i > 0)
          .pop();
        if (last !== undefined && now.filter(sameKey).length > 1) putAll(now.filter((_, i) => i !== last));
      };
    } else {
      putAll(before.filter((r) => !sameKey(r)));
      undo = () => {
        const now = values();
        if (!now.some(sameKey)) putAll([...now, row]);
      };
    }
  };

  const meta = (user: User) => {
    const store = t.world.account(user).properties;
    return loadCampaign(
      { get: (k) => store.get(k), set: () => undefined, delete: () => undefined },
      idOf(user),
    );
  };

  const step = (user: User, what: Step) => {
    if (what === 'edit') return edit();
    if (what === 'hour') {
      t.world.clock.advance(3_600_000);
      t.world.runDueTriggers((_fn, exec) => {
        arm(exec);
        try {
          t.call(exec.user as User, exec, 'onHourlyTrigger', {});
        } catch {
          // Killed.
        }
      });
      return;
    }
    const parameters: Record<string, string> =
      what === 'start'
        ? {
            action: 'startCampaign',
            segment: SEGMENT_OF[user],
            template: 'Payment holiday',
            name: 'Relief',
            id: idOf(user),
          }
        : what === 'send'
          ? { action: 'continueCampaign', id: idOf(user) }
          : { action: 'scanNow' };
    run(user, 'card', (exec) => t.action(user, exec, parameters));
  };

  /** The person follows the card: undo the edit, then Resume. */
  const repairIfPaused = () => {
    for (const user of USERS) {
      const m = meta(user);
      if (m?.state !== 'paused' || !m.problem) continue;
      undo?.();
      undo = null;
      figures.repairs++;
      run(user, 'card', (exec) =>
        t.action(user, exec, { action: 'campaignControl', id: idOf(user), change: 'resume' }),
      );
    }
  };

  const settle = () => {
    const got = received(t);
    for (const user of USERS)
      for (const r of values().filter((row) => row[0] === idOf(user))) {
        const email = String(r[2]);
        const exec = t.execution(user);
        if (r[5] === 'review')
          exec.run(() =>
            t.action(user, exec, {
              action: 'settleReview',
              id: idOf(user),
              email,
              went: got.has(email) ? 'yes' : 'no',
            }),
          );
        else exec.end();
      }
    for (const user of USERS) {
      const exec = t.execution(user);
      exec.run(() => t.action(user, exec, { action: 'retryFailed', id: idOf(user) }));
    }
  };

  /** At the end the person undoes an edit no run noticed (made after that campaign finished). */
  const undoLeftovers = () => {
    undo?.();
    undo = null;
  };
  /** How long a hold really blocked teammates: its span minus the interleaved executions inside it. */
  const heldMs = (hold: { from: number; ms: number }) =>
    hold.ms -
    gaps.reduce(
      (n, g) => n + Math.max(0, Math.min(g.to, hold.from + hold.ms) - Math.max(g.from, hold.from)),
      0,
    );
  return { t, random, step, repairIfPaused, settle, meta, values, pick, undoLeftovers, heldMs };
}

function received(t: TeamWorld): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of t.world.mail.outbox)
    if (!m.subject.startsWith('ChurnGuard:'))
      for (const to of m.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

describe('two teammates on one sheet, interleaved at service calls, through build/Code.js', () => {
  it.each(seeds(8, 1000))('seed %i: no duplicate, no loss, one row per key, one scan a day', (seed) => {
    const h = harness(seed);
    for (const user of USERS) if (h.random() < 0.9) h.step(user, 'start');
    for (let i = 0; i < 14; i++) {
      h.step(
        h.pick([ALICE, BOB] as const),
        h.pick(['send', 'hour', 'hour', 'edit', 'scan', 'start'] as const),
      );
      h.repairIfPaused();
    }
    for (let round = 0; round < 3; round++) {
      h.repairIfPaused();
      h.settle();
      for (let i = 0; i < 3; i++) h.step(ALICE, 'hour');
    }
    h.undoLeftovers();
    const t = h.t;
    const got = received(t);
    const duplicates = [...got.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
    const rows = h.values();
    const keys = rows.slice(1).map((r) => recipientKey(String(r[0]), String(r[2])));
    const missed = USERS.flatMap((u) =>
      t
        .members(u)
        .filter((e) => !got.has(e))
        .map((e) => ({ u, e })),
    );
    // A member without an email is lost unless the card explains why; a loss names what the log says.
    const lost = missed.flatMap(({ u, e }) => {
      const m = h.meta(u);
      const row = rows.find((r) => r[0] === idOf(u) && r[2] === e);
      const said = {
        u,
        e,
        state: m?.state ?? 'none',
        status: row?.[5] ?? 'no row',
        detail: row?.[7] ?? '',
      };
      if (!m) return rows.some((r) => r[0] === idOf(u)) ? [said] : []; // never started: nothing recorded
      if ((m.state === 'paused' && m.problem) || (m.state === 'cancelled' && m.note)) return [];
      return row && (row[5] === 'review' || (row[5] === 'failed' && row[7])) ? [] : [said];
    });
    // At most one digest per owner per day, and each alert raised once.
    const digests = new Map<string, number>();
    for (const m of t.world.mail.outbox)
      if (m.subject.startsWith('ChurnGuard:'))
        for (const to of m.to)
          digests.set(`${to} ${m.subject}`, (digests.get(`${to} ${m.subject}`) ?? 0) + 1);
    const alerts = t.world.spreadsheets.get(t.ss.id)!.sheet('Alerts')?.toValues().slice(1) ?? [];
    const alertKeys = alerts.map((r) => String(r[0]));
    const scans = t.world.spreadsheets.get(t.ss.id)!.sheet('ChurnGuard scans')?.toValues().slice(1) ?? [];

    figures.seeds++;
    figures.duplicates += duplicates;
    figures.lost += lost.length;
    figures.explained += missed.length - lost.length;
    for (const hold of t.world.locks.holds)
      (hold.scope === 'script' ? holds.script : holds.user).push(h.heldMs(hold));
    expect({ seed, duplicates, lost }).toEqual({ seed, duplicates: 0, lost: [] });
    expect(new Set(keys).size).toBe(keys.length);
    expect([...digests.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(alertKeys).size).toBe(alertKeys.length);
    expect(new Set(scans.map((r) => String(r[0]).slice(0, 10))).size).toBe(scans.length);
  });

  it('measured the shared lock and reports the figures', () => {
    const sorted = [...holds.script].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    expect(sorted.length).toBeGreaterThan(0);
    expect(figures.interleaved).toBeGreaterThan(0);
    // The shared lock is held for a few sheet calls: well under the 10 s a teammate waits.
    expect(at(1)).toBeLessThan(10_000);
    const report = {
      ...figures,
      scriptLockMs: { holds: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) },
    };
    if (LONG_RUN) console.log(`issue-14 team fault figures: ${JSON.stringify(report)}`);
  });
});
