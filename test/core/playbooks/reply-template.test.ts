/**
 * Issue 20, "Draft replies that fit what the customer said": the reply's template follows the email's
 * intent within the move the guard rails allowed.
 */
import { replyTemplateFor } from '../../../src/core/playbooks/reply-template';

const templates = [
  { name: 'Payment holiday' },
  { name: 'Installments' },
  { name: 'Discount' },
  { name: 'Check-in' },
  { name: 'Save offer' },
  { name: 'Competitor comparison' },
];
const names = (r: ReturnType<typeof replyTemplateFor<{ name: string }>>) =>
  r ? [r.template.name, r.offerFrom?.name] : undefined;

describe('the template a reply uses', () => {
  it('a cancellation or non-renewal gets the save offer, not the generic check-in', () => {
    expect(names(replyTemplateFor('checkIn', ['nonRenewal'], templates))).toEqual(['Save offer', undefined]);
    expect(names(replyTemplateFor('checkIn', ['cancellation', 'price'], templates))).toEqual([
      'Save offer',
      undefined,
    ]);
  });

  it('carries the discount only when the guard rails allowed a discount', () => {
    expect(names(replyTemplateFor('discount', ['cancellation'], templates))).toEqual([
      'Save offer',
      'Discount',
    ]);
    expect(replyTemplateFor('checkIn', ['cancellation'], templates)?.offerFrom).toBeUndefined();
  });

  it('a switch to a competitor gets the comparison', () => {
    expect(names(replyTemplateFor('checkIn', ['competitor'], templates))).toEqual([
      'Competitor comparison',
      undefined,
    ]);
  });

  it('a payment request gets the relief move’s template', () => {
    expect(names(replyTemplateFor('paymentHoliday', ['paymentDelay'], templates))).toEqual([
      'Payment holiday',
      undefined,
    ]);
    // Relief the crisis justifies stays relief, whatever the words.
    expect(names(replyTemplateFor('installments', ['cancellation'], templates))).toEqual([
      'Installments',
      undefined,
    ]);
  });

  it('falls back to the move’s template when the tab has no reply template, and to nothing for no move', () => {
    const plain = templates.filter((t) => !['Save offer', 'Competitor comparison'].includes(t.name));
    expect(names(replyTemplateFor('checkIn', ['nonRenewal'], plain))).toEqual(['Check-in', undefined]);
    expect(names(replyTemplateFor('checkIn', [], templates))).toEqual(['Check-in', undefined]);
    expect(replyTemplateFor('none', ['cancellation'], templates)).toBeUndefined();
  });
});
