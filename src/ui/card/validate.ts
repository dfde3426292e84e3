/**
 * Checks card descriptions against the limits and required fields Google documents, before anything is
 * rendered (CardService in Apps Script, HTML in the workbench). Descriptions are often built from
 * untyped data (sheet rows, event parameters), so every check looks at runtime types, not just at what
 * TypeScript promised: a number smuggled into action parameters is reported with its name and type.
 *
 * Each problem is one sentence that says where it is: the card (by name, else header title), the
 * section (1-based, with its header) and the widget (1-based, with its kind), e.g.
 *   card "settings" › section 2 "Customer sheet" › widget 1 (textInput "spreadsheet"): …
 *
 * Documented limits enforced here (see also the constants in ./types):
 * - at most 100 widgets per card (more are dropped with their whole section) and 100 sections per card;
 * - at least one section, and at least one widget per section;
 * - a header, when given, has a title (CardHeader.setTitle: required);
 * - input field names are set and unique within a card (setFieldName: "Required, must be unique");
 * - selection inputs have at most 100 items, with distinct values;
 * - the fixed footer has a primary button, which must be FILLED, and an optional OUTLINED secondary.
 * Checks of our own contract: non-empty button and widget text, action names present, parameters all
 * strings and not the reserved `action` key, colours #RRGGBB, links and images http(s) only.
 * Google documents no maximum length for add-on card text, so none is enforced.
 */
import { invocationOfAction } from './contract';
import {
  ACTION_NAME_PARAM,
  KNOWN_ICONS,
  MAX_SECTIONS_PER_CARD,
  MAX_SELECTION_ITEMS,
  MAX_WIDGETS_PER_CARD,
  type ActionResponse,
  type Card,
  type DraftUpdate,
} from './types';

export class CardValidationError extends Error {
  readonly issues: readonly string[];

  /** `subject` heads the message when there are several problems; a single problem already says where it is. */
  constructor(subject: string, issues: readonly string[]) {
    super(
      issues.length === 1
        ? `${issues[0]}`
        : `${subject} has ${issues.length} problems CardService would reject:\n- ${issues.join('\n- ')}`,
    );
    this.name = 'CardValidationError';
    this.issues = issues;
  }
}

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const quote = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 37)}...` : s);

/** `number`, `null`, `array`, `object`… for messages about values of the wrong type. */
export function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;
const HTTP_URL = /^https?:\/\/[^\s]+$/i;
const ICONS: ReadonlySet<string> = new Set(KNOWN_ICONS);
const SELECTION_TYPES = new Set(['checkBox', 'radioButton', 'dropdown', 'switch', 'multiSelect']);
const BUTTON_STYLES = new Set(['filled', 'outlined', 'text']);

/** How a card is named in messages: its name, else its header title. */
export function describeCard(card: unknown): string {
  if (isRecord(card)) {
    if (isNonEmptyString(card.name)) return `card ${quote(card.name)}`;
    if (isRecord(card.header) && isNonEmptyString(card.header.title)) {
      return `card titled ${quote(card.header.title)}`;
    }
  }
  return 'unnamed card';
}

class Issues {
  readonly list: string[] = [];
  add(where: string, message: string): void {
    this.list.push(`${where}: ${message}`);
  }
}

function checkUrl(out: Issues, where: string, what: string, url: unknown): void {
  if (!isNonEmptyString(url)) {
    out.add(where, `${what} is missing (got ${describeType(url)})`);
  } else if (!HTTP_URL.test(url)) {
    out.add(where, `${what} must be an http(s) URL, got ${quote(url)}`);
  }
}

function checkPlainText(out: Issues, where: string, what: string, value: unknown, required: boolean): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string') {
    out.add(where, `${what} must be a string, got ${describeType(value)}`);
  } else if (required && value.trim() === '') {
    out.add(where, `${what} is empty`);
  }
}

/** Text is a string or spans; it must show something. */
function checkText(out: Issues, where: string, what: string, text: unknown): void {
  if (typeof text === 'string') {
    if (text.trim() === '') out.add(where, `${what} is empty`);
    return;
  }
  if (!Array.isArray(text)) {
    out.add(where, `${what} must be a string or an array of spans, got ${describeType(text)}`);
    return;
  }
  let visible = false;
  text.forEach((span: unknown, i) => {
    const at = `${what} span ${i + 1}`;
    if (!isRecord(span)) {
      out.add(where, `${at} must be an object with a text, got ${describeType(span)}`);
      return;
    }
    if (typeof span.text !== 'string') {
      out.add(where, `${at} text must be a string, got ${describeType(span.text)}`);
    } else if (span.text.trim() !== '') {
      visible = true;
    }
    if (span.color !== undefined && (typeof span.color !== 'string' || !COLOR.test(span.color))) {
      out.add(where, `${at} color must be #RRGGBB, got ${JSON.stringify(span.color)}`);
    }
  });
  if (!visible && text.length > 0) out.add(where, `${what} has no visible text`);
  if (text.length === 0) out.add(where, `${what} is empty`);
}

/** Problems with one ActionCall (name, string parameters, load indicator). */
export function actionCallIssues(action: unknown, where = 'action'): string[] {
  const out = new Issues();
  checkAction(out, where, action);
  return out.list;
}

function checkAction(out: Issues, where: string, action: unknown): void {
  if (!isRecord(action)) {
    out.add(where, `action must be an object with a name, got ${describeType(action)}`);
    return;
  }
  if (!isNonEmptyString(action.name)) {
    out.add(where, `action name is missing (got ${JSON.stringify(action.name) ?? 'undefined'})`);
  }
  const label = isNonEmptyString(action.name) ? `action ${quote(action.name)}` : 'action';
  if (action.params !== undefined) {
    if (!isRecord(action.params)) {
      out.add(where, `${label} params must be an object of strings, got ${describeType(action.params)}`);
    } else {
      for (const [key, value] of Object.entries(action.params)) {
        if (key === ACTION_NAME_PARAM) {
          out.add(
            where,
            `${label} parameter "${ACTION_NAME_PARAM}" is reserved for the action name; rename it`,
          );
        } else if (key.trim() === '') {
          out.add(where, `${label} has a parameter with an empty name`);
        }
        if (typeof value !== 'string') {
          out.add(
            where,
            `${label} parameter ${quote(key)} must be a string, got ${describeType(value)} (${String(
              JSON.stringify(value),
            ).slice(0, 40)}); Apps Script passes only strings, convert it with String()`,
          );
        }
      }
    }
  }
  if (
    action.loadIndicator !== undefined &&
    action.loadIndicator !== 'spinner' &&
    action.loadIndicator !== 'none'
  ) {
    out.add(
      where,
      `${label} loadIndicator must be "spinner" or "none", got ${JSON.stringify(action.loadIndicator)}`,
    );
  }
}

function checkOnClick(out: Issues, where: string, onClick: unknown): void {
  if (!isRecord(onClick)) {
    out.add(where, `onClick must be an object, got ${describeType(onClick)}`);
    return;
  }
  switch (onClick.kind) {
    case 'action':
    case 'compose': {
      checkAction(out, where, onClick.action);
      // A compose action must answer with a draft and a plain action must not (src/ui/card/contract.ts):
      // a button wired one way to an action written the other way fails in Gmail with "invalid response".
      const name = isRecord(onClick.action) ? onClick.action.name : undefined;
      if (typeof name === 'string') {
        const composes = invocationOfAction(name) === 'composeAction';
        if (composes !== (onClick.kind === 'compose'))
          out.add(
            where,
            `action "${name}" ${composes ? 'answers with a draft, so its button must be a compose action' : 'does not make a draft, so its button must not be a compose action'}`,
          );
      }
      return;
    }
    case 'openLink':
      checkUrl(out, where, 'link url', onClick.url);
      if (onClick.openAs !== undefined && onClick.openAs !== 'fullSize' && onClick.openAs !== 'overlay') {
        out.add(where, `openAs must be "fullSize" or "overlay", got ${JSON.stringify(onClick.openAs)}`);
      }
      return;
    default:
      out.add(where, `onClick kind must be action, openLink or compose, got ${JSON.stringify(onClick.kind)}`);
  }
}

/** `label` names the button in its parent ("button 2", "primary button"); its text is added when it has one. */
function checkButton(
  out: Issues,
  parent: string,
  label: string,
  button: unknown,
  footer?: 'primary' | 'secondary',
): void {
  const where = `${parent} › ${label}`;
  if (!isRecord(button)) {
    out.add(where, `button must be an object, got ${describeType(button)}`);
    return;
  }
  const at = isNonEmptyString(button.text) ? `${where} ${quote(button.text)}` : where;
  if (!isNonEmptyString(button.text)) {
    out.add(
      where,
      `button text is empty (got ${JSON.stringify(button.text) ?? 'undefined'}); CardService rejects a TextButton without text`,
    );
  }
  if (button.style !== undefined && !BUTTON_STYLES.has(button.style as string)) {
    out.add(at, `style must be filled, outlined or text, got ${JSON.stringify(button.style)}`);
  }
  if (footer === 'primary' && button.style !== undefined && button.style !== 'filled') {
    out.add(
      at,
      `the fixed footer's primary button must be filled (FixedFooter.setPrimaryButton), got ${JSON.stringify(button.style)}`,
    );
  }
  if (footer === 'secondary' && button.style !== undefined && button.style !== 'outlined') {
    out.add(
      at,
      `the fixed footer's secondary button must be outlined (FixedFooter.setSecondaryButton), got ${JSON.stringify(button.style)}`,
    );
  }
  if (button.disabled !== undefined && typeof button.disabled !== 'boolean') {
    out.add(at, `disabled must be a boolean, got ${describeType(button.disabled)}`);
  }
  if (button.onClick === undefined) out.add(at, 'button has no onClick');
  else checkOnClick(out, at, button.onClick);
}

function widgetLabel(widget: unknown, index: number): string {
  if (!isRecord(widget)) return `widget ${index + 1}`;
  const kind = typeof widget.kind === 'string' ? widget.kind : '?';
  const name = isNonEmptyString(widget.name) ? ` ${quote(widget.name)}` : '';
  return `widget ${index + 1} (${kind}${name})`;
}

function checkField(out: Issues, where: string, w: Rec, names: Map<string, string>): void {
  if (!isNonEmptyString(w.name)) {
    out.add(
      where,
      `field name is missing (got ${JSON.stringify(w.name) ?? 'undefined'}); setFieldName is required`,
    );
  } else {
    const first = names.get(w.name);
    if (first)
      out.add(
        where,
        `field name ${quote(w.name)} is already used by ${first}; field names must be unique in a card`,
      );
    else names.set(w.name, where);
  }
  checkPlainText(out, where, 'label', w.label, true);
  if (w.onChange !== undefined) checkAction(out, `${where} › onChange`, w.onChange);
}

function checkWidget(out: Issues, where: string, w: unknown, names: Map<string, string>): void {
  if (!isRecord(w)) {
    out.add(where, `widget must be an object, got ${describeType(w)}`);
    return;
  }
  switch (w.kind) {
    case 'decoratedText':
      checkText(out, where, 'text', w.text);
      checkPlainText(out, where, 'topLabel', w.topLabel, false);
      checkPlainText(out, where, 'bottomLabel', w.bottomLabel, false);
      if (w.icon !== undefined && !ICONS.has(w.icon as string)) {
        out.add(where, `icon must be one of ${KNOWN_ICONS.join(', ')}; got ${JSON.stringify(w.icon)}`);
      }
      if (w.iconUrl !== undefined) checkUrl(out, where, 'iconUrl', w.iconUrl);
      if (w.icon !== undefined && w.iconUrl !== undefined) out.add(where, 'set icon or iconUrl, not both');
      if (w.button !== undefined) checkButton(out, where, 'button', w.button);
      if (w.onClick !== undefined) checkOnClick(out, where, w.onClick);
      if (w.button !== undefined && w.onClick !== undefined) {
        out.add(where, 'a decoratedText takes a button or an onClick, not both');
      }
      return;
    case 'textParagraph':
      checkText(out, where, 'text', w.text);
      return;
    case 'buttonSet':
      if (!Array.isArray(w.buttons) || w.buttons.length === 0) {
        out.add(where, 'buttonSet has no buttons');
        return;
      }
      w.buttons.forEach((b, i) => checkButton(out, where, `button ${i + 1}`, b));
      return;
    case 'selectionInput': {
      checkField(out, where, w, names);
      if (!SELECTION_TYPES.has(w.type as string)) {
        out.add(
          where,
          `type must be one of ${[...SELECTION_TYPES].join(', ')}; got ${JSON.stringify(w.type)}`,
        );
      }
      if (!Array.isArray(w.items) || w.items.length === 0) {
        out.add(where, 'selection input has no items');
        return;
      }
      if (w.items.length > MAX_SELECTION_ITEMS) {
        out.add(
          where,
          `selection input has ${w.items.length} items; Google allows at most ${MAX_SELECTION_ITEMS}`,
        );
      }
      const values = new Map<string, number>();
      let selected = 0;
      w.items.forEach((item: unknown, i) => {
        const at = `${where} › item ${i + 1}`;
        if (!isRecord(item)) {
          out.add(at, `item must be an object, got ${describeType(item)}`);
          return;
        }
        checkPlainText(out, at, 'text', item.text, true);
        if (typeof item.value !== 'string') {
          out.add(at, `value must be a string, got ${describeType(item.value)}`);
        } else {
          const first = values.get(item.value);
          if (first !== undefined)
            out.add(at, `value ${quote(item.value)} repeats item ${first}; values must be unique`);
          else values.set(item.value, i + 1);
        }
        if (item.selected === true) selected++;
      });
      if (selected > 1 && (w.type === 'radioButton' || w.type === 'dropdown')) {
        out.add(where, `${String(w.type)} has ${selected} selected items; at most one can be selected`);
      }
      return;
    }
    case 'textInput':
      checkField(out, where, w, names);
      checkPlainText(out, where, 'value', w.value, false);
      checkPlainText(out, where, 'hint', w.hint, false);
      return;
    case 'datePicker':
      checkField(out, where, w, names);
      if (w.valueMs !== undefined && (typeof w.valueMs !== 'number' || !Number.isFinite(w.valueMs))) {
        out.add(where, `valueMs must be a finite number of milliseconds, got ${describeType(w.valueMs)}`);
      }
      return;
    case 'image':
      checkUrl(out, where, 'image url', w.url);
      checkPlainText(out, where, 'altText', w.altText, true);
      if (w.onClick !== undefined) checkOnClick(out, where, w.onClick);
      return;
    case 'divider':
      return;
    default:
      out.add(where, `unknown widget kind ${JSON.stringify(w.kind)}`);
  }
}

/** Every problem with one card, each a sentence naming its place; empty when the card is valid. */
export function cardIssues(card: Card): string[] {
  const out = new Issues();
  const c: unknown = card;
  const cardName = describeCard(c);
  if (!isRecord(c)) {
    out.add(cardName, `a card must be an object, got ${describeType(c)}`);
    return out.list;
  }
  if (c.name !== undefined && !isNonEmptyString(c.name)) {
    out.add(cardName, `name must be a non-empty string, got ${JSON.stringify(c.name)}`);
  }
  if (c.header !== undefined) {
    const h = c.header;
    if (!isRecord(h)) out.add(cardName, `header must be an object, got ${describeType(h)}`);
    else {
      if (!isNonEmptyString(h.title)) {
        out.add(
          `${cardName} › header`,
          `title is required when a header is given (got ${JSON.stringify(h.title) ?? 'undefined'})`,
        );
      }
      checkPlainText(out, `${cardName} › header`, 'subtitle', h.subtitle, false);
      if (h.imageUrl !== undefined) checkUrl(out, `${cardName} › header`, 'imageUrl', h.imageUrl);
      checkPlainText(out, `${cardName} › header`, 'imageAltText', h.imageAltText, false);
    }
  }
  const sections = c.sections;
  if (!Array.isArray(sections) || sections.length === 0) {
    out.add(cardName, 'a card needs at least one section');
  } else {
    if (sections.length > MAX_SECTIONS_PER_CARD) {
      out.list.push(
        `${cardName} has ${sections.length} sections; Google allows at most ${MAX_SECTIONS_PER_CARD} per card`,
      );
    }
    let widgetCount = 0;
    const names = new Map<string, string>();
    sections.forEach((s: unknown, si) => {
      const header = isRecord(s) && isNonEmptyString(s.header) ? ` ${quote(s.header)}` : '';
      const where = `${cardName} › section ${si + 1}${header}`;
      if (!isRecord(s)) {
        out.add(where, `section must be an object, got ${describeType(s)}`);
        return;
      }
      checkPlainText(out, where, 'header', s.header, false);
      if (!Array.isArray(s.widgets) || s.widgets.length === 0) {
        out.add(where, 'section has no widgets; every section needs at least one');
        return;
      }
      widgetCount += s.widgets.length;
      if (s.uncollapsibleWidgets !== undefined) {
        const n = s.uncollapsibleWidgets;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
          out.add(where, `uncollapsibleWidgets must be a whole number ≥ 0, got ${JSON.stringify(n)}`);
        } else if (n > s.widgets.length) {
          out.add(where, `uncollapsibleWidgets is ${n} but the section has ${s.widgets.length} widgets`);
        }
      }
      s.widgets.forEach((w: unknown, wi) => checkWidget(out, `${where} › ${widgetLabel(w, wi)}`, w, names));
    });
    if (widgetCount > MAX_WIDGETS_PER_CARD) {
      // Listed first: it is the problem to fix before any other.
      out.list.unshift(
        `${cardName} has ${widgetCount} widgets; Google allows at most ${MAX_WIDGETS_PER_CARD} per card ` +
          '(the section that crosses the limit and all after it would be dropped). Split it into more cards or page the list.',
      );
    }
  }
  if (c.fixedFooter !== undefined) {
    const f = c.fixedFooter;
    const where = `${cardName} › fixed footer`;
    if (!isRecord(f)) out.add(where, `must be an object, got ${describeType(f)}`);
    else {
      if (f.primary === undefined) out.add(where, 'a fixed footer needs a primary button');
      else checkButton(out, where, 'primary button', f.primary, 'primary');
      if (f.secondary !== undefined) checkButton(out, where, 'secondary button', f.secondary, 'secondary');
    }
  }
  return out.list;
}

/** Throws CardValidationError listing every problem with the card. */
export function validateCard(card: Card): void {
  const issues = cardIssues(card);
  if (issues.length > 0) throw new CardValidationError(capitalise(describeCard(card)), issues);
}

export function validateCards(cards: readonly Card[]): void {
  if (!Array.isArray(cards) || cards.length === 0) {
    throw new CardValidationError('The card list', ['at least one card is required']);
  }
  const issues = cards.flatMap((c) => cardIssues(c));
  if (issues.length > 0)
    throw new CardValidationError(`${cards.length === 1 ? 'The card' : 'The cards'}`, issues);
}

function draftIssues(out: Issues, where: string, draft: unknown): void {
  if (!isRecord(draft)) {
    out.add(where, `draft must be an object, got ${describeType(draft)}`);
    return;
  }
  checkPlainText(out, where, 'textBody', draft.textBody, false);
  if (typeof draft.textBody !== 'string') return;
  checkPlainText(out, where, 'subject', draft.subject, false);
  checkPlainText(out, where, 'htmlBody', draft.htmlBody, false);
  checkRecipients(out, where, draft.to);
}

function checkRecipients(out: Issues, where: string, to: unknown): void {
  if (to === undefined) return;
  if (!Array.isArray(to)) out.add(where, `to must be an array of addresses, got ${describeType(to)}`);
  else
    to.forEach(
      (a, i) =>
        isNonEmptyString(a) ||
        out.add(where, `recipient ${i + 1} must be a non-empty string, got ${JSON.stringify(a)}`),
    );
}

/** Every problem with an action handler's response, including the cards it navigates to. */
export function actionResponseIssues(response: ActionResponse): string[] {
  const out = new Issues();
  const r: unknown = response;
  const where = 'action response';
  if (!isRecord(r)) {
    out.add(where, `must be an object, got ${describeType(r)}`);
    return out.list;
  }
  const notification = (n: unknown, required: boolean) => {
    if (n === undefined && !required) return;
    if (!isNonEmptyString(n))
      out.add(where, `notification text must be a non-empty string, got ${JSON.stringify(n) ?? 'undefined'}`);
  };
  switch (r.kind) {
    case 'navigate': {
      notification(r.notification, false);
      if (!Array.isArray(r.steps) || r.steps.length === 0) {
        out.add(where, 'a navigate response needs at least one navigation step');
        break;
      }
      r.steps.forEach((step: unknown, i) => {
        const at = `${where} › step ${i + 1}`;
        if (!isRecord(step)) {
          out.add(at, `step must be an object, got ${describeType(step)}`);
          return;
        }
        switch (step.kind) {
          case 'push':
          case 'update':
            for (const issue of cardIssues(step.card as Card))
              out.list.push(`${at} (${step.kind}) › ${issue}`);
            return;
          case 'popToNamed':
            if (!isNonEmptyString(step.name)) out.add(at, 'popToNamed needs the name of a card');
            return;
          case 'pop':
          case 'popToRoot':
            return;
          default:
            out.add(at, `unknown navigation kind ${JSON.stringify(step.kind)}`);
        }
      });
      break;
    }
    case 'notify':
      notification(r.notification, true);
      break;
    case 'openLink':
      checkUrl(out, where, 'link url', r.url);
      break;
    case 'draftReply':
      draftIssues(out, `${where} › draft`, r.draft);
      break;
    case 'updateDraft':
      for (const issue of draftUpdateIssues(r.update as DraftUpdate)) out.add(`${where} › update`, issue);
      break;
    default:
      out.add(where, `unknown response kind ${JSON.stringify(r.kind)}`);
  }
  if (r.stateChanged !== undefined && typeof r.stateChanged !== 'boolean') {
    out.add(where, `stateChanged must be a boolean, got ${describeType(r.stateChanged)}`);
  }
  return out.list;
}

export function validateActionResponse(response: ActionResponse): void {
  const issues = actionResponseIssues(response);
  if (issues.length > 0) throw new CardValidationError('The action response', issues);
}

export function draftUpdateIssues(update: DraftUpdate): string[] {
  const out = new Issues();
  const u: unknown = update;
  const where = 'draft update';
  if (!isRecord(u)) {
    out.add(where, `must be an object, got ${describeType(u)}`);
    return out.list;
  }
  if (
    u.insertHtml === undefined &&
    u.insertText === undefined &&
    u.subject === undefined &&
    u.to === undefined
  ) {
    out.add(where, 'nothing to do: set insertHtml, insertText, subject or to');
  }
  checkPlainText(out, where, 'insertHtml', u.insertHtml, false);
  checkPlainText(out, where, 'insertText', u.insertText, false);
  checkPlainText(out, where, 'subject', u.subject, false);
  checkRecipients(out, where, u.to);
  return out.list;
}

export function validateDraftUpdate(update: DraftUpdate): void {
  const issues = draftUpdateIssues(update);
  if (issues.length > 0) throw new CardValidationError('The draft update', issues);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
