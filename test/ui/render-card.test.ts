import {
  applyNavigation,
  CARD_CSS,
  escapeHtml,
  renderActionResponse,
  renderCard,
  renderCards,
  renderDraft,
  renderDraftUpdate,
  renderNotification,
  renderPanel,
  renderText,
  safeUrl,
} from '../../src/ui/html/render-card';
import type { Card, Widget } from '../../src/ui/card/types';
import { CardValidationError } from '../../src/ui/card/validate';
import { helpCard } from '../../src/ui/cards/help';
import { homepageCard } from '../../src/ui/cards/homepage';
import { settingsCard } from '../../src/ui/cards/settings';

const EVIL = `<script>alert("x")</script>'&`;
const EVIL_ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;';
const EVIL_URL = `https://evil.test/?q="><script>alert(1)</script>`;

const ALLOWED_TAGS = new Set(
  'div span article header footer section h1 h2 p img button a input textarea select option label fieldset legend hr details summary b i br iframe'.split(
    ' ',
  ),
);
const TAG = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z][a-z0-9-]*(?:="[^"<>]*")?)*)\s*>/g;

/**
 * Checks markup structure without a DOM: every "<" starts an allowed, well-formed tag whose attribute
 * values are double-quoted and hold no raw < > ", and no raw < > " is left in the text between tags.
 * Anything a value could inject would break one of these rules.
 */
function expectWellFormed(html: string): void {
  for (const m of html.matchAll(TAG)) expect(ALLOWED_TAGS.has(m[2]!)).toBe(true);
  const text = html.replace(TAG, '');
  expect(text).not.toMatch(/[<>"]/);
}

/** Reads an attribute's value back, undoing escapeHtml. */
function attrValues(html: string, name: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(new RegExp(` ${name}="([^"]*)"`, 'g'))) {
    out.push(
      m[1]!
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    );
  }
  return out;
}

const act = (name: string, params?: Record<string, string>) => ({
  kind: 'action' as const,
  action: params ? { name, params } : { name },
});

function everyWidget(text: string, url = 'https://a.test/x.png'): Widget[] {
  return [
    {
      kind: 'decoratedText',
      text: [
        { text, bold: true },
        { text, italic: true, color: '#112233' },
      ],
      topLabel: text,
      bottomLabel: text,
      icon: 'PERSON',
      button: { text, onClick: { kind: 'openLink', url } },
    },
    { kind: 'decoratedText', text, iconUrl: url, wrapText: true, onClick: act(text, { [text]: text }) },
    { kind: 'textParagraph', text },
    {
      kind: 'buttonSet',
      buttons: [
        { text, style: 'filled', onClick: act(text, { customer: text }) },
        {
          text: `${text} 2`,
          style: 'outlined',
          onClick: { kind: 'compose', action: { name: 'draftReply', params: { id: text } } },
        },
        {
          text: `${text} 3`,
          style: 'text',
          disabled: true,
          onClick: { kind: 'openLink', url, openAs: 'overlay' },
        },
      ],
    },
    {
      kind: 'selectionInput',
      name: `${text}-check`,
      label: text,
      type: 'checkBox',
      items: [
        { text, value: text, selected: true },
        { text: 'other', value: 'o' },
      ],
      onChange: { name: 'changed', params: { p: text } },
    },
    {
      kind: 'selectionInput',
      name: 'radio',
      label: text,
      type: 'radioButton',
      items: [{ text, value: text }],
    },
    {
      kind: 'selectionInput',
      name: 'switch',
      label: text,
      type: 'switch',
      items: [{ text, value: text, selected: true }],
    },
    {
      kind: 'selectionInput',
      name: 'dropdown',
      label: text,
      type: 'dropdown',
      items: [{ text, value: text, selected: true }],
    },
    {
      kind: 'selectionInput',
      name: 'multi',
      label: text,
      type: 'multiSelect',
      items: [{ text, value: text }],
    },
    { kind: 'textInput', name: `${text}-line`, label: text, value: text, hint: text },
    {
      kind: 'textInput',
      name: 'lines',
      label: text,
      value: text,
      multiline: true,
      onChange: { name: 'typed' },
    },
    {
      kind: 'datePicker',
      name: 'due',
      label: text,
      valueMs: Date.UTC(2024, 1, 29, 12),
      onChange: { name: 'dated' },
    },
    { kind: 'image', url, altText: text, onClick: act(text) },
    { kind: 'image', url, altText: text, onClick: { kind: 'openLink', url } },
    { kind: 'divider' },
  ];
}

function everythingCard(text: string, url?: string): Card {
  return {
    name: text,
    header: { title: text, subtitle: text, imageUrl: url ?? 'https://a.test/logo.png', imageAltText: text },
    sections: [
      { header: text, widgets: everyWidget(text, url) },
      {
        header: text,
        collapsible: true,
        uncollapsibleWidgets: 1,
        widgets: [{ kind: 'textParagraph', text }, { kind: 'divider' }],
      },
    ],
    fixedFooter: { primary: { text, onClick: act(text) }, secondary: { text, onClick: act(text) } },
  };
}

describe('HTML card renderer: escaping', () => {
  it('escapes <script> in every text-bearing field, span text and attribute', () => {
    const html = renderCard(everythingCard(EVIL, EVIL_URL));
    expect(html).not.toContain('<script');
    expect(html).toContain(EVIL_ESCAPED);
    expectWellFormed(html);
    // Attribute values come back exactly as given: escaped, not mangled.
    expect(attrValues(html, 'data-card-name')).toEqual([EVIL]);
    expect(attrValues(html, 'alt')).toContain(EVIL);
    expect(attrValues(html, 'data-action')).toContain(EVIL);
    expect(attrValues(html, 'value')).toContain(EVIL);
    expect(attrValues(html, 'name')).toContain(`${EVIL}-line`);
    expect(attrValues(html, 'href')).toContain(EVIL_URL);
    expect(attrValues(html, 'src')).toContain(EVIL_URL);
    expect(attrValues(html, 'data-params').map((p) => JSON.parse(p))).toContainEqual({ [EVIL]: EVIL });
  });

  it('escapes the panel, notifications, drafts and draft updates', () => {
    const stack = [everythingCard('root'), everythingCard(EVIL)];
    const outputs = [
      renderPanel({ stack, notification: EVIL }),
      renderNotification(EVIL),
      renderDraft({ textBody: EVIL, subject: EVIL, to: [EVIL] }),
      renderDraft({ textBody: 'x', htmlBody: `<p>${EVIL}</p>` }),
      renderDraftUpdate({
        kind: 'draftUpdate',
        insertText: EVIL,
        insertHtml: EVIL,
        subject: EVIL,
        to: [EVIL],
      }),
    ];
    for (const html of outputs) {
      expect(html).not.toContain('<script');
      expectWellFormed(html);
    }
    // HTML bodies are shown in a sandboxed frame that runs no scripts.
    expect(outputs[3]).toContain('<iframe class="cg-draft__html" sandbox=""');
    expect(attrValues(outputs[3]!, 'srcdoc')).toEqual([`<p>${EVIL}</p>`]);
  });

  it('never puts a javascript: or data: URL in an href or src', () => {
    const card: Card = {
      name: 'links',
      header: { title: 't', imageUrl: 'javascript:alert(1)' },
      sections: [
        {
          widgets: [
            { kind: 'image', url: 'data:image/svg+xml,<svg onload=alert(1)>', altText: 'x' },
            {
              kind: 'buttonSet',
              buttons: [{ text: 'Go', onClick: { kind: 'openLink', url: 'javascript:alert(1)' } }],
            },
          ],
        },
      ],
    };
    expect(() => renderCard(card)).toThrow(CardValidationError);
    const html = renderCard(card, { validate: false });
    expect(html).not.toMatch(/javascript:|data:image/);
    expectWellFormed(html);
    expect(safeUrl(' https://ok.test ')).toBe('https://ok.test');
    expect(safeUrl('JAVASCRIPT:alert(1)')).toBeUndefined();
  });

  it('escapes & < > " \' and keeps newlines as <br>', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(renderText('a\nb')).toBe('a<br>b');
    expect(
      renderText([
        { text: 'x', bold: true, italic: true, color: '#ABCDEF' },
        { text: 'y', color: 'red;x' },
      ]),
    ).toBe('<span class="cg-color" style="color:#ABCDEF"><b><i>x</i></b></span>y');
  });
});

describe('HTML card renderer: widgets', () => {
  const html = renderCard(everythingCard('Acme'));

  it('renders the header, sections and fixed footer', () => {
    expect(html).toMatch(/^<article class="cg-card" data-card-name="Acme"><header class="cg-header">/);
    expect(html).toContain('<img class="cg-header__image" src="https://a.test/logo.png" alt="Acme">');
    expect(html).toContain('<h1 class="cg-header__title">Acme</h1><p class="cg-header__subtitle">Acme</p>');
    expect(html).toContain('<h2 class="cg-section__header">Acme</h2>');
    expect(html).toMatch(
      /<footer class="cg-footer"><button type="button" class="cg-btn cg-btn--outlined"[^>]*>Acme<\/button><button type="button" class="cg-btn cg-btn--filled"/,
    );
  });

  it('renders decorated text with labels, icons, button and click', () => {
    expect(html).toContain('<div class="cg-decorated__top">Acme</div>');
    expect(html).toContain('<div class="cg-decorated__bottom">Acme</div>');
    expect(html).toContain('<span class="cg-icon" data-icon="PERSON" aria-hidden="true">');
    expect(html).toContain('<img class="cg-icon" src="https://a.test/x.png" alt="">');
    expect(html).toContain(
      '<div class="cg-decorated__text cg-nowrap"><b>Acme</b><span class="cg-color" style="color:#112233"><i>Acme</i></span></div>',
    );
    expect(html).toContain(
      '<div class="cg-widget cg-decorated cg-clickable" data-kind="action" data-action="Acme" data-params="{&quot;Acme&quot;:&quot;Acme&quot;}" data-load-indicator="spinner" role="button" tabindex="0">',
    );
    expect(html).toContain(
      '<a class="cg-btn cg-btn--text" href="https://a.test/x.png" target="_blank" rel="noopener noreferrer" data-kind="openLink" data-url="https://a.test/x.png">Acme</a>',
    );
  });

  it('renders paragraphs, dividers and images', () => {
    expect(html).toContain('<p class="cg-widget cg-paragraph">Acme</p>');
    expect(html).toContain('<hr class="cg-widget cg-divider">');
    expect(html).toContain('<div class="cg-widget cg-clickable" data-kind="action" data-action="Acme"');
    expect(html).toContain('<img class="cg-image" src="https://a.test/x.png" alt="Acme">');
  });

  it('renders button sets in every style, with action, compose and link kinds', () => {
    expect(html).toContain(
      '<button type="button" class="cg-btn cg-btn--filled" data-kind="action" data-action="Acme" data-params="{&quot;customer&quot;:&quot;Acme&quot;}" data-load-indicator="spinner">Acme</button>',
    );
    expect(html).toContain(
      '<button type="button" class="cg-btn cg-btn--outlined" data-kind="compose" data-action="draftReply" data-params="{&quot;id&quot;:&quot;Acme&quot;}" data-load-indicator="spinner">Acme 2</button>',
    );
    expect(html).toContain(
      '<button type="button" class="cg-btn cg-btn--text" data-kind="openLink" data-url="https://a.test/x.png" data-open-as="overlay" disabled>Acme 3</button>',
    );
  });

  it('renders selection inputs as real inputs and selects', () => {
    expect(html).toContain(
      '<input type="checkbox" name="Acme-check" value="Acme" checked data-kind="action" data-action="changed" data-params="{&quot;p&quot;:&quot;Acme&quot;}" data-load-indicator="spinner" data-trigger="change"><span>Acme</span>',
    );
    expect(html).toContain('<input type="radio" name="radio" value="Acme">');
    expect(html).toContain('<input type="checkbox" name="switch" value="Acme" checked role="switch">');
    expect(html).toContain(
      '<select class="cg-select" name="dropdown"><option value="Acme" selected>Acme</option></select>',
    );
    expect(html).toContain(
      '<select class="cg-select" name="multi" multiple><option value="Acme">Acme</option></select>',
    );
    expect(html).toContain('<legend class="cg-field__label">Acme</legend>');
  });

  it('renders text inputs, text areas and date pickers', () => {
    expect(html).toContain(
      '<label class="cg-widget cg-field"><span class="cg-field__label">Acme</span><input class="cg-input" type="text" name="Acme-line" value="Acme"><span class="cg-field__hint">Acme</span></label>',
    );
    expect(html).toContain(
      '<textarea class="cg-input" rows="3" name="lines" data-kind="action" data-action="typed" data-params="{}" data-load-indicator="spinner" data-trigger="change">Acme</textarea>',
    );
    expect(html).toContain(
      `<input class="cg-input" type="date" data-input="date" name="due" value="2024-02-29" data-value-ms="${Date.UTC(2024, 1, 29, 12)}" data-kind="action" data-action="dated"`,
    );
  });

  it('shows the first widgets of a collapsible section and hides the rest behind a toggle', () => {
    expect(html).toContain(
      '<section class="cg-section cg-section--collapsible"><h2 class="cg-section__header">Acme</h2><p class="cg-widget cg-paragraph">Acme</p><details class="cg-more"><summary class="cg-more__toggle"><span class="cg-more__show">Show more</span><span class="cg-more__hide">Show less</span></summary><hr class="cg-widget cg-divider"></details></section>',
    );
  });

  it('renders the cards the product ships, and validates first', () => {
    const shipped = renderCards([
      helpCard(),
      homepageCard({ userEmail: 'ann@example.com' }),
      settingsCard({ spreadsheetInput: '', customerSheet: 'Customers' }),
    ]);
    expectWellFormed(shipped);
    expect(shipped.match(/<article /g)).toHaveLength(3);
    const big: Card = {
      name: 'big',
      sections: [{ widgets: Array.from({ length: 101 }, () => ({ kind: 'divider' as const })) }],
    };
    expect(() => renderCard(big)).toThrow('card "big" has 101 widgets');
  });

  it('styles every class it uses', () => {
    const all =
      html +
      renderPanel({ stack: [everythingCard('a'), everythingCard('b')], notification: 'n' }) +
      renderPanel({ stack: [] }) +
      renderCards([everythingCard('c')]) +
      renderDraft({ textBody: 't', subject: 's', to: ['a@b.c'] }) +
      renderDraft({ textBody: 't', htmlBody: '<p>h</p>' }) +
      renderDraftUpdate({ kind: 'draftUpdate', insertText: 'x' });
    const classes = new Set<string>();
    for (const m of all.matchAll(/class="([^"]*)"/g)) for (const c of m[1]!.split(' ')) classes.add(c);
    expect(classes.size).toBeGreaterThan(50);
    for (const c of classes) expect(CARD_CSS).toMatch(new RegExp(`\\.${c}(?![\\w-])`));
  });
});

describe('HTML card renderer: panel and responses', () => {
  const home: Card = {
    name: 'home',
    header: { title: 'Home' },
    sections: [{ widgets: [{ kind: 'textParagraph', text: 'h' }] }],
  };
  const settings: Card = { ...home, name: 'settings', header: { title: 'Settings' } };
  const help: Card = { ...home, name: 'help', header: { title: 'Help' } };

  it('applies navigation steps to the card stack', () => {
    expect(applyNavigation([home], [{ kind: 'push', card: settings }]).map((c) => c.name)).toEqual([
      'home',
      'settings',
    ]);
    expect(applyNavigation([home, settings], [{ kind: 'update', card: help }]).map((c) => c.name)).toEqual([
      'home',
      'help',
    ]);
    expect(applyNavigation([home, settings], [{ kind: 'pop' }]).map((c) => c.name)).toEqual(['home']);
    expect(applyNavigation([home], [{ kind: 'pop' }]).map((c) => c.name)).toEqual(['home']);
    expect(applyNavigation([home, settings, help], [{ kind: 'popToRoot' }]).map((c) => c.name)).toEqual([
      'home',
    ]);
    expect(
      applyNavigation([home, settings, help], [{ kind: 'popToNamed', name: 'settings' }]).map((c) => c.name),
    ).toEqual(['home', 'settings']);
    expect(applyNavigation([home, help], [{ kind: 'popToNamed', name: 'nope' }]).map((c) => c.name)).toEqual([
      'home',
      'help',
    ]);
  });

  it('shows the top card with a back arrow when there is somewhere to go back to', () => {
    expect(renderPanel({ stack: [home] })).not.toContain('data-kind="back"');
    const html = renderPanel({ stack: [home, settings], notification: 'Saved' });
    expect(html).toContain('<button type="button" class="cg-back" data-kind="back" aria-label="Back">');
    expect(html).toContain('data-card-name="settings"');
    expect(html).not.toContain('data-card-name="home"');
    expect(html).toContain('<div class="cg-toast" role="status">Saved</div>');
  });

  it('renders each kind of action response', () => {
    const nav = renderActionResponse([home], {
      kind: 'navigate',
      steps: [{ kind: 'push', card: settings }],
      notification: 'Hi',
    });
    expect(nav.stack.map((c) => c.name)).toEqual(['home', 'settings']);
    expect(nav.notification).toBe('Hi');
    expect(nav.html).toContain('data-card-name="settings"');
    expect(nav.html).toContain('role="status">Hi</div>');

    const note = renderActionResponse([home], { kind: 'notify', notification: 'Done' });
    expect(note.stack).toEqual([home]);
    expect(note.html).toContain('role="status">Done</div>');

    expect(renderActionResponse([home], { kind: 'openLink', url: 'https://example.com' }).openLink).toBe(
      'https://example.com',
    );

    const draft = renderActionResponse([home], {
      kind: 'draftReply',
      draft: { textBody: 'Hello', subject: 'Re' },
    });
    expect(draft.draft).toEqual({ textBody: 'Hello', subject: 'Re' });
    expect(draft.draftHtml).toContain('<div class="cg-draft__subject">Subject: Re</div>');

    expect(() => renderActionResponse([home], { kind: 'notify', notification: '' })).toThrow(
      CardValidationError,
    );
  });
});
