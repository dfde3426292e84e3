/**
 * What Google's documentation says about subjects and HTML bodies, enforced by the stand-ins:
 * MailApp.sendEmail's subject is at most 250 characters and one line
 * (https://developers.google.com/apps-script/reference/mail/mail-app#sendEmail(String,String,String,Object)),
 * and GmailMessage.createDraftReply's `subject` option is "a new subject line for the email (250
 * characters maximum)" (https://developers.google.com/apps-script/reference/gmail/gmail-message#createDraftReply(String,Object)).
 */
import { GAS_ERRORS } from '../../src/local/standins';
import { makeWorld } from './helpers';

const seed = {
  id: 'm1',
  threadId: 't1',
  from: 'Айгүл <aygul@shymkent.example>',
  to: 'am@nimbus.example',
  subject: 'Келісімшарт туралы',
  date: '2026-11-19T08:00:00Z',
  plainBody: 'Келесі жылға ұзартпаймыз.',
};

describe('subjects as Google documents them', () => {
  it('MailApp takes a 250-character subject in any script, and refuses 251', () => {
    const { world } = makeWorld();
    const mail = world.startExecution().globals.MailApp;
    const kazakh = 'әғқңөұүһі İı '.repeat(25).slice(0, 250);
    mail.sendEmail({ to: 'a@x.io', subject: kazakh, body: 'x', htmlBody: '<p>Сәлем</p>' });
    expect(world.mail.outbox[0]).toMatchObject({ subject: kazakh, htmlBody: '<p>Сәлем</p>' });
    expect(() => mail.sendEmail({ to: 'a@x.io', subject: `${kazakh}x`, body: 'x' })).toThrow(
      GAS_ERRORS.invalidArgument('subject'),
    );
  });

  it('createDraftReply keeps the thread\'s "Re:" subject, takes a new one up to 250 characters, refuses more', () => {
    const { world } = makeWorld();
    world.gmail.seed([seed]);
    const gmail = world.startExecution().globals.GmailApp;
    gmail.setCurrentMessageAccessToken('tok');
    const open = gmail.getMessageById('m1');
    open.createDraftReply('Сәлеметсіз бе!');
    open.createDraftReply('Сәлеметсіз бе!', {
      subject: 'Re: Келісімшарт туралы',
      htmlBody: '<p>Сәлеметсіз бе!</p>',
    });
    expect(world.gmail.drafts.map((d) => d.subject)).toEqual([
      'Re: Келісімшарт туралы',
      'Re: Келісімшарт туралы',
    ]);
    expect(() => open.createDraftReply('x', { subject: 'ә'.repeat(251) })).toThrow(
      GAS_ERRORS.invalidArgument('subject'),
    );
    expect(() => open.createDraftReply('x', { subject: 'Re: x\r\nBcc: y@z.io' })).toThrow(
      GAS_ERRORS.invalidArgument('subject'),
    );
    expect(world.gmail.drafts).toHaveLength(2);
  });
});
