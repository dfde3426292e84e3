/**
 * One guard rail for the sidebar and for campaigns: the verdict a campaign recipient gets is the
 * sidebar's refusal of the same move for the same customer.
 */
import type { Customer } from '../../../src/core/customers/customer';
import {
  DEFAULT_PLAYBOOK_SETTINGS,
  guardRail,
  guardRailFor,
  moveOfTemplate,
  nextBestAction,
  ruleWords,
  valueLines,
  type PlaybookInput,
} from '../../../src/core/playbooks';
import { planAudience } from '../../../src/core/campaigns/audience';
import { customerOf } from '../../helpers/customer';

const TODAY = new Date('2026-11-20T00:00:00Z');
const MRRS = [50, 55, 56, 72, 189, 200, 250, 300];
const book: Customer[] = MRRS.map((mrr, i) => customerOf(`c${i}@x.example`, { row: i + 2, mrr }));
const LINES = valueLines(book, DEFAULT_PLAYBOOK_SETTINGS, TODAY);
const input = (customer: Customer): PlaybookInput => ({
  customer,
  impact: 'hit',
  band: 'Medium',
  lines: LINES,
  settings: DEFAULT_PLAYBOOK_SETTINGS,
  dormantDays: 90,
  today: TODAY,
});
const CHECK_IN = { move: 'checkIn' as const, template: 'Check-in' };

describe('guardRailFor', () => {
  it('refuses a payment holiday below the value line, as the sidebar does', () => {
    expect(LINES.reliefMin).toBe(189);
    for (const c of book) {
      const verdict = guardRailFor('paymentHoliday', input(c), CHECK_IN);
      const sidebar = guardRail('paymentHoliday', input(c));
      expect(verdict.kind === 'allowed').toBe(sidebar === null);
      if (verdict.kind !== 'allowed') expect(verdict.refusal.why).toBe(sidebar);
      expect(
        nextBestAction({ ...input(c), segmentPlaybook: { segment: 'Hard hit', move: 'paymentHoliday' } })
          .move === 'paymentHoliday',
      ).toBe(verdict.kind === 'allowed');
    }
  });

  it('gives the alternative when the playbook names one, else excludes with the rule', () => {
    const low = input(book[0]!);
    expect(guardRailFor('paymentHoliday', low, CHECK_IN)).toMatchObject({
      kind: 'alternative',
      template: 'Check-in',
    });
    const excluded = guardRailFor('paymentHoliday', low);
    expect(excluded).toMatchObject({
      kind: 'excluded',
      refusal: { rule: 'belowLine', why: 'MRR 50 is below the top 50% line (189)' },
    });
    expect(ruleWords('belowLine', 'paymentHoliday')).toBe('below the value line for a payment holiday');
    // An alternative its own rail refuses is no way round: a customer who left gets neither.
    expect(guardRailFor('discount', input({ ...book[0]!, status: 'churned' }), CHECK_IN)).toMatchObject({
      kind: 'excluded',
      refusal: { rule: 'left' },
    });
  });

  it('names the offer a template carries the way the sidebar picks templates', () => {
    const templates = [{ name: 'Payment holiday' }, { name: 'Check-in' }, { name: 'Spring news' }];
    expect(moveOfTemplate('Payment holiday', templates)).toBe('paymentHoliday');
    expect(moveOfTemplate('Check-in', templates)).toBe('checkIn');
    expect(moveOfTemplate('Spring news', templates)).toBeUndefined();
  });

  it('is applied to every campaign recipient at audience time, counted in words', () => {
    const p = planAudience({
      campaignId: 'cmp-g',
      campaign: 'Hard hit',
      members: book,
      winBack: false,
      lastEmailed: new Map(),
      coolDownDays: 0,
      holdoutPercent: 0,
      today: TODAY,
      guard: { offer: 'paymentHoliday', check: (c) => guardRailFor('paymentHoliday', input(c)) },
    });
    expect(p.emailed).toBe(4);
    expect(p.excluded['guard rail']).toBe(4);
    expect(p.guardRails.excluded).toEqual({ 'below the value line for a payment holiday': 4 });
    expect(p.entries.find((e) => e.email === 'c3@x.example')?.detail).toBe(
      'Refused by the offer’s guard rail: MRR 72 is below the top 50% line (189)',
    );
  });
});
