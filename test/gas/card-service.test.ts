import {
  buildAction,
  buildActionResponse,
  buildCard,
  buildCards,
  buildComposeResponse,
  buildDraftUpdate,
  DISPATCHER,
  escapeCardHtml,
  toCardHtml,
} from '../../src/gas/card-service';
import { createCardService, type CardJson, type WidgetJson } from '../../src/local/standins/card-service';
import type { ActionResponse, Card, Widget } from '../../src/ui/card/types';
import { CardValidationError } from '../../src/ui/card/validate';
import { helpCard } from '../../src/ui/cards/help';
import { homepageCard } from '../../src/ui/cards/homepage';
import { settingsCard } from '../../src/ui/cards/settings';

const untyped = <T>(v: unknown) => v as T;
const json = <T = CardJson>(built: { printJson(): string }): T => JSON.parse(built.printJson()) as T;

function oneCard(widgets: Widget[], extra: Partial<Card> = {}): Card {
  return { name: 'test', header: { title: 'Test' }, sections: [{ widgets }], ...extra };
}

function widgetsOf(card: Card): WidgetJson[] {
  return json(buildCard(createCardService(), card)).sections[0]!.widgets;
}

const dispatch = (name: string, params: Record<string, string> = {}, loadIndicator = 'SPINNER') => ({
  action: {
    function: DISPATCHER,
    parameters: Object.entries({ ...params, action: name }).map(([key, value]) => ({ key, value })),
    loadIndicator,
  },
});

describe('card description → CardService', () => {
  it('exports the one dispatcher name', () => {
    expect(DISPATCHER).toBe('onCardAction');
  });

  it('builds the header, sections, name and fixed footer', () => {
    const card: Card = {
      name: 'settings',
      header: {
        title: 'Settings',
        subtitle: 'ann@example.com',
        imageUrl: 'https://x.test/a.png',
        imageAltText: 'Logo',
      },
      sections: [
        { header: 'First', widgets: [{ kind: 'divider' }] },
        { collapsible: true, uncollapsibleWidgets: 1, widgets: [{ kind: 'divider' }, { kind: 'divider' }] },
      ],
      fixedFooter: {
        primary: { text: 'Save', onClick: { kind: 'action', action: { name: 'saveSettings' } } },
        secondary: { text: 'Help', onClick: { kind: 'openLink', url: 'https://example.com/help' } },
      },
    };
    expect(json(buildCard(createCardService(), card))).toEqual({
      name: 'settings',
      header: {
        title: 'Settings',
        subtitle: 'ann@example.com',
        imageUrl: 'https://x.test/a.png',
        imageAltText: 'Logo',
      },
      sections: [
        { header: 'First', widgets: [{ divider: {} }] },
        { collapsible: true, uncollapsibleWidgetsCount: 1, widgets: [{ divider: {} }, { divider: {} }] },
      ],
      fixedFooter: {
        primaryButton: { text: 'Save', type: 'FILLED', onClick: dispatch('saveSettings') },
        secondaryButton: {
          text: 'Help',
          type: 'OUTLINED',
          onClick: { openLink: { url: 'https://example.com/help' } },
        },
      },
    });
  });

  it('builds every widget kind', () => {
    const widgets: Widget[] = [
      {
        kind: 'decoratedText',
        text: [
          { text: 'High risk', bold: true, color: '#d93025' },
          { text: ' since May', italic: true },
        ],
        topLabel: 'Risk',
        bottomLabel: 'Updated today',
        wrapText: true,
        icon: 'STAR',
        button: {
          text: 'Open',
          style: 'text',
          onClick: { kind: 'openLink', url: 'https://a.test', openAs: 'overlay' },
        },
      },
      {
        kind: 'decoratedText',
        text: 'Acme',
        iconUrl: 'https://a.test/i.png',
        onClick: {
          kind: 'action',
          action: { name: 'openCustomer', params: { id: '7' }, loadIndicator: 'none' },
        },
      },
      { kind: 'textParagraph', text: 'line 1\nline 2' },
      {
        kind: 'buttonSet',
        buttons: [
          { text: 'Reply', style: 'filled', onClick: { kind: 'compose', action: { name: 'draftReply' } } },
          {
            text: 'Later',
            style: 'outlined',
            disabled: true,
            onClick: { kind: 'action', action: { name: 'snooze' } },
          },
        ],
      },
      {
        kind: 'selectionInput',
        name: 'segment',
        label: 'Segment',
        type: 'dropdown',
        items: [
          { text: 'Retail', value: 'retail', selected: true },
          { text: 'Travel', value: 'travel' },
        ],
        onChange: { name: 'pickSegment' },
      },
      {
        kind: 'textInput',
        name: 'note',
        label: 'Note',
        value: 'v',
        hint: 'h',
        multiline: true,
        onChange: { name: 'typed' },
      },
      {
        kind: 'datePicker',
        name: 'due',
        label: 'Due',
        valueMs: 1_700_000_000_000,
        onChange: { name: 'dated' },
      },
      {
        kind: 'image',
        url: 'https://a.test/chart.png',
        altText: 'Chart',
        onClick: { kind: 'openLink', url: 'https://a.test' },
      },
      { kind: 'divider' },
    ];
    expect(widgetsOf(oneCard(widgets))).toEqual([
      {
        decoratedText: {
          text: '<font color="#d93025"><b>High risk</b></font><i> since May</i>',
          topLabel: 'Risk',
          bottomLabel: 'Updated today',
          wrapText: true,
          startIcon: { knownIcon: 'STAR' },
          button: {
            text: 'Open',
            type: 'BORDERLESS',
            onClick: { openLink: { url: 'https://a.test', openAs: 'OVERLAY' } },
          },
        },
      },
      {
        decoratedText: {
          text: 'Acme',
          startIcon: { iconUrl: 'https://a.test/i.png' },
          onClick: dispatch('openCustomer', { id: '7' }, 'NONE'),
        },
      },
      { textParagraph: { text: 'line 1<br>line 2' } },
      {
        buttonList: {
          buttons: [
            {
              text: 'Reply',
              type: 'FILLED',
              onClick: { composeAction: { ...dispatch('draftReply'), composedEmailType: 'REPLY_AS_DRAFT' } },
            },
            { text: 'Later', type: 'OUTLINED', disabled: true, onClick: dispatch('snooze') },
          ],
        },
      },
      {
        selectionInput: {
          name: 'segment',
          label: 'Segment',
          type: 'DROPDOWN',
          items: [
            { text: 'Retail', value: 'retail', selected: true },
            { text: 'Travel', value: 'travel', selected: false },
          ],
          onChangeAction: dispatch('pickSegment').action,
        },
      },
      {
        textInput: {
          name: 'note',
          label: 'Note',
          value: 'v',
          hintText: 'h',
          type: 'MULTIPLE_LINE',
          onChangeAction: dispatch('typed').action,
        },
      },
      {
        dateTimePicker: {
          name: 'due',
          label: 'Due',
          type: 'DATE_ONLY',
          valueMsEpoch: '1700000000000',
          onChangeAction: dispatch('dated').action,
        },
      },
      {
        image: {
          imageUrl: 'https://a.test/chart.png',
          altText: 'Chart',
          onClick: { openLink: { url: 'https://a.test' } },
        },
      },
      { divider: {} },
    ]);
  });

  it('maps every selection type', () => {
    const types = ['checkBox', 'radioButton', 'dropdown', 'switch', 'multiSelect'] as const;
    const widgets: Widget[] = types.map((type, i) => ({
      kind: 'selectionInput',
      name: `f${i}`,
      label: type,
      type,
      items: [{ text: 'A', value: 'a' }],
    }));
    expect(widgetsOf(oneCard(widgets)).map((w) => w.selectionInput?.type)).toEqual([
      'CHECK_BOX',
      'RADIO_BUTTON',
      'DROPDOWN',
      'SWITCH',
      'MULTI_SELECT',
    ]);
  });

  it('sends every action to the dispatcher with its name in the "action" parameter', () => {
    const cs = createCardService();
    const counter = cs.counter;
    buildAction(cs, { name: 'openHelp', params: { page: '2' } });
    expect(counter['Action.setFunctionName']).toBe(1);
    const [first] = widgetsOf(
      oneCard([
        {
          kind: 'buttonSet',
          buttons: [{ text: 'Go', onClick: { kind: 'action', action: { name: 'refreshHome' } } }],
        },
      ]),
    );
    expect(first?.buttonList?.buttons[0]?.onClick).toEqual(dispatch('refreshHome'));
  });

  it('escapes customer data in every field CardService reads as HTML', () => {
    const evil = '<script>alert("x")</script> & co';
    const safe = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co';
    const card: Card = {
      name: 'evil',
      sections: [
        {
          header: evil,
          widgets: [
            { kind: 'decoratedText', text: evil, topLabel: evil, bottomLabel: evil },
            { kind: 'textParagraph', text: [{ text: evil, bold: true, color: '#112233' }] },
          ],
        },
      ],
    };
    const section = json(buildCard(createCardService(), card)).sections[0]!;
    expect(section.header).toBe(safe);
    expect(section.widgets[0]).toEqual({ decoratedText: { text: safe, topLabel: safe, bottomLabel: safe } });
    expect(section.widgets[1]).toEqual({
      textParagraph: { text: `<font color="#112233"><b>${safe}</b></font>` },
    });
    expect(JSON.stringify(section)).not.toContain('<script>');
  });

  it('passes fields CardService shows as plain text unchanged, so "&" is not shown as "&amp;"', () => {
    const card: Card = {
      name: 'plain',
      header: { title: 'Smith & Sons <UK>', subtitle: 'a & b' },
      sections: [
        {
          widgets: [
            { kind: 'textInput', name: 'n', label: 'Q&A', value: '<kept>', hint: 'x & y' },
            {
              kind: 'buttonSet',
              buttons: [{ text: 'Save & close', onClick: { kind: 'action', action: { name: 'save' } } }],
            },
          ],
        },
      ],
    };
    const built = json(buildCard(createCardService(), card));
    expect(built.header).toEqual({ title: 'Smith & Sons <UK>', subtitle: 'a & b' });
    expect(built.sections[0]!.widgets[0]!.textInput).toMatchObject({
      label: 'Q&A',
      value: '<kept>',
      hintText: 'x & y',
    });
    expect(built.sections[0]!.widgets[1]!.buttonList!.buttons[0]!.text).toBe('Save & close');
  });

  it('formats spans with only <b>, <i>, <font color> and <br>', () => {
    expect(
      toCardHtml([
        { text: 'a\nb', bold: true, italic: true },
        { text: 'c', color: 'red' },
      ]),
    ).toBe('<b><i>a<br>b</i></b>c');
    expect(escapeCardHtml(`"<&>'`)).toBe(`&quot;&lt;&amp;&gt;'`);
  });

  it('builds the cards the product ships', () => {
    const cs = createCardService();
    const built = buildCards(cs, [
      helpCard(),
      homepageCard({ userEmail: 'ann@example.com' }),
      settingsCard({ spreadsheetInput: 'x', customerSheet: 'Customers', error: 'Bad <sheet>' }),
    ]);
    expect(built.map((c) => json(c).name)).toEqual(['help', 'home', 'settings']);
    expect(json(built[2]!).sections[0]!.widgets[0]).toEqual({
      textParagraph: { text: '<font color="#d93025">Bad &lt;sheet&gt;</font>' },
    });
  });

  it('rejects a 101-widget card with the specific error before calling CardService', () => {
    const cs = createCardService();
    const widgets: Widget[] = Array.from({ length: 101 }, (_, i) => ({
      kind: 'textParagraph',
      text: `row ${i}`,
    }));
    const card: Card = { name: 'portfolio', sections: [{ widgets }] };
    expect(() => buildCard(cs, card)).toThrow(CardValidationError);
    expect(() => buildCard(cs, card)).toThrow(
      'card "portfolio" has 101 widgets; Google allows at most 100 per card',
    );
    expect(cs.counter).toEqual({});
  });

  it('rejects a non-string action parameter, naming it', () => {
    const card = oneCard([
      {
        kind: 'buttonSet',
        buttons: [
          {
            text: 'Open',
            onClick: { kind: 'action', action: { name: 'openCustomer', params: untyped({ row: 12 }) } },
          },
        ],
      },
    ]);
    expect(() => buildCard(createCardService(), card)).toThrow(
      /widget 1 \(buttonSet\) › button 1 "Open": action "openCustomer" parameter "row" must be a string, got number \(12\)/,
    );
  });
});

describe('action response → CardService', () => {
  const card = oneCard([{ kind: 'textParagraph', text: 'Hi' }]);
  const cardJson = () => json(buildCard(createCardService(), card));

  it('builds every navigation kind, with notification and state change', () => {
    const r: ActionResponse = {
      kind: 'navigate',
      steps: [
        { kind: 'push', card },
        { kind: 'update', card },
        { kind: 'pop' },
        { kind: 'popToRoot' },
        { kind: 'popToNamed', name: 'home' },
      ],
      notification: 'Saved',
      stateChanged: true,
    };
    expect(json(buildActionResponse(createCardService(), r))).toEqual({
      action: {
        navigations: [
          { pushCard: cardJson() },
          { updateCard: cardJson() },
          { popCard: true },
          { popToRoot: true },
          { popToCard: 'home' },
        ],
        notification: { text: 'Saved' },
      },
      stateChanged: true,
    });
  });

  it('builds a notification alone, and an open-link response', () => {
    expect(
      json(buildActionResponse(createCardService(), { kind: 'notify', notification: 'Done <3' })),
    ).toEqual({
      action: { notification: { text: 'Done <3' } },
    });
    expect(
      json(buildActionResponse(createCardService(), { kind: 'openLink', url: 'https://example.com' })),
    ).toEqual({
      action: { link: { url: 'https://example.com' } },
    });
  });

  it('answers a draftReply with a ComposeActionResponse, from a draft or a function creating it', () => {
    const r: ActionResponse = { kind: 'draftReply', draft: { subject: 'Re: renewal', textBody: 'Hello' } };
    const expected = {
      hostAppAction: { gmailAction: { openCreatedDraftActionMarkup: { draftId: 'r-42' } } },
    };
    expect(json(buildActionResponse(createCardService(), r, { draft: { getId: () => 'r-42' } }))).toEqual(
      expected,
    );
    const created: unknown[] = [];
    const fromFactory = buildActionResponse(createCardService(), r, {
      draft: (d) => {
        created.push(d);
        return { getId: () => 'r-42' };
      },
    });
    expect(json(fromFactory)).toEqual(expected);
    expect(created).toEqual([{ subject: 'Re: renewal', textBody: 'Hello' }]);
    expect(json(buildComposeResponse(createCardService(), { getId: () => 'r-42' }))).toEqual(expected);
    expect(() => buildActionResponse(createCardService(), r)).toThrow(/needs its Gmail draft/);
  });

  it('validates pushed cards', () => {
    const r: ActionResponse = {
      kind: 'navigate',
      steps: [{ kind: 'push', card: { name: 'x', sections: [] } }],
    };
    expect(() => buildActionResponse(createCardService(), r)).toThrow(
      'card "x": a card needs at least one section',
    );
  });
});

describe('draft update → CardService', () => {
  it('inserts HTML and text at the cursor and sets subject and recipients', () => {
    const built = buildDraftUpdate(createCardService(), {
      kind: 'draftUpdate',
      insertHtml: '<p>Offer</p>',
      insertText: 'Offer',
      subject: 'A better plan',
      to: ['ann@example.com'],
    });
    expect(json(built)).toEqual({
      hostAppAction: {
        gmailAction: {
          updateDraftActionMarkup: {
            updateBody: {
              insertContents: [
                { content: '<p>Offer</p>', contentType: 'MUTABLE_HTML' },
                { content: 'Offer', contentType: 'TEXT' },
              ],
              type: 'IN_PLACE_INSERT',
            },
            updateSubject: { subject: 'A better plan' },
            updateToRecipients: { toRecipients: [{ email: 'ann@example.com' }] },
          },
        },
      },
    });
  });

  it('rejects an update with nothing to do', () => {
    expect(() => buildDraftUpdate(createCardService(), { kind: 'draftUpdate' })).toThrow(/nothing to do/);
  });
});
