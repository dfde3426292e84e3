import type { Customer } from '../../../src/core/customers/customer';
import { blend, scoreAll, scoreCustomer } from '../../../src/core/risk/scorecard';
import { SIGNALS } from '../../../src/core/risk/settings';
import { SIGNAL_READERS, type SignalContext } from '../../../src/core/risk/signals';

const today = new Date('2026-11-20T00:00:00Z');
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(today.getTime() - n * DAY);
const inDays = (n: number) => new Date(today.getTime() + n * DAY);
const ctx: SignalContext = { today, dormantDays: 90 };
const customer = (fields: Partial<Customer> = {}): Customer => ({
  row: 2,
  email: 'a@x.example',
  tags: [],
  status: 'active',
  unsubscribed: false,
  raw: {},
  ...fields,
});
const read = (signal: (typeof SIGNALS)[number], fields: Partial<Customer>, c: SignalContext = ctx) =>
  SIGNAL_READERS[signal](customer(fields), c);

describe('every signal without data', () => {
  it.each(SIGNALS.map((s) => [s]))('%s reads null for a bare customer', (signal) => {
    expect(read(signal, {})).toBeNull();
  });

  it('usage needs both periods; payments and support need one of their fields', () => {
    expect(read('usageDrop', { activityThisPeriod: 5 })).toBeNull();
    expect(read('usageDrop', { activityLastPeriod: 5 })).toBeNull();
    expect(read('payments', { daysLate: 10 })).toEqual({ severity: 10 / 60, sentence: '10 days late' });
    expect(read('support', { complaints: 0 })).toEqual({
      severity: 0,
      sentence: 'No open tickets or complaints',
    });
  });
});

describe('signal boundaries', () => {
  it('inactivity ramps from 14 days (0) to 180 days (1)', () => {
    expect(read('inactivity', { lastActivity: daysAgo(14) })!.severity).toBe(0);
    expect(read('inactivity', { lastActivity: daysAgo(97) })!.severity).toBeCloseTo(0.5, 10);
    expect(read('inactivity', { lastActivity: daysAgo(180) })!.severity).toBe(1);
    expect(read('inactivity', { lastActivity: inDays(2) })).toEqual({
      severity: 0,
      sentence: 'Active recently',
    });
    expect(read('inactivity', { lastActivity: daysAgo(1) })!.sentence).toBe('Active in the last day');
  });

  it('usage: a 10% dip is noise, a 70% drop is the worst', () => {
    expect(read('usageDrop', { activityThisPeriod: 90, activityLastPeriod: 100 })!.severity).toBe(0);
    expect(read('usageDrop', { activityThisPeriod: 30, activityLastPeriod: 100 })!.severity).toBeCloseTo(1);
    expect(read('usageDrop', { activityThisPeriod: 5, activityLastPeriod: 0 })).toEqual({
      severity: 0,
      sentence: 'Usage started this period',
    });
  });

  it('payments: 3 invoices or 60 days late is full severity', () => {
    expect(read('payments', { overdueInvoices: 3 })!.severity).toBe(1);
    expect(read('payments', { daysLate: 60 })!.severity).toBe(1);
    expect(read('payments', { overdueInvoices: 1 })).toEqual({
      severity: 1 / 3,
      sentence: '1 invoice overdue',
    });
  });

  it('NPS: 6 is a detractor, 7 passive, 9 promoter; NPS wins over CSAT; CSAT alone is read', () => {
    expect(read('sentiment', { nps: 6 })!.sentence).toBe('NPS 6 (detractor)');
    expect(read('sentiment', { nps: 0 })!.severity).toBe(1);
    expect(read('sentiment', { nps: 7 })).toEqual({ severity: 0.25, sentence: 'NPS 7 (passive)' });
    expect(read('sentiment', { nps: 9 })!.severity).toBe(0);
    expect(read('sentiment', { nps: 9, csat: 0.1 })!.sentence).toBe('NPS 9 (promoter)');
    expect(read('sentiment', { csat: 0.3 })).toEqual({ severity: 1, sentence: 'Satisfaction 30%' });
    expect(read('sentiment', { csat: 0.9 })!.severity).toBe(0);
  });

  it('support: tickets alone, and a complaint weighing like three tickets', () => {
    expect(read('support', { openTickets: 1 })).toEqual({ severity: 1 / 6, sentence: '1 open ticket' });
    expect(read('support', { complaints: 1 })!.severity).toBe(0.5);
  });

  it('renewal: nothing beyond 90 days, rising to full near the date, strongest once past', () => {
    expect(read('renewal', { renewalDate: inDays(90) })!.severity).toBe(0);
    expect(read('renewal', { renewalDate: inDays(91) })!.severity).toBe(0);
    expect(read('renewal', { renewalDate: inDays(50) })!.severity).toBeCloseTo(0.5);
    expect(read('renewal', { renewalDate: today })).toEqual({ severity: 1, sentence: 'Renewal today' });
    expect(read('renewal', { renewalDate: daysAgo(1) })!.severity).toBe(1);
  });

  it('early life: the first 90 days (or tenure under 3 months) are full severity, gone by month six', () => {
    expect(read('earlyLife', { startDate: daysAgo(89) })!.severity).toBe(1);
    expect(read('earlyLife', { tenureMonths: 2 })).toEqual({
      severity: 1,
      sentence: 'Customer for 2 months',
    });
    expect(read('earlyLife', { tenureMonths: 1 })!.sentence).toBe('Customer for 4 weeks');
    expect(read('earlyLife', { tenureMonths: 4.5 })!.severity).toBeCloseTo(0.5);
    expect(read('earlyLife', { tenureMonths: 6 })!.severity).toBe(0);
    // A start date wins over tenure.
    expect(read('earlyLife', { startDate: daysAgo(400), tenureMonths: 1 })!.severity).toBe(0);
  });

  it('crisis impact: severe 1, hit 0.6, stable and booming 0', () => {
    expect(read('crisisImpact', { impact: 'severe' })!.severity).toBe(1);
    expect(read('crisisImpact', { impact: 'hit' })).toEqual({
      severity: 0.6,
      sentence: 'Industry hurt by the crisis',
    });
    expect(read('crisisImpact', { impact: 'stable' })!.severity).toBe(0);
    expect(read('crisisImpact', { impact: 'booming' })!.severity).toBe(0);
  });

  it("crisis impact: the segment's impact from the context wins over the row's, and stands in for a blank", () => {
    expect(read('crisisImpact', { impact: 'booming' }, { ...ctx, segmentImpact: 'severe' })).toEqual({
      severity: 1,
      sentence: 'Industry hit hard by the crisis',
    });
    expect(read('crisisImpact', {}, { ...ctx, segmentImpact: 'hit' })!.severity).toBe(0.6);
    const r = scoreCustomer(customer({ nps: 10 }), { today, segmentImpact: 'severe' });
    expect(r.basedOn).toEqual(['sentiment', 'crisisImpact']);
    expect(r.contributions[0]!.sentence).toBe('Industry hit hard by the crisis');
  });

  it('email intent without a label says what the email says, clamped to 0-1', () => {
    expect(
      read('emailIntent', {}, { ...ctx, emailIntent: { churnSignal: 1.4, phrase: 'we will not renew' } }),
    ).toEqual({ severity: 1, sentence: 'Email says: “we will not renew”' });
  });
});

describe('scoring a sheet', () => {
  it('scoreAll takes a context or a day, and gives one score per customer', () => {
    const cs = [customer({ nps: 2 }), customer({}), customer({ impact: 'booming' })];
    const byCtx = scoreAll(cs, { today });
    expect(scoreAll(cs, today)).toEqual(byCtx);
    expect(byCtx.map((r) => r.band)).toEqual(['Critical', 'Unknown', 'Low']);
    expect(byCtx[1]!.reason).toBe('No usable data');
    expect(byCtx[0]!.reason).toBeUndefined();
  });

  it('a signal with data at severity 0 still counts toward what the score is based on', () => {
    const r = scoreCustomer(customer({ impact: 'stable', overdueInvoices: 3 }), { today });
    // payments 18 × 1, crisis 7 × 0 → 100 × 18 / 25
    expect(r.score).toBeCloseTo(72);
    expect(r.basedOn).toEqual(['payments', 'crisisImpact']);
  });

  it('blends the scorecard with the learned probability', () => {
    expect(blend(40, 0.8, 0.5)).toBeCloseTo(60);
    expect(blend(40, 0.8, 1)).toBe(40);
    expect(blend(40, 0.8, 0)).toBeCloseTo(80);
    expect(blend(undefined, 0.3, 0.5)).toBeCloseTo(30);
    expect(blend(40, 0.8, 7)).toBe(40); // weight clamped to 0-1
  });
});
