/**
 * A plain, serialisable description of add-on cards, close to Google's card JSON
 * (https://developers.google.com/workspace/add-ons/concepts/cards). Cards are pure
 * functions from state to these values; src/gas/card-service.ts turns them into CardService
 * builder calls and src/ui/html renders them as HTML for the local workbench.
 *
 * All text here is plain text. Renderers escape it; formatting is expressed with spans,
 * never with markup inside strings, so customer data can never inject markup.
 */

/** A run of text with optional emphasis; colours are #RRGGBB. */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  color?: string;
}

/** Plain text, or spans joined in order. Newlines are kept as line breaks. */
export type Text = string | Span[];

/**
 * The parameter that carries an action's name to the single dispatcher (`{ action: name, ...params }`),
 * so `params` may not use this key.
 */
export const ACTION_NAME_PARAM = 'action';

/** A call back into the add-on through the single action dispatcher. Parameters are strings, as Apps Script requires. */
export interface ActionCall {
  /** Name of a registered action (see src/ui/action-names.ts). */
  name: string;
  /** String values only; the key `action` is reserved for the name (ACTION_NAME_PARAM). */
  params?: Record<string, string>;
  /** Whether Gmail shows a spinner while the action runs. Defaults to spinner. */
  loadIndicator?: 'spinner' | 'none';
}

export type OnClick =
  | { kind: 'action'; action: ActionCall }
  | { kind: 'openLink'; url: string; openAs?: 'fullSize' | 'overlay' }
  /** A compose action: the handler returns a draft (reply to the open message). */
  | { kind: 'compose'; action: ActionCall };

/** The CardService `Icon` values cards may use (a runtime list, so validators and renderers can check them). */
export const KNOWN_ICONS = [
  'PERSON',
  'EMAIL',
  'CLOCK',
  'DOLLAR',
  'STAR',
  'BOOKMARK',
  'DESCRIPTION',
  'INVITE',
  'MULTIPLE_PEOPLE',
  'OFFER',
  'TICKET',
  'EVENT_PERFORMER',
  'MEMBERSHIP',
  'STORE',
] as const;

export type KnownIcon = (typeof KNOWN_ICONS)[number];

export interface Button {
  text: string;
  onClick: OnClick;
  /** filled = primary action, outlined = secondary, text = tertiary link-like button. */
  style?: 'filled' | 'outlined' | 'text';
  disabled?: boolean;
}

export interface SelectionItem {
  text: string;
  value: string;
  selected?: boolean;
}

export type Widget =
  | {
      kind: 'decoratedText';
      text: Text;
      topLabel?: string;
      bottomLabel?: string;
      wrapText?: boolean;
      icon?: KnownIcon;
      iconUrl?: string;
      button?: Button;
      onClick?: OnClick;
    }
  | { kind: 'textParagraph'; text: Text }
  | { kind: 'buttonSet'; buttons: Button[] }
  | {
      kind: 'selectionInput';
      name: string;
      label: string;
      type: 'checkBox' | 'radioButton' | 'dropdown' | 'switch' | 'multiSelect';
      items: SelectionItem[];
      onChange?: ActionCall;
    }
  | {
      kind: 'textInput';
      name: string;
      label: string;
      value?: string;
      hint?: string;
      multiline?: boolean;
      onChange?: ActionCall;
    }
  | {
      kind: 'datePicker';
      name: string;
      label: string;
      /** Milliseconds since the epoch (UTC), as CardService expects. */
      valueMs?: number;
      onChange?: ActionCall;
    }
  | { kind: 'image'; url: string; altText: string; onClick?: OnClick }
  | { kind: 'divider' };

export type WidgetKind = Widget['kind'];
/** The widget variant of one kind, e.g. `WidgetOf<'textInput'>`. */
export type WidgetOf<K extends WidgetKind> = Extract<Widget, { kind: K }>;

export interface Section {
  header?: string;
  widgets: Widget[];
  /** Collapsible sections show the first `uncollapsibleWidgets` widgets and a "more" toggle. */
  collapsible?: boolean;
  uncollapsibleWidgets?: number;
}

export interface CardHeader {
  title: string;
  subtitle?: string;
  imageUrl?: string;
  imageAltText?: string;
}

export interface Card {
  /** Names a card so navigation can pop back to it. */
  name?: string;
  header?: CardHeader;
  sections: Section[];
  fixedFooter?: { primary: Button; secondary?: Button };
}

export type NavigationStep =
  | { kind: 'push'; card: Card }
  | { kind: 'update'; card: Card }
  | { kind: 'pop' }
  | { kind: 'popToRoot' }
  | { kind: 'popToNamed'; name: string };

/** What an action handler returns: navigation and/or a toast, a link to open, or a draft. */
export type ActionResponse =
  | { kind: 'navigate'; steps: NavigationStep[]; notification?: string; stateChanged?: boolean }
  | { kind: 'notify'; notification: string; stateChanged?: boolean }
  | { kind: 'openLink'; url: string }
  | { kind: 'draftReply'; draft: Draft }
  /** From an action in the compose UI: content inserted into the draft being written. */
  | { kind: 'updateDraft'; update: DraftUpdate };

/** A reply draft to the open message (compose action), or content inserted into the open draft. */
export interface Draft {
  subject?: string;
  /** Plain-text body; always present so clients without HTML still read it. */
  textBody: string;
  /** Optional HTML body, already escaped/sanitised by the template engine. */
  htmlBody?: string;
  to?: string[];
}

/** What a compose-trigger action returns: content inserted into the draft being written. */
export interface DraftUpdate {
  kind: 'draftUpdate';
  insertHtml?: string;
  insertText?: string;
  subject?: string;
  to?: string[];
}

/**
 * Google's documented limits. Widgets past the 100th are dropped together with their whole section
 * (Card reference, cards v2), so src/ui/card/validate.ts rejects such cards outright.
 */
export const MAX_WIDGETS_PER_CARD = 100;
/** CardBuilder.addSection: "You can't add more than 100 sections to a card." */
export const MAX_SECTIONS_PER_CARD = 100;
/** SelectionInput items: "Supports up to 100 items." */
export const MAX_SELECTION_ITEMS = 100;
