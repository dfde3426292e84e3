/**
 * Issue 20, "Customers get mail in their language", through the campaign wizard on the stand-ins: each
 * recipient's variant is chosen at audience time (the Language column, else the language of their
 * last email the sidebar read, else the team's default), counted on the preview, written to the
 * Campaigns tab's Language column, and sent through the composer to MailApp with every letter intact.
 */
import { buildMessageCards } from '../../src/app/handlers/message';
import { parseAddonEvent } from '../../src/app/events';
import { CAMPAIGNS_TAB, readLog } from '../../src/core/campaigns/log';
import type { Card, Widget } from '../../src/ui/card/types';
import { act } from '../helpers/stand-in-context';
import { hotelCampaignContext } from '../helpers/hotel-segment-world';
import { shownCard } from '../helpers/shown-card';

const header = ['Email', 'Name', 'Company', 'Industry', 'MRR', 'Status', 'Language'];
const customers = [
  header,
  ['aigerim@astana.example', 'Айгерім Сәтбаева', 'Астана Қонақүй', 'Hotels', 900, 'Active', 'қазақша'],
  ['ilkay@izmir.example', 'ilkay ışık', 'İzmir Işıklar Otel', 'Hotels', 800, 'Active', 'tr'],
  ['ivan@volga.example', 'Иван Петров', 'Волга Отель', 'Hotels', 700, 'Active', 'Russian'],
  ['dana@almaty.example', 'Дана Ахметова', 'Алматы Үй', 'Hotels', 600, 'Active', ''],
  ['emma@bright.example', 'Emma Walker', 'Bright Hotel', 'Hotels', 500, 'Active', ''],
];

const templates = [
  ['Name', 'Subject', 'Body', 'Segment', 'Offer', 'Language'],
  [
    'Relief',
    'A payment holiday for {{Company}}',
    'Hi {{First name|there}},\n\n{{Offer}} for {{Company}}.',
    '',
    'Pause payments',
    '',
  ],
  [
    'Relief',
    '{{Company}} үшін төлем демалысы',
    'Сәлеметсіз бе, {{First name|құрметті серіктес}}!\n\n{{Company}}: {{Offer}}.',
    '',
    'Төлемдерді тоқтату',
    'kk',
  ],
  [
    'Relief',
    'Sayın {{Name|upper}}: ödeme tatili',
    'Merhaba {{First name|değerli müşterimiz}},\n\n{{Company}} için {{Offer}}.',
    '',
    'Ödemeleri durdurma',
    'tr',
  ],
];

function world() {
  const w = hotelCampaignContext(customers, {
    segment: 'Hotels',
    playbook: '',
    templates,
    settingsRows: [
      ['Holdout %', '0'],
      ['Default language', 'en'],
    ],
  });
  // Dana has no Language: the sidebar reads her Kazakh email and learns it.
  w.world.gmail.seed([
    {
      id: 'm-dana',
      from: 'Дана Ахметова <dana@almaty.example>',
      to: 'am@nimbus.example',
      subject: 'Төлем мерзімі',
      date: '2026-11-19T09:00:00Z',
      plainBody:
        'Сәлеметсіз бе! Қазір қаржылық жағдайымыз қиын. Төлемді келесі айға кейінге қалдыруға бола ма? Рахмет.',
      accessToken: 'tok-dana',
    },
  ]);
  return w;
}

const widgets = (c: Card): Widget[] => c.sections.flatMap((s) => s.widgets);
const texts = (c: Card) => JSON.stringify(widgets(c));
const preview = (w: ReturnType<typeof world>, index = 0) =>
  shownCard(
    act(
      w.ctx(),
      'previewCampaign',
      { segment: 'Hotels', index: String(index) },
      { campaignName: 'Relief', campaignTemplate: 'Relief' },
    ),
  );

describe('a campaign in each customer’s language', () => {
  it('counts the variants and the fallbacks on the audience check, and shows each recipient’s variant', () => {
    const w = world();
    const card = preview(w);
    expect(texts(card)).toContain('English 3 · Kazakh 1 · Turkish 1');
    expect(texts(card)).toContain('1 gets English: no variant in Russian');
    // Learning Dana's language from her email moves her to the Kazakh variant.
    buildMessageCards(
      w.ctx(),
      parseAddonEvent({
        commonEventObject: { hostApp: 'GMAIL' },
        gmail: { messageId: 'm-dana', accessToken: 'tok-dana' },
      }),
    );
    const after = preview(w);
    expect(texts(after)).toContain('English 2 · Kazakh 2 · Turkish 1');
    const shown = [0, 1, 2, 3, 4].map((i) => {
      const ws = widgets(preview(w, i));
      const value = (label: string) => {
        const x = ws.find((v) => v.kind === 'decoratedText' && v.topLabel === label);
        return x && x.kind === 'decoratedText' ? String(x.text) : '';
      };
      return [value('To'), value('Language')];
    });
    expect(Object.fromEntries(shown)).toEqual({
      'aigerim@astana.example': 'Kazakh',
      'ilkay@izmir.example': 'Turkish',
      'ivan@volga.example': 'English (no variant in Russian)',
      'dana@almaty.example': 'Kazakh',
      'emma@bright.example': 'English',
    });
  });

  it('a Kazakh customer receives the Kazakh variant, logged in the Language column, letters intact in MailApp', () => {
    const w = world();
    buildMessageCards(
      w.ctx(),
      parseAddonEvent({
        commonEventObject: { hostApp: 'GMAIL' },
        gmail: { messageId: 'm-dana', accessToken: 'tok-dana' },
      }),
    );
    const card = preview(w);
    const start = widgets(card)
      .flatMap((x) => (x.kind === 'buttonSet' ? x.buttons : []))
      .find((b) => /^Start sending to/.test(b.text));
    if (!start || start.onClick.kind !== 'action') throw new Error('no start button');
    act(w.ctx(), 'startCampaign', start.onClick.action.params ?? {});
    const sent = new Map(w.world.mail.outbox.map((m) => [m.to[0]!, m]));
    expect(sent.size).toBe(5);
    expect(sent.get('aigerim@astana.example')).toMatchObject({
      subject: 'Астана Қонақүй үшін төлем демалысы',
      body: expect.stringContaining('Сәлеметсіз бе, Айгерім!\n\nАстана Қонақүй: Төлемдерді тоқтату.'),
    });
    expect(sent.get('aigerim@astana.example')!.htmlBody).toContain('Астана Қонақүй: Төлемдерді тоқтату.');
    expect(sent.get('dana@almaty.example')!.subject).toBe('Алматы Үй үшін төлем демалысы');
    // Turkish case mapping in the Turkish variant: "ilkay ışık" upper-cases to "İLKAY IŞIK".
    expect(sent.get('ilkay@izmir.example')!.subject).toBe('Sayın İLKAY IŞIK: ödeme tatili');
    expect(sent.get('ilkay@izmir.example')!.htmlBody).toContain(
      'İzmir Işıklar Otel için Ödemeleri durdurma.',
    );
    expect(sent.get('ivan@volga.example')!.subject).toBe('A payment holiday for Волга Отель');
    const log = readLog(w.ss.sheet(CAMPAIGNS_TAB)!.toValues());
    expect(Object.fromEntries(log.recipients.map((r) => [r.email, r.language]))).toEqual({
      'aigerim@astana.example': 'kk',
      'ilkay@izmir.example': 'tr',
      'ivan@volga.example': 'en',
      'dana@almaty.example': 'kk',
      'emma@bright.example': 'en',
    });
  });
});
