import { GAS_ERRORS } from '../../src/local/standins';
import { makeWorld } from './helpers';

const seed = {
  id: 'm1',
  threadId: 't1',
  from: 'Ann Lee <ann@acme.io>',
  to: ['am@nimbus.example', 'cs@nimbus.example'],
  cc: 'boss@acme.io',
  subject: 'Cancel my plan',
  date: '2026-11-19T08:00:00Z',
  plainBody: 'Please cancel.',
  htmlBody: '<p>Please cancel.</p>',
};

describe('GmailApp stand-in', () => {
  it('needs the current message access token before reading the open message', () => {
    const { world } = makeWorld();
    world.gmail.seed([seed]);
    const gmail = world.startExecution().globals.GmailApp;
    expect(() => gmail.getMessageById('m1')).toThrow(GAS_ERRORS.gmailNoToken);
    gmail.setCurrentMessageAccessToken('tok');
    const m = gmail.getMessageById('m1');
    expect([
      m.getId(),
      m.getFrom(),
      m.getTo(),
      m.getCc(),
      m.getSubject(),
      m.getPlainBody(),
      m.getBody(),
    ]).toEqual([
      'm1',
      'Ann Lee <ann@acme.io>',
      'am@nimbus.example, cs@nimbus.example',
      'boss@acme.io',
      'Cancel my plan',
      'Please cancel.',
      '<p>Please cancel.</p>',
    ]);
    expect(m.getDate()).toEqual(new Date('2026-11-19T08:00:00Z'));
    expect(m.getThread().getId()).toBe('t1');
    expect(m.getThread().getFirstMessageSubject()).toBe('Cancel my plan');
    expect(() => gmail.getMessageById('nope')).toThrow(GAS_ERRORS.gmailNoMessage('nope'));
    // The token belongs to one execution: the next one must set it again.
    expect(() => world.startExecution().globals.GmailApp.getMessageById('m1')).toThrow(
      GAS_ERRORS.gmailNoToken,
    );
  });

  it("accepts only the message's own token when the seed gives one", () => {
    const { world } = makeWorld();
    world.gmail.seed([
      { ...seed, accessToken: 'tok-m1' },
      { ...seed, id: 'm2', threadId: 'm2', accessToken: 'tok-m2' },
    ]);
    const gmail = world.startExecution().globals.GmailApp;
    gmail.setCurrentMessageAccessToken('tok-m2');
    expect(() => gmail.getMessageById('m1')).toThrow(GAS_ERRORS.gmailBadToken);
    gmail.setCurrentMessageAccessToken('tok-m1');
    expect(gmail.getMessageById('m1').getId()).toBe('m1');
  });

  it('records reply drafts to the sender with "Re:" and returns their ID', () => {
    const { world } = makeWorld();
    world.gmail.seed([
      seed,
      { ...seed, id: 'm3', threadId: 'm3', replyTo: 'billing@acme.io', subject: 'Re: Invoice' },
    ]);
    const gmail = world.startExecution().globals.GmailApp;
    gmail.setCurrentMessageAccessToken('tok');
    const draft = gmail
      .getMessageById('m1')
      .createDraftReply('Sorry to hear that', { htmlBody: '<p>Sorry</p>' });
    expect(draft.getId()).toMatch(/^r-\d+$/);
    gmail.getMessageById('m3').createDraftReply('On it');
    expect(world.gmail.drafts).toMatchObject([
      {
        id: draft.getId(),
        threadId: 't1',
        replyToMessageId: 'm1',
        user: 'am@nimbus.example',
        to: 'Ann Lee <ann@acme.io>',
        subject: 'Re: Cancel my plan',
        body: 'Sorry to hear that',
        htmlBody: '<p>Sorry</p>',
      },
      { to: 'billing@acme.io', subject: 'Re: Invoice', body: 'On it' },
    ]);
  });
});
