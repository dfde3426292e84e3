/**
 * The portfolio snapshot accumulates chunk by chunk: any split of the sheet, in any order, must give
 * the snapshot one pass over everything gives, and that pass must agree with the whole-sheet
 * functions the cards used before (portfolioSnapshot, portfolioMetrics, membersOf/statsOf).
 */
import type { Customer } from '../../../src/core/customers/customer';
import { portfolioSnapshot } from '../../../src/core/metrics/at-risk';
import { portfolioMetrics } from '../../../src/core/metrics/portfolio';
import { DEFAULT_PLAYBOOK_SETTINGS } from '../../../src/core/playbooks/settings';
import { valueLines } from '../../../src/core/playbooks/value';
import {
  addChunk,
  CALL_FIRST_KEPT,
  emptyPartial,
  finishSnapshot,
  mergePartials,
  MEMBERS_KEPT,
  type ChunkInput,
  type PortfolioPartial,
} from '../../../src/core/portfolio/snapshot';
import { bandOf, type RiskScore } from '../../../src/core/risk/risk-score';
import { membersOf, parseQuery, statsOf, type SegmentRecord } from '../../../src/core/segments';
import { customerOf } from '../../helpers/customer';

const TODAY = new Date('2026-11-20T12:00:00Z');
const DAY = 86_400_000;

function rng(seed: number) {
  let s = (seed * 2654435761) >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const PRICES = [49, 99, 199, 499, 1_200];

/** Customers with the fields the figures use, some churned (with and without a date), some without MRR. */
function book(n: number, seed: number): SegmentRecord[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const churned = r() < 0.2;
    const customer: Customer = customerOf(`c${i}@x.example`, {
      row: i + 2,
      name: r() < 0.9 ? `Customer ${i}` : undefined,
      company: `Co ${i % 17}`,
      ...(r() < 0.9 ? { mrr: PRICES[Math.floor(r() * PRICES.length)]! } : {}),
      ...(r() < 0.8 ? { startDate: new Date(TODAY.getTime() - Math.floor(r() * 900) * DAY) } : {}),
      ...(r() < 0.5 ? { tenureMonths: Math.floor(r() * 40) } : {}),
      ...(r() < 0.7 ? { lastActivity: new Date(TODAY.getTime() - Math.floor(r() * 120) * DAY) } : {}),
      status: churned ? 'churned' : 'active',
      ...(churned && r() < 0.9 ? { churnDate: new Date(TODAY.getTime() - Math.floor(r() * 200) * DAY) } : {}),
      tags: r() < 0.3 ? ['vip'] : [],
    });
    const score = r() < 0.05 ? undefined : Math.round(r() * 100);
    const impacts = ['severe', 'hit', 'stable', 'booming'] as const;
    const impact = r() < 0.8 ? impacts[Math.floor(r() * 4)] : undefined;
    return {
      customer,
      band: bandOf(score),
      ...(score !== undefined ? { score } : {}),
      ...(impact ? { impact } : {}),
    };
  });
}

const HEADERS = ['Email', 'MRR', 'Tags'];
const SEGMENTS = [
  { name: 'Hurt', source: 'Impact = Severe OR Impact = Hit' },
  { name: 'Big', source: 'MRR >= 499' },
  { name: 'VIP', source: 'Tags has vip' },
].map((s) => ({ ...s, query: parseQuery(s.source, HEADERS) }));

const reasonOf = (r: SegmentRecord) => `because ${r.customer.email}`;
const chunkOf = (records: SegmentRecord[]): ChunkInput => ({
  records,
  reasonOf,
  issues: records.filter((r) => r.customer.mrr === undefined).length,
  segments: SEGMENTS,
  outcomeEmails: new Set(['c1@x.example', 'c5@x.example', 'c77@x.example']),
});

function oneShot(records: SegmentRecord[]): PortfolioPartial {
  return addChunk(emptyPartial(TODAY, DEFAULT_PLAYBOOK_SETTINGS), chunkOf(records));
}

/** Cuts the records at random points, folds the chunks in a random order (some merged pairwise). */
function randomSplit(records: SegmentRecord[], seed: number): PortfolioPartial {
  const r = rng(seed * 7 + 1);
  const chunks: SegmentRecord[][] = [];
  for (let i = 0; i < records.length;) {
    const size = 1 + Math.floor(r() * 60);
    chunks.push(records.slice(i, i + size));
    i += size;
  }
  for (let i = chunks.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [chunks[i], chunks[j]] = [chunks[j]!, chunks[i]!];
  }
  const empty = () => emptyPartial(TODAY, DEFAULT_PLAYBOOK_SETTINGS);
  // Half the chunks folded one by one, the other half into a second partial, then the two merged.
  const half = Math.floor(chunks.length / 2);
  const a = chunks.slice(0, half).reduce((p, c) => addChunk(p, chunkOf(c)), empty());
  const b = chunks.slice(half).reduce((p, c) => addChunk(p, chunkOf(c)), empty());
  return r() < 0.5 ? mergePartials(a, b) : mergePartials(b, a);
}

/** Sums of floats may differ in the last bits by order; compare them rounded. */
function rounded(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_k, v: unknown) =>
    typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v,
  );
}

describe('the portfolio snapshot accumulator', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'seed %i: any split and order of chunks = one pass over everything',
    (seed) => {
      const records = book(150 + seed * 37, seed);
      expect(rounded(randomSplit(records, seed))).toEqual(rounded(oneShot(records)));
    },
  );

  it('agrees with the whole-sheet figures the cards showed before', () => {
    const records = book(600, 42);
    const customers = records.map((r) => r.customer);
    const snap = finishSnapshot(oneShot(records), TODAY);
    const risks = records.map(
      (r) => ({ band: r.band, score: r.score, contributions: [] }) as unknown as RiskScore,
    );
    const before = portfolioSnapshot(customers, risks);
    expect(snap.active).toBe(before.activeCustomers);
    expect(snap.mrr).toBe(before.mrr);
    expect(snap.byBand).toEqual(before.byBand);
    expect(snap.atRiskCount).toBe(before.atRisk.length);
    expect(snap.callFirst.map((e) => e.email)).toEqual(
      before.atRisk.slice(0, CALL_FIRST_KEPT).map((a) => a.customer.email),
    );
    expect(snap.callFirst[0]!.reason).toBe(`because ${snap.callFirst[0]!.email}`);
    // Last month and the trend: the same counts portfolioMetrics gives over every customer.
    for (const m of snap.months) {
      const whole = portfolioMetrics(
        customers,
        { start: new Date(m.start), end: new Date(m.end) },
        { today: TODAY },
      );
      expect([m.customersAtStart, m.newCustomers, m.lostCustomers, m.startingMrr, m.lostMrr]).toEqual([
        whole.customersAtStart,
        whole.newCustomers,
        whole.lostCustomers,
        whole.startingMrr,
        whole.lostMrr,
      ]);
    }
    expect(snap.months.at(-1)!.start).toBe('2026-10-01T00:00:00.000Z');
    for (const s of SEGMENTS) {
      const members = membersOf(s.query, records, { today: TODAY });
      const stats = statsOf(members);
      const t = snap.segments[s.name]!;
      expect([t.customers, t.mrr, t.atRiskMrr, t.withoutMrr]).toEqual([
        stats.customers,
        stats.mrr,
        stats.atRiskMrr,
        stats.withoutMrr,
      ]);
      const weight = (r: SegmentRecord) => (r.score ?? 0) * (r.customer.mrr ?? 0);
      const top = [...members].sort((a, b) => weight(b) - weight(a) || (b.score ?? 0) - (a.score ?? 0));
      expect(t.top.map((m) => m.email)).toEqual(top.slice(0, MEMBERS_KEPT).map((r) => r.customer.email));
    }
    // Price-list MRRs: each sketch bucket holds one price, so the lines are exact.
    const exact = valueLines(customers, DEFAULT_PLAYBOOK_SETTINGS, TODAY);
    expect(snap.valueLines).toEqual(exact);
    expect(Object.keys(snap.outcomeCustomers).sort()).toEqual([
      'c1@x.example',
      'c5@x.example',
      'c77@x.example',
    ]);
  });

  it('puts a value line within 2% of the exact one when values are all different', () => {
    const r = rng(9);
    const records = book(3_000, 9).map((rec) => ({
      ...rec,
      customer: { ...rec.customer, mrr: 10 + r() * 5_000 },
    }));
    const customers = records.map((x) => x.customer);
    const exact = valueLines(customers, DEFAULT_PLAYBOOK_SETTINGS, TODAY);
    const sketched = finishSnapshot(randomSplit(records, 3), TODAY).valueLines;
    expect(sketched.customers).toBe(exact.customers);
    expect(sketched.discountMin).toBeLessThanOrEqual(exact.discountMin);
    expect(sketched.discountMin).toBeGreaterThanOrEqual(exact.discountMin / 1.02);
    expect(sketched.reliefMin).toBeLessThanOrEqual(exact.reliefMin);
    expect(sketched.reliefMin).toBeGreaterThanOrEqual(exact.reliefMin / 1.02);
  });

  it('stays the same size at 100k customers as at 1k, beyond its fixed lists', () => {
    const size = (n: number) => {
      const records = book(n, 5);
      let p = emptyPartial(TODAY, DEFAULT_PLAYBOOK_SETTINGS);
      for (let i = 0; i < records.length; i += 2_500) p = addChunk(p, chunkOf(records.slice(i, i + 2_500)));
      return JSON.stringify(finishSnapshot(p, TODAY)).length;
    };
    const small = size(1_000);
    const large = size(100_000);
    // Digits of larger counts and sums only: a few hundred characters, not a figure per customer.
    expect(large - small).toBeLessThan(1_000);
    expect(large).toBeLessThan(20_000);
  });
});
