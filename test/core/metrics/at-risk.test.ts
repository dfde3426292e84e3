import type { Customer } from '../../../src/core/customers/customer';
import { portfolioSnapshot, textBar } from '../../../src/core/metrics/at-risk';
import type { RiskScore } from '../../../src/core/risk/scorecard';

const c = (email: string, mrr: number, status: Customer['status'] = 'active'): Customer => ({
  row: 2,
  email,
  mrr,
  status,
  tags: [],
  unsubscribed: false,
  raw: {},
});
const r = (score: number | undefined, band: RiskScore['band']): RiskScore => ({
  score,
  band,
  basedOn: [],
  contributions: [],
  churned: false,
});

describe('portfolio snapshot', () => {
  it('sums MRR by band and ranks at-risk customers by expected loss', () => {
    const s = portfolioSnapshot(
      [c('small@x', 100), c('big@x', 5000), c('ok@x', 800), c('gone@x', 900, 'churned'), c('mid@x', 1000)],
      [r(95, 'Critical'), r(60, 'High'), r(10, 'Low'), r(99, 'Critical'), r(undefined, 'Unknown')],
    );
    expect(s.activeCustomers).toBe(4);
    expect(s.mrr).toBe(6900);
    expect(s.byBand.Critical).toEqual({ customers: 1, mrr: 100 });
    expect(s.byBand.High).toEqual({ customers: 1, mrr: 5000 });
    expect(s.byBand.Unknown).toEqual({ customers: 1, mrr: 1000 });
    // 0.60 × 5000 = 3000 ahead of 0.95 × 100 = 95; the churned customer is not listed.
    expect(s.atRisk.map((a) => [a.customer.email, a.expectedLoss])).toEqual([
      ['big@x', 3000],
      ['small@x', 95],
    ]);
  });

  it('draws text bars', () => {
    expect(textBar(0.25, 8)).toBe('██░░░░░░');
    expect(textBar(2, 4)).toBe('████');
    expect(textBar(-1, 4)).toBe('░░░░');
  });
});
