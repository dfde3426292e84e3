/**
 * The sidebar's next best move and its one-click reply, on the stand-ins: the recommendation follows
 * what the email says and the customer's crisis impact, the button drafts the matching template
 * merged for the customer, and a template that cannot be merged says which cell to fix.
 */
import { buildMessageCards } from '../../src/app/handlers/message';
import { buildHomepage } from '../../src/app/handlers/home';
import { dispatchAction } from '../../src/app/dispatcher';
import { parseAddonEvent } from '../../src/app/events';
import { readEmailSignals } from '../../src/app/watch/email-signals';
import { DEFAULT_TEMPLATES } from '../../src/core/templates';
import type { Card, Widget } from '../../src/ui/card/types';
import { standInContext } from '../helpers/stand-in-context';

const HEADERS = ['Email', 'Name', 'Company', 'Industry', 'Plan', 'MRR', 'Last activity', 'Days late', 'NPS'];
const customers = [
  HEADERS,
  ['ola@fjord-hotels.example', 'Ola Nordmann', 'Fjord Hotels', 'Hotels', 'Pro', 900, "'2026-11-18", 20, 4],
  [
    'ana@swift-delivery.example',
    'Ana Lima',
    'Swift Delivery',
    'Delivery',
    'Starter',
    80,
    "'2026-11-19",
    0,
    9,
  ],
  ['no.name@quiet.example', '', 'Quiet Co', 'Retail', 'Pro', 300, "'2026-11-10", 0, 7],
];

function world(templates: unknown[][] = DEFAULT_TEMPLATES.map((r) => [...r])) {
  const w = standInContext(customers, {
    tabs: {
      Templates: templates,
      Settings: [
        ['Setting', 'Value'],
        ['Sender name', 'Sofia Am'],
      ],
    },
  });
  // The homepage reads every customer and stores the value lines the guard rails use.
  buildHomepage(w.ctx());
  return w;
}

function seed(w: ReturnType<typeof world>, from: string, subject: string, body: string) {
  w.world.gmail.seed([
    {
      id: 'm1',
      threadId: 't1',
      from,
      to: 'am@nimbus.example',
      subject,
      date: '2026-11-20T09:00:00Z',
      plainBody: body,
      accessToken: 'token-m1',
    },
  ]);
  return { messageId: 'm1', accessToken: 'token-m1' };
}

const widgets = (card: Card): Widget[] => card.sections.flatMap((s) => s.widgets);
const nextMove = (card: Card) =>
  widgets(card).find((w) => w.kind === 'decoratedText' && w.topLabel === 'Next best move');
const draftButton = (card: Card) =>
  widgets(card)
    .flatMap((w) => (w.kind === 'buttonSet' ? w.buttons : []))
    .find((b) => b.text.startsWith('Draft reply'));

describe('next best move in the sidebar', () => {
  it('offers a payment holiday to a hard-hit customer asking to delay payment, and drafts it merged', () => {
    const w = world();
    const gmail = seed(
      w,
      'Ola Nordmann <ola@fjord-hotels.example>',
      'Invoice',
      'Could we postpone this month’s payment? Bookings have collapsed.',
    );
    const ctx = w.ctx();
    const [card] = buildMessageCards(
      ctx,
      parseAddonEvent({ commonEventObject: { hostApp: 'GMAIL' }, gmail }),
    );
    const move = nextMove(card!);
    expect(move && move.kind === 'decoratedText' && JSON.stringify(move.text)).toMatch(/Payment holiday/);
    const button = draftButton(card!);
    expect(button?.onClick).toMatchObject({
      kind: 'compose',
      action: { params: { email: 'ola@fjord-hotels.example', template: 'Payment holiday' } },
    });

    const response = dispatchAction(
      w.ctx(),
      parseAddonEvent({
        commonEventObject: {
          hostApp: 'GMAIL',
          parameters: {
            action: 'draftReply',
            email: 'ola@fjord-hotels.example',
            template: 'Payment holiday',
          },
        },
        gmail,
      }),
    );
    expect(response.kind).toBe('draftReply');
    if (response.kind !== 'draftReply') return;
    expect(response.draft.to).toEqual(['ola@fjord-hotels.example']);
    // A reply in the thread: "Re: <the customer's subject>", not the template's own subject (issue 20).
    expect(response.draft.subject).toBe('Re: Invoice');
    expect(response.draft.textBody).toMatch(/^Hi Ola,/);
    expect(response.draft.textBody).toMatch(/Sofia Am/);
    expect(response.draft.htmlBody).toContain('<b>pause your $900 monthly payment');
    // The churn signal is queued for the daily scan's alerts, once per message.
    buildMessageCards(w.ctx(), parseAddonEvent({ commonEventObject: { hostApp: 'GMAIL' }, gmail }));
    expect(readEmailSignals(w.ctx().userStore)).toEqual([
      expect.objectContaining({ email: 'ola@fjord-hotels.example', messageId: 'm1', day: '2026-11-20' }),
    ]);
  });

  it('shows the lifetime value to date beside the facts', () => {
    const w = standInContext([
      ['Email', 'Name', 'MRR', 'Start date'],
      ['ltv@x.example', 'L', 250, new Date('2025-11-20T00:00:00Z')],
    ]);
    const gmail = seed(w as ReturnType<typeof world>, 'ltv@x.example', 'Hi', 'Hello');
    const [card] = buildMessageCards(
      w.ctx(),
      parseAddonEvent({ commonEventObject: { hostApp: 'GMAIL' }, gmail }),
    );
    const ltv = widgets(card!).find((x) => x.kind === 'decoratedText' && x.topLabel === 'Lifetime value');
    expect(ltv && ltv.kind === 'decoratedText' && ltv.text).toMatch(
      /^\$3,00\d to date \(12 months × \$250\)$/,
    );
  });

  it('suggests an upsell for a booming customer asking about more seats', () => {
    const w = world();
    const gmail = seed(
      w,
      'Ana Lima <ana@swift-delivery.example>',
      'More seats',
      'We are hiring fast and need 20 more seats next month. What would that cost?',
    );
    const [card] = buildMessageCards(
      w.ctx(),
      parseAddonEvent({ commonEventObject: { hostApp: 'GMAIL' }, gmail }),
    );
    const move = nextMove(card!);
    expect(move && move.kind === 'decoratedText' && JSON.stringify(move.text)).toMatch(/Upsell/);
    expect(draftButton(card!)?.text).toBe('Draft reply: Upsell');
    expect(readEmailSignals(w.ctx().userStore)).toEqual([]);
  });

  it('asks for the missing template instead of a button, and names the empty field when a merge cannot fill it', () => {
    const noHoliday = DEFAULT_TEMPLATES.filter((r) => r[0] !== 'Payment holiday').map((r) => [...r]);
    const w = world(noHoliday);
    const gmail = seed(w, 'ola@fjord-hotels.example', 'Invoice', 'Can we delay the payment by a month?');
    const [card] = buildMessageCards(
      w.ctx(),
      parseAddonEvent({ commonEventObject: { hostApp: 'GMAIL' }, gmail }),
    );
    expect(draftButton(card!)).toBeUndefined();
    expect(JSON.stringify(card)).toMatch(/Add a \\"Payment holiday\\" template to the Templates tab/);

    const strict = world([
      ['Name', 'Subject', 'Body'],
      ['Check-in', 'Hello {{First name}}', 'Hi {{First name}}'],
    ]);
    const quiet = seed(strict, 'no.name@quiet.example', 'Hi', 'Hello');
    expect(() =>
      dispatchAction(
        strict.ctx(),
        parseAddonEvent({
          commonEventObject: {
            hostApp: 'GMAIL',
            parameters: { action: 'draftReply', email: 'no.name@quiet.example', template: 'Check-in' },
          },
          gmail: quiet,
        }),
      ),
    ).toThrow(
      /First name is blank for 1 recipient: fill the cells in Customers, row 4, or give \{\{First name\}\} a fallback/,
    );
  });
});
