/**
 * Segments over many customers: impact rules (the shipped defaults) and every default segment's
 * query evaluated for 1k / 10k / 100k customers, pure JavaScript. Apps Script's V8 is slower than
 * this machine, so the figure that matters is the per-customer cost and how it scales (flat = linear).
 */
import type { Customer } from '../src/core/customers/customer';
import {
  DEFAULT_IMPACT_RULES,
  DEFAULT_SEGMENTS,
  impactOf,
  membersOf,
  readImpactRules,
  readSegments,
  statsOf,
  type SegmentRecord,
} from '../src/core/segments';
import { round, timeRuns } from './stats';

const HEADERS = [
  'Email',
  'Name',
  'Industry',
  'Plan',
  'MRR',
  'Last activity',
  'Renewal date',
  'Days late',
  'Country',
];
const INDUSTRIES = [
  'Travel agency',
  'Hotels',
  'Restaurant',
  'Healthcare clinic',
  'Food delivery',
  'Retail',
  'Manufacturing',
  'Café Nord',
];
const BANDS = ['Low', 'Medium', 'High', 'Critical'] as const;
const DAY = 86_400_000;
const today = new Date('2026-11-20T00:00:00Z');

function customers(n: number): Customer[] {
  let seed = 42;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, (_, i) => {
    const industry = INDUSTRIES[i % INDUSTRIES.length]!;
    const mrr = Math.round(50 + rand() * 2000);
    return {
      row: i + 2,
      email: `c${i}@x${i % 997}.example`,
      name: `Customer ${i}`,
      industry,
      plan: i % 3 ? 'Pro' : 'Starter',
      mrr,
      lastActivity: new Date(today.getTime() - Math.floor(rand() * 200) * DAY),
      renewalDate: new Date(today.getTime() + Math.floor(rand() * 365) * DAY),
      daysLate: rand() < 0.1 ? 15 : 0,
      activityThisPeriod: Math.floor(rand() * 40),
      activityLastPeriod: 1 + Math.floor(rand() * 40),
      tags: i % 10 === 0 ? ['vip'] : [],
      status: rand() < 0.15 ? 'churned' : 'active',
      unsubscribed: false,
      raw: { Country: i % 2 ? 'Norway' : 'Kazakhstan', Industry: industry },
    } satisfies Customer;
  });
}

export function segmentsBench(): Record<string, unknown>[] {
  const rules = readImpactRules(
    DEFAULT_IMPACT_RULES.map((r) => [...r]),
    HEADERS,
  ).rules;
  const segments = readSegments(
    DEFAULT_SEGMENTS.map((r) => [...r]),
    HEADERS,
  ).segments;
  const ctx = { today };
  const rows: Record<string, unknown>[] = [];
  let perCustomer1k = 0;
  for (const n of [1_000, 10_000, 100_000]) {
    const list = customers(n);
    let records: SegmentRecord[] = [];
    const impactTime = timeRuns(n >= 100_000 ? 3 : 7, () => {
      records = list.map((c, i) => {
        const impact = impactOf(c, rules, ctx).impact;
        return { customer: c, band: BANDS[i % 4]!, score: (i * 37) % 100, ...(impact ? { impact } : {}) };
      });
    });
    let members = 0;
    const segmentTime = timeRuns(n >= 100_000 ? 3 : 7, () => {
      members = 0;
      for (const s of segments) members += statsOf(membersOf(s.query, records, ctx)).customers;
    });
    const usPer = ((impactTime.medianMs + segmentTime.medianMs) * 1000) / n;
    if (n === 1_000) perCustomer1k = usPer;
    rows.push({
      customers: n,
      'impact rules ms': round(impactTime.medianMs),
      [`${segments.length} segments ms`]: round(segmentTime.medianMs),
      'memberships found': members,
      'µs per customer': round(usPer, 3),
      'vs 1k per customer': `${round(usPer / perCustomer1k)}x`,
    });
  }
  return rows;
}
