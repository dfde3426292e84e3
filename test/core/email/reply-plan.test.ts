import { planCustomerReply, replySubject, replyTargetOf } from '../../../src/core/email/reply-plan';

const msg = (id: string, from: string, dateMs: number, replyTo = '') => ({ id, from, replyTo, dateMs });

describe('planCustomerReply: a reply that reaches the customer', () => {
  const customer = 'Ana Díaz <ana@acme.example>';

  it('replies to the open message when the customer wrote it', () => {
    const open = { ...msg('m2', 'Ana <ANA@acme.example>', 2), subject: 'Renewal' };
    expect(planCustomerReply(customer, open, [msg('m1', 'me@corp.example', 1), open])).toEqual({
      kind: 'replyToMessage',
      messageId: 'm2',
    });
  });

  it('on a message the manager sent, anchors on the newest message from the customer', () => {
    const open = { ...msg('m4', 'Me <me@corp.example>', 4), subject: 'Re: Renewal' };
    const thread = [
      msg('m1', 'ana@acme.example', 1),
      msg('m2', 'me@corp.example', 2),
      msg('m3', 'Ana <ana@acme.example>', 3),
      open,
    ];
    expect(planCustomerReply('ana@acme.example', open, thread)).toEqual({
      kind: 'replyToMessage',
      messageId: 'm3',
    });
  });

  it('counts a message whose Reply-To is the customer (a web form) and skips one whose Reply-To is not', () => {
    const open = { ...msg('m3', 'me@corp.example', 3), subject: 'Hello' };
    const thread = [
      msg('m1', 'forms@vendor.example', 1, 'ana@acme.example'),
      msg('m2', 'ana@acme.example', 2, 'billing@elsewhere.example'),
      open,
    ];
    expect(replyTargetOf(thread[1]!)).toBe('billing@elsewhere.example');
    expect(planCustomerReply(customer, open, thread)).toEqual({ kind: 'replyToMessage', messageId: 'm1' });
  });

  it('drafts anew to the customer, keeping the subject, when they never wrote in the thread', () => {
    const open = { ...msg('m1', 'me@corp.example', 1), subject: 'Your renewal' };
    expect(planCustomerReply(customer, open, [open])).toEqual({
      kind: 'newDraft',
      to: 'ana@acme.example',
      subject: 'Re: Your renewal',
    });
  });

  it('refuses an address it cannot reply to', () => {
    const open = { ...msg('m1', 'me@corp.example', 1), subject: 'x' };
    expect(() => planCustomerReply('not an address', open, [open])).toThrow(/not an email address/);
  });
});

describe('replySubject', () => {
  it.each([
    ['Renewal', 'Re: Renewal'],
    ['Re: Renewal', 'Re: Renewal'],
    ['RE:Renewal', 'RE:Renewal'],
    ['  Spaces ', 'Re: Spaces'],
  ])('%j → %j', (subject, expected) => expect(replySubject(subject)).toBe(expected));
});
