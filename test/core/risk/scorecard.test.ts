import type { Customer } from '../../../src/core/customers/customer';
import { bandOf, scoreCustomer, topReasons } from '../../../src/core/risk/scorecard';
import {
  DEFAULT_SCORECARD,
  DEFAULT_WEIGHTS,
  ScorecardSettingsSchema,
  SIGNALS,
  weightsOf,
} from '../../../src/core/risk/settings';

const today = new Date('2026-11-20T00:00:00Z');
const daysAgo = (n: number) => new Date(today.getTime() - n * 86_400_000);
const inDays = (n: number) => new Date(today.getTime() + n * 86_400_000);
const customer = (fields: Partial<Customer> = {}): Customer => ({
  row: 2,
  email: 'a@x.example',
  tags: [],
  status: 'active',
  unsubscribed: false,
  raw: {},
  ...fields,
});
const score = (fields: Partial<Customer>, extra: Parameters<typeof scoreCustomer>[1] = { today }) =>
  scoreCustomer(customer(fields), extra);
const only = (fields: Partial<Customer>) => score(fields).contributions[0]!;

describe('signals', () => {
  it.each([
    [{ lastActivity: daysAgo(5) }, 0, 'No activity for 5 days'],
    [{ lastActivity: daysAgo(74) }, 0.361, 'No activity for 74 days'],
    [{ lastActivity: daysAgo(120) }, 0.639, 'Dormant: no activity for 120 days'],
    [{ lastActivity: daysAgo(400) }, 1, 'Dormant: no activity for 400 days'],
    [{ activityThisPeriod: 62, activityLastPeriod: 100 }, 0.467, 'Usage down 38% on last period'],
    [{ activityThisPeriod: 120, activityLastPeriod: 100 }, 0, 'Usage up 20% on last period'],
    [{ activityThisPeriod: 0, activityLastPeriod: 0 }, 0, 'No usage in either period'],
    [{ overdueInvoices: 2, daysLate: 45 }, 0.75, '2 invoices overdue, 45 days late'],
    [{ overdueInvoices: 0, daysLate: 0 }, 0, 'Payments on time'],
    [{ nps: 4 }, 0.729, 'NPS 4 (detractor)'],
    [{ nps: 8 }, 0.25, 'NPS 8 (passive)'],
    [{ nps: 10 }, 0, 'NPS 10 (promoter)'],
    [{ csat: 0.55 }, 0.5, 'Satisfaction 55%'],
    [{ openTickets: 3, complaints: 1 }, 1, '3 open tickets, 1 complaint'],
    [{ renewalDate: inDays(12) }, 0.975, 'Renewal in 12 days'],
    [{ renewalDate: inDays(200) }, 0, 'Renewal in 200 days'],
    [{ renewalDate: daysAgo(3) }, 1, 'Renewal date passed 3 days ago'],
    [{ startDate: daysAgo(21) }, 1, 'Customer for 3 weeks'],
    [{ startDate: daysAgo(400) }, 0, 'Customer for 13 months'],
    [{ impact: 'severe' as const }, 1, 'Industry hit hard by the crisis'],
    [{ impact: 'booming' as const }, 0, 'Industry booming in the crisis'],
  ])('%j → severity %d, "%s"', (fields, severity, sentence) => {
    const c = only(fields);
    expect(c.severity).toBeCloseTo(severity, 2);
    expect(c.sentence).toBe(sentence);
  });

  it('reads what the open email says', () => {
    const r = score(
      {},
      { today, emailIntent: { churnSignal: 0.9, phrase: 'we will not renew', label: 'Will not renew' } },
    );
    expect(r.contributions[0]).toMatchObject({
      signal: 'emailIntent',
      sentence: 'Will not renew: “we will not renew”',
    });
  });
});

describe('the score', () => {
  it('drops missing signals and re-weights the rest', () => {
    const oneSignal = score({ overdueInvoices: 3 });
    expect(oneSignal.basedOn).toEqual(['payments']);
    expect(oneSignal.score).toBeCloseTo(100);
    const twoSignals = score({ overdueInvoices: 3, nps: 10 });
    // payments weight 18, sentiment 12: 100 * 18 / 30
    expect(twoSignals.score).toBeCloseTo(60);
    expect(twoSignals.basedOn).toEqual(['payments', 'sentiment']);
  });

  it('explains every point: contributions sum to the score, largest first', () => {
    const r = score({
      lastActivity: daysAgo(100),
      activityThisPeriod: 30,
      activityLastPeriod: 100,
      nps: 5,
      renewalDate: inDays(20),
      impact: 'hit',
    });
    const sum = r.contributions.reduce((s, c) => s + c.points, 0);
    expect(sum).toBeCloseTo(r.score!, 10);
    const points = r.contributions.map((c) => c.points);
    expect([...points].sort((a, b) => b - a)).toEqual(points);
    expect(topReasons(r, 2).map((c) => c.signal)).toEqual(['usageDrop', 'inactivity']);
  });

  it('is Unknown with no usable data, and flags churned customers', () => {
    expect(score({})).toEqual({
      band: 'Unknown',
      basedOn: [],
      contributions: [],
      churned: false,
      reason: 'No usable data',
    });
    expect(score({ status: 'churned', nps: 2 }).churned).toBe(true);
  });

  it('bands at the thresholds', () => {
    expect([0, 24.9, 25, 49.99, 50, 74.9, 75, 100].map((s) => bandOf(s))).toEqual([
      'Low',
      'Low',
      'Medium',
      'Medium',
      'High',
      'High',
      'Critical',
      'Critical',
    ]);
    const custom = ScorecardSettingsSchema.parse({ thresholds: { medium: 10, high: 20, critical: 30 } });
    expect(bandOf(25, custom)).toBe('High');
  });

  it('honours custom weights, and a zero weight removes a signal', () => {
    const settings = ScorecardSettingsSchema.parse({ weights: { payments: 0 } });
    expect(scoreCustomer(customer({ overdueInvoices: 3, nps: 10 }), { today }, settings)).toMatchObject({
      score: 0,
      basedOn: ['sentiment'],
    });
    expect(DEFAULT_SCORECARD.dormantDays).toBe(90);
  });
});

describe('scorecard settings', () => {
  it('fills what is left out with the defaults', () => {
    const s = ScorecardSettingsSchema.parse({ thresholds: { medium: 30 }, weights: { payments: 40 } });
    expect(s.thresholds).toEqual({ medium: 30, high: 50, critical: 75 });
    expect(weightsOf(s)).toEqual({ ...DEFAULT_WEIGHTS, payments: 40 });
    expect(DEFAULT_SCORECARD).toEqual({
      weights: {},
      thresholds: { medium: 25, high: 50, critical: 75 },
      dormantDays: 90,
    });
  });

  it.each([
    [{ weights: { payments: -1 } }, 'weight of payments must be 0 or more'],
    [
      { thresholds: { medium: 50, high: 40, critical: 75 } },
      'band thresholds must increase: medium 50 < high 40 < critical 75',
    ],
    [
      {
        weights: Object.fromEntries(SIGNALS.map((s) => [s, 0])),
      },
      'at least one signal needs a weight above 0',
    ],
    [{ dormantDays: 10 }, 'dormantDays'],
    [{ thresholds: { medium: 25, high: 50, critical: 120 } }, 'critical threshold must be from 0 to 100'],
    [{ weights: { sentiment: 'x' } }, 'weight of sentiment must be a number'],
    [{ weights: { payment: 3 } }, 'unknown signal \\"payment\\"; signals are inactivity, usageDrop'],
    [{ thresholds: { high: 20 } }, 'band thresholds must increase: medium 25 < high 20 < critical 75'],
    [{ dormantDays: 45.5 }, 'dormantDays must be a whole number of days from 30 to 365'],
    [{ thresholds: 50 }, 'thresholds must be an object of medium, high and critical'],
  ])('rejects %j', (input, message) => {
    const r = ScorecardSettingsSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(message);
  });
});
