/**
 * A stand-in for Apps Script's CardService, limited to the subset the add-on uses (CardServiceLike in
 * src/gas/card-service.ts). Builders record what they are given and `build()` returns Google's card
 * JSON shape as plain, inspectable objects whose `printJson()` gives the JSON text, e.g.
 *
 *   { name, header: { title, subtitle }, sections: [{ header, widgets: [
 *       { decoratedText: { text, topLabel, startIcon: { knownIcon } } },
 *       { buttonList: { buttons: [{ text, type, onClick: { action: { function, parameters: [{ key, value }] } } }] } },
 *     ] }], fixedFooter: { primaryButton } }
 *
 * It checks what Google documents the real builders check, with messages in Apps Script's style:
 * setters take the documented types ("Invalid argument: …"), Action parameters are strings,
 * CardBuilder.build() needs a section and validates the card (button text, function names, required
 * field names, unique field names, header title), a card takes at most 100 sections, and widgets past
 * the 100th are dropped with their section, as Google does, with a note in `warnings`. Action responses
 * are shaped like the add-ons RenderActions JSON (`action.navigations`, `action.notification`,
 * `action.link`, `hostAppAction.gmailAction…`). Compose clicks, which Google's public JSON does not
 * show, appear as `onClick.composeAction`.
 *
 * Every method call is counted in `counter` as "Class.method" (factories as "CardService.newX"), so
 * benchmarks can report builder calls per card. Self-contained: no other stand-in is needed.
 */
import type {
  ActionLike,
  ActionResponseBuilderLike,
  ButtonSetLike,
  CardBuilderLike,
  CardHeaderLike,
  CardSectionLike,
  CardServiceLike,
  ClickableLike,
  ComposeActionResponseBuilderLike,
  DatePickerLike,
  DecoratedTextLike,
  DividerLike,
  EnumValue,
  FixedFooterLike,
  GmailDraftLike,
  ImageLike,
  NavigationLike,
  NotificationLike,
  OpenLinkLike,
  PrintableLike,
  SelectionInputLike,
  TextButtonLike,
  TextInputLike,
  TextParagraphLike,
  UpdateDraftActionResponseBuilderLike,
  UpdateDraftBodyActionLike,
  UpdateDraftSubjectActionLike,
  UpdateDraftToRecipientsActionLike,
  UniversalActionResponseBuilderLike,
} from '../../gas/card-service';
import type { ResponseType } from '../../ui/card/contract';

/** Calls per method, e.g. { "CardService.newTextButton": 3, "TextButton.setText": 3 }. */
export type CallCounter = { [method: string]: number };

// ------------------------------------------------------------------------------------------------
// Google's card JSON, as built here
// ------------------------------------------------------------------------------------------------

export interface ActionJson {
  function: string;
  parameters?: { key: string; value: string }[];
  loadIndicator?: string;
}
export interface OpenLinkJson {
  url: string;
  openAs?: string;
}
export interface OnClickJson {
  action?: ActionJson;
  openLink?: OpenLinkJson;
  composeAction?: { action: ActionJson; composedEmailType: string };
}
export interface ButtonJson {
  text: string;
  type?: string;
  disabled?: boolean;
  onClick: OnClickJson;
}
export interface DecoratedTextJson {
  text: string;
  topLabel?: string;
  bottomLabel?: string;
  wrapText?: boolean;
  startIcon?: { knownIcon: string } | { iconUrl: string };
  button?: ButtonJson;
  onClick?: OnClickJson;
}
export interface SelectionInputJson {
  name: string;
  label?: string;
  type: string;
  items: { text: string; value: string; selected: boolean }[];
  onChangeAction?: ActionJson;
}
export interface TextInputJson {
  name: string;
  label?: string;
  value?: string;
  hintText?: string;
  type: 'SINGLE_LINE' | 'MULTIPLE_LINE';
  onChangeAction?: ActionJson;
}
export interface DateTimePickerJson {
  name: string;
  label?: string;
  type: 'DATE_ONLY';
  /** int64 milliseconds, a string in Google's JSON. */
  valueMsEpoch?: string;
  onChangeAction?: ActionJson;
}
export interface ImageJson {
  imageUrl: string;
  altText?: string;
  onClick?: OnClickJson;
}
export interface WidgetJson {
  decoratedText?: DecoratedTextJson;
  textParagraph?: { text: string };
  buttonList?: { buttons: ButtonJson[] };
  selectionInput?: SelectionInputJson;
  textInput?: TextInputJson;
  dateTimePicker?: DateTimePickerJson;
  image?: ImageJson;
  divider?: Record<string, never>;
}
export interface SectionJson {
  header?: string;
  collapsible?: boolean;
  uncollapsibleWidgetsCount?: number;
  widgets: WidgetJson[];
}
export interface CardJson {
  name?: string;
  header?: { title: string; subtitle?: string; imageUrl?: string; imageAltText?: string };
  sections: SectionJson[];
  fixedFooter?: { primaryButton: ButtonJson; secondaryButton?: ButtonJson };
}
export type NavigationJson =
  | { pushCard: CardJson }
  | { updateCard: CardJson }
  | { popCard: true }
  | { popToRoot: true }
  | { popToCard: string };
export interface ActionResponseJson {
  action: { navigations?: NavigationJson[]; notification?: { text: string }; link?: OpenLinkJson };
  stateChanged?: boolean;
}
/** The cards a universal action displays (the first shown, as with a pushed card), or a link it opens. */
export interface UniversalActionResponseJson {
  action: { navigations?: NavigationJson[]; cards?: CardJson[]; link?: { url: string; openAs?: string } };
}
export interface ComposeActionResponseJson {
  hostAppAction: { gmailAction: { openCreatedDraftActionMarkup: { draftId: string } } };
}
export interface UpdateDraftActionResponseJson {
  hostAppAction: {
    gmailAction: {
      updateDraftActionMarkup: {
        updateBody?: { insertContents: { content: string; contentType: string }[]; type: string };
        updateSubject?: { subject: string };
        updateToRecipients?: { toRecipients: { email: string }[] };
      };
    };
  };
}

/** A built object: its JSON as own properties, plus printJson() (not enumerable, so toEqual ignores it). */
export type Built<T> = T & PrintableLike;

// ------------------------------------------------------------------------------------------------
// Enums: strings named like Apps Script's
// ------------------------------------------------------------------------------------------------

function enumOf<const K extends string>(...keys: K[]): { readonly [P in K]: P } {
  return Object.freeze(Object.fromEntries(keys.map((k) => [k, k]))) as { readonly [P in K]: P };
}

export const ENUMS = {
  ComposedEmailType: enumOf('REPLY_AS_DRAFT', 'STANDALONE_DRAFT'),
  ContentType: enumOf('TEXT', 'MUTABLE_HTML', 'IMMUTABLE_HTML'),
  Icon: enumOf(
    'NONE',
    'AIRPLANE',
    'BOOKMARK',
    'BUS',
    'CAR',
    'CLOCK',
    'CONFIRMATION_NUMBER_ICON',
    'DOLLAR',
    'DESCRIPTION',
    'EMAIL',
    'EVENT_PERFORMER',
    'EVENT_SEAT',
    'FLIGHT_ARRIVAL',
    'FLIGHT_DEPARTURE',
    'HOTEL',
    'HOTEL_ROOM_TYPE',
    'INVITE',
    'MAP_PIN',
    'MEMBERSHIP',
    'MULTIPLE_PEOPLE',
    'OFFER',
    'PERSON',
    'PHONE',
    'RESTAURANT_ICON',
    'SHOPPING_CART',
    'STAR',
    'STORE',
    'TICKET',
    'TRAIN',
    'VIDEO_CAMERA',
    'VIDEO_PLAY',
  ),
  LoadIndicator: enumOf('SPINNER', 'NONE'),
  OpenAs: enumOf('FULL_SIZE', 'OVERLAY'),
  SelectionInputType: enumOf('CHECK_BOX', 'RADIO_BUTTON', 'DROPDOWN', 'SWITCH', 'MULTI_SELECT'),
  TextButtonStyle: enumOf('OUTLINED', 'TEXT', 'FILLED', 'FILLED_TONAL', 'BORDERLESS'),
  UpdateDraftBodyType: enumOf('IN_PLACE_INSERT', 'INSERT_AT_START', 'INSERT_AT_END'),
} as const;

// ------------------------------------------------------------------------------------------------
// Argument checks and helpers
// ------------------------------------------------------------------------------------------------

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function invalid(method: string, param: string, detail: string): Error {
  return new Error(`Invalid argument: ${param}. ${method} ${detail}`);
}

function str(method: string, param: string, v: unknown): string {
  if (typeof v !== 'string') throw invalid(method, param, `expects a string, got ${typeName(v)}.`);
  return v;
}

function bool(method: string, param: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw invalid(method, param, `expects a boolean, got ${typeName(v)}.`);
  return v;
}

function int(method: string, param: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw invalid(method, param, `expects an integer, got ${typeName(v)}.`);
  }
  return v;
}

function enumValue<E extends Record<string, string>>(
  method: string,
  param: string,
  e: E,
  v: unknown,
): E[keyof E] {
  if (typeof v !== 'string' || !(v in e)) {
    throw invalid(method, param, `expects one of ${Object.keys(e).join(', ')}, got ${JSON.stringify(v)}.`);
  }
  return v as E[keyof E];
}

function builtError(where: string, problem: string): Error {
  return new Error(`${where}: ${problem}`);
}

/** What a built object is, as Gmail tells them apart when a function returns one (src/ui/card/contract.ts). */
export type BuiltType = 'Card' | Exclude<ResponseType, 'Card[]' | 'nothing'>;

const BUILT_TYPE = Symbol('builtType');

/** Attaches a non-enumerable printJson() and the built type to a plain JSON object. */
function printable<T extends object>(json: T, type: BuiltType): Built<T> {
  Object.defineProperty(json, 'printJson', {
    value: () => JSON.stringify(json, null, 2),
    enumerable: false,
  });
  Object.defineProperty(json, BUILT_TYPE, { value: type, enumerable: false });
  return json as Built<T>;
}

/**
 * The response type of whatever a script function returned, as Gmail would classify it: a built card
 * or an array of them is Card[] (Google accepts a single Card where it takes cards), a built response
 * its own type, undefined "nothing", and anything else a description of what it is.
 */
export function responseTypeOfValue(value: unknown): ResponseType | string {
  if (value === undefined || value === null) return 'nothing';
  const typeOf = (v: unknown): BuiltType | undefined =>
    typeof v === 'object' && v !== null ? (v as { [BUILT_TYPE]?: BuiltType })[BUILT_TYPE] : undefined;
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeOf(v) === 'Card')) return 'Card[]';
    return `an array of ${value.length === 0 ? 'nothing' : [...new Set(value.map((v) => typeOf(v) ?? typeof v))].join(', ')}`;
  }
  const type = typeOf(value);
  if (type === 'Card') return 'Card[]';
  return type ?? `a plain ${typeof value}`;
}

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Counts each call as "Class.method". */
class Counted {
  constructor(
    protected readonly counter: CallCounter,
    private readonly className: string,
  ) {}
  protected call(method: string): string {
    const key = `${this.className}.${method}`;
    this.counter[key] = (this.counter[key] ?? 0) + 1;
    return key;
  }
}

// ------------------------------------------------------------------------------------------------
// Builders
// ------------------------------------------------------------------------------------------------

class StandinAction extends Counted implements ActionLike {
  private functionName?: string;
  private parameters?: Record<string, string>;
  private loadIndicator?: string;
  constructor(counter: CallCounter) {
    super(counter, 'Action');
  }
  setFunctionName(functionName: string): this {
    this.functionName = str(this.call('setFunctionName'), 'functionName', functionName);
    return this;
  }
  setParameters(parameters: { [key: string]: string }): this {
    const m = this.call('setParameters');
    if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
      throw invalid(m, 'parameters', `expects an object of string values, got ${typeName(parameters)}.`);
    }
    for (const [key, value] of Object.entries(parameters as Record<string, unknown>)) {
      if (typeof value !== 'string') {
        throw invalid(m, 'parameters', `expects string values; "${key}" is ${typeName(value)}.`);
      }
    }
    this.parameters = { ...parameters };
    return this;
  }
  setLoadIndicator(loadIndicator: EnumValue): this {
    const m = this.call('setLoadIndicator');
    this.loadIndicator = enumValue(m, 'loadIndicator', ENUMS.LoadIndicator, loadIndicator);
    return this;
  }
  toJson(where: string): ActionJson {
    if (!this.functionName)
      throw builtError(where, 'an Action has no function name; call setFunctionName().');
    const json: ActionJson = { function: this.functionName };
    if (this.parameters)
      json.parameters = Object.entries(this.parameters).map(([key, value]) => ({ key, value }));
    if (this.loadIndicator) json.loadIndicator = this.loadIndicator;
    return json;
  }
}

class StandinOpenLink extends Counted implements OpenLinkLike {
  private url?: string;
  private openAs?: string;
  constructor(counter: CallCounter) {
    super(counter, 'OpenLink');
  }
  setUrl(url: string): this {
    this.url = str(this.call('setUrl'), 'url', url);
    return this;
  }
  setOpenAs(openAs: EnumValue): this {
    this.openAs = enumValue(this.call('setOpenAs'), 'openAs', ENUMS.OpenAs, openAs);
    return this;
  }
  toJson(where: string): OpenLinkJson {
    if (!this.url) throw builtError(where, 'an OpenLink has no URL; call setUrl().');
    return this.openAs ? { url: this.url, openAs: this.openAs } : { url: this.url };
  }
}

function asAction(method: string, v: unknown): StandinAction {
  if (!(v instanceof StandinAction))
    throw invalid(method, 'action', 'expects an Action from CardService.newAction().');
  return v;
}

function asOpenLink(method: string, v: unknown): StandinOpenLink {
  if (!(v instanceof StandinOpenLink)) {
    throw invalid(method, 'openLink', 'expects an OpenLink from CardService.newOpenLink().');
  }
  return v;
}

type Click =
  | { kind: 'action'; action: StandinAction }
  | { kind: 'openLink'; link: StandinOpenLink }
  | { kind: 'compose'; action: StandinAction; type: string };

/** The three ways to make something clickable; the last one set wins, as in CardService. */
abstract class Clickable extends Counted implements ClickableLike {
  protected click?: Click;
  setOnClickAction(action: ActionLike): this {
    this.click = { kind: 'action', action: asAction(this.call('setOnClickAction'), action) };
    return this;
  }
  setOpenLink(openLink: OpenLinkLike): this {
    this.click = { kind: 'openLink', link: asOpenLink(this.call('setOpenLink'), openLink) };
    return this;
  }
  setComposeAction(action: ActionLike, composedEmailType: EnumValue): this {
    const m = this.call('setComposeAction');
    this.click = {
      kind: 'compose',
      action: asAction(m, action),
      type: enumValue(m, 'composedEmailType', ENUMS.ComposedEmailType, composedEmailType),
    };
    return this;
  }
  protected clickJson(where: string): OnClickJson | undefined {
    const c = this.click;
    if (!c) return undefined;
    if (c.kind === 'action') return { action: c.action.toJson(where) };
    if (c.kind === 'openLink') return { openLink: c.link.toJson(where) };
    return { composeAction: { action: c.action.toJson(where), composedEmailType: c.type } };
  }
}

class StandinTextButton extends Clickable implements TextButtonLike {
  private text?: string;
  private style?: string;
  private disabled?: boolean;
  constructor(counter: CallCounter) {
    super(counter, 'TextButton');
  }
  setText(text: string): this {
    this.text = str(this.call('setText'), 'text', text);
    return this;
  }
  setTextButtonStyle(textButtonStyle: EnumValue): this {
    const m = this.call('setTextButtonStyle');
    this.style = enumValue(m, 'textButtonStyle', ENUMS.TextButtonStyle, textButtonStyle);
    return this;
  }
  setDisabled(disabled: boolean): this {
    this.disabled = bool(this.call('setDisabled'), 'disabled', disabled);
    return this;
  }
  toJson(where: string): ButtonJson {
    if (!this.text || this.text.trim() === '')
      throw builtError(where, 'a TextButton has no text; call setText().');
    const onClick = this.clickJson(`${where} (button "${this.text}")`);
    if (!onClick) {
      throw builtError(
        where,
        `the TextButton "${this.text}" has no action; call setOnClickAction(), setOpenLink() or setComposeAction().`,
      );
    }
    const json: ButtonJson = { text: this.text, onClick };
    if (this.style) json.type = this.style;
    if (this.disabled) json.disabled = true;
    return json;
  }
}

function asButton(method: string, v: unknown): StandinTextButton {
  if (!(v instanceof StandinTextButton)) {
    throw invalid(method, 'button', 'expects a TextButton from CardService.newTextButton().');
  }
  return v;
}

/** Widgets serialise at build time, so later setter calls are seen, as with the real builders. */
interface StandinWidget {
  toWidgetJson(where: string): WidgetJson;
  readonly fieldName?: string;
}

const isWidget = (v: unknown): v is StandinWidget =>
  typeof v === 'object' && v !== null && typeof (v as Partial<StandinWidget>).toWidgetJson === 'function';

class StandinDecoratedText extends Clickable implements DecoratedTextLike, StandinWidget {
  private json: Partial<DecoratedTextJson> = {};
  private button?: StandinTextButton;
  constructor(counter: CallCounter) {
    super(counter, 'DecoratedText');
  }
  setText(text: string): this {
    this.json.text = str(this.call('setText'), 'text', text);
    return this;
  }
  setTopLabel(text: string): this {
    this.json.topLabel = str(this.call('setTopLabel'), 'text', text);
    return this;
  }
  setBottomLabel(text: string): this {
    this.json.bottomLabel = str(this.call('setBottomLabel'), 'text', text);
    return this;
  }
  setWrapText(wrapText: boolean): this {
    this.json.wrapText = bool(this.call('setWrapText'), 'wrapText', wrapText);
    return this;
  }
  setIcon(icon: EnumValue): this {
    this.json.startIcon = { knownIcon: enumValue(this.call('setIcon'), 'icon', ENUMS.Icon, icon) };
    return this;
  }
  setIconUrl(url: string): this {
    this.json.startIcon = { iconUrl: str(this.call('setIconUrl'), 'url', url) };
    return this;
  }
  setButton(button: ClickableLike): this {
    this.button = asButton(this.call('setButton'), button);
    return this;
  }
  toWidgetJson(where: string): WidgetJson {
    if (!this.json.text) throw builtError(where, 'a DecoratedText has no text; call setText().');
    const json: DecoratedTextJson = { ...this.json, text: this.json.text };
    if (this.button) json.button = this.button.toJson(where);
    const onClick = this.clickJson(where);
    if (onClick) json.onClick = onClick;
    return { decoratedText: json };
  }
}

class StandinTextParagraph extends Counted implements TextParagraphLike, StandinWidget {
  private text?: string;
  constructor(counter: CallCounter) {
    super(counter, 'TextParagraph');
  }
  setText(text: string): this {
    this.text = str(this.call('setText'), 'text', text);
    return this;
  }
  toWidgetJson(where: string): WidgetJson {
    if (!this.text) throw builtError(where, 'a TextParagraph has no text; call setText().');
    return { textParagraph: { text: this.text } };
  }
}

class StandinButtonSet extends Counted implements ButtonSetLike, StandinWidget {
  private buttons: StandinTextButton[] = [];
  constructor(counter: CallCounter) {
    super(counter, 'ButtonSet');
  }
  addButton(button: ClickableLike): this {
    this.buttons.push(asButton(this.call('addButton'), button));
    return this;
  }
  toWidgetJson(where: string): WidgetJson {
    if (this.buttons.length === 0) throw builtError(where, 'a ButtonSet has no buttons; call addButton().');
    return { buttonList: { buttons: this.buttons.map((b, i) => b.toJson(`${where}, button ${i + 1}`)) } };
  }
}

function asOnChange(method: string, action: unknown): StandinAction {
  return asAction(method, action);
}

class StandinSelectionInput extends Counted implements SelectionInputLike, StandinWidget {
  fieldName?: string;
  private type: string = ENUMS.SelectionInputType.CHECK_BOX;
  private title?: string;
  private items: { text: string; value: string; selected: boolean }[] = [];
  private onChange?: StandinAction;
  constructor(counter: CallCounter) {
    super(counter, 'SelectionInput');
  }
  setType(type: EnumValue): this {
    this.type = enumValue(this.call('setType'), 'type', ENUMS.SelectionInputType, type);
    return this;
  }
  setTitle(title: string): this {
    this.title = str(this.call('setTitle'), 'title', title);
    return this;
  }
  setFieldName(fieldName: string): this {
    this.fieldName = str(this.call('setFieldName'), 'fieldName', fieldName);
    return this;
  }
  addItem(text: string, value: string, selected: boolean): this {
    const m = this.call('addItem');
    this.items.push({
      text: str(m, 'text', text),
      value: str(m, 'value', value),
      selected: bool(m, 'selected', selected),
    });
    return this;
  }
  setOnChangeAction(action: ActionLike): this {
    this.onChange = asOnChange(this.call('setOnChangeAction'), action);
    return this;
  }
  toWidgetJson(where: string): WidgetJson {
    if (!this.fieldName) throw builtError(where, 'a SelectionInput has no field name; call setFieldName().');
    if (this.items.length > 100)
      throw builtError(where, `a SelectionInput has ${this.items.length} items; at most 100 are supported.`);
    const json: SelectionInputJson = {
      name: this.fieldName,
      type: this.type,
      items: this.items.map((i) => ({ ...i })),
    };
    if (this.title !== undefined) json.label = this.title;
    if (this.onChange) json.onChangeAction = this.onChange.toJson(where);
    return { selectionInput: json };
  }
}

class StandinTextInput extends Counted implements TextInputLike, StandinWidget {
  fieldName?: string;
  private json: Partial<TextInputJson> = {};
  private multiline = false;
  private onChange?: StandinAction;
  constructor(counter: CallCounter) {
    super(counter, 'TextInput');
  }
  setFieldName(fieldName: string): this {
    this.fieldName = str(this.call('setFieldName'), 'fieldName', fieldName);
    return this;
  }
  setTitle(title: string): this {
    this.json.label = str(this.call('setTitle'), 'title', title);
    return this;
  }
  setValue(value: string): this {
    this.json.value = str(this.call('setValue'), 'value', value);
    return this;
  }
  setHint(hint: string): this {
    this.json.hintText = str(this.call('setHint'), 'hint', hint);
    return this;
  }
  setMultiline(multiline: boolean): this {
    this.multiline = bool(this.call('setMultiline'), 'multiline', multiline);
    return this;
  }
  setOnChangeAction(action: ActionLike): this {
    this.onChange = asOnChange(this.call('setOnChangeAction'), action);
    return this;
  }
  toWidgetJson(where: string): WidgetJson {
    if (!this.fieldName) throw builtError(where, 'a TextInput has no field name; call setFieldName().');
    const json: TextInputJson = {
      name: this.fieldName,
      ...this.json,
      type: this.multiline ? 'MULTIPLE_LINE' : 'SINGLE_LINE',
    };
    if (this.onChange) json.onChangeAction = this.onChange.toJson(where);
    return { textInput: json };
  }
}

class StandinDatePicker extends Counted implements DatePickerLike, StandinWidget {
  fieldName?: string;
  private title?: string;
  private valueMs?: number;
  private onChange?: StandinAction;
  constructor(counter: CallCounter) {
    super(counter, 'DatePicker');
  }
  setFieldName(fieldName: string): this {
    this.fieldName = str(this.call('setFieldName'), 'fieldName', fieldName);
    return this;
  }
  setTitle(title: string): this {
    this.title = str(this.call('setTitle'), 'title', title);
    return this;
  }
  setValueInMsSinceEpoch(valueMsEpoch: number | string): this {
    const m = this.call('setValueInMsSinceEpoch');
    // Documented to accept a number or a numeric string.
    const n =
      typeof valueMsEpoch === 'string' && valueMsEpoch.trim() !== '' ? Number(valueMsEpoch) : valueMsEpoch;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      throw invalid(
        m,
        'valueMsEpoch',
        `expects milliseconds since the epoch, got ${JSON.stringify(valueMsEpoch)}.`,
      );
    }
    this.valueMs = n;
    return this;
  }
  setOnChangeAction(action: ActionLike): this {
    this.onChange = asOnChange(this.call('setOnChangeAction'), action);
    return this;
  }
  toWidgetJson(where: string): WidgetJson {
    if (!this.fieldName) throw builtError(where, 'a DatePicker has no field name; call setFieldName().');
    const json: DateTimePickerJson = { name: this.fieldName, type: 'DATE_ONLY' };
    if (this.title !== undefined) json.label = this.title;
    if (this.valueMs !== undefined) json.valueMsEpoch = String(Math.trunc(this.valueMs));
    if (this.onChange) json.onChangeAction = this.onChange.toJson(where);
    return { dateTimePicker: json };
  }
}

class StandinImage extends Clickable implements ImageLike, StandinWidget {
  private url?: string;
  private altText?: string;
  constructor(counter: CallCounter) {
    super(counter, 'Image');
  }
  setImageUrl(url: string): this {
    this.url = str(this.call('setImageUrl'), 'url', url);
    return this;
  }
  setAltText(altText: string): this {
    this.altText = str(this.call('setAltText'), 'altText', altText);
    return this;
  }
  toWidgetJson(where: string): WidgetJson {
    if (!this.url) throw builtError(where, 'an Image has no URL; call setImageUrl().');
    const json: ImageJson = { imageUrl: this.url };
    if (this.altText !== undefined) json.altText = this.altText;
    const onClick = this.clickJson(where);
    if (onClick) json.onClick = onClick;
    return { image: json };
  }
}

class StandinDivider extends Counted implements DividerLike, StandinWidget {
  constructor(counter: CallCounter) {
    super(counter, 'Divider');
  }
  toWidgetJson(): WidgetJson {
    return { divider: {} };
  }
}

class StandinCardSection extends Counted implements CardSectionLike {
  header?: string;
  private collapsible?: boolean;
  private uncollapsible?: number;
  readonly widgets: StandinWidget[] = [];
  constructor(counter: CallCounter) {
    super(counter, 'CardSection');
  }
  setHeader(header: string): this {
    this.header = str(this.call('setHeader'), 'header', header);
    return this;
  }
  setCollapsible(collapsible: boolean): this {
    this.collapsible = bool(this.call('setCollapsible'), 'collapsible', collapsible);
    return this;
  }
  setNumUncollapsibleWidgets(numUncollapsibleWidgets: number): this {
    const m = this.call('setNumUncollapsibleWidgets');
    this.uncollapsible = int(m, 'numUncollapsibleWidgets', numUncollapsibleWidgets);
    return this;
  }
  addWidget(widget: object): this {
    const m = this.call('addWidget');
    if (!isWidget(widget)) throw invalid(m, 'widget', 'expects a widget built by this CardService.');
    this.widgets.push(widget);
    return this;
  }
  toJson(where: string): SectionJson {
    if (this.widgets.length === 0) throw builtError(where, 'a CardSection has no widgets; call addWidget().');
    // Google does not say what a fold past the last widget does; refuse it rather than guess, so a
    // card that asks for one fails here, in tests, instead of in Gmail.
    if (this.uncollapsible !== undefined && this.uncollapsible > this.widgets.length)
      throw builtError(
        where,
        `numUncollapsibleWidgets is ${this.uncollapsible} but the section has ${this.widgets.length} widget(s).`,
      );
    const json: SectionJson = {
      widgets: this.widgets.map((w, i) => w.toWidgetJson(`${where}, widget ${i + 1}`)),
    };
    if (this.header !== undefined) json.header = this.header;
    if (this.collapsible !== undefined) json.collapsible = this.collapsible;
    if (this.uncollapsible !== undefined) json.uncollapsibleWidgetsCount = this.uncollapsible;
    return json;
  }
}

class StandinCardHeader extends Counted implements CardHeaderLike {
  private json: Partial<NonNullable<CardJson['header']>> = {};
  constructor(counter: CallCounter) {
    super(counter, 'CardHeader');
  }
  setTitle(title: string): this {
    this.json.title = str(this.call('setTitle'), 'title', title);
    return this;
  }
  setSubtitle(subtitle: string): this {
    this.json.subtitle = str(this.call('setSubtitle'), 'subtitle', subtitle);
    return this;
  }
  setImageUrl(imageUrl: string): this {
    this.json.imageUrl = str(this.call('setImageUrl'), 'imageUrl', imageUrl);
    return this;
  }
  setImageAltText(imageAltText: string): this {
    this.json.imageAltText = str(this.call('setImageAltText'), 'imageAltText', imageAltText);
    return this;
  }
  toJson(where: string): NonNullable<CardJson['header']> {
    if (!this.json.title) throw builtError(where, 'the CardHeader has no title; call setTitle().');
    return { ...this.json, title: this.json.title };
  }
}

class StandinFixedFooter extends Counted implements FixedFooterLike {
  private primary?: StandinTextButton;
  private secondary?: StandinTextButton;
  constructor(counter: CallCounter) {
    super(counter, 'FixedFooter');
  }
  setPrimaryButton(button: TextButtonLike): this {
    this.primary = asButton(this.call('setPrimaryButton'), button);
    return this;
  }
  setSecondaryButton(button: TextButtonLike): this {
    this.secondary = asButton(this.call('setSecondaryButton'), button);
    return this;
  }
  toJson(where: string): NonNullable<CardJson['fixedFooter']> {
    // Documented: a secondary button without a primary does nothing; a footer without buttons is an error.
    if (!this.primary)
      throw builtError(where, 'the FixedFooter has no primary button; call setPrimaryButton().');
    const json: NonNullable<CardJson['fixedFooter']> = {
      primaryButton: this.primary.toJson(`${where}, primary button`),
    };
    if (this.secondary) json.secondaryButton = this.secondary.toJson(`${where}, secondary button`);
    return json;
  }
}

const builtCards = new WeakSet<object>();

class StandinCardBuilder extends Counted implements CardBuilderLike {
  private name?: string;
  private header?: StandinCardHeader;
  private sections: StandinCardSection[] = [];
  private footer?: StandinFixedFooter;
  constructor(
    counter: CallCounter,
    private readonly warnings: string[],
  ) {
    super(counter, 'CardBuilder');
  }
  setName(name: string): this {
    this.name = str(this.call('setName'), 'name', name);
    return this;
  }
  setHeader(cardHeader: CardHeaderLike): this {
    const m = this.call('setHeader');
    if (!(cardHeader instanceof StandinCardHeader)) throw invalid(m, 'cardHeader', 'expects a CardHeader.');
    this.header = cardHeader;
    return this;
  }
  addSection(section: CardSectionLike): this {
    const m = this.call('addSection');
    if (!(section instanceof StandinCardSection)) throw invalid(m, 'section', 'expects a CardSection.');
    if (this.sections.length >= 100)
      throw invalid(m, 'section', "can't add more than 100 sections to a card.");
    this.sections.push(section);
    return this;
  }
  setFixedFooter(fixedFooter: FixedFooterLike): this {
    const m = this.call('setFixedFooter');
    if (!(fixedFooter instanceof StandinFixedFooter))
      throw invalid(m, 'fixedFooter', 'expects a FixedFooter.');
    this.footer = fixedFooter;
    return this;
  }
  build(): Built<CardJson> {
    const where = `CardBuilder.build()${this.name ? ` (card "${this.name}")` : ''}`;
    this.call('build');
    if (this.sections.length === 0)
      throw builtError(where, 'a card needs at least one section; call addSection().');
    // Google keeps 100 widgets per card: the section that crosses the limit and all after it are dropped.
    let total = 0;
    let kept = this.sections.length;
    for (let i = 0; i < this.sections.length; i++) {
      total += this.sections[i]?.widgets.length ?? 0;
      if (total > 100) {
        kept = i;
        this.warnings.push(
          `${where}: ${this.sections.length - i} section(s) from section ${i + 1} dropped: the card passes 100 widgets.`,
        );
        break;
      }
    }
    const fieldOwners = new Map<string, string>();
    this.sections.forEach((s, si) =>
      s.widgets.forEach((w, wi) => {
        if (!w.fieldName) return;
        const at = `section ${si + 1}, widget ${wi + 1}`;
        const first = fieldOwners.get(w.fieldName);
        if (first)
          throw builtError(
            where,
            `field name "${w.fieldName}" is used at ${first} and ${at}; field names must be unique.`,
          );
        fieldOwners.set(w.fieldName, at);
      }),
    );
    const json: CardJson = {
      sections: this.sections.slice(0, kept).map((s, i) => s.toJson(`${where}, section ${i + 1}`)),
    };
    if (this.name !== undefined) json.name = this.name;
    if (this.header) json.header = this.header.toJson(`${where}, header`);
    if (this.footer) json.fixedFooter = this.footer.toJson(`${where}, fixed footer`);
    // Key order like Google's JSON: name, header, sections, fixedFooter.
    const ordered: CardJson = {
      ...(json.name !== undefined ? { name: json.name } : {}),
      ...(json.header ? { header: json.header } : {}),
      sections: json.sections,
      ...(json.fixedFooter ? { fixedFooter: json.fixedFooter } : {}),
    };
    const card = printable(ordered, 'Card');
    builtCards.add(card);
    return card;
  }
}

function asBuiltCard(method: string, card: unknown): CardJson {
  if (typeof card !== 'object' || card === null || !builtCards.has(card)) {
    throw invalid(method, 'card', 'expects a Card from CardBuilder.build().');
  }
  return copy(card as CardJson);
}

class StandinNavigation extends Counted implements NavigationLike {
  readonly steps: NavigationJson[] = [];
  constructor(counter: CallCounter) {
    super(counter, 'Navigation');
  }
  pushCard(card: PrintableLike): this {
    this.steps.push({ pushCard: asBuiltCard(this.call('pushCard'), card) });
    return this;
  }
  updateCard(card: PrintableLike): this {
    this.steps.push({ updateCard: asBuiltCard(this.call('updateCard'), card) });
    return this;
  }
  popCard(): this {
    this.call('popCard');
    this.steps.push({ popCard: true });
    return this;
  }
  popToRoot(): this {
    this.call('popToRoot');
    this.steps.push({ popToRoot: true });
    return this;
  }
  popToNamedCard(cardName: string): this {
    this.steps.push({ popToCard: str(this.call('popToNamedCard'), 'cardName', cardName) });
    return this;
  }
  printJson(): string {
    return JSON.stringify(this.steps, null, 2);
  }
}

class StandinNotification extends Counted implements NotificationLike {
  text?: string;
  constructor(counter: CallCounter) {
    super(counter, 'Notification');
  }
  setText(text: string): this {
    this.text = str(this.call('setText'), 'text', text);
    return this;
  }
}

class StandinActionResponseBuilder extends Counted implements ActionResponseBuilderLike {
  private navigation?: StandinNavigation;
  private notification?: StandinNotification;
  private link?: StandinOpenLink;
  private stateChanged?: boolean;
  constructor(counter: CallCounter) {
    super(counter, 'ActionResponseBuilder');
  }
  setNavigation(navigation: NavigationLike): this {
    const m = this.call('setNavigation');
    if (!(navigation instanceof StandinNavigation)) throw invalid(m, 'navigation', 'expects a Navigation.');
    this.navigation = navigation;
    return this;
  }
  setNotification(notification: NotificationLike): this {
    const m = this.call('setNotification');
    if (!(notification instanceof StandinNotification))
      throw invalid(m, 'notification', 'expects a Notification.');
    this.notification = notification;
    return this;
  }
  setOpenLink(openLink: OpenLinkLike): this {
    this.link = asOpenLink(this.call('setOpenLink'), openLink);
    return this;
  }
  setStateChanged(stateChanged: boolean): this {
    this.stateChanged = bool(this.call('setStateChanged'), 'stateChanged', stateChanged);
    return this;
  }
  build(): Built<ActionResponseJson> {
    const where = 'ActionResponseBuilder.build()';
    this.call('build');
    const action: ActionResponseJson['action'] = {};
    if (this.navigation) action.navigations = copy(this.navigation.steps);
    if (this.notification) {
      if (!this.notification.text) throw builtError(where, 'the Notification has no text; call setText().');
      action.notification = { text: this.notification.text };
    }
    if (this.link) action.link = this.link.toJson(where);
    const json: ActionResponseJson = { action };
    if (this.stateChanged !== undefined) json.stateChanged = this.stateChanged;
    return printable(json, 'ActionResponse');
  }
}

class StandinComposeActionResponseBuilder extends Counted implements ComposeActionResponseBuilderLike {
  private draftId?: string;
  constructor(counter: CallCounter) {
    super(counter, 'ComposeActionResponseBuilder');
  }
  setGmailDraft(draft: GmailDraftLike): this {
    const m = this.call('setGmailDraft');
    if (typeof draft !== 'object' || draft === null || typeof draft.getId !== 'function') {
      throw invalid(m, 'draft', 'expects a GmailDraft.');
    }
    this.draftId = str(m, 'draft.getId()', draft.getId());
    return this;
  }
  build(): Built<ComposeActionResponseJson> {
    this.call('build');
    if (this.draftId === undefined) {
      throw builtError('ComposeActionResponseBuilder.build()', 'no Gmail draft; call setGmailDraft().');
    }
    return printable(
      { hostAppAction: { gmailAction: { openCreatedDraftActionMarkup: { draftId: this.draftId } } } },
      'ComposeActionResponse',
    );
  }
}

/** https://developers.google.com/apps-script/reference/card-service/universal-action-response-builder */
class StandinUniversalActionResponseBuilder extends Counted implements UniversalActionResponseBuilderLike {
  private cards?: CardJson[];
  private link?: StandinOpenLink;
  constructor(counter: CallCounter) {
    super(counter, 'UniversalActionResponseBuilder');
  }
  displayAddOnCards(cardObjects: PrintableLike[]): this {
    const m = this.call('displayAddOnCards');
    if (!Array.isArray(cardObjects))
      throw invalid(m, 'cardObjects', `expects an array of Cards, got ${typeName(cardObjects)}.`);
    this.cards = cardObjects.map((c) => asBuiltCard(m, c));
    return this;
  }
  setOpenLink(openLink: OpenLinkLike): this {
    this.link = asOpenLink(this.call('setOpenLink'), openLink);
    return this;
  }
  build(): Built<UniversalActionResponseJson> {
    const where = 'UniversalActionResponseBuilder.build()';
    this.call('build');
    if (!this.cards && !this.link)
      throw builtError(where, 'no cards and no link; call displayAddOnCards() or setOpenLink().');
    if (this.cards && this.cards.length === 0)
      throw builtError(where, 'displayAddOnCards() was given no cards.');
    const json: UniversalActionResponseJson = this.cards
      ? { action: { navigations: [{ pushCard: this.cards[0]! }], cards: this.cards } }
      : { action: { link: this.link!.toJson(where) } };
    return printable(json, 'UniversalActionResponse');
  }
}

class StandinUpdateDraftBodyAction extends Counted implements UpdateDraftBodyActionLike {
  readonly contents: { content: string; contentType: string }[] = [];
  type: string = ENUMS.UpdateDraftBodyType.IN_PLACE_INSERT;
  constructor(counter: CallCounter) {
    super(counter, 'UpdateDraftBodyAction');
  }
  addUpdateContent(content: string, contentType: EnumValue): this {
    const m = this.call('addUpdateContent');
    this.contents.push({
      content: str(m, 'content', content),
      contentType: enumValue(m, 'contentType', ENUMS.ContentType, contentType),
    });
    return this;
  }
  setUpdateType(updateType: EnumValue): this {
    this.type = enumValue(this.call('setUpdateType'), 'updateType', ENUMS.UpdateDraftBodyType, updateType);
    return this;
  }
}

class StandinUpdateDraftSubjectAction extends Counted implements UpdateDraftSubjectActionLike {
  subject?: string;
  constructor(counter: CallCounter) {
    super(counter, 'UpdateDraftSubjectAction');
  }
  addUpdateSubject(subject: string): this {
    this.subject = str(this.call('addUpdateSubject'), 'subject', subject);
    return this;
  }
}

class StandinUpdateDraftToRecipientsAction extends Counted implements UpdateDraftToRecipientsActionLike {
  readonly emails: string[] = [];
  constructor(counter: CallCounter) {
    super(counter, 'UpdateDraftToRecipientsAction');
  }
  addUpdateToRecipients(toRecipientEmails: string[]): this {
    const m = this.call('addUpdateToRecipients');
    if (!Array.isArray(toRecipientEmails))
      throw invalid(m, 'toRecipientEmails', 'expects an array of strings.');
    for (const e of toRecipientEmails) this.emails.push(str(m, 'toRecipientEmails', e));
    return this;
  }
}

class StandinUpdateDraftActionResponseBuilder
  extends Counted
  implements UpdateDraftActionResponseBuilderLike
{
  private body?: StandinUpdateDraftBodyAction;
  private subject?: StandinUpdateDraftSubjectAction;
  private to?: StandinUpdateDraftToRecipientsAction;
  constructor(counter: CallCounter) {
    super(counter, 'UpdateDraftActionResponseBuilder');
  }
  setUpdateDraftBodyAction(updateDraftBodyAction: UpdateDraftBodyActionLike): this {
    const m = this.call('setUpdateDraftBodyAction');
    if (!(updateDraftBodyAction instanceof StandinUpdateDraftBodyAction)) {
      throw invalid(m, 'updateDraftBodyAction', 'expects an UpdateDraftBodyAction.');
    }
    this.body = updateDraftBodyAction;
    return this;
  }
  setUpdateDraftSubjectAction(updateDraftSubjectAction: UpdateDraftSubjectActionLike): this {
    const m = this.call('setUpdateDraftSubjectAction');
    if (!(updateDraftSubjectAction instanceof StandinUpdateDraftSubjectAction)) {
      throw invalid(m, 'updateDraftSubjectAction', 'expects an UpdateDraftSubjectAction.');
    }
    this.subject = updateDraftSubjectAction;
    return this;
  }
  setUpdateDraftToRecipientsAction(updateDraftToRecipientsAction: UpdateDraftToRecipientsActionLike): this {
    const m = this.call('setUpdateDraftToRecipientsAction');
    if (!(updateDraftToRecipientsAction instanceof StandinUpdateDraftToRecipientsAction)) {
      throw invalid(m, 'updateDraftToRecipientsAction', 'expects an UpdateDraftToRecipientsAction.');
    }
    this.to = updateDraftToRecipientsAction;
    return this;
  }
  build(): Built<UpdateDraftActionResponseJson> {
    const where = 'UpdateDraftActionResponseBuilder.build()';
    this.call('build');
    const markup: UpdateDraftActionResponseJson['hostAppAction']['gmailAction']['updateDraftActionMarkup'] =
      {};
    if (this.body) {
      if (this.body.contents.length === 0) {
        throw builtError(where, 'the UpdateDraftBodyAction has no content; call addUpdateContent().');
      }
      markup.updateBody = { insertContents: this.body.contents.map((c) => ({ ...c })), type: this.body.type };
    }
    if (this.subject) {
      if (this.subject.subject === undefined) {
        throw builtError(where, 'the UpdateDraftSubjectAction has no subject; call addUpdateSubject().');
      }
      markup.updateSubject = { subject: this.subject.subject };
    }
    if (this.to) markup.updateToRecipients = { toRecipients: this.to.emails.map((email) => ({ email })) };
    return printable(
      { hostAppAction: { gmailAction: { updateDraftActionMarkup: markup } } },
      'UpdateDraftActionResponse',
    );
  }
}

// ------------------------------------------------------------------------------------------------
// The service
// ------------------------------------------------------------------------------------------------

export interface StandinCardService extends CardServiceLike {
  readonly ComposedEmailType: typeof ENUMS.ComposedEmailType;
  readonly ContentType: typeof ENUMS.ContentType;
  readonly Icon: typeof ENUMS.Icon;
  readonly LoadIndicator: typeof ENUMS.LoadIndicator;
  readonly OpenAs: typeof ENUMS.OpenAs;
  readonly SelectionInputType: typeof ENUMS.SelectionInputType;
  readonly TextButtonStyle: typeof ENUMS.TextButtonStyle;
  readonly UpdateDraftBodyType: typeof ENUMS.UpdateDraftBodyType;
  newCardBuilder(): StandinCardBuilder;
  newActionResponseBuilder(): StandinActionResponseBuilder;
  newComposeActionResponseBuilder(): StandinComposeActionResponseBuilder;
  newUniversalActionResponseBuilder(): StandinUniversalActionResponseBuilder;
  newUpdateDraftActionResponseBuilder(): StandinUpdateDraftActionResponseBuilder;
  /** Calls counted so far, as "Class.method". */
  readonly counter: CallCounter;
  /** What Google would do silently (e.g. sections dropped past 100 widgets), noted here. */
  readonly warnings: string[];
}

/** Total builder calls in a counter (all methods, factories included). */
export function totalCalls(counter: CallCounter): number {
  return Object.values(counter).reduce((a, b) => a + b, 0);
}

/** A CardService global for one execution; pass a counter to share it across services or reset it between runs. */
export function createCardService(counter: CallCounter = {}): StandinCardService {
  const warnings: string[] = [];
  const make =
    <T>(name: string, build: () => T) =>
    (): T => {
      const key = `CardService.${name}`;
      counter[key] = (counter[key] ?? 0) + 1;
      return build();
    };
  return {
    ...ENUMS,
    counter,
    warnings,
    newAction: make('newAction', () => new StandinAction(counter)),
    newActionResponseBuilder: make(
      'newActionResponseBuilder',
      () => new StandinActionResponseBuilder(counter),
    ),
    newButtonSet: make('newButtonSet', () => new StandinButtonSet(counter)),
    newCardBuilder: make('newCardBuilder', () => new StandinCardBuilder(counter, warnings)),
    newCardHeader: make('newCardHeader', () => new StandinCardHeader(counter)),
    newCardSection: make('newCardSection', () => new StandinCardSection(counter)),
    newComposeActionResponseBuilder: make(
      'newComposeActionResponseBuilder',
      () => new StandinComposeActionResponseBuilder(counter),
    ),
    newUniversalActionResponseBuilder: make(
      'newUniversalActionResponseBuilder',
      () => new StandinUniversalActionResponseBuilder(counter),
    ),
    newDatePicker: make('newDatePicker', () => new StandinDatePicker(counter)),
    newDecoratedText: make('newDecoratedText', () => new StandinDecoratedText(counter)),
    newDivider: make('newDivider', () => new StandinDivider(counter)),
    newFixedFooter: make('newFixedFooter', () => new StandinFixedFooter(counter)),
    newImage: make('newImage', () => new StandinImage(counter)),
    newNavigation: make('newNavigation', () => new StandinNavigation(counter)),
    newNotification: make('newNotification', () => new StandinNotification(counter)),
    newOpenLink: make('newOpenLink', () => new StandinOpenLink(counter)),
    newSelectionInput: make('newSelectionInput', () => new StandinSelectionInput(counter)),
    newTextButton: make('newTextButton', () => new StandinTextButton(counter)),
    newTextInput: make('newTextInput', () => new StandinTextInput(counter)),
    newTextParagraph: make('newTextParagraph', () => new StandinTextParagraph(counter)),
    newUpdateDraftActionResponseBuilder: make(
      'newUpdateDraftActionResponseBuilder',
      () => new StandinUpdateDraftActionResponseBuilder(counter),
    ),
    newUpdateDraftBodyAction: make(
      'newUpdateDraftBodyAction',
      () => new StandinUpdateDraftBodyAction(counter),
    ),
    newUpdateDraftSubjectAction: make(
      'newUpdateDraftSubjectAction',
      () => new StandinUpdateDraftSubjectAction(counter),
    ),
    newUpdateDraftToRecipientsAction: make(
      'newUpdateDraftToRecipientsAction',
      () => new StandinUpdateDraftToRecipientsAction(counter),
    ),
  };
}
