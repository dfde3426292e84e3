/**
 * The holdout is exact (round(share × eligible)), fixed by the campaign id, and the same whether the
 * audience is planned whole or chunk by chunk against the cut computed over the whole.
 */
import type { Customer } from '../../../src/core/customers/customer';
import { planAudience, withExactHoldout, type AudienceInput } from '../../../src/core/campaigns/audience';
import { exactCut, holdoutSize, holdoutWords, nominalCut } from '../../../src/core/campaigns/holdout';
import { customerOf } from '../../helpers/customer';

const TODAY = new Date('2026-11-20T00:00:00Z');
const members = (n: number): Customer[] =>
  Array.from({ length: n }, (_, i) => customerOf(`m${i}@x.example`, { row: i + 2 }));

function plan(id: string, list: readonly Customer[], over: Partial<AudienceInput> = {}) {
  return planAudience({
    campaignId: id,
    campaign: 'Relief',
    members: list,
    winBack: false,
    lastEmailed: new Map(),
    coolDownDays: 14,
    holdoutPercent: 10,
    today: TODAY,
    ...over,
  });
}
const heldOf = (p: ReturnType<typeof plan>) =>
  p.entries
    .filter((e) => e.status === 'holdout')
    .map((e) => e.email)
    .sort();

describe('the holdout', () => {
  it('holds back exactly round(10% of who can be emailed), for every audience size and campaign', () => {
    for (let n = 0; n <= 120; n++) {
      const p = plan(`cmp-20261120-0900-${n.toString(36).padStart(3, '0')}`, members(n));
      expect([n, p.holdout]).toEqual([n, Math.round(n / 10)]);
      expect(p.emailed + p.holdout).toBe(n);
    }
    // The audience: 9 who could be emailed, 1 held back (not 3).
    expect(plan('cmp-issue', members(9)).holdout).toBe(1);
  });

  it('counts only who could be emailed: an exclusion is never in the holdout nor in its base', () => {
    const list = members(20).map((c, i) => (i < 10 ? { ...c, unsubscribed: true } : c));
    const p = plan('cmp-a', list);
    expect(p.excluded.unsubscribed).toBe(10);
    expect(p.holdout).toBe(1);
  });

  it('keeps the group for a campaign id, whatever the order of the rows', () => {
    const list = members(200);
    const a = heldOf(plan('cmp-fixed', list));
    const b = heldOf(plan('cmp-fixed', [...list].reverse()));
    expect(a).toHaveLength(20);
    expect(b).toEqual(a);
    expect(heldOf(plan('cmp-other', list))).not.toEqual(a);
  });

  it('gives identical groups planned whole or in chunks against the whole audience’s cut', () => {
    for (const [n, chunk] of [
      [37, 5],
      [200, 33],
      [1000, 97],
    ] as const) {
      const list = members(n);
      const whole = plan('cmp-chunks', list);
      const cut = exactCut(
        'cmp-chunks',
        list.map((c) => c.email),
        10,
      );
      const parts = [];
      for (let i = 0; i < n; i += chunk)
        parts.push(...plan('cmp-chunks', list.slice(i, i + chunk), { holdoutCut: cut }).entries);
      expect(parts).toEqual(whole.entries);
    }
  });

  it('re-draws an audience assembled from nominal chunks into the exact group', () => {
    const list = members(150);
    const chunks = [list.slice(0, 70), list.slice(70)].map((part) =>
      plan('cmp-x', part, { holdoutCut: nominalCut(10) }),
    );
    const assembled = {
      ...chunks[0]!,
      entries: chunks.flatMap((c) => c.entries),
    };
    const { plan: exact } = withExactHoldout(assembled, 'cmp-x', 10, new Map());
    expect(exact.holdout).toBe(15);
    expect(heldOf(exact)).toEqual(heldOf(plan('cmp-x', list)));
  });

  it('says the counts and the share exactly', () => {
    expect(holdoutWords(10, 100)).toBe('10 of 100 held back (10%)');
    expect(holdoutWords(1, 9)).toBe('1 of 9 held back (11.1%)');
    expect(holdoutSize(5, 10)).toBe(1); // 0.5 rounds up
    expect(exactCut('c', ['a@x.example'], 0)).toBe('');
  });
});
