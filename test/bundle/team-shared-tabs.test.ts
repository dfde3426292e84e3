/**
 * Teammates writing the shared tabs at the same moment, through build/Code.js: Bob's action runs
 * between two service calls of Alice's, at every call of hers in turn. Bulk tags (the Tags column is
 * read and written whole) and the daily scan (alerts and digests) must neither lose nor repeat each
 * other's work; a Bob told "a teammate is writing" presses again afterwards.
 */
import type { Execution } from '../../src/local/standins';
import { onCall } from '../helpers/campaign-faults';
import { ALICE, BOB, teamWorld, type TeamWorld, type User } from '../helpers/team-world';

type Press = (t: TeamWorld, user: User, exec: Execution) => unknown;

/** Alice's action with Bob's run between her k-th and (k+1)-th call, for every k; returns each world. */
function everyInterleaving(alicePress: Press, bobPress: Press, check: (t: TeamWorld, k: number) => void) {
  let calls = 0;
  {
    const t = teamWorld(4);
    const alice = t.execution(ALICE);
    onCall(alice, () => void calls++);
    alice.run(() => alicePress(t, ALICE, alice));
  }
  expect(calls).toBeGreaterThan(5);
  for (let k = 1; k <= calls; k++) {
    const t = teamWorld(4);
    const alice = t.execution(ALICE);
    let seen = 0;
    let bobTold = '';
    onCall(alice, () => {
      if (++seen !== k) return;
      const bob = t.execution(BOB);
      bobTold = JSON.stringify(bob.run(() => bobPress(t, BOB, bob)));
    });
    alice.run(() => alicePress(t, ALICE, alice));
    if (/teammate is writing/.test(bobTold)) {
      const bob = t.execution(BOB);
      bob.run(() => bobPress(t, BOB, bob));
    }
    check(t, k);
  }
}

const tagsOf = (t: TeamWorld) => {
  const values = t.world.spreadsheets.get(t.ss.id)!.sheet('Customers')!.toValues();
  const column = values[0]!.indexOf('Tags');
  return values.slice(1).map((r) => String(r[column] ?? ''));
};

const tag =
  (segment: string, name: string): Press =>
  (t, user, exec) =>
    t.action(user, exec, { action: 'applyBulkTag', segment, operation: 'add', tag: name });

const scanNow: Press = (t, user, exec) => t.action(user, exec, { action: 'scanNow' });

describe('two users on the shared tabs, interleaved at every call', () => {
  it("bulk tags: neither teammate's tags are overwritten by the other's", () => {
    everyInterleaving(tag('Hotels', 'relief'), tag('Clinics', 'vip'), (t, k) => {
      const tags = tagsOf(t);
      expect({ k, relief: tags.filter((x) => /relief/.test(x)).length }).toEqual({ k, relief: 4 });
      expect({ k, vip: tags.filter((x) => /vip/.test(x)).length }).toEqual({ k, vip: 4 });
    });
  });

  it('scans: each alert is raised once and each owner gets at most one digest a day', () => {
    everyInterleaving(scanNow, scanNow, (t, k) => {
      const alerts = t.world.spreadsheets.get(t.ss.id)!.sheet('Alerts')?.toValues().slice(1) ?? [];
      expect(alerts.length).toBeGreaterThan(0);
      expect({ k, repeated: alerts.length - new Set(alerts.map((r) => r[0])).size }).toEqual({
        k,
        repeated: 0,
      });
      const perOwner = new Map<string, number>();
      for (const m of t.world.mail.outbox.filter((x) => x.subject.startsWith('ChurnGuard:')))
        for (const to of m.to) perOwner.set(to, (perOwner.get(to) ?? 0) + 1);
      expect({ k, twice: [...perOwner.values()].filter((n) => n > 1).length }).toEqual({ k, twice: 0 });
    });
  });

  it('the daily scan: with Watch on for both, one of them scans each day, elected in the sheet', () => {
    const t = teamWorld(4);
    for (let h = 0; h < 30; h++) {
      t.world.clock.advance(3_600_000);
      t.world.runDueTriggers((_fn, exec) => t.call(exec.user as User, exec, 'onHourlyTrigger', {}));
    }
    // (The bundle's clock is the machine's, so all of these hours fall on one day.)
    const scans = t.world.spreadsheets.get(t.ss.id)!.sheet('ChurnGuard scans')?.toValues().slice(1) ?? [];
    expect(scans).toHaveLength(1);
    expect([ALICE, BOB]).toContain(scans[0]![1]);
    const digests = t.world.mail.outbox.filter((m) => m.subject.startsWith('ChurnGuard:'));
    expect(new Set(digests.flatMap((d) => d.to)).size).toBe(digests.flatMap((d) => d.to).length);
  });
});
