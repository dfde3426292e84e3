import type { Customer } from '../../../src/core/customers/customer';
import {
  DEFAULT_PLAYBOOK_SETTINGS,
  guardRail,
  nextBestAction,
  parseMove,
  templateForMove,
  valueLines,
  ValueLinesSchema,
  type PlaybookInput,
} from '../../../src/core/playbooks';

const TODAY = new Date('2026-11-20T00:00:00Z');
const daysAgo = (n: number) => new Date(TODAY.getTime() - n * 86_400_000);

function customer(over: Partial<Customer> = {}): Customer {
  return {
    row: 2,
    email: 'a@b.example',
    tags: [],
    status: 'active',
    unsubscribed: false,
    raw: {},
    lastActivity: daysAgo(3),
    ...over,
  };
}

/** A portfolio whose MRRs are 100, 200, … 1000: top 20% starts at 900, top half at 600. */
const PORTFOLIO = Array.from({ length: 10 }, (_, i) =>
  customer({ email: `c${i}@x.example`, mrr: (i + 1) * 100 }),
);
const LINES = valueLines(PORTFOLIO, DEFAULT_PLAYBOOK_SETTINGS, TODAY);

function input(over: Partial<PlaybookInput> = {}): PlaybookInput {
  return {
    customer: customer({ mrr: 1000 }),
    band: 'Low',
    lines: LINES,
    settings: DEFAULT_PLAYBOOK_SETTINGS,
    dormantDays: 90,
    today: TODAY,
    ...over,
  };
}

describe('value lines', () => {
  it('puts the line at the edge of the top share of active customers, ties included', () => {
    expect(LINES).toMatchObject({ discountMin: 900, reliefMin: 600, customers: 10, basis: 'mrr' });
    const withChurned = valueLines(
      [...PORTFOLIO, customer({ mrr: 99_999, status: 'churned' }), customer({ mrr: undefined })],
      DEFAULT_PLAYBOOK_SETTINGS,
      TODAY,
    );
    expect(withChurned.discountMin).toBe(900);
    expect(withChurned.customers).toBe(10);
  });

  it('measures revenue to date as MRR times months as a customer', () => {
    const settings = {
      ...DEFAULT_PLAYBOOK_SETTINGS,
      valueBasis: 'revenueToDate' as const,
      discountTopShare: 0.5,
    };
    const young = customer({ mrr: 1000, startDate: daysAgo(61) }); // ~2 months: 2,000
    const loyal = customer({ mrr: 100, tenureMonths: 48 }); // 4,800
    const lines = valueLines([young, loyal], settings, TODAY);
    expect(lines.discountMin).toBe(4800);
    expect(guardRail('discount', input({ customer: young, lines, settings, impact: 'hit' }))).toMatch(
      /revenue to date 2,004 is below the top 50% line \(4,800\)/,
    );
  });

  it('has no line at all for an empty portfolio, so value-gated moves are refused', () => {
    const empty = valueLines([], DEFAULT_PLAYBOOK_SETTINGS, TODAY);
    expect(empty.customers).toBe(0);
    expect(ValueLinesSchema.parse(JSON.parse(JSON.stringify(empty)))).toEqual(empty);
    expect(guardRail('discount', input({ lines: empty }))).toBe(
      'no active customer has an MRR to compare with',
    );
  });
});

describe('guard rails', () => {
  it('never gives a discount to a customer the crisis helps, however valuable', () => {
    expect(guardRail('discount', input({ impact: 'booming' }))).toBe(
      'never a discount for a customer the crisis helps',
    );
  });

  it('gives a discount only at or above the top-share line', () => {
    expect(guardRail('discount', input({ customer: customer({ mrr: 900 }) }))).toBeNull();
    expect(guardRail('discount', input({ customer: customer({ mrr: 899 }) }))).toBe(
      'MRR 899 is below the top 20% line (900)',
    );
    expect(guardRail('discount', input({ customer: customer({ mrr: undefined }) }))).toMatch(
      /not in the sheet/,
    );
    expect(guardRail('discount', input({ lines: undefined }))).toMatch(/value lines are not known yet/);
  });

  it('keeps payment relief for valuable customers who are hit or pay late', () => {
    expect(guardRail('paymentHoliday', input({ impact: 'severe' }))).toBeNull();
    expect(guardRail('installments', input({ impact: 'stable' }))).toMatch(/does not hurt them/);
    expect(guardRail('installments', input({ impact: undefined }))).toBe('no sign they struggle to pay');
    expect(
      guardRail('installments', input({ customer: customer({ mrr: 1000, overdueInvoices: 1 }) })),
    ).toBeNull();
    expect(guardRail('installments', input({ impact: 'hit', customer: customer({ mrr: 500 }) }))).toMatch(
      /below the top 50% line \(600\)/,
    );
  });

  it('refuses upsell to the struggling and the at-risk, reactivation to the active, win-back to the current', () => {
    expect(guardRail('upsell', input({ impact: 'hit' }))).toMatch(/crisis hurts/);
    expect(guardRail('upsell', input({ band: 'Critical' }))).toBe('not at critical risk');
    expect(guardRail('reactivation', input())).toBe('active within the last 90 days');
    expect(guardRail('winBack', input())).toBe('the customer has not left');
    expect(guardRail('discount', input({ customer: customer({ status: 'churned', mrr: 1000 }) }))).toBe(
      'the customer has already left',
    );
  });
});

describe('next best action', () => {
  it('offers a payment holiday to a valuable customer the crisis hits hard, and says why', () => {
    const r = nextBestAction(input({ impact: 'severe', band: 'High' }));
    expect(r).toMatchObject({ move: 'paymentHoliday', label: 'Payment holiday', source: 'rules' });
    expect(r.reasons).toEqual([
      'The crisis hits their industry hard (Severe).',
      'Worth keeping: MRR 1,000, in the top 50%.',
    ]);
  });

  it('falls back to a check-in for a hit customer whose value does not justify relief or a discount', () => {
    const r = nextBestAction(input({ impact: 'hit', band: 'High', customer: customer({ mrr: 200 }) }));
    expect(r.move).toBe('checkIn');
    expect(r.refused.map((x) => x.move)).toEqual(['installments', 'paymentHoliday', 'discount']);
  });

  it('upsells a booming customer and never discounts one, even when the email complains about price', () => {
    expect(nextBestAction(input({ impact: 'booming' })).move).toBe('upsell');
    const r = nextBestAction(input({ impact: 'booming', intents: ['price'], band: 'Medium' }));
    expect(r.move).not.toBe('discount');
    expect(r.refused).toContainEqual({
      move: 'discount',
      why: 'never a discount for a customer the crisis helps',
    });
  });

  it('answers what the email says first: time to pay, a lower price, expansion', () => {
    expect(nextBestAction(input({ impact: 'hit', intents: ['paymentDelay'] })).move).toBe('paymentHoliday');
    expect(nextBestAction(input({ intents: ['price'], band: 'High' })).move).toBe('discount');
    expect(nextBestAction(input({ intents: ['expansion'] })).move).toBe('upsell');
    const leaving = nextBestAction(input({ intents: ['cancellation'], customer: customer({ mrr: 100 }) }));
    expect(leaving.move).toBe('checkIn');
    expect(leaving.reasons[0]).toBe('They talk about leaving: call before they decide.');
  });

  it('reactivates the dormant, wins back the churned, checks in on silent decline, leaves the healthy alone', () => {
    expect(nextBestAction(input({ customer: customer({ mrr: 300, lastActivity: daysAgo(120) }) })).move).toBe(
      'reactivation',
    );
    expect(nextBestAction(input({ customer: customer({ status: 'churned', mrr: 300 }) })).move).toBe(
      'winBack',
    );
    const decline = nextBestAction(
      input({ customer: customer({ mrr: 300, activityThisPeriod: 4, activityLastPeriod: 10 }) }),
    );
    expect(decline).toMatchObject({
      move: 'checkIn',
      reasons: ['Usage fell 60% since last period: silent decline.'],
    });
    expect(nextBestAction(input({ customer: customer({ mrr: 300 }) }))).toMatchObject({
      move: 'none',
      reasons: ['Healthy: no retention move needed now.'],
    });
  });

  it("follows the segment's playbook unless a guard rail refuses it, and then says so", () => {
    const followed = nextBestAction(
      input({ segmentPlaybook: { segment: 'Key accounts', move: 'discount' } }),
    );
    expect(followed).toMatchObject({ move: 'discount', source: 'segment' });
    expect(followed.reasons[0]).toBe('The playbook of segment "Key accounts".');
    const refused = nextBestAction(
      input({ impact: 'booming', segmentPlaybook: { segment: 'Everyone', move: 'discount' } }),
    );
    expect(refused).toMatchObject({ move: 'upsell', source: 'rules' });
    expect(refused.refused[0]).toEqual({
      move: 'discount',
      why: 'never a discount for a customer the crisis helps',
    });
  });
});

describe('moves in sheet words and their templates', () => {
  it('reads the words managers type', () => {
    expect(parseMove('Payment holiday')).toBe('paymentHoliday');
    expect(parseMove(' instalments ')).toBe('installments');
    expect(parseMove('Win back')).toBe('winBack');
    expect(parseMove('check-in call')).toBe('checkIn');
    expect(parseMove('upsell')).toBe('upsell');
    expect(parseMove('bribe')).toBeNull();
    expect(parseMove('')).toBeNull();
  });

  it('finds the template by exact name first, then by a name that mentions the move', () => {
    const templates = [{ name: 'Spring discount 2026' }, { name: 'Discount' }, { name: 'Win-back' }];
    expect(templateForMove('discount', templates)?.name).toBe('Discount');
    expect(templateForMove('winBack', templates)?.name).toBe('Win-back');
    expect(templateForMove('discount', [templates[0]!])?.name).toBe('Spring discount 2026');
    expect(templateForMove('upsell', templates)).toBeUndefined();
    expect(templateForMove('winBack', [{ name: 'Reactivation' }])?.name).toBe('Reactivation');
  });
});
