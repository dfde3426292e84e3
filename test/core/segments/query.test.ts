/** Conditions (every operator) and the query language: precedence, NOT, quoting, and precise errors. */
import type { Customer } from '../../../src/core/customers/customer';
import { compileTest, OPERATORS, type Operator } from '../../../src/core/segments/conditions';
import type { SegmentRecord } from '../../../src/core/segments/fields';
import { describeQuery, matches, parseQuery, QueryError } from '../../../src/core/segments/query';

const today = new Date('2026-11-20T00:00:00Z');
const HEADERS = ['Email', 'Name', 'Industry', 'Plan', 'MRR', 'Country', 'Logins this month', 'Signed'];

function record(
  over: Partial<Customer> = {},
  extra: Partial<SegmentRecord> = {},
  raw: Record<string, unknown> = {},
): SegmentRecord {
  return {
    customer: { row: 2, email: 'a@x.example', tags: [], status: 'active', unsubscribed: false, raw, ...over },
    band: 'Low',
    ...extra,
  };
}

const q = (text: string, r: SegmentRecord) => matches(parseQuery(text, HEADERS), r, { today });

describe('conditions', () => {
  const cases: [Operator, string, unknown, boolean][] = [
    ['=', 'hotels', 'Hotels', true],
    ['=', 'hotel', 'Hotels', false],
    ['=', '500', 500, true],
    ['!=', 'Pro', 'Starter', true],
    ['!=', 'Pro', undefined, true],
    ['>', '100', 101, true],
    ['>', '100', 100, false],
    ['>=', '100', 100, true],
    ['<', '1,000', 999, true],
    ['<=', '10', 11, false],
    ['>', '2026-01-01', new Date('2026-02-01T00:00:00Z'), true],
    ['<', '2026-01-01', new Date('2026-02-01T00:00:00Z'), false],
    ['contains', 'hotel', 'Boutique Hotels', true],
    ['contains', 'cafe', 'Café Nord', true],
    ['not contains', 'hotel', 'Airlines', true],
    ['not contains', 'hotel', undefined, true],
    ['starts with', 'nor', 'Norway', true],
    ['ends with', 'way', 'Norway', true],
    ['matches', '^(pro|business)$', 'Business', true],
    ['matches', '^pro$', 'Professional', false],
    ['in', 'Pro, Business', 'business', true],
    ['in', 'Pro, Business', 'Starter', false],
    ['not in', 'Pro, Business', 'Starter', true],
    ['between', '100..500', 500, true],
    ['between', '100..500', 501, false],
    ['between', '2026-01-01..2026-12-31', new Date('2026-06-01T00:00:00Z'), true],
    ['is empty', '', '', true],
    ['is empty', '', 'x', false],
    ['is not empty', '', 'x', true],
    ['is not empty', '', undefined, false],
  ];
  it.each(cases)('%s %s on %p is %p', (op, value, cell, expected) => {
    const compiled = compileTest(op, value);
    if (!compiled.ok) throw new Error(compiled.message);
    expect(compiled.test(cell as never)).toBe(expected);
  });

  it('covers every operator', () => {
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(OPERATORS));
  });

  it('matches a tag list when any tag does', () => {
    const eq = compileTest('=', 'vip');
    const notEq = compileTest('!=', 'vip');
    if (!eq.ok || !notEq.ok) throw new Error('compile');
    expect(eq.test(['key-account', 'VIP'])).toBe(true);
    expect(notEq.test(['key-account', 'VIP'])).toBe(false);
    expect(eq.test([])).toBe(false);
  });

  it.each([
    ['>', 'lots', /needs a number or a date/],
    ['between', '500..100', /smaller bound first/],
    ['between', '100', /two numbers or dates/],
    ['matches', '([a-z', /bad pattern/],
    ['in', ' , ', /needs a list/],
    ['contains', '', /needs a value/],
    ['is empty', 'x', /takes no value/],
  ] as [Operator, string, RegExp][])('refuses %s %p', (op, value, message) => {
    const compiled = compileTest(op, value);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.message).toMatch(message);
  });
});

describe('query language', () => {
  const hotel = record(
    {
      industry: 'Hotels',
      plan: 'Pro',
      mrr: 900,
      tags: ['vip'],
      lastActivity: new Date('2026-07-01T00:00:00Z'),
      renewalDate: new Date('2026-12-20T00:00:00Z'),
    },
    { band: 'High', impact: 'hit', score: 70 },
    { Country: 'Norway', 'Logins this month': 2 },
  );

  it('reads built-in fields, derived days, any header and quoted headers', () => {
    expect(q('Impact = Hit AND Band in High, Critical AND MRR >= 500', hotel)).toBe(true);
    expect(q('Dormant days > 90 AND Renewal days between 0..60', hotel)).toBe(true);
    expect(q('Renewal days between 0 and 60 AND MRR > 1', hotel)).toBe(true);
    expect(q('Renewal days between 0..60 AND Band = Low', hotel)).toBe(false);
    expect(q('Country = norway AND "Logins this month" < 3', hotel)).toBe(true);
    expect(q('tags = VIP', hotel)).toBe(true);
    expect(q('risk score >= 70 AND dormant_days >= 142', hotel)).toBe(true);
    expect(q('Status = Active AND Plan is not empty', hotel)).toBe(true);
  });

  it('binds AND tighter than OR, and NOT to what follows it', () => {
    // false OR (true AND true) = true; (false OR true) AND false = false
    expect(q('Plan = Starter OR Industry = Hotels AND MRR > 100', hotel)).toBe(true);
    expect(q('(Plan = Starter OR Industry = Hotels) AND MRR > 1000', hotel)).toBe(false);
    expect(q('NOT Plan = Starter AND NOT Tag = paused', hotel)).toBe(true);
    expect(q('NOT (Plan = Pro OR Tag = vip)', hotel)).toBe(false);
    expect(q('Plan = Starter || Tag = vip && MRR > 1', hotel)).toBe(true);
  });

  it('keeps AND inside a quoted value, and writes the query back canonically', () => {
    const r = record({ company: 'Bed and Breakfast Co' });
    expect(q('Company = "Bed and Breakfast Co"', r)).toBe(true);
    expect(
      describeQuery(parseQuery('(a@x.example = 1 OR Plan = Pro) AND NOT Tag = x', ['a@x.example'])),
    ).toBe('(a@x.example = 1 OR Plan = Pro) AND NOT Tag = x');
  });

  it.each([
    ['', 'the query is empty', 1],
    ['Sector = travel', "unknown field 'Sector'", 1],
    ['Plan Pro', "expected an operator after 'Plan'", 6],
    ['Plan = Pro AND', 'expected a condition', 15],
    ['(Plan = Pro', 'a "(" without its ")"', 1],
    ['Plan = Pro)', 'a ")" without its "("', 11],
    ['MRR > lots', "MRR: '>' needs a number", 7],
    ['Company = "Acme', 'a quote without its closing quote', 11],
    ['()', 'empty parentheses', 2],
    // Ordered comparisons on words once matched nobody, silently (found by the SQL differential).
    ['Tag > 5', "Tag: '>' compares numbers or dates, and Tag holds words: use =, in, contains", 7],
    ['Band >= High', 'Band is one of Low, Medium, High, Critical: list the ones you mean, like Band in', 9],
    ['Plan = Pro AND Status between 1..2', "Status: 'between' compares numbers or dates", 31],
  ])('reports %p with where: %s', (text, message, at) => {
    let error: unknown;
    try {
      parseQuery(text, HEADERS);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).message).toContain(message);
    expect((error as QueryError).at).toBe(at);
  });

  it('still allows ordered comparisons on a column, which may hold numbers or dates', () => {
    expect(q('"Logins this month" < 3 AND Country > 5', hotel)).toBe(false);
    expect(q('"Logins this month" between 1..2', hotel)).toBe(true);
  });

  it('refuses queries nested or long enough to hurt', () => {
    expect(() => parseQuery(`${'('.repeat(30)}Plan = Pro${')'.repeat(30)}`, HEADERS)).toThrow(/nested/);
    expect(() => parseQuery(`Plan = ${'x'.repeat(3000)}`, HEADERS)).toThrow(/longer than/);
  });
});
