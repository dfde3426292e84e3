import type { Customer } from '../../../src/core/customers/customer';
import { portfolioMetrics } from '../../../src/core/metrics/portfolio';
import type { RiskScore } from '../../../src/core/risk/scorecard';

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

  it('nets expansion out of MRR churn when it is known, and says so when it is not', () => {
    const customers = [c('2025-01-01', 600), c('2025-01-01', 400, '2026-10-10')];
    const gross = portfolioMetrics(customers, october);
    expect(gross.grossMrrChurn).toEqual({ value: 0.4 });
    expect(gross.netMrrChurn).toEqual({
      value: 0.4,
      note: 'Expansion revenue unknown: net MRR churn shown equal to gross',
    });
    expect(portfolioMetrics(customers, october, { expansionMrr: 100 }).netMrrChurn).toEqual({ value: 0.3 });
    // Expansion larger than the loss: negative net churn.
    expect(portfolioMetrics(customers, october, { expansionMrr: 500 }).netMrrChurn.value).toBeCloseTo(-0.1);
    expect(portfolioMetrics([], october, { expansionMrr: 5 }).netMrrChurn.value).toBeNull();
  });

  it('counts contraction in gross MRR churn when it is known, and nets expansion against both', () => {
    const customers = [c('2025-01-01', 600), c('2025-01-01', 400, '2026-10-10')];
    const m = portfolioMetrics(customers, october, { contractionMrr: 50, expansionMrr: 150 });
    expect(m.grossMrrChurn).toEqual({ value: 0.45 }); // (400 + 50) / 1000
    expect(m.netMrrChurn.value).toBeCloseTo(0.3); // (400 + 50 − 150) / 1000
    expect(m.lostMrr).toBe(400);
  });

  it('estimates revenue lost from the lost customers whose MRR is known, saying so', () => {
    const unknown = (start: string, churn: string): Customer => {
      const x = c(start, 0, churn);
      delete x.mrr;
      return x;
    };
    const customers = [
      c('2025-01-01', 100, '2026-10-03'),
      c('2025-01-01', 300, '2026-10-09'),
      unknown('2025-01-01', '2026-10-20'),
    ];
    // 3 lost × average known MRR 200 × 12 months
    expect(portfolioMetrics(customers, october).revenueLost).toEqual({
      value: 7200,
      note: 'Estimated from the 2 of 3 lost customers whose MRR is known',
    });
    expect(portfolioMetrics([unknown('2025-01-01', '2026-10-20')], october).revenueLost).toEqual({
      value: null,
      reason: 'n/a: no MRR known for the customers lost',
    });
    expect(portfolioMetrics([c('2025-01-01', 100)], october).revenueLost).toEqual({ value: 0 });
  });

  it('estimates revenue lost over the remaining months given', () => {
    const customers = [c('2025-01-01', 100, '2026-10-03'), c('2025-01-01', 300, '2026-10-09')];
    // 2 lost × average MRR 200 × 6 months
    expect(portfolioMetrics(customers, october, { remainingMonths: 6 }).revenueLost).toEqual({ value: 2400 });
  });

  it('sums MRR at risk by band for customers active at the end of the period', () => {
    const r = (band: RiskScore['band']): RiskScore => ({
      band,
      basedOn: [],
      contributions: [],
      churned: false,
    });
    const customers = [
      c('2025-01-01', 100),
      c('2025-01-01', 200),
      c('2025-01-01', 300, '2026-10-10'),
      c('2026-10-20', 50),
    ];
    const m = portfolioMetrics(customers, october, {
      risks: [r('Critical'), r('Critical'), r('High'), r('Unknown')],
    });
    expect(m.mrrAtRisk).toEqual({ Critical: 300, High: 0, Medium: 0, Low: 0, Unknown: 50 });
    expect(portfolioMetrics(customers, october).mrrAtRisk).toBeUndefined();
  });

  it('places boundary days: joining on the start day is new, leaving on the end day is not lost', () => {
    const m = portfolioMetrics(
      [
        c('2026-10-01', 10), // joins on the first day: N, not S
        c('2025-01-01', 20, '2026-10-01'), // leaves on the first day: S and lost
        c('2025-01-01', 30, '2026-11-01'), // leaves on the end day: in E, not lost
        c('2026-10-07', 40, '2026-10-07'), // joins and leaves the same day: N and lost
      ],
      october,
    );
    expect(m).toMatchObject({ customersAtStart: 2, newCustomers: 2, lostCustomers: 2, customersAtEnd: 2 });
    expect(m.churnRate).toEqual({ value: 1 });
    expect(m.retentionRate).toEqual({ value: 0 });
  });

  it('leaves out churned customers with no churn date, and reads tenure-only customers as of today', () => {
    const noDate: Customer = { ...c('2025-01-01', 999), status: 'churned' };
    const tenure: Customer = { ...c('2025-01-01', 70), startDate: undefined, tenureMonths: 0.5 };
    const m = portfolioMetrics([noDate, tenure, c('2025-01-01', 30)], october, { today: d('2026-10-20') });
    expect(m).toMatchObject({ customersAtStart: 1, newCustomers: 1, customersAtEnd: 2, lostCustomers: 0 });
  });
});
