/**
 * Issue 20, "Draft replies that fit what the customer said", on the stand-ins: the sidebar's Draft
 * reply follows the email's intent within the guard rails (a save offer for a cancellation or
 * non-renewal, the comparison for a competitor, relief for a payment request), answers in the thread
 * under "Re: <subject>" (never "Re: Re:"), and in the language the customer wrote in.
 */
import { buildMessageCards } from '../../src/app/handlers/message';
import { buildHomepage } from '../../src/app/handlers/home';
import { dispatchAction } from '../../src/app/dispatcher';
import { parseAddonEvent } from '../../src/app/events';
import { createCustomerDraft } from '../../src/gas/customer-draft';
import type { Card, Draft } from '../../src/ui/card/types';
import { standInContext } from '../helpers/stand-in-context';

const HEADERS = ['Email', 'Name', 'Company', 'Industry', 'Plan', 'MRR', 'Last activity', 'Language'];
const customers = [
  HEADERS,
  ['chloe@bluebird.example', 'Chloe Turner', 'Bluebird Live', 'Software', 'Pro', 60, "'2026-11-18", ''],
  ['big@anchor.example', 'Bea Anchor', 'Anchor Corp', 'Software', 'Enterprise', 5000, "'2026-11-18", ''],
  ['aygul@shymkent.example', 'Айгүл Оспанова', 'Шымкент Лайв', 'Software', 'Pro', 70, "'2026-11-18", 'en'],
  ['elif@kapadokya.example', 'Elif Arslan', 'Kapadokya Air', 'Software', 'Pro', 65, "'2026-11-18", ''],
  // Enough ordinary customers for value lines that leave the small ones below the discount line.
  ...Array.from({ length: 12 }, (_, i) => [
    `c${i}@x.example`,
    `C ${i}`,
    `Co ${i}`,
    'Software',
    'Pro',
    100 * (i + 1),
    "'2026-11-18",
    '',
  ]),
];

const TEMPLATES = [
  ['Name', 'Subject', 'Body', 'Segment', 'Offer', 'Language'],
  ['Check-in', 'Quick check-in', 'Hi {{First name|there}}, how are things at {{Company}}?', '', '', ''],
  [
    'Discount',
    '{{Company}}: {{Offer}}',
    'Hi {{First name|there}}, {{Offer}}.',
    '',
    '30% off for 6 months',
    '',
  ],
  ['Discount', '{{Company}}: {{Offer}}', 'Сәлеметсіз бе! {{Offer}}.', '', 'алты айға 30% жеңілдік', 'kk'],
  [
    'Save offer',
    'Before you decide',
    'Hi {{First name|there}}, before you decide: {{Offer|a free review of your plan}}.',
    '',
    '',
    '',
  ],
  [
    'Save offer',
    'Шешім қабылдамас бұрын',
    'Сәлеметсіз бе, {{First name|құрметті серіктес}}! Шешім қабылдамас бұрын: {{Offer|тарифіңізді тегін қарап шығайық}}.',
    '',
    '',
    'kk',
  ],
  [
    'Competitor comparison',
    'How we compare',
    'Hi {{First name|there}}, before you switch, here is how we compare.',
    '',
    '',
    '',
  ],
  ['Payment holiday', 'A payment holiday', 'Hi {{First name|there}}, we can pause payments.', '', '', ''],
];

function world() {
  const w = standInContext(customers, {
    tabs: { Templates: TEMPLATES, Settings: [['Setting', 'Value']] },
  });
  buildHomepage(w.ctx()); // the value lines the guard rails read
  return w;
}

function open(w: ReturnType<typeof world>, from: string, subject: string, body: string) {
  const id = `m${w.world.gmail.messages.size + 1}`;
  w.world.gmail.seed([
    {
      id,
      threadId: `t-${id}`,
      from,
      to: 'am@nimbus.example',
      subject,
      date: '2026-11-20T09:00:00Z',
      plainBody: body,
      accessToken: `tok-${id}`,
    },
  ]);
  const gmail = { messageId: id, accessToken: `tok-${id}` };
  const [card] = buildMessageCards(
    w.ctx(),
    parseAddonEvent({ commonEventObject: { hostApp: 'GMAIL' }, gmail }),
  );
  return { card: card!, gmail };
}

function draftButton(card: Card) {
  const b = card.sections
    .flatMap((s) => s.widgets)
    .flatMap((x) => (x.kind === 'buttonSet' ? x.buttons : []))
    .find((x) => x.text.startsWith('Draft reply'));
  if (!b || b.onClick.kind !== 'compose') throw new Error('no Draft reply button');
  return b.onClick.action.params as Record<string, string>;
}

/** Presses Draft reply as Gmail would, and makes the Gmail draft as production does. */
function pressDraft(
  w: ReturnType<typeof world>,
  opened: ReturnType<typeof open>,
): { draft: Draft; gmail: (typeof w.world.gmail.drafts)[number] } {
  const params = draftButton(opened.card);
  const event = {
    commonEventObject: { hostApp: 'GMAIL', parameters: { action: 'draftReply', ...params } },
    gmail: opened.gmail,
  };
  const response = dispatchAction(w.ctx(), parseAddonEvent(event));
  if (response.kind !== 'draftReply') throw new Error(`not a draft: ${JSON.stringify(response)}`);
  createCustomerDraft(w.world.startExecution({ kind: 'card' }).globals.GmailApp, event, response.draft);
  return { draft: response.draft, gmail: w.world.gmail.drafts[w.world.gmail.drafts.length - 1]! };
}

describe('a reply that fits what the customer said', () => {
  it('a cancellation email produces a save-offer reply in the thread, "Re: <subject>"', () => {
    const w = world();
    const opened = open(
      w,
      'Chloe Turner <chloe@bluebird.example>',
      'Re: Your renewal on 16 January',
      'Hello Sofia, thanks for the reminder. We have decided we will not renew the contract.',
    );
    expect(draftButton(opened.card)).toMatchObject({ template: 'Save offer' });
    const { draft, gmail } = pressDraft(w, opened);
    expect(draft.subject).toBe('Re: Your renewal on 16 January');
    expect(draft.textBody).toBe('Hi Chloe, before you decide: a free review of your plan.');
    expect(gmail).toMatchObject({
      threadId: 't-m1',
      replyToMessageId: 'm1',
      to: 'Chloe Turner <chloe@bluebird.example>',
      subject: 'Re: Your renewal on 16 January',
    });
  });

  it('a valuable customer who cancels gets the save offer with the discount the guard rails allow', () => {
    const w = world();
    const opened = open(
      w,
      'big@anchor.example',
      'Cancellation',
      'Hi, we want to cancel our subscription at the end of the month.',
    );
    expect(draftButton(opened.card)).toMatchObject({ template: 'Save offer', offer: 'Discount' });
    const { draft } = pressDraft(w, opened);
    expect(draft.subject).toBe('Re: Cancellation');
    expect(draft.textBody).toBe('Hi Bea, before you decide: 30% off for 6 months.');
  });

  it('a button that names a discount the guard rails refuse drafts no discount', () => {
    const w = world();
    const opened = open(
      w,
      'Chloe Turner <chloe@bluebird.example>',
      'Cancel',
      'We want to cancel our subscription.',
    );
    const event = {
      commonEventObject: {
        hostApp: 'GMAIL',
        parameters: {
          action: 'draftReply',
          email: 'chloe@bluebird.example',
          template: 'Save offer',
          offer: 'Discount',
        },
      },
      gmail: opened.gmail,
    };
    const response = dispatchAction(w.ctx(), parseAddonEvent(event));
    expect(response.kind === 'draftReply' && response.draft.textBody).toBe(
      'Hi Chloe, before you decide: a free review of your plan.',
    );
  });

  it('answers in the language of the email: a Kazakh non-renewal gets the Kazakh save offer', () => {
    const w = world();
    const opened = open(
      w,
      'Айгүл Оспанова <aygul@shymkent.example>',
      'Келісімшарт туралы',
      'Сәлеметсіз бе! Келесі жылға келісімшартты ұзартпаймыз, себебі туристік маусым болмады. Рахмет.',
    );
    expect(draftButton(opened.card)).toMatchObject({ template: 'Save offer' });
    const { draft, gmail } = pressDraft(w, opened);
    expect(draft.subject).toBe('Re: Келісімшарт туралы');
    expect(draft.textBody).toBe(
      'Сәлеметсіз бе, Айгүл! Шешім қабылдамас бұрын: тарифіңізді тегін қарап шығайық.',
    );
    expect(gmail.subject).toBe('Re: Келісімшарт туралы');
  });

  it('a switch to a competitor gets the comparison', () => {
    const w = world();
    const competitor = open(
      w,
      'elif@kapadokya.example',
      'Provider change',
      'Hello, management decided we are switching to another provider because it is cheaper.',
    );
    expect(draftButton(competitor.card)).toMatchObject({ template: 'Competitor comparison' });
    expect(pressDraft(w, competitor).draft.subject).toBe('Re: Provider change');
  });
});
