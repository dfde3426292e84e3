/**
 * Generated customers and segment queries for the SQL differential tests: every field type of the
 * query language (text with case, accents and padding; numbers; numbers typed as text; dates and
 * dates typed as text; a tag list; blanks), and queries over every operator with AND, OR, NOT and
 * parentheses. Seeded, so a mismatch names the seed that reproduces it.
 */
import type { CrisisImpact, Customer } from '../../src/core/customers/customer';
import type { Band } from '../../src/core/risk/risk-score';
import type { SegmentRecord } from '../../src/core/segments';
import { BUILT_IN_FIELD_NAMES, resolveField } from '../../src/core/segments';
import { operatorMisfit } from '../../src/core/segments/fields';
import { OPERATORS } from '../../src/core/segments/conditions';
import type { Random } from './fuzz/random';

export const TODAY = new Date('2026-12-03T10:30:00Z');
export const EXTRA_HEADERS = ['Country', 'Logins this month', 'Signed', 'Seats', 'Notes', 'Trial'];

const DAY = 86_400_000;
const NAMES = [
  'Anna Müller',
  'ANNA  muller',
  'José Núñez',
  'Zoë',
  '  padded  ',
  '1500',
  "O'Brien",
  'straße',
  'Işık',
];
const INDUSTRIES = ['Hotels', 'hotel & spa', 'Café', 'Retail', 'SaaS', 'Travel (air)', 'AND or OR'];
const PLANS = ['Pro', 'pro ', 'Business', 'Enterprise', '1000', '1,000', 'Basic'];
const TAGS = ['vip', 'Paused', 'crisis-hit', 'hotel', '2026-01-15', '1,500', 'Café', '42'];
const COUNTRIES = ['Norway', 'norway', 'Türkiye', 'Kazakhstan', 'Deutschland ', 'USA'];
const IMPACTS: CrisisImpact[] = ['severe', 'hit', 'stable', 'booming'];
const BANDS: Band[] = ['Critical', 'High', 'Medium', 'Low', 'Unknown'];

const maybe = <T>(rnd: Random, p: number, make: () => T): T | undefined =>
  rnd.chance(p) ? make() : undefined;

function money(rnd: Random): number {
  return rnd.pick([0, 49, 99.5, 100, 250, 1500, 1234.56, 20_000, rnd.int(5000), -10]);
}

function dayNear(rnd: Random): Date {
  // Within ±400 days of today, at any time of day, so day counts cross midnight both ways.
  return new Date(TODAY.getTime() + (rnd.int(800) - 400) * DAY + rnd.int(DAY));
}

function rawCells(rnd: Random): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const set = (k: string, v: unknown) => {
    if (v !== undefined) raw[k] = v;
  };
  set(
    'Country',
    maybe(rnd, 0.8, () => rnd.pick(COUNTRIES)),
  );
  set('Logins this month', rnd.pick([undefined, '', 0, 3, 12, 150, '12', '1,200', ' 7 ', 'n/a', 2.5, '-4']));
  set(
    'Signed',
    rnd.pick([undefined, dayNear(rnd), dayNear(rnd), '2026-01-15', '2025-06-30', 'soon', '2026-13-45']),
  );
  set(
    'Seats',
    maybe(rnd, 0.7, () => rnd.pick([1, 5, 10.5, 100, 1000, 0])),
  );
  set('Notes', rnd.pick([undefined, 'Call (urgent)', 'said "no"', 'ok', '', 'Renewal AND price', 'ÉTÉ']));
  set('Trial', rnd.pick([undefined, true, false]));
  return raw;
}

export function generateRecords(rnd: Random, count: number, firstRow = 2): SegmentRecord[] {
  const records: SegmentRecord[] = [];
  for (let i = 0; i < count; i++) {
    const activity = maybe(rnd, 0.7, () => rnd.int(200));
    const customer: Customer = {
      row: firstRow + i,
      email: `c${firstRow + i}.${rnd.pick(['anna', 'jose', 'x'])}@example.com`,
      name: maybe(rnd, 0.85, () => rnd.pick(NAMES)),
      company: maybe(rnd, 0.8, () => rnd.pick(['Nimbus', 'Fjord AS', 'Café Lumière', 'ACME', 'acme '])),
      industry: maybe(rnd, 0.8, () => rnd.pick(INDUSTRIES)),
      plan: maybe(rnd, 0.8, () => rnd.pick(PLANS)),
      owner: maybe(rnd, 0.7, () => rnd.pick(['sofia@nimbus.example', 'Lars@Fjord.example'])),
      mrr: maybe(rnd, 0.85, () => money(rnd)),
      lastActivity: maybe(rnd, 0.8, () => dayNear(rnd)),
      renewalDate: maybe(rnd, 0.7, () => dayNear(rnd)),
      activityThisPeriod: activity,
      activityLastPeriod: maybe(rnd, 0.7, () => rnd.int(200)),
      nps: maybe(rnd, 0.6, () => rnd.int(11)),
      daysLate: maybe(rnd, 0.5, () => rnd.int(90)),
      overdueInvoices: maybe(rnd, 0.5, () => rnd.int(4)),
      openTickets: maybe(rnd, 0.5, () => rnd.int(6)),
      complaints: maybe(rnd, 0.5, () => rnd.int(3)),
      tags: Array.from({ length: rnd.pick([0, 0, 1, 1, 2, 3]) }, () => rnd.pick(TAGS)),
      status: rnd.chance(0.15) ? 'churned' : 'active',
      unsubscribed: rnd.chance(0.1),
      raw: rawCells(rnd),
    };
    const score = maybe(rnd, 0.9, () => rnd.pick([rnd.int(101), rnd.int(10000) / 100]));
    records.push({
      customer,
      band: score === undefined ? 'Unknown' : rnd.pick(BANDS),
      ...(score !== undefined ? { score } : {}),
      ...(rnd.chance(0.7) ? { impact: rnd.pick(IMPACTS) } : {}),
    });
  }
  return records;
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

const NUMBERS = [
  '0',
  '3',
  '12',
  '49',
  '99.5',
  '100',
  '1,500',
  '1500',
  '-30',
  '-10',
  '250',
  '7',
  '1000',
  '2.5',
];
const DATES = ['2026-01-15', '2025-06-30', '2026-12-03', '2027-01-01'];
const WORDS = [
  'hotel',
  'HOTEL',
  'cafe',
  'Café',
  'müller',
  'anna',
  'pro',
  'Pro',
  'vip',
  'paused',
  'severe',
  'Hit',
  'critical',
  'high',
  'active',
  'churned',
  'yes',
  'no',
  'norway',
  'turkiye',
  'acme',
  'example.com',
  '1,500',
  '12',
  'n/a',
  'soon',
  'call (urgent)',
  'said "no"',
  'and or or',
  'true',
  'false',
  'ete',
  'padded',
  'isik',
  'strasse',
  'straße',
  ' ',
  '2026-01-15',
  '42',
  // Fragments inside and at the end of values, so contains, starts with and ends with differ.
  'otel',
  'ller',
  'way',
  'ro',
  'ample',
  '500',
  '-h',
  'lum',
  '@',
  'tels',
  'use',
  '.5',
  '0',
];
const PATTERNS = [
  '^a',
  'hotel|spa',
  'm[uü]ller',
  '\\d{3}',
  'pro\\b',
  'é',
  '^[0-9]+$',
  '0$',
  '^-',
  '^c\\d+\\.',
  'TRUE',
  'vip|paused',
  '\\.5',
];

export const QUERY_FIELDS = [...BUILT_IN_FIELD_NAMES, ...EXTRA_HEADERS];

/**
 * Each field's values among the generated customers (as the evaluator reads them), so comparisons
 * hit their bounds exactly and text operators see prefixes, middles and ends of real values: without
 * these, "<" compiled as "<=" or "starts with" as "contains" went unnoticed
 * (test/core/sql/mutation.test.ts).
 */
export type ValuePool = ReadonlyMap<string, readonly string[]>;

export function valuePool(records: readonly SegmentRecord[]): ValuePool {
  const pool = new Map<string, string[]>();
  for (const label of QUERY_FIELDS) {
    const field = resolveField(label, EXTRA_HEADERS);
    if (!field.ok) throw new Error(field.message);
    const out = new Set<string>();
    const add = (v: unknown) => {
      if (typeof v === 'number') out.add(String(v));
      else if (typeof v === 'string' && v.trim()) out.add(v);
      else if (v instanceof Date) out.add(v.toISOString().slice(0, 10));
    };
    for (const r of records) {
      const v = field.field.get(r, { today: TODAY });
      if (Array.isArray(v)) v.forEach(add);
      else add(v);
    }
    pool.set(label, [...out]);
  }
  return pool;
}

function sampled(rnd: Random, pool: readonly string[], fallback: () => string): string {
  if (pool.length === 0 || rnd.chance(0.5)) return fallback();
  const v = rnd.pick(pool);
  if (rnd.chance(0.6) || v.length < 3) return v;
  // A piece of it: a prefix, a middle or an end.
  const from = rnd.int(v.length - 1);
  return v.slice(from, from + 1 + rnd.int(v.length - from));
}

function condition(rnd: Random, pools: ValuePool): string {
  const label = rnd.pick(QUERY_FIELDS);
  const field = quote(label);
  const pool = pools.get(label) ?? [];
  // Every operator the query language has, so a new one is generated (and checked) without an edit here.
  let op = rnd.pick([...OPERATORS]);
  // An ordered operator on a word field (Band > High) is refused when read: keep a few so the
  // refusal stays exercised, redraw the rest so most queries reach the SQL they are there to check.
  const resolved = resolveField(label, EXTRA_HEADERS);
  while (resolved.ok && operatorMisfit(resolved.field, op) && rnd.chance(0.9)) op = rnd.pick([...OPERATORS]);
  switch (op) {
    case 'is empty':
    case 'is not empty':
      return `${field} ${op}`;
    case '>':
    case '>=':
    case '<':
    case '<=':
      return `${field} ${op} ${quote(
        sampled(
          rnd,
          pool.filter((v) => /^-?[\d.,]+$|^\d{4}-\d\d-\d\d$/.test(v.trim())),
          () => (rnd.chance(0.75) ? rnd.pick(NUMBERS) : rnd.pick(DATES)),
        ),
      )}`;
    case 'between': {
      const pool = rnd.chance(0.75) ? NUMBERS.map((n) => n.replace(',', '')) : DATES;
      const [a, b] = [rnd.pick(pool), rnd.pick(pool)].sort(
        (x, y) => Number(x) - Number(y) || x.localeCompare(y),
      );
      return `${field} between ${a}..${b}`;
    }
    case 'in':
    case 'not in':
      return `${field} ${op} ${Array.from({ length: 1 + rnd.int(3) }, () => quote(sampled(rnd, pool, () => rnd.pick([...WORDS, ...NUMBERS])))).join(', ')}`;
    case 'matches':
      return `${field} matches ${quote(rnd.pick(PATTERNS))}`;
    default:
      return `${field} ${op} ${quote(sampled(rnd, pool, () => (rnd.chance(0.6) ? rnd.pick(WORDS) : rnd.pick(NUMBERS))))}`;
  }
}

/** A random query: conditions joined by AND/OR, some negated or parenthesised, depth ≤ 3. */
export function generateQuery(rnd: Random, pool: ValuePool = new Map(), depth = 0): string {
  if (depth >= 3 || rnd.chance(0.45)) return (rnd.chance(0.15) ? 'NOT ' : '') + condition(rnd, pool);
  const parts = Array.from({ length: 2 + rnd.int(2) }, () => generateQuery(rnd, pool, depth + 1));
  const joined = parts.join(rnd.chance(0.5) ? ' AND ' : ' OR ');
  return `${rnd.chance(0.2) ? 'NOT ' : ''}(${joined})`;
}
