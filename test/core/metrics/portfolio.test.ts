import type { Customer } from '../../../src/core/customers/customer';
import { portfolioMetrics } from '../../../src/core/metrics/portfolio';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
let row = 1;
const c = (start: string, mrr: number, churn?: string): Customer => ({
  row: ++row,
  email: `c${row}@x.example`,
  tags: [],
  unsubscribed: false,
  raw: {},
  startDate: d(start),
  mrr,
  status: churn ? 'churned' : 'active',
  ...(churn ? { churnDate: d(churn) } : {}),
});
const october = { start: d('2026-10-01'), end: d('2026-11-01') };

describe('portfolio metrics', () => {
  it('matches a hand-computed month', () => {
    const customers = [
      c('2025-01-01', 100), // stays
      c('2025-01-01', 200), // stays
      c('2025-06-01', 300, '2026-10-15'), // lost in October
      c('2025-06-01', 400), // stays
      c('2026-10-05', 50), // new in October, stays
      c('2026-10-02', 60, '2026-10-20'), // joins and leaves in October: N and lost, not S
      c('2025-01-01', 70, '2026-09-01'), // gone before October
    ];
    const m = portfolioMetrics(customers, october);
    expect(m).toMatchObject({
      customersAtStart: 4,
      customersAtEnd: 4,
      newCustomers: 2,
      lostCustomers: 2,
      startingMrr: 1000,
      lostMrr: 360,
    });
    expect(m.churnRate).toEqual({ value: 0.5 });
    expect(m.retentionRate).toEqual({ value: 0.5 }); // (E − N) / S = (4 − 2) / 4
    expect(m.grossMrrChurn).toEqual({ value: 0.36 });
    expect(m.arpa).toEqual({ value: 750 / 4 });
    expect(m.ltv.value).toBeCloseTo(187.5 / (0.5 / (31 / 30.44)), 6);
    expect(m.revenueLost).toEqual({ value: 360 * 12 });
  });

  it('says n/a, with why, when a denominator is zero', () => {
    const m = portfolioMetrics([c('2026-10-10', 100)], october);
    expect(m.churnRate).toEqual({ value: null, reason: 'n/a: no customers at the start of the period' });
    expect(m.retentionRate.value).toBeNull();
    expect(m.grossMrrChurn).toEqual({
      value: null,
      reason: 'n/a: no recurring revenue at the start of the period',
    });
    const steady = portfolioMetrics([c('2025-01-01', 100)], october);
    expect(steady.ltv).toEqual({
      value: null,
      reason: 'n/a: no churn in the period, so lifetime is unbounded',
    });
    expect(portfolioMetrics([], october).arpa.value).toBeNull();
  });
});
