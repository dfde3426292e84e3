/** Impact rules (precedence, overrides, validation), the Segments tab, stats and playbooks. */
import type { Customer } from '../../../src/core/customers/customer';
import {
  DEFAULT_IMPACT_RULES,
  DEFAULT_SEGMENTS,
  impactOf,
  membersOf,
  playbookSegmentOf,
  readImpactRules,
  readSegments,
  statsOf,
  type SegmentRecord,
} from '../../../src/core/segments';

const today = new Date('2026-11-20T00:00:00Z');
const ctx = { today };
const HEADERS = ['Email', 'Industry', 'Plan', 'MRR', 'Crisis impact', 'Late payments'];

const customer = (over: Partial<Customer> = {}, raw: Record<string, unknown> = {}): Customer => ({
  row: 2,
  email: 'a@x.example',
  tags: [],
  status: 'active',
  unsubscribed: false,
  raw,
  ...over,
});

const rules = (rows: unknown[][]) =>
  readImpactRules([['Rule name', 'Column', 'Operator', 'Value', 'Impact'], ...rows], HEADERS);

describe('impact rules', () => {
  it('applies the first matching rule, top to bottom', () => {
    const read = rules([
      ['Airport hotels', 'Industry', 'contains', 'airport', 'Severe'],
      ['Hotels', 'Industry', 'contains', 'hotel', 'Hit'],
      ['Everyone', 'Industry', 'is not empty', '', 'Stable'],
    ]);
    expect(read.issues).toEqual([]);
    expect(impactOf(customer({ industry: 'Airport hotels' }), read.rules, ctx)).toEqual({
      impact: 'severe',
      source: 'rule',
      rule: { name: 'Airport hotels', row: 2 },
    });
    expect(impactOf(customer({ industry: 'City hotels' }), read.rules, ctx).impact).toBe('hit');
    expect(impactOf(customer({ industry: 'Retail' }), read.rules, ctx).impact).toBe('stable');
    expect(impactOf(customer(), read.rules, ctx)).toEqual({ source: 'none' });
  });

  it('never lets a rule replace a manual override, however often rules are re-evaluated', () => {
    const read = rules([['Hotels', 'Industry', 'contains', 'hotel', 'Hit']]);
    const c = customer({ industry: 'Hotels', impact: 'booming' });
    for (let i = 0; i < 3; i++)
      expect(impactOf(c, read.rules, ctx)).toEqual({ impact: 'booming', source: 'override' });
  });

  it('uses plan, revenue and payment columns too', () => {
    const read = rules([
      ['Late big payers', 'Late payments', '>=', '2', 'Hit'],
      ['Enterprise', 'Plan', 'in', 'Enterprise, Business', 'Stable'],
      ['Small', 'MRR', '<', '100', 'Hit'],
    ]);
    expect(impactOf(customer({}, { 'Late payments': 3 }), read.rules, ctx).impact).toBe('hit');
    expect(impactOf(customer({ plan: 'business' }), read.rules, ctx).impact).toBe('stable');
    expect(impactOf(customer({ mrr: 50 }), read.rules, ctx).impact).toBe('hit');
  });

  it('reports each bad rule with its cell, skips it, and keeps the rest', () => {
    const read = rules([
      ['Sector', 'Sector', 'contains', 'x', 'Hit'],
      ['Op', 'Industry', 'looks like', 'x', 'Hit'],
      ['Pattern', 'Industry', 'matches', '([a-', 'Hit'],
      ['Number', 'MRR', '>', 'many', 'Hit'],
      ['Impact', 'Industry', 'contains', 'x', 'Catastrophic'],
      ['No impact', 'Industry', 'contains', 'x', ''],
      ['No column', '', 'contains', 'x', 'Hit'],
      ['', '', '', '', ''],
      ['Travel', 'Industry', 'contains', 'travel', 'Severe'],
      ['Travel again', 'industry', 'Contains', 'Travel', 'Hit'],
      ['Travel twice', 'Industry', 'contains', 'travel', 'Severe'],
      ['Ordered tags', 'Tag', '>', '5', 'Hit'],
    ]);
    expect(read.rules.map((r) => r.name)).toEqual(['Travel']);
    expect(read.issues).toEqual([
      expect.stringMatching(/^Impact rules!B2 \(Column\): unknown field 'Sector'/),
      "Impact rules!C3 (Operator): unknown operator 'looks like'",
      expect.stringMatching(/^Impact rules!D4 \(Value\): bad pattern '\(\[a-'/),
      "Impact rules!D5 (Value): '>' needs a number or a date (YYYY-MM-DD), not 'many'",
      expect.stringMatching(/^Impact rules!E6 \(Impact\): unknown crisis impact 'Catastrophic'/),
      "Impact rules!E7 (Impact): rule 'No impact' names no impact",
      "Impact rules!B8 (Column): rule 'No column' names no column",
      "Impact rules!11: rule 'Travel again' (Hit) has the same condition as row 10 ('Travel', severe), which comes first and wins; it never applies",
      "Impact rules!12: rule 'Travel twice' repeats row 10 ('Travel'); it never applies",
      "Impact rules!C13 (Operator): Tag: '>' compares numbers or dates, and Tag holds words: use =, in, contains or is empty",
    ]);
  });

  it('treats a missing or empty tab as no rules, and a header without Column as one problem', () => {
    expect(readImpactRules(null, HEADERS)).toEqual({ rules: [], issues: [] });
    expect(readImpactRules([], HEADERS)).toEqual({ rules: [], issues: [] });
    expect(readImpactRules([['Name', 'Impact']], HEADERS).issues).toEqual([
      'Impact rules!1: the header row lacks Column, Operator, Value (expected Rule name | Column | Operator | Value | Impact)',
    ]);
  });

  it('ships defaults that read cleanly and place common industries', () => {
    const read = readImpactRules(
      DEFAULT_IMPACT_RULES.map((r) => [...r]),
      HEADERS,
    );
    expect(read.issues).toEqual([]);
    const of = (industry: string) => impactOf(customer({ industry }), read.rules, ctx).impact;
    expect(of('Travel agency')).toBe('severe');
    expect(of('Hotels')).toBe('hit');
    expect(of('Healthcare clinics')).toBe('booming');
    expect(of('Food delivery')).toBe('booming');
    expect(of('Manufacturing')).toBe('stable');
  });
});

describe('segments', () => {
  const records: SegmentRecord[] = [
    {
      customer: customer({ row: 2, email: 'a@x', mrr: 900, industry: 'Hotels' }),
      band: 'High',
      impact: 'hit',
    },
    {
      customer: customer({ row: 3, email: 'b@x', mrr: 100, industry: 'Travel' }),
      band: 'Critical',
      impact: 'severe',
    },
    { customer: customer({ row: 4, email: 'c@x', industry: 'Delivery' }), band: 'Low', impact: 'booming' },
    { customer: customer({ row: 5, email: 'd@x', mrr: 50, status: 'churned' }), band: 'High' },
  ];

  it('reads saved segments with playbooks and counts size, MRR and MRR at risk', () => {
    const read = readSegments(
      [
        ['Segment', 'Query', 'Playbook', 'Description'],
        ['Hurt', 'Impact in Severe, Hit AND Status = Active', 'Payment holiday', 'Relief'],
        ['Growing', 'Impact = Booming', 'upgrade', ''],
        ['Everyone', 'Status is not empty', '', ''],
      ],
      HEADERS,
    );
    expect(read.issues).toEqual([]);
    expect(read.segments.map((s) => [s.name, s.playbook])).toEqual([
      ['Hurt', 'paymentHoliday'],
      ['Growing', 'upsell'],
      ['Everyone', undefined],
    ]);
    const [hurt, growing, everyone] = read.segments;
    expect(statsOf(membersOf(hurt!.query, records, ctx))).toEqual({
      customers: 2,
      mrr: 1000,
      atRiskMrr: 1000,
      withoutMrr: 0,
    });
    expect(statsOf(membersOf(growing!.query, records, ctx))).toEqual({
      customers: 1,
      mrr: 0,
      atRiskMrr: 0,
      withoutMrr: 1,
    });
    expect(statsOf(membersOf(everyone!.query, records, ctx)).customers).toBe(4);
    expect(playbookSegmentOf(records[0]!, read.segments, ctx)?.name).toBe('Hurt');
    expect(playbookSegmentOf(records[3]!, read.segments, ctx)).toBeUndefined();
  });

  it('reports a bad query with the cell and character, a duplicate name and an unknown playbook', () => {
    const read = readSegments(
      [
        ['Segment', 'Query', 'Playbook'],
        ['Bad', 'MRR >', ''],
        ['Dup', 'Plan = Pro', ''],
        ['dup', 'Plan = Pro', ''],
        ['Odd', 'Plan = Pro', 'Free pizza'],
        ['', 'Plan = Pro', ''],
        ['Empty', '', ''],
      ],
      HEADERS,
    );
    expect(read.segments.map((s) => s.name)).toEqual(['Dup', 'Odd']);
    expect(read.issues).toEqual([
      "Segments!B2 (Query), character 6: MRR: '>' needs a value",
      "Segments!A4 (Segment): 'dup' is also row 3; row 3 is used",
      expect.stringMatching(/^Segments!C5 \(Playbook\): unknown move 'Free pizza'/),
      'Segments!A6 (Segment): the query has no segment name',
      "Segments!B7 (Query): segment 'Empty' has no query",
    ]);
  });

  it('ships default segments that all parse against the sample columns', () => {
    const sampleHeaders = [
      'Email',
      'Name',
      'Company',
      'Industry',
      'Plan',
      'MRR',
      'Last activity',
      'Renewal date',
    ];
    const read = readSegments(
      DEFAULT_SEGMENTS.map((r) => [...r]),
      sampleHeaders,
    );
    expect(read.issues).toEqual([]);
    expect(read.segments.every((s) => s.playbook)).toBe(true);
  });
});
