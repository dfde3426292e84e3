/**
 * Card descriptions → HTML fragments styled like a Gmail add-on side panel, for the local workbench.
 * Pure string building (ECMAScript only), so it runs anywhere and is easy to test.
 *
 * Every piece of text and every attribute value is escaped; URLs are used only when they are http(s).
 * Interactive elements carry data attributes for the workbench's client script:
 *   data-kind      action | compose | openLink | back
 *   data-action    the action name (action, compose)
 *   data-params    the action's parameters as JSON (action, compose)
 *   data-load-indicator  spinner | none
 *   data-url, data-open-as   (openLink; links are also real <a href> elements)
 *   data-trigger="change"    on inputs whose onChange calls an action
 * Inputs have their field `name`; date pickers are <input type=date> with data-input="date".
 *
 * For a workbench: renderPanel({ stack, notification }) shows the top card of a card stack;
 * renderActionResponse(stack, response) applies a handler's response and returns the new stack and
 * panel HTML (plus a link to open or a draft to show); renderDraftUpdate previews a compose insert.
 * Include CARD_CSS once in the page.
 */
import type {
  ActionCall,
  ActionResponse,
  Button,
  Card,
  Draft,
  DraftUpdate,
  KnownIcon,
  NavigationStep,
  OnClick,
  Section,
  Text,
  Widget,
} from '../card/types';
import { validateActionResponse, validateCard, validateDraftUpdate } from '../card/validate';

// ------------------------------------------------------------------------------------------------
// Escaping
// ------------------------------------------------------------------------------------------------

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes & < > " ' : safe in element content and in double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const attr = (name: string, value: string | number) => ` ${name}="${escapeHtml(String(value))}"`;
const escapeLines = (text: string) => escapeHtml(text).replace(/\r\n|\r|\n/g, '<br>');
const HTTP_URL = /^https?:\/\/[^\s]+$/i;
const COLOR = /^#[0-9a-fA-F]{6}$/;

/** The URL if it is http(s), else undefined: never a javascript: or data: URL in an href or src. */
export function safeUrl(url: string): string | undefined {
  return typeof url === 'string' && HTTP_URL.test(url.trim()) ? url.trim() : undefined;
}

/** Plain text or spans → HTML: <b>, <i>, coloured <span>, <br> for newlines; all text escaped. */
export function renderText(text: Text): string {
  if (typeof text === 'string') return escapeLines(text);
  return text
    .map((span) => {
      let html = escapeLines(span.text);
      if (span.italic) html = `<i>${html}</i>`;
      if (span.bold) html = `<b>${html}</b>`;
      if (span.color && COLOR.test(span.color))
        html = `<span class="cg-color" style="color:${span.color}">${html}</span>`;
      return html;
    })
    .join('');
}

// ------------------------------------------------------------------------------------------------
// Widgets
// ------------------------------------------------------------------------------------------------

/** Stand-ins for Google's icons, picked from symbols common fonts (DejaVu, Liberation) have; no emoji font needed. */
const ICON_GLYPHS: Record<KnownIcon, string> = {
  PERSON: '\u263A',
  EMAIL: '\u2709',
  CLOCK: '\u25F7',
  DOLLAR: '$',
  STAR: '\u2605',
  BOOKMARK: '\u2691',
  DESCRIPTION: '\u25A4',
  INVITE: '\u270E',
  MULTIPLE_PEOPLE: '\u2687',
  OFFER: '%',
  TICKET: '\u25A6',
  EVENT_PERFORMER: '\u266A',
  MEMBERSHIP: '\u25C8',
  STORE: '\u2302',
};

function actionAttrs(kind: 'action' | 'compose', call: ActionCall): string {
  return (
    attr('data-kind', kind) +
    attr('data-action', call.name) +
    attr('data-params', JSON.stringify(call.params ?? {})) +
    attr('data-load-indicator', call.loadIndicator ?? 'spinner')
  );
}

/** Data attributes describing a click, for the client script. */
function clickAttrs(onClick: OnClick): string {
  switch (onClick.kind) {
    case 'action':
    case 'compose':
      return actionAttrs(onClick.kind, onClick.action);
    case 'openLink':
      return (
        attr('data-kind', 'openLink') +
        attr('data-url', safeUrl(onClick.url) ?? '') +
        (onClick.openAs ? attr('data-open-as', onClick.openAs) : '')
      );
  }
}

function linkAttrs(url: string): string {
  const safe = safeUrl(url);
  return safe ? attr('href', safe) + ' target="_blank" rel="noopener noreferrer"' : '';
}

function renderButton(button: Button, defaultStyle: NonNullable<Button['style']> = 'outlined'): string {
  const cls = `cg-btn cg-btn--${button.style ?? defaultStyle}`;
  const text = escapeHtml(button.text);
  const onClick = button.onClick;
  if (onClick.kind === 'openLink' && !button.disabled) {
    return `<a${attr('class', cls)}${linkAttrs(onClick.url)}${clickAttrs(onClick)}>${text}</a>`;
  }
  return `<button type="button"${attr('class', cls)}${clickAttrs(onClick)}${button.disabled ? ' disabled' : ''}>${text}</button>`;
}

/** A wrapper that makes a non-button element clickable. */
function clickable(onClick: OnClick | undefined): string {
  return onClick ? `${clickAttrs(onClick)} role="button" tabindex="0"` : '';
}

function onChangeAttrs(onChange: ActionCall | undefined): string {
  return onChange ? `${actionAttrs('action', onChange)} data-trigger="change"` : '';
}

function renderIcon(icon: KnownIcon | undefined, iconUrl: string | undefined): string {
  if (icon)
    return `<span class="cg-icon"${attr('data-icon', icon)} aria-hidden="true">${ICON_GLYPHS[icon] ?? ''}</span>`;
  const src = iconUrl ? safeUrl(iconUrl) : undefined;
  return src ? `<img class="cg-icon"${attr('src', src)} alt="">` : '';
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function renderWidget(w: Widget): string {
  switch (w.kind) {
    case 'decoratedText': {
      const cls = `cg-widget cg-decorated${w.onClick ? ' cg-clickable' : ''}`;
      return (
        `<div${attr('class', cls)}${clickable(w.onClick)}>` +
        renderIcon(w.icon, w.iconUrl) +
        '<div class="cg-decorated__body">' +
        (w.topLabel !== undefined ? `<div class="cg-decorated__top">${escapeLines(w.topLabel)}</div>` : '') +
        `<div class="cg-decorated__text${w.wrapText ? '' : ' cg-nowrap'}">${renderText(w.text)}</div>` +
        (w.bottomLabel !== undefined
          ? `<div class="cg-decorated__bottom">${escapeLines(w.bottomLabel)}</div>`
          : '') +
        '</div>' +
        (w.button ? `<div class="cg-decorated__button">${renderButton(w.button, 'text')}</div>` : '') +
        '</div>'
      );
    }
    case 'textParagraph':
      return `<p class="cg-widget cg-paragraph">${renderText(w.text)}</p>`;
    case 'buttonSet':
      return `<div class="cg-widget cg-buttons">${w.buttons.map((b) => renderButton(b)).join('')}</div>`;
    case 'selectionInput': {
      const change = onChangeAttrs(w.onChange);
      if (w.type === 'dropdown' || w.type === 'multiSelect') {
        const options = w.items
          .map(
            (i) =>
              `<option${attr('value', i.value)}${i.selected ? ' selected' : ''}>${escapeHtml(i.text)}</option>`,
          )
          .join('');
        return (
          '<label class="cg-widget cg-field">' +
          `<span class="cg-field__label">${escapeHtml(w.label)}</span>` +
          `<select class="cg-select"${attr('name', w.name)}${w.type === 'multiSelect' ? ' multiple' : ''}${change}>${options}</select>` +
          '</label>'
        );
      }
      const type = w.type === 'radioButton' ? 'radio' : 'checkbox';
      const extra = w.type === 'switch' ? ' role="switch"' : '';
      const items = w.items
        .map(
          (i) =>
            `<label${attr('class', `cg-choice cg-choice--${w.type}`)}>` +
            `<input${attr('type', type)}${attr('name', w.name)}${attr('value', i.value)}${i.selected ? ' checked' : ''}${extra}${change}>` +
            `<span>${escapeHtml(i.text)}</span></label>`,
        )
        .join('');
      return (
        `<fieldset${attr('class', `cg-widget cg-selection cg-selection--${w.type}`)}>` +
        `<legend class="cg-field__label">${escapeHtml(w.label)}</legend>${items}</fieldset>`
      );
    }
    case 'textInput': {
      const common = `${attr('name', w.name)}${onChangeAttrs(w.onChange)}`;
      const input = w.multiline
        ? `<textarea class="cg-input" rows="3"${common}>${escapeHtml(w.value ?? '')}</textarea>`
        : `<input class="cg-input" type="text"${common}${attr('value', w.value ?? '')}>`;
      return (
        '<label class="cg-widget cg-field">' +
        `<span class="cg-field__label">${escapeHtml(w.label)}</span>${input}` +
        (w.hint !== undefined ? `<span class="cg-field__hint">${escapeHtml(w.hint)}</span>` : '') +
        '</label>'
      );
    }
    case 'datePicker': {
      const value =
        w.valueMs !== undefined && Number.isFinite(w.valueMs)
          ? `${attr('value', isoDate(w.valueMs))}${attr('data-value-ms', w.valueMs)}`
          : '';
      return (
        '<label class="cg-widget cg-field">' +
        `<span class="cg-field__label">${escapeHtml(w.label)}</span>` +
        `<input class="cg-input" type="date" data-input="date"${attr('name', w.name)}${value}${onChangeAttrs(w.onChange)}>` +
        '</label>'
      );
    }
    case 'image': {
      const src = safeUrl(w.url);
      const img = `<img class="cg-image"${src ? attr('src', src) : ''}${attr('alt', w.altText)}>`;
      if (!w.onClick) return `<div class="cg-widget">${img}</div>`;
      if (w.onClick.kind === 'openLink') {
        return `<a class="cg-widget cg-clickable"${linkAttrs(w.onClick.url)}${clickAttrs(w.onClick)}>${img}</a>`;
      }
      return `<div class="cg-widget cg-clickable"${clickable(w.onClick)}>${img}</div>`;
    }
    case 'divider':
      return '<hr class="cg-widget cg-divider">';
  }
}

function renderSection(section: Section): string {
  const header =
    section.header !== undefined ? `<h2 class="cg-section__header">${escapeLines(section.header)}</h2>` : '';
  const widgets = section.widgets.map(renderWidget);
  if (!section.collapsible) return `<section class="cg-section">${header}${widgets.join('')}</section>`;
  const shown = Math.max(0, Math.min(section.uncollapsibleWidgets ?? 0, widgets.length));
  const hidden = widgets.slice(shown);
  return (
    `<section class="cg-section cg-section--collapsible">${header}${widgets.slice(0, shown).join('')}` +
    (hidden.length > 0
      ? '<details class="cg-more"><summary class="cg-more__toggle">' +
        '<span class="cg-more__show">Show more</span><span class="cg-more__hide">Show less</span></summary>' +
        `${hidden.join('')}</details>`
      : '') +
    '</section>'
  );
}

// ------------------------------------------------------------------------------------------------
// Cards, panel, responses
// ------------------------------------------------------------------------------------------------

export interface RenderOptions {
  /** Validate descriptions first, as the Apps Script adapter does (default true). */
  validate?: boolean;
}

/** One card as an <article>: header, sections, fixed footer. Throws CardValidationError if invalid. */
export function renderCard(card: Card, options: RenderOptions = {}): string {
  if (options.validate !== false) validateCard(card);
  const h = card.header;
  const header = h
    ? '<header class="cg-header">' +
      (h.imageUrl && safeUrl(h.imageUrl)
        ? `<img class="cg-header__image"${attr('src', safeUrl(h.imageUrl) ?? '')}${attr('alt', h.imageAltText ?? '')}>`
        : '') +
      '<div class="cg-header__text">' +
      `<h1 class="cg-header__title">${escapeHtml(h.title)}</h1>` +
      (h.subtitle !== undefined ? `<p class="cg-header__subtitle">${escapeHtml(h.subtitle)}</p>` : '') +
      '</div></header>'
    : '';
  const f = card.fixedFooter;
  const footer = f
    ? '<footer class="cg-footer">' +
      (f.secondary ? renderButton({ ...f.secondary, style: 'outlined' }) : '') +
      renderButton({ ...f.primary, style: 'filled' }) +
      '</footer>'
    : '';
  return (
    `<article class="cg-card"${card.name !== undefined ? attr('data-card-name', card.name) : ''}>` +
    header +
    `<div class="cg-card__body">${card.sections.map(renderSection).join('')}</div>` +
    footer +
    '</article>'
  );
}

/** Several cards one after another (what a trigger returning a card list shows). */
export function renderCards(cards: readonly Card[], options: RenderOptions = {}): string {
  return `<div class="cg-cards">${cards.map((c) => renderCard(c, options)).join('')}</div>`;
}

/** A toast like Gmail's notification bar. */
export function renderNotification(text: string): string {
  return `<div class="cg-toast" role="status">${escapeHtml(text)}</div>`;
}

/** Applies navigation steps to a card stack the way the add-on panel does. */
export function applyNavigation(stack: readonly Card[], steps: readonly NavigationStep[]): Card[] {
  let next = [...stack];
  for (const step of steps) {
    switch (step.kind) {
      case 'push':
        next.push(step.card);
        break;
      case 'update':
        next = next.length > 0 ? [...next.slice(0, -1), step.card] : [step.card];
        break;
      case 'pop':
        if (next.length > 1) next.pop();
        break;
      case 'popToRoot':
        next = next.slice(0, 1);
        break;
      case 'popToNamed': {
        const i = next.map((c) => c.name).lastIndexOf(step.name);
        if (i >= 0) next = next.slice(0, i + 1);
        break;
      }
    }
  }
  return next;
}

export interface PanelState {
  /** The card stack, root first; the last card is shown. */
  stack: readonly Card[];
  notification?: string;
}

/** The side panel: a back arrow when there is a card to go back to, the top card, and a toast. */
export function renderPanel(state: PanelState, options: RenderOptions = {}): string {
  const top = state.stack[state.stack.length - 1];
  const back =
    state.stack.length > 1
      ? '<div class="cg-toolbar"><button type="button" class="cg-back" data-kind="back" aria-label="Back">←</button></div>'
      : '';
  return (
    '<div class="cg-panel">' +
    back +
    (top ? renderCard(top, options) : '<div class="cg-empty">No card</div>') +
    (state.notification !== undefined ? renderNotification(state.notification) : '') +
    '</div>'
  );
}

/** A reply draft as the workbench shows it; an HTML body is shown in a sandboxed frame (no scripts). */
export function renderDraft(draft: Draft): string {
  const meta =
    (draft.to && draft.to.length > 0
      ? `<div class="cg-draft__to">To: ${escapeHtml(draft.to.join(', '))}</div>`
      : '') +
    (draft.subject !== undefined
      ? `<div class="cg-draft__subject">Subject: ${escapeHtml(draft.subject)}</div>`
      : '');
  const body =
    draft.htmlBody !== undefined
      ? `<iframe class="cg-draft__html" sandbox=""${attr('srcdoc', draft.htmlBody)} title="Draft body"></iframe>`
      : `<div class="cg-draft__text">${escapeLines(draft.textBody)}</div>`;
  return `<div class="cg-draft">${meta}${body}</div>`;
}

/** What a compose trigger would insert into the open draft. */
export function renderDraftUpdate(update: DraftUpdate, options: RenderOptions = {}): string {
  if (options.validate !== false) validateDraftUpdate(update);
  return (
    '<div class="cg-draft cg-draft--update">' +
    (update.to && update.to.length > 0
      ? `<div class="cg-draft__to">To: ${escapeHtml(update.to.join(', '))}</div>`
      : '') +
    (update.subject !== undefined
      ? `<div class="cg-draft__subject">Subject: ${escapeHtml(update.subject)}</div>`
      : '') +
    (update.insertHtml !== undefined
      ? `<iframe class="cg-draft__html" sandbox=""${attr('srcdoc', update.insertHtml)} title="Inserted content"></iframe>`
      : '') +
    (update.insertText !== undefined
      ? `<div class="cg-draft__text">${escapeLines(update.insertText)}</div>`
      : '') +
    '</div>'
  );
}

export interface RenderedResponse {
  /** The card stack after the response. */
  stack: Card[];
  /** The panel after the response (top card and any notification). */
  html: string;
  notification?: string;
  /** A URL the workbench should open (http(s) only). */
  openLink?: string;
  /** A reply draft the handler composed, and its preview. */
  draft?: Draft;
  draftHtml?: string;
  /** What a compose-UI action inserts into the open draft, and its preview. */
  update?: DraftUpdate;
  updateHtml?: string;
}

/** Applies an action handler's response to the card stack and renders the resulting panel. */
export function renderActionResponse(
  stack: readonly Card[],
  response: ActionResponse,
  options: RenderOptions = {},
): RenderedResponse {
  if (options.validate !== false) validateActionResponse(response);
  const inner = { ...options, validate: false };
  switch (response.kind) {
    case 'navigate': {
      const next = applyNavigation(stack, response.steps);
      const state: PanelState = { stack: next };
      if (response.notification !== undefined) state.notification = response.notification;
      const out: RenderedResponse = { stack: next, html: renderPanel(state, inner) };
      if (response.notification !== undefined) out.notification = response.notification;
      return out;
    }
    case 'notify':
      return {
        stack: [...stack],
        html: renderPanel({ stack, notification: response.notification }, inner),
        notification: response.notification,
      };
    case 'openLink': {
      const out: RenderedResponse = { stack: [...stack], html: renderPanel({ stack }, inner) };
      const url = safeUrl(response.url);
      if (url) out.openLink = url;
      return out;
    }
    case 'draftReply':
      return {
        stack: [...stack],
        html: renderPanel({ stack }, inner),
        draft: response.draft,
        draftHtml: renderDraft(response.draft),
      };
    case 'updateDraft':
      return {
        stack: [...stack],
        html: renderPanel({ stack }, inner),
        update: response.update,
        updateHtml: renderDraftUpdate(response.update, inner),
      };
  }
}

// ------------------------------------------------------------------------------------------------
// Styles
// ------------------------------------------------------------------------------------------------

/** Styles for everything above, scoped to .cg-* classes; include once per page. */
export const CARD_CSS = `
.cg-panel, .cg-cards { width: 320px; box-sizing: border-box; background: #fff; color: #202124;
  font: 14px/20px "Google Sans", Roboto, Arial, sans-serif; border-left: 1px solid #dadce0; }
.cg-panel *, .cg-cards * { box-sizing: border-box; }
.cg-toolbar { display: flex; align-items: center; height: 40px; padding: 0 8px; border-bottom: 1px solid #dadce0; }
.cg-back { border: 0; background: none; font-size: 20px; cursor: pointer; color: #5f6368; border-radius: 50%; width: 32px; height: 32px; }
.cg-back:hover { background: #f1f3f4; }
.cg-card { display: flex; flex-direction: column; min-height: 100%; }
.cg-cards .cg-card + .cg-card { border-top: 8px solid #f1f3f4; }
.cg-header { display: flex; align-items: center; gap: 12px; padding: 16px; }
.cg-header__image { width: 40px; height: 40px; border-radius: 50%; object-fit: cover; }
.cg-header__text { min-width: 0; }
.cg-header__title { margin: 0; font-size: 16px; line-height: 24px; font-weight: 500; overflow-wrap: anywhere; }
.cg-header__subtitle { margin: 0; font-size: 12px; color: #5f6368; overflow-wrap: anywhere; }
.cg-card__body { flex: 1; }
.cg-section { padding: 8px 16px 12px; border-top: 1px solid #dadce0; }
.cg-section--collapsible { padding-bottom: 4px; }
.cg-section__header { margin: 4px 0 8px; font-size: 14px; font-weight: 500; color: #5f6368; }
.cg-widget { margin: 8px 0; }
.cg-paragraph { margin: 8px 0; overflow-wrap: anywhere; }
.cg-decorated { display: flex; align-items: center; gap: 12px; }
.cg-decorated__body { flex: 1; min-width: 0; }
.cg-decorated__top, .cg-decorated__bottom { font-size: 12px; line-height: 16px; color: #5f6368; }
.cg-decorated__text { overflow-wrap: anywhere; }
.cg-decorated__button { flex: none; }
.cg-color { font-weight: inherit; }
.cg-nowrap { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.cg-icon { width: 24px; height: 24px; flex: none; display: inline-flex; align-items: center; justify-content: center; font: 18px/1 "DejaVu Sans", "Segoe UI Symbol", sans-serif; color: #5f6368; }
.cg-clickable { cursor: pointer; border-radius: 4px; }
.cg-clickable:hover { background: #f1f3f4; }
.cg-buttons { display: flex; flex-wrap: wrap; gap: 8px; }
.cg-btn { display: inline-flex; align-items: center; height: 36px; padding: 0 16px; border-radius: 18px;
  font: 500 14px/20px "Google Sans", Roboto, Arial, sans-serif; text-decoration: none; cursor: pointer; }
.cg-btn--filled { background: #1a73e8; color: #fff; border: 1px solid #1a73e8; }
.cg-btn--filled:hover { background: #1765cc; }
.cg-btn--outlined { background: #fff; color: #1a73e8; border: 1px solid #dadce0; }
.cg-btn--outlined:hover { background: #f6fafe; }
.cg-btn--text { background: none; color: #1a73e8; border: 1px solid transparent; padding: 0 8px; }
.cg-btn--text:hover { background: #f6fafe; }
.cg-btn[disabled] { opacity: 0.38; cursor: default; }
.cg-field { display: flex; flex-direction: column; gap: 4px; }
.cg-field__label { font-size: 12px; color: #5f6368; }
.cg-field__hint { font-size: 12px; color: #5f6368; }
.cg-input, .cg-select { width: 100%; padding: 8px 12px; border: 1px solid #dadce0; border-radius: 4px; font: inherit; color: inherit; background: #fff; }
.cg-input:focus, .cg-select:focus { outline: 2px solid #1a73e8; border-color: transparent; }
.cg-selection { border: 0; padding: 0; }
.cg-selection legend { padding: 0; margin-bottom: 4px; }
.cg-selection--checkBox, .cg-selection--radioButton, .cg-selection--switch { display: flex; flex-direction: column; }
.cg-choice { display: flex; align-items: center; gap: 8px; padding: 4px 0; cursor: pointer; }
.cg-choice--checkBox input, .cg-choice--radioButton input { width: 18px; height: 18px; margin: 0; accent-color: #1a73e8; }
.cg-choice--switch input { appearance: none; width: 32px; height: 16px; border-radius: 8px; background: #bdc1c6; position: relative; cursor: pointer; }
.cg-choice--switch input::after { content: ""; position: absolute; top: -2px; left: -2px; width: 20px; height: 20px; border-radius: 50%; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.4); transition: left .15s; }
.cg-choice--switch input:checked { background: #8ab4f8; }
.cg-choice--switch input:checked::after { left: 14px; background: #1a73e8; }
.cg-image { display: block; width: 100%; height: auto; border-radius: 4px; }
.cg-divider { border: 0; border-top: 1px solid #dadce0; margin: 12px 0; }
.cg-more__toggle { display: block; }
.cg-more > summary { list-style: none; cursor: pointer; color: #1a73e8; font-weight: 500; padding: 4px 0; }
.cg-more > summary::-webkit-details-marker { display: none; }
.cg-more .cg-more__hide, .cg-more[open] .cg-more__show { display: none; }
.cg-more[open] .cg-more__hide { display: inline; }
.cg-footer { position: sticky; bottom: 0; display: flex; justify-content: flex-end; gap: 8px; padding: 12px 16px; background: #fff; border-top: 1px solid #dadce0; }
.cg-toast { position: sticky; bottom: 16px; margin: 16px; padding: 14px 16px; border-radius: 4px; background: #323232; color: #fff; box-shadow: 0 2px 6px rgba(0,0,0,.3); }
.cg-empty { padding: 24px 16px; color: #5f6368; }
.cg-draft { margin: 16px; padding: 12px; border: 1px solid #dadce0; border-radius: 8px; background: #fff; }
.cg-draft--update { border-style: dashed; }
.cg-draft__to, .cg-draft__subject { font-size: 12px; color: #5f6368; }
.cg-draft__text { margin-top: 8px; white-space: normal; overflow-wrap: anywhere; }
.cg-draft__html { width: 100%; min-height: 160px; border: 0; margin-top: 8px; }
`;
