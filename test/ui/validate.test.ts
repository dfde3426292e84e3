import {
  actionCallIssues,
  actionResponseIssues,
  cardIssues,
  CardValidationError,
  draftUpdateIssues,
  validateActionResponse,
  validateCard,
  validateCards,
  validateDraftUpdate,
} from '../../src/ui/card/validate';
import type { ActionResponse, Card, Widget } from '../../src/ui/card/types';
import { MAX_WIDGETS_PER_CARD } from '../../src/ui/card/types';
import { helpCard } from '../../src/ui/cards/help';
import { homepageCard } from '../../src/ui/cards/homepage';
import { messageCard } from '../../src/ui/cards/message';
import { settingsCard } from '../../src/ui/cards/settings';
import { problemCard } from '../../src/ui/cards/error';

const para = (text: string): Widget => ({ kind: 'textParagraph', text });
const card = (widgets: Widget[], extra: Partial<Card> = {}): Card => ({
  name: 'test',
  header: { title: 'Test' },
  sections: [{ header: 'Main', widgets }],
  ...extra,
});
/** Lets a test put untyped data where the types forbid it, as rows from a sheet can. */
const untyped = <T>(v: unknown) => v as T;

describe('card validation', () => {
  it('accepts every card the product ships', () => {
    const cards: Card[] = [
      helpCard(),
      homepageCard({ userEmail: 'ann@example.com' }),
      homepageCard({
        userEmail: 'ann@example.com',
        sheet: {
          name: 'Customers',
          url: 'https://docs.google.com/spreadsheets/d/x',
          customerSheet: 'Customers',
        },
      }),
      messageCard({ senderName: 'Bo', senderEmail: 'bo@example.com', subject: 'Hi', sheetConnected: false }),
      settingsCard({ spreadsheetInput: '', customerSheet: 'Customers', error: 'Bad URL' }),
      problemCard({ title: 'Oops', detail: 'It broke', fix: 'Retry' }),
    ];
    for (const c of cards) expect(cardIssues(c)).toEqual([]);
    expect(() => validateCards(cards)).not.toThrow();
  });

  it('rejects a card with more than 100 widgets, naming the card and the count', () => {
    const widgets = Array.from({ length: 60 }, (_, i) => para(`row ${i}`));
    const big: Card = {
      name: 'portfolio',
      sections: [{ widgets }, { widgets: widgets.slice(0, 41) }],
    };
    expect(() => validateCard(big)).toThrow(CardValidationError);
    expect(() => validateCard(big)).toThrow(
      `card "portfolio" has 101 widgets; Google allows at most ${MAX_WIDGETS_PER_CARD} per card`,
    );
    expect(cardIssues({ ...big, sections: [{ widgets }, { widgets: widgets.slice(0, 40) }] })).toEqual([]);
  });

  it('names an unnamed card by its header title', () => {
    const c: Card = { header: { title: 'Customers' }, sections: [] };
    expect(cardIssues(c)).toEqual(['card titled "Customers": a card needs at least one section']);
    expect(cardIssues({ sections: [] })).toEqual(['unnamed card: a card needs at least one section']);
  });

  it('requires a header title when a header is given', () => {
    expect(cardIssues(card([para('x')], { header: { title: ' ' } }))).toEqual([
      'card "test" › header: title is required when a header is given (got " ")',
    ]);
  });

  it('rejects more than 100 sections and empty sections', () => {
    const sections = Array.from({ length: 101 }, () => ({ widgets: [{ kind: 'divider' as const }] }));
    expect(cardIssues({ name: 'many', sections })).toContain(
      'card "many" has 101 sections; Google allows at most 100 per card',
    );
    expect(cardIssues({ name: 'e', sections: [{ header: 'Empty', widgets: [] }] })).toEqual([
      'card "e" › section 1 "Empty": section has no widgets; every section needs at least one',
    ]);
  });

  it('rejects an empty button text, saying where the button is', () => {
    const c = card([
      para('x'),
      {
        kind: 'buttonSet',
        buttons: [{ text: '', onClick: { kind: 'action', action: { name: 'openHelp' } } }],
      },
    ]);
    expect(cardIssues(c)).toEqual([
      'card "test" › section 1 "Main" › widget 2 (buttonSet) › button 1: button text is empty (got ""); CardService rejects a TextButton without text',
    ]);
  });

  it('rejects a missing action name', () => {
    const c = card([
      { kind: 'buttonSet', buttons: [{ text: 'Go', onClick: { kind: 'action', action: { name: '' } } }] },
    ]);
    expect(cardIssues(c)).toEqual([
      'card "test" › section 1 "Main" › widget 1 (buttonSet) › button 1 "Go": action name is missing (got "")',
    ]);
  });

  it('rejects a non-string action parameter, naming the parameter and its type', () => {
    const params = untyped<Record<string, string>>({ customerId: 42, note: 'ok' });
    const c = card([
      {
        kind: 'decoratedText',
        text: 'Acme',
        topLabel: 'Customer',
        onClick: { kind: 'action', action: { name: 'openCustomer', params } },
      },
    ]);
    const issues = cardIssues(c);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain('widget 1 (decoratedText)');
    expect(issues[0]).toContain(
      'action "openCustomer" parameter "customerId" must be a string, got number (42)',
    );
    expect(actionCallIssues({ name: 'x', params: { a: null, b: ['1'] } })).toEqual([
      expect.stringContaining('parameter "a" must be a string, got null'),
      expect.stringContaining('parameter "b" must be a string, got array'),
    ]);
  });

  it('reserves the "action" parameter for the action name', () => {
    expect(actionCallIssues({ name: 'x', params: { action: 'y' } })).toEqual([
      'action: action "x" parameter "action" is reserved for the action name; rename it',
    ]);
  });

  it('checks selection inputs: name, items, unique values, one selection for radio buttons', () => {
    const c = card([
      {
        kind: 'selectionInput',
        name: '',
        label: 'Segment',
        type: 'radioButton',
        items: [
          { text: 'A', value: 'a', selected: true },
          { text: 'B', value: 'a', selected: true },
        ],
      },
    ]);
    const where = 'card "test" › section 1 "Main" › widget 1 (selectionInput)';
    expect(cardIssues(c)).toEqual([
      `${where}: field name is missing (got ""); setFieldName is required`,
      `${where} › item 2: value "a" repeats item 1; values must be unique`,
      `${where}: radioButton has 2 selected items; at most one can be selected`,
    ]);
    const tooMany = card([
      {
        kind: 'selectionInput',
        name: 'seg',
        label: 'Segment',
        type: 'dropdown',
        items: Array.from({ length: 101 }, (_, i) => ({ text: `S${i}`, value: `s${i}` })),
      },
    ]);
    expect(cardIssues(tooMany)).toEqual([
      'card "test" › section 1 "Main" › widget 1 (selectionInput "seg"): selection input has 101 items; Google allows at most 100',
    ]);
  });

  it('requires input field names to be unique within a card', () => {
    const c: Card = {
      name: 'form',
      sections: [
        { widgets: [{ kind: 'textInput', name: 'email', label: 'Email' }] },
        { widgets: [{ kind: 'datePicker', name: 'email', label: 'When' }] },
      ],
    };
    expect(cardIssues(c)).toEqual([
      'card "form" › section 2 › widget 1 (datePicker "email"): field name "email" is already used by card "form" › section 1 › widget 1 (textInput "email"); field names must be unique in a card',
    ]);
  });

  it('checks spans, colours, icons and URLs', () => {
    const c = card([
      { kind: 'textParagraph', text: [{ text: 'Risk', color: 'red' }] },
      { kind: 'decoratedText', text: 'x', icon: untyped('ROCKET') },
      { kind: 'image', url: 'javascript:alert(1)', altText: 'x' },
      {
        kind: 'buttonSet',
        buttons: [{ text: 'Open', onClick: { kind: 'openLink', url: 'data:text/html,x' } }],
      },
      { kind: 'textParagraph', text: [{ text: '  ' }] },
    ]);
    const issues = cardIssues(c);
    expect(issues).toEqual([
      expect.stringContaining('widget 1 (textParagraph): text span 1 color must be #RRGGBB, got "red"'),
      expect.stringContaining('widget 2 (decoratedText): icon must be one of PERSON, EMAIL'),
      expect.stringContaining(
        'widget 3 (image): image url must be an http(s) URL, got "javascript:alert(1)"',
      ),
      expect.stringContaining('button 1 "Open": link url must be an http(s) URL'),
      expect.stringContaining('widget 5 (textParagraph): text has no visible text'),
    ]);
  });

  it('checks the fixed footer: primary filled, secondary outlined', () => {
    const go = { kind: 'action' as const, action: { name: 'saveSettings' } };
    const c = card([para('x')], {
      fixedFooter: {
        primary: { text: 'Save', style: 'text', onClick: go },
        secondary: { text: 'Cancel', style: 'filled', onClick: go },
      },
    });
    expect(cardIssues(c)).toEqual([
      expect.stringContaining('primary button "Save": the fixed footer\'s primary button must be filled'),
      expect.stringContaining(
        'secondary button "Cancel": the fixed footer\'s secondary button must be outlined',
      ),
    ]);
  });

  it('survives untyped garbage with messages, not crashes', () => {
    expect(cardIssues(untyped(null))).toEqual(['unnamed card: a card must be an object, got null']);
    expect(
      cardIssues(untyped({ name: 'g', sections: [null, { widgets: [42, { kind: 'video' }] }] })),
    ).toEqual([
      'card "g" › section 1: section must be an object, got null',
      'card "g" › section 2 › widget 1: widget must be an object, got number',
      'card "g" › section 2 › widget 2 (video): unknown widget kind "video"',
    ]);
  });

  it('lists several problems in one error', () => {
    const c = card([{ kind: 'textInput', name: '', label: '' }]);
    expect(() => validateCard(c)).toThrow(
      /Card "test" has 2 problems CardService would reject:\n- .*field name is missing/,
    );
  });
});

describe('buttons wired as their actions answer (src/ui/card/contract.ts)', () => {
  const cardWith = (onClick: any): Card => ({
    sections: [{ widgets: [{ kind: 'buttonSet', buttons: [{ text: 'Go', onClick }] }] }],
  });

  it('accepts Draft reply as a compose action and a plain action as a click', () => {
    expect(() => validateCard(cardWith({ kind: 'compose', action: { name: 'draftReply' } }))).not.toThrow();
    expect(() => validateCard(cardWith({ kind: 'action', action: { name: 'openSegments' } }))).not.toThrow();
  });

  it('refuses Draft reply wired as a click, and a plain action wired as a compose action', () => {
    expect(() => validateCard(cardWith({ kind: 'action', action: { name: 'draftReply' } }))).toThrow(
      /answers with a draft, so its button must be a compose action/,
    );
    expect(() => validateCard(cardWith({ kind: 'compose', action: { name: 'openSegments' } }))).toThrow(
      /does not make a draft/,
    );
  });
});

describe('action response validation', () => {
  const good = card([para('x')]);

  it('accepts every kind of valid response', () => {
    const responses: ActionResponse[] = [
      { kind: 'navigate', steps: [{ kind: 'push', card: good }], notification: 'Saved', stateChanged: true },
      {
        kind: 'navigate',
        steps: [{ kind: 'pop' }, { kind: 'popToRoot' }, { kind: 'popToNamed', name: 'home' }],
      },
      { kind: 'notify', notification: 'Done' },
      { kind: 'openLink', url: 'https://example.com' },
      { kind: 'draftReply', draft: { textBody: 'Hello', subject: 'Re: x', to: ['a@b.c'] } },
    ];
    for (const r of responses) expect(actionResponseIssues(r)).toEqual([]);
  });

  it('validates the cards a navigation pushes', () => {
    const r: ActionResponse = {
      kind: 'navigate',
      steps: [{ kind: 'update', card: { name: 'bad', sections: [] } }],
    };
    expect(() => validateActionResponse(r)).toThrow(
      'action response › step 1 (update) › card "bad": a card needs at least one section',
    );
  });

  it('rejects empty navigations, notifications and non-http links', () => {
    expect(actionResponseIssues({ kind: 'navigate', steps: [] })).toEqual([
      'action response: a navigate response needs at least one navigation step',
    ]);
    expect(actionResponseIssues({ kind: 'notify', notification: '' })).toHaveLength(1);
    expect(actionResponseIssues({ kind: 'openLink', url: 'javascript:x' })).toHaveLength(1);
    expect(actionResponseIssues({ kind: 'navigate', steps: [{ kind: 'popToNamed', name: '' }] })).toEqual([
      'action response › step 1: popToNamed needs the name of a card',
    ]);
  });
});

describe('draft update validation', () => {
  it('needs something to do, and string recipients', () => {
    expect(draftUpdateIssues({ kind: 'draftUpdate' })).toEqual([
      'draft update: nothing to do: set insertHtml, insertText, subject or to',
    ]);
    expect(draftUpdateIssues({ kind: 'draftUpdate', to: untyped(['a@b.c', 7]) })).toEqual([
      'draft update: recipient 2 must be a non-empty string, got 7',
    ]);
    expect(() => validateDraftUpdate({ kind: 'draftUpdate', insertText: 'Hi' })).not.toThrow();
  });
});
