/**
 * "Draft reply" through build/Code.js on Gmail's contracts: the draft reaches the customer the card is
 * about, keeps the thread and "Re:", on messages the manager sent too; errors still answer with a draft.
 */
import { AddonHost, clickablesOf, type HostResult } from '../../src/local/standins/addon-host';
import { readBundle } from '../helpers/bundle-vm';
import { sampleManifest, sampleWorld, USER } from './crawl-world';

function draftReplyFrom(card: HostResult) {
  const button = card.cards.flatMap(clickablesOf).find((c) => c.parameters.action === 'draftReply');
  if (!button) throw new Error(`no Draft reply button on ${card.cards.map((c) => c.name).join(', ')}`);
  return button;
}

describe('Draft reply reaches the customer', () => {
  const code = readBundle();
  const manifest = sampleManifest();

  function open(messageId: string) {
    const w = sampleWorld();
    const host = new AddonHost(w.world, manifest, code);
    const m = w.inbox.find((x) => x.id === messageId)!;
    return { w, host, card: host.openMessage(m.id, m.threadId) };
  }

  it('on the customer’s own message: a reply in their thread', () => {
    const { w, host, card } = open('msg-001');
    const result = host.click(draftReplyFrom(card), card);
    expect(result.type).toBe('ComposeActionResponse');
    const draft = w.world.gmail.drafts.find((d) => d.id === result.draftId)!;
    expect(draft).toMatchObject({ threadId: 'thread-001', replyToMessageId: 'msg-001' });
    expect(draft.to).toContain('chloe.turner@bluebird-live.example');
    expect(draft.subject).toBe('Re: Your renewal on 16 January');
  });

  it('on a message the manager sent in the customer’s thread: a reply to the customer’s message, not to the manager', () => {
    const { w, host, card } = open('msg-sent-reply');
    const result = host.click(draftReplyFrom(card), card);
    const draft = w.world.gmail.drafts.find((d) => d.id === result.draftId)!;
    expect(draft.to).not.toContain(USER);
    expect(draft.to).toContain('chloe.turner@bluebird-live.example');
    expect(draft).toMatchObject({ threadId: 'thread-001', replyToMessageId: 'msg-001' });
    expect(draft.subject).toMatch(/^Re: /);
  });

  it('on a thread the customer never answered: a new draft to them with "Re:" and the thread’s subject', () => {
    const { w, host, card } = open('msg-sent-first');
    const result = host.click(draftReplyFrom(card), card);
    const draft = w.world.gmail.drafts.find((d) => d.id === result.draftId)!;
    expect(draft).toMatchObject({ to: 'liam.turner@bluebird-journeys.example', subject: 'Re: Checking in' });
  });

  it('a template removed after the card was shown still answers with a draft, which says what went wrong', () => {
    const { w, host, card } = open('msg-001');
    const button = draftReplyFrom(card);
    const result = host.click(
      { ...button, parameters: { ...button.parameters, template: 'No such template' } },
      card,
    );
    expect(result.type).toBe('ComposeActionResponse');
    const draft = w.world.gmail.drafts.find((d) => d.id === result.draftId)!;
    expect(draft.body).toMatch(/^\[ChurnGuard could not fill in this reply: .*No such template/s);
    expect(draft.to).toContain('chloe.turner@bluebird-live.example');
  });

  it('Gmail refuses a draft made outside a compose action (the stand-in enforces the compose scope)', () => {
    const { w } = open('msg-001');
    const execution = w.world.startExecution();
    execution.invocation = 'cardAction';
    const gmail = execution.globals.GmailApp;
    gmail.setCurrentMessageAccessToken('token-for-msg-001');
    expect(() => gmail.getMessageById('msg-001').createDraftReply('hi')).toThrow(/only in a compose action/);
    execution.end();
  });
});

describe('Insert retention offer (an action in the compose window)', () => {
  it('inserts into the draft, and on a bad input answers with a toast Gmail accepts there', () => {
    const w = sampleWorld();
    const host = new AddonHost(w.world, sampleManifest(), readBundle());
    const compose = host.compose(['chloe.turner@bluebird-live.example']);
    const insert = compose.cards.flatMap(clickablesOf).find((c) => c.parameters.action === 'insertOffer')!;
    const ok = host.click(insert, compose);
    expect(ok.invocation).toBe('composeUiAction');
    expect(ok.type).toBe('UpdateDraftActionResponse');
    const bad = host.click(insert, compose, { offerTemplate: ['No such template'] });
    expect(bad.type).toBe('ActionResponse');
    expect(bad.notification).toMatch(/No such template/);
    expect(bad.cards).toEqual([]);
  });
});

describe('Draft reply without an open message', () => {
  it('still answers the compose action with a draft: a new one to the customer', () => {
    const w = sampleWorld();
    const host = new AddonHost(w.world, sampleManifest(), readBundle());
    const result = host.click(
      {
        label: 'Draft reply',
        wiring: 'compose',
        functionName: 'onCardAction',
        parameters: {
          action: 'draftReply',
          email: 'chloe.turner@bluebird-live.example',
          template: 'Check-in',
        },
        card: { sections: [] },
      },
      { surface: 'sidebar' },
    );
    expect(result.type).toBe('ComposeActionResponse');
    const draft = w.world.gmail.drafts.find((d) => d.id === result.draftId)!;
    expect(draft).toMatchObject({ to: 'chloe.turner@bluebird-live.example', replyToMessageId: '' });
  });
});
