/**
 * Issue 20, "Customers get mail in their language": the Templates tab's Language column, the choice of
 * a variant per customer, and merges in Cyrillic, Kazakh and Turkish that keep every letter.
 */
import type { Customer } from '../../../src/core/customers/customer';
import { mergeTemplate, readTemplates } from '../../../src/core/templates';
import { foldName, parseLanguage } from '../../../src/core/templates/languages';
import {
  chooseVariant,
  countChoice,
  customerLanguage,
  emptyTally,
  fallbackLines,
} from '../../../src/core/templates/variants';
import { readTeamSettings } from '../../../src/core/settings/team-settings';
import { MERGE_CTX } from '../../helpers/merge-context';

const customer = (raw: Record<string, unknown>, email = 'c@x.example'): Customer => ({
  row: 4,
  email,
  tags: [],
  status: 'active',
  unsubscribed: false,
  raw: { Email: email, ...raw },
});

const TAB = [
  ['Name', 'Subject', 'Body', 'Segment', 'Offer', 'Language'],
  ['Discount', '{{Company}}: {{Offer}}', 'Hi {{First name|there}}, {{Offer}}.', 'Hit', '30% off', ''],
  [
    'Discount',
    '{{Company}}: {{Offer}}',
    'Сәлеметсіз бе, {{First name|құрметті серіктес}}! {{Offer}}.',
    'Hit',
    '30% жеңілдік',
    'қазақша',
  ],
  [
    'Discount',
    '{{Company}} için {{Offer}}',
    'Merhaba {{First name|değerli müşterimiz}}, {{Offer}}.',
    'Hit',
    '%30 indirim',
    'Türkçe',
  ],
  ['Check-in', 'Quick check-in', 'Hi {{First name|there}}', '', '', ''],
];

describe('language codes and names', () => {
  it('reads codes, English names, own names and regions; nothing else', () => {
    expect(parseLanguage('kk')).toBe('kk');
    expect(parseLanguage('Kazakh')).toBe('kk');
    expect(parseLanguage('ҚАЗАҚША')).toBe('kk');
    expect(parseLanguage('TÜRKÇE')).toBe('tr');
    expect(parseLanguage('NORSK')).toBe('no');
    expect(parseLanguage('ru_RU')).toBe('ru');
    expect(parseLanguage('nb')).toBe('no');
    expect(parseLanguage('Монгол')).toBe('mn');
    expect(parseLanguage('kz')).toBeNull();
    expect(parseLanguage('Kazak')).toBeNull();
    expect(parseLanguage('')).toBeNull();
  });

  it('folds İ and I without a combining dot, whatever the host locale', () => {
    expect(foldName('İNGİLİZCE')).toBe('ingilizce');
    expect(foldName('İ')).toHaveLength(1);
  });
});

describe('the Templates tab with a Language column', () => {
  it('groups the rows of one name as variants, the default row leading', () => {
    const read = readTemplates(TAB);
    expect(read.issues).toEqual([]);
    expect(read.templates.map((t) => t.name)).toEqual(['Discount', 'Check-in']);
    const discount = read.templates[0]!;
    expect(discount.language).toBeUndefined();
    expect(discount.variants?.map((v) => v.language ?? 'default')).toEqual(['default', 'kk', 'tr']);
  });

  it('an unknown language is an error naming the tab, row and column; the row is left out', () => {
    const read = readTemplates([...TAB, ['Discount', 'x', 'y', '', '', 'Kazak']]);
    expect(read.issues).toEqual([
      expect.stringMatching(/^Templates!F6 \(Language\): 'Kazak' is not a language ChurnGuard knows/),
    ]);
    expect(read.templates[0]!.variants).toHaveLength(3);
  });

  it('a second row for the same name and language is an error; the first is used', () => {
    const read = readTemplates([...TAB, ['discount', 'Other', 'Other body', '', '', 'kk']]);
    expect(read.issues).toEqual([
      "Templates!A6 (Name): duplicate template 'discount' in Kazakh; row 3 is used",
    ]);
    expect(read.templates[0]!.variants!.find((v) => v.language === 'kk')!.row).toBe(3);
  });

  it('a tab without the column still reads, one text per template', () => {
    const read = readTemplates(
      TAB.map((r) => r.slice(0, 5)).filter((r, i) => i === 0 || r[0] !== 'Discount' || i === 1),
    );
    expect(read.issues).toEqual([]);
    expect(read.templates[0]!.variants).toBeUndefined();
  });
});

describe('which variant a customer gets', () => {
  const discount = readTemplates(TAB).templates[0]!;

  it('the Language column first, then the language of their last email, then the team default', () => {
    const learned = (email: string) => (email === 'c@x.example' ? ('tr' as const) : undefined);
    expect(customerLanguage(customer({ Language: 'Kazakh' }), learned)).toEqual({
      language: 'kk',
      source: 'column',
    });
    expect(customerLanguage(customer({ Language: '' }), learned)).toEqual({
      language: 'tr',
      source: 'email',
    });
    expect(customerLanguage(customer({}, 'd@x.example'), learned)).toEqual({ source: 'none' });
    expect(customerLanguage(customer({ Language: 'Klingon' }), learned)).toEqual({
      language: 'tr',
      source: 'email',
    });
  });

  it('a Kazakh customer gets the Kazakh variant', () => {
    const choice = chooseVariant(discount, 'kk', 'en');
    expect(choice).toMatchObject({ language: 'kk', fallback: false });
    expect(choice.template.offer).toBe('30% жеңілдік');
  });

  it('a language without a variant falls back to the team default, and is counted', () => {
    const tally = emptyTally();
    for (const wanted of ['ru', 'ru', 'kk', undefined] as const)
      countChoice(tally, chooseVariant(discount, wanted, 'en'));
    expect(tally.byLanguage).toEqual({ en: 3, kk: 1 });
    expect(fallbackLines(tally)).toEqual(['2 get English: no variant in Russian']);
  });

  it('the team default language can be the explicit variant (Settings "Default language")', () => {
    const team = readTeamSettings([
      ['Setting', 'Value'],
      ['Default language', 'Türkçe'],
    ]);
    expect(team.issues).toEqual([]);
    expect(team.settings.defaultLanguage).toBe('tr');
    expect(chooseVariant(discount, 'ru', team.settings.defaultLanguage)).toMatchObject({
      language: 'tr',
      fallback: true,
    });
    expect(
      readTeamSettings([
        ['Setting', 'Value'],
        ['Default language', 'xx'],
      ]).issues[0],
    ).toMatch(/^Settings!B2 \(Default language\): must be a language code/);
  });
});

describe('placeholders and their fallbacks in every variant', () => {
  const read = readTemplates([
    ['Name', 'Subject', 'Body', 'Segment', 'Offer', 'Language'],
    ['Hello', 'Hello {{First name|upper|THERE}}', 'Hi {{First name|there}} at {{Company}}', '', '', 'en'],
    [
      'Hello',
      'Сәлем, {{First name|upper|ДОСТАР}}!',
      'Құрметті {{First name|әріптес}}, {{Company}} үшін ұсыныс: өңір һәм ғимарат',
      '',
      '',
      'kk',
    ],
    [
      'Hello',
      'Merhaba {{First name|upper|DOSTUM}}',
      'Sayın {{First name|title|müşterimiz}}, {{Company}} için',
      '',
      '',
      'tr',
    ],
    [
      'Hello',
      'Здравствуйте, {{First name|коллеги}}',
      'Уважаемый {{First name|клиент}}, для {{Company}}',
      '',
      '',
      'ru',
    ],
  ]);
  const hello = read.templates[0]!;
  const merge = (language: 'en' | 'kk' | 'tr' | 'ru', raw: Record<string, unknown>) => {
    const r = mergeTemplate(chooseVariant(hello, language, 'en').template, customer(raw), MERGE_CTX);
    if (!r.ok) throw new Error(r.problems.join('; '));
    return r.email;
  };

  it('keeps Kazakh letters in the subject, text and HTML', () => {
    const email = merge('kk', { 'First name': 'Әлихан', Company: 'Қазақ Ұлттық Үй' });
    expect(email.subject).toBe('Сәлем, ӘЛИХАН!');
    expect(email.textBody).toContain('Құрметті Әлихан, Қазақ Ұлттық Үй үшін ұсыныс: өңір һәм ғимарат');
    expect(email.htmlBody).toContain('Қазақ Ұлттық Үй үшін');
    for (const letter of 'әғқңөұүһі') expect(email.textBody + email.subject.toLowerCase()).toContain(letter);
  });

  it('cases Turkish names the Turkish way in a Turkish variant, never corrupting İ/ı', () => {
    const tr = merge('tr', { 'First name': 'ali IŞIK', Company: 'İzmir Işıklar' });
    expect(tr.subject).toBe('Merhaba ALİ IŞIK');
    expect(tr.textBody).toContain('Sayın Ali Işık, İzmir Işıklar için');
    expect(tr.subject.normalize('NFC')).toBe(tr.subject);
    // The same name in the English variant is upper-cased the English way.
    expect(merge('en', { 'First name': 'ali', Company: 'X' }).subject).toBe('Hello ALI');
  });

  it('uses the variant’s fallback when a field is blank, in its own language', () => {
    expect(merge('kk', { 'First name': '', Company: 'Астана' }).textBody).toContain('Құрметті әріптес,');
    expect(merge('tr', { 'First name': '', Company: 'Ege' }).textBody).toContain('Sayın müşterimiz,');
    expect(merge('ru', { 'First name': '', Company: 'Волга' }).textBody).toContain(
      'Уважаемый клиент, для Волга',
    );
  });

  it('escapes merged Cyrillic values in HTML like any other', () => {
    const email = merge('ru', { 'First name': 'Иван <b>', Company: 'ООО «Север»' });
    expect(email.htmlBody).toContain('Иван &lt;b&gt;');
    expect(email.subject).toBe('Здравствуйте, Иван <b>');
  });
});
