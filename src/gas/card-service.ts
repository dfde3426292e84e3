/**
 * The one place that turns card descriptions (src/ui/card/types.ts) into CardService builder calls.
 *
 * The service is a parameter, typed as the subset of CardService used here (`CardServiceLike`), so the
 * same code runs on Apps Script's real `CardService` (card-service.typecheck.ts proves it fits) and on
 * the stand-in in src/local/standins/card-service.ts. Every description is validated first
 * (src/ui/card/validate.ts), so a bad card fails with a sentence naming the card, section and widget
 * instead of an opaque CardService exception.
 *
 * Every click goes to one global function, DISPATCHER, with the action's name in the `action`
 * parameter; src/app/dispatcher.ts routes it.
 *
 * Text and markup: CardService reads some fields as an HTML subset (<b>, <i>, <font color>, <br>):
 * TextParagraph and DecoratedText text, DecoratedText top/bottom labels and section headers. Those are
 * built here from plain strings and spans with every character of data escaped (& < > "), so customer
 * data can never inject markup. The other fields (titles, button text, input labels, values, hints,
 * item text, notifications) are plain text to CardService and are passed unchanged; escaping them
 * would show "&amp;" to the user.
 */
import type {
  ActionCall,
  ActionResponse,
  Button,
  Card,
  Draft,
  DraftUpdate,
  KnownIcon,
  OnClick,
  Section,
  Text,
  Widget,
} from '../ui/card/types';
import { ACTION_NAME_PARAM } from '../ui/card/types';
import { validateActionResponse, validateCard, validateDraftUpdate } from '../ui/card/validate';

/** The single global function every card action calls; the `action` parameter names the handler. */
export const DISPATCHER = 'onCardAction';

// ---------------------------------------------------------------------------------------------
// The subset of GoogleAppsScript.Card_Service.CardService used here. Methods use method syntax so
// the real, richer types are assignable (card-service.typecheck.ts). Enum values are opaque: the
// real service uses its own enum objects, the stand-in uses strings.
// ---------------------------------------------------------------------------------------------

export type EnumValue = string | number;

export interface ActionLike {
  setFunctionName(functionName: string): ActionLike;
  setParameters(parameters: { [key: string]: string }): ActionLike;
  setLoadIndicator(loadIndicator: EnumValue): ActionLike;
}

export interface OpenLinkLike {
  setUrl(url: string): OpenLinkLike;
  setOpenAs(openAs: EnumValue): OpenLinkLike;
}

/** What every clickable CardService object offers (TextButton, DecoratedText, Image, Button). */
export interface ClickableLike {
  setOnClickAction(action: ActionLike): unknown;
  setOpenLink(openLink: OpenLinkLike): unknown;
  setComposeAction(action: ActionLike, composedEmailType: EnumValue): unknown;
}

export interface TextButtonLike extends ClickableLike {
  setOnClickAction(action: ActionLike): TextButtonLike;
  setOpenLink(openLink: OpenLinkLike): TextButtonLike;
  setComposeAction(action: ActionLike, composedEmailType: EnumValue): TextButtonLike;
  setText(text: string): TextButtonLike;
  setTextButtonStyle(textButtonStyle: EnumValue): TextButtonLike;
  setDisabled(disabled: boolean): TextButtonLike;
}

/** CardService's base Widget interface is empty; so is this one. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WidgetLike {}

export interface ButtonSetLike extends WidgetLike {
  addButton(button: ClickableLike): ButtonSetLike;
}

export interface DecoratedTextLike extends WidgetLike, ClickableLike {
  setOnClickAction(action: ActionLike): DecoratedTextLike;
  setOpenLink(openLink: OpenLinkLike): DecoratedTextLike;
  setComposeAction(action: ActionLike, composedEmailType: EnumValue): DecoratedTextLike;
  setText(text: string): DecoratedTextLike;
  setTopLabel(text: string): DecoratedTextLike;
  setBottomLabel(text: string): DecoratedTextLike;
  setWrapText(wrapText: boolean): DecoratedTextLike;
  setIcon(icon: EnumValue): DecoratedTextLike;
  setIconUrl(url: string): DecoratedTextLike;
  setButton(button: ClickableLike): DecoratedTextLike;
}

export interface TextParagraphLike extends WidgetLike {
  setText(text: string): TextParagraphLike;
}

export interface SelectionInputLike extends WidgetLike {
  setType(type: EnumValue): SelectionInputLike;
  setTitle(title: string): SelectionInputLike;
  setFieldName(fieldName: string): SelectionInputLike;
  addItem(text: string, value: string, selected: boolean): SelectionInputLike;
  setOnChangeAction(action: ActionLike): SelectionInputLike;
}

export interface TextInputLike extends WidgetLike {
  setFieldName(fieldName: string): TextInputLike;
  setTitle(title: string): TextInputLike;
  setValue(value: string): TextInputLike;
  setHint(hint: string): TextInputLike;
  setMultiline(multiline: boolean): TextInputLike;
  setOnChangeAction(action: ActionLike): TextInputLike;
}

export interface DatePickerLike extends WidgetLike {
  setFieldName(fieldName: string): DatePickerLike;
  setTitle(title: string): DatePickerLike;
  setValueInMsSinceEpoch(valueMsEpoch: number): DatePickerLike;
  setOnChangeAction(action: ActionLike): DatePickerLike;
}

export interface ImageLike extends WidgetLike, ClickableLike {
  setOnClickAction(action: ActionLike): ImageLike;
  setOpenLink(openLink: OpenLinkLike): ImageLike;
  setComposeAction(action: ActionLike, composedEmailType: EnumValue): ImageLike;
  setImageUrl(url: string): ImageLike;
  setAltText(altText: string): ImageLike;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DividerLike extends WidgetLike {}

export interface CardSectionLike {
  setHeader(header: string): CardSectionLike;
  setCollapsible(collapsible: boolean): CardSectionLike;
  setNumUncollapsibleWidgets(numUncollapsibleWidgets: number): CardSectionLike;
  addWidget(widget: WidgetLike): CardSectionLike;
}

export interface CardHeaderLike {
  setTitle(title: string): CardHeaderLike;
  setSubtitle(subtitle: string): CardHeaderLike;
  setImageUrl(imageUrl: string): CardHeaderLike;
  setImageAltText(imageAltText: string): CardHeaderLike;
}

export interface FixedFooterLike {
  setPrimaryButton(button: TextButtonLike): FixedFooterLike;
  setSecondaryButton(button: TextButtonLike): FixedFooterLike;
}

/** A built card or response: CardService only promises printJson(). */
export interface PrintableLike {
  printJson(): string;
}

export interface CardBuilderLike {
  setName(name: string): CardBuilderLike;
  setHeader(cardHeader: CardHeaderLike): CardBuilderLike;
  addSection(section: CardSectionLike): CardBuilderLike;
  setFixedFooter(fixedFooter: FixedFooterLike): CardBuilderLike;
  build(): PrintableLike;
}

export interface NavigationLike {
  pushCard(card: PrintableLike): NavigationLike;
  updateCard(card: PrintableLike): NavigationLike;
  popCard(): NavigationLike;
  popToRoot(): NavigationLike;
  popToNamedCard(cardName: string): NavigationLike;
}

export interface NotificationLike {
  setText(text: string): NotificationLike;
}

export interface ActionResponseBuilderLike {
  setNavigation(navigation: NavigationLike): ActionResponseBuilderLike;
  setNotification(notification: NotificationLike): ActionResponseBuilderLike;
  setOpenLink(openLink: OpenLinkLike): ActionResponseBuilderLike;
  setStateChanged(stateChanged: boolean): ActionResponseBuilderLike;
  build(): PrintableLike;
}

/** What ComposeActionResponseBuilder needs of a GmailApp draft (GmailDraft fits). */
export interface GmailDraftLike {
  getId(): string;
}

/** What a universal action returns (https://developers.google.com/workspace/add-ons/concepts/universal-actions). */
export interface UniversalActionResponseBuilderLike {
  displayAddOnCards(cardObjects: PrintableLike[]): UniversalActionResponseBuilderLike;
  build(): PrintableLike;
}

export interface ComposeActionResponseBuilderLike {
  setGmailDraft(draft: GmailDraftLike): ComposeActionResponseBuilderLike;
  build(): PrintableLike;
}

export interface UpdateDraftBodyActionLike {
  addUpdateContent(content: string, contentType: EnumValue): UpdateDraftBodyActionLike;
  setUpdateType(updateType: EnumValue): UpdateDraftBodyActionLike;
}

export interface UpdateDraftSubjectActionLike {
  addUpdateSubject(subject: string): UpdateDraftSubjectActionLike;
}

export interface UpdateDraftToRecipientsActionLike {
  addUpdateToRecipients(toRecipientEmails: string[]): UpdateDraftToRecipientsActionLike;
}

export interface UpdateDraftActionResponseBuilderLike {
  setUpdateDraftBodyAction(
    updateDraftBodyAction: UpdateDraftBodyActionLike,
  ): UpdateDraftActionResponseBuilderLike;
  setUpdateDraftSubjectAction(
    updateDraftSubjectAction: UpdateDraftSubjectActionLike,
  ): UpdateDraftActionResponseBuilderLike;
  setUpdateDraftToRecipientsAction(
    updateDraftToRecipientsAction: UpdateDraftToRecipientsActionLike,
  ): UpdateDraftActionResponseBuilderLike;
  build(): PrintableLike;
}

export interface CardServiceLike {
  readonly ComposedEmailType: { readonly REPLY_AS_DRAFT: EnumValue; readonly STANDALONE_DRAFT: EnumValue };
  readonly ContentType: {
    readonly TEXT: EnumValue;
    readonly MUTABLE_HTML: EnumValue;
    readonly IMMUTABLE_HTML: EnumValue;
  };
  readonly Icon: { readonly [K in KnownIcon]: EnumValue };
  readonly LoadIndicator: { readonly SPINNER: EnumValue; readonly NONE: EnumValue };
  readonly OpenAs: { readonly FULL_SIZE: EnumValue; readonly OVERLAY: EnumValue };
  readonly SelectionInputType: {
    readonly CHECK_BOX: EnumValue;
    readonly RADIO_BUTTON: EnumValue;
    readonly DROPDOWN: EnumValue;
    readonly SWITCH: EnumValue;
    readonly MULTI_SELECT: EnumValue;
  };
  readonly TextButtonStyle: {
    readonly OUTLINED: EnumValue;
    readonly FILLED: EnumValue;
    readonly BORDERLESS: EnumValue;
  };
  readonly UpdateDraftBodyType: { readonly IN_PLACE_INSERT: EnumValue };
  newAction(): ActionLike;
  newActionResponseBuilder(): ActionResponseBuilderLike;
  newButtonSet(): ButtonSetLike;
  newCardBuilder(): CardBuilderLike;
  newCardHeader(): CardHeaderLike;
  newCardSection(): CardSectionLike;
  newComposeActionResponseBuilder(): ComposeActionResponseBuilderLike;
  newUniversalActionResponseBuilder(): UniversalActionResponseBuilderLike;
  newDatePicker(): DatePickerLike;
  newDecoratedText(): DecoratedTextLike;
  newDivider(): DividerLike;
  newFixedFooter(): FixedFooterLike;
  newImage(): ImageLike;
  newNavigation(): NavigationLike;
  newNotification(): NotificationLike;
  newOpenLink(): OpenLinkLike;
  newSelectionInput(): SelectionInputLike;
  newTextButton(): TextButtonLike;
  newTextInput(): TextInputLike;
  newTextParagraph(): TextParagraphLike;
  newUpdateDraftActionResponseBuilder(): UpdateDraftActionResponseBuilderLike;
  newUpdateDraftBodyAction(): UpdateDraftBodyActionLike;
  newUpdateDraftSubjectAction(): UpdateDraftSubjectActionLike;
  newUpdateDraftToRecipientsAction(): UpdateDraftToRecipientsActionLike;
}

// ---------------------------------------------------------------------------------------------
// Text → CardService's HTML subset
// ---------------------------------------------------------------------------------------------

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes & < > " so a string is shown as written by CardService's HTML-reading fields. */
export function escapeCardHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
}

const escapeLines = (text: string) => escapeCardHtml(text).replace(/\r\n|\r|\n/g, '<br>');
const COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * Plain text or spans → CardService's HTML subset: <b>, <i>, <font color="#RRGGBB">, <br> for newlines.
 * All text is escaped; a colour that is not #RRGGBB is dropped (the validator reports it).
 */
export function toCardHtml(text: Text): string {
  if (typeof text === 'string') return escapeLines(text);
  return text
    .map((span) => {
      let html = escapeLines(span.text);
      if (span.italic) html = `<i>${html}</i>`;
      if (span.bold) html = `<b>${html}</b>`;
      if (span.color && COLOR.test(span.color)) html = `<font color="${span.color}">${html}</font>`;
      return html;
    })
    .join('');
}

// ---------------------------------------------------------------------------------------------
// Description → builders
// ---------------------------------------------------------------------------------------------

/** An ActionCall as a CardService Action on the dispatcher: `{ action: name, ...params }`. */
export function buildAction(cs: CardServiceLike, call: ActionCall): ActionLike {
  return cs
    .newAction()
    .setFunctionName(DISPATCHER)
    .setParameters({ ...call.params, [ACTION_NAME_PARAM]: call.name })
    .setLoadIndicator(call.loadIndicator === 'none' ? cs.LoadIndicator.NONE : cs.LoadIndicator.SPINNER);
}

function buildOpenLink(cs: CardServiceLike, url: string, openAs?: 'fullSize' | 'overlay'): OpenLinkLike {
  const link = cs.newOpenLink().setUrl(url);
  return openAs ? link.setOpenAs(openAs === 'overlay' ? cs.OpenAs.OVERLAY : cs.OpenAs.FULL_SIZE) : link;
}

function applyOnClick(cs: CardServiceLike, target: ClickableLike, onClick: OnClick): void {
  switch (onClick.kind) {
    case 'action':
      target.setOnClickAction(buildAction(cs, onClick.action));
      return;
    case 'openLink':
      target.setOpenLink(buildOpenLink(cs, onClick.url, onClick.openAs));
      return;
    case 'compose':
      target.setComposeAction(buildAction(cs, onClick.action), cs.ComposedEmailType.REPLY_AS_DRAFT);
      return;
  }
}

function buttonStyle(cs: CardServiceLike, style: Button['style']): EnumValue | undefined {
  switch (style) {
    case 'filled':
      return cs.TextButtonStyle.FILLED;
    case 'outlined':
      return cs.TextButtonStyle.OUTLINED;
    case 'text':
      return cs.TextButtonStyle.BORDERLESS;
    default:
      return undefined;
  }
}

function buildButton(cs: CardServiceLike, button: Button, forcedStyle?: Button['style']): TextButtonLike {
  const b = cs.newTextButton().setText(button.text);
  const style = buttonStyle(cs, forcedStyle ?? button.style);
  if (style !== undefined) b.setTextButtonStyle(style);
  if (button.disabled) b.setDisabled(true);
  applyOnClick(cs, b, button.onClick);
  return b;
}

const SELECTION_TYPE = {
  checkBox: 'CHECK_BOX',
  radioButton: 'RADIO_BUTTON',
  dropdown: 'DROPDOWN',
  switch: 'SWITCH',
  multiSelect: 'MULTI_SELECT',
} as const;

function buildWidget(cs: CardServiceLike, w: Widget): WidgetLike {
  switch (w.kind) {
    case 'decoratedText': {
      const d = cs.newDecoratedText().setText(toCardHtml(w.text));
      if (w.topLabel !== undefined) d.setTopLabel(escapeLines(w.topLabel));
      if (w.bottomLabel !== undefined) d.setBottomLabel(escapeLines(w.bottomLabel));
      if (w.wrapText !== undefined) d.setWrapText(w.wrapText);
      if (w.icon) d.setIcon(cs.Icon[w.icon]);
      else if (w.iconUrl) d.setIconUrl(w.iconUrl);
      if (w.button) d.setButton(buildButton(cs, w.button));
      else if (w.onClick) applyOnClick(cs, d, w.onClick);
      return d;
    }
    case 'textParagraph':
      return cs.newTextParagraph().setText(toCardHtml(w.text));
    case 'buttonSet': {
      const set = cs.newButtonSet();
      for (const b of w.buttons) set.addButton(buildButton(cs, b));
      return set;
    }
    case 'selectionInput': {
      const s = cs
        .newSelectionInput()
        .setType(cs.SelectionInputType[SELECTION_TYPE[w.type]])
        .setTitle(w.label)
        .setFieldName(w.name);
      for (const item of w.items) s.addItem(item.text, item.value, item.selected === true);
      if (w.onChange) s.setOnChangeAction(buildAction(cs, w.onChange));
      return s;
    }
    case 'textInput': {
      const t = cs.newTextInput().setFieldName(w.name).setTitle(w.label);
      if (w.value !== undefined) t.setValue(w.value);
      if (w.hint !== undefined) t.setHint(w.hint);
      if (w.multiline) t.setMultiline(true);
      if (w.onChange) t.setOnChangeAction(buildAction(cs, w.onChange));
      return t;
    }
    case 'datePicker': {
      const p = cs.newDatePicker().setFieldName(w.name).setTitle(w.label);
      if (w.valueMs !== undefined) p.setValueInMsSinceEpoch(w.valueMs);
      if (w.onChange) p.setOnChangeAction(buildAction(cs, w.onChange));
      return p;
    }
    case 'image': {
      const img = cs.newImage().setImageUrl(w.url).setAltText(w.altText);
      if (w.onClick) applyOnClick(cs, img, w.onClick);
      return img;
    }
    case 'divider':
      return cs.newDivider();
  }
}

function buildSection(cs: CardServiceLike, section: Section): CardSectionLike {
  const s = cs.newCardSection();
  if (section.header !== undefined) s.setHeader(escapeLines(section.header));
  if (section.collapsible) {
    s.setCollapsible(true);
    if (section.uncollapsibleWidgets !== undefined)
      s.setNumUncollapsibleWidgets(section.uncollapsibleWidgets);
  }
  for (const w of section.widgets) s.addWidget(buildWidget(cs, w));
  return s;
}

/** Validates a card description, then builds it with CardService. */
export function buildCard(cs: CardServiceLike, card: Card): PrintableLike {
  validateCard(card);
  const b = cs.newCardBuilder();
  if (card.name !== undefined) b.setName(card.name);
  if (card.header) {
    const h = cs.newCardHeader().setTitle(card.header.title);
    if (card.header.subtitle !== undefined) h.setSubtitle(card.header.subtitle);
    if (card.header.imageUrl !== undefined) h.setImageUrl(card.header.imageUrl);
    if (card.header.imageAltText !== undefined) h.setImageAltText(card.header.imageAltText);
    b.setHeader(h);
  }
  for (const s of card.sections) b.addSection(buildSection(cs, s));
  if (card.fixedFooter) {
    // FixedFooter: the primary button must be FILLED and the secondary OUTLINED.
    const f = cs.newFixedFooter().setPrimaryButton(buildButton(cs, card.fixedFooter.primary, 'filled'));
    if (card.fixedFooter.secondary)
      f.setSecondaryButton(buildButton(cs, card.fixedFooter.secondary, 'outlined'));
    b.setFixedFooter(f);
  }
  return b.build();
}

/** What a homepage or contextual trigger returns: every card built, in order. */
export function buildCards(cs: CardServiceLike, cards: readonly Card[]): PrintableLike[] {
  return cards.map((c) => buildCard(cs, c));
}

/** A universal action's response: the add-on shows `cards` (UniversalActionResponse). */
export function buildUniversalResponse(cs: CardServiceLike, cards: readonly Card[]): PrintableLike {
  return cs.newUniversalActionResponseBuilder().displayAddOnCards(buildCards(cs, cards)).build();
}

/**
 * How a draftReply gets its Gmail draft: the draft itself (created by other code, e.g. with
 * GmailMessage.createDraftReply), or a function that creates it from the description.
 */
export type DraftSource = GmailDraftLike | ((draft: Draft) => GmailDraftLike);

export interface ActionResponseOptions {
  /** Required when the response is a draftReply. */
  draft?: DraftSource;
}

/** A compose action's response: opens the given Gmail draft (ComposeActionResponse). */
export function buildComposeResponse(cs: CardServiceLike, draft: GmailDraftLike): PrintableLike {
  return cs.newComposeActionResponseBuilder().setGmailDraft(draft).build();
}

/**
 * Validates an action handler's response, then builds it: an ActionResponse (navigation, notification,
 * open link, state changed) or, for draftReply, a ComposeActionResponse around the Gmail draft.
 */
export function buildActionResponse(
  cs: CardServiceLike,
  response: ActionResponse,
  options: ActionResponseOptions = {},
): PrintableLike {
  validateActionResponse(response);
  if (response.kind === 'draftReply') {
    const source = options.draft;
    if (!source) {
      throw new Error(
        'A draftReply response needs its Gmail draft: pass { draft } (a GmailDraft or a function that creates one) to buildActionResponse.',
      );
    }
    const draft = typeof source === 'function' ? source(response.draft) : source;
    return buildComposeResponse(cs, draft);
  }
  if (response.kind === 'updateDraft') return buildDraftUpdate(cs, response.update);
  const b = cs.newActionResponseBuilder();
  switch (response.kind) {
    case 'navigate': {
      const nav = cs.newNavigation();
      for (const step of response.steps) {
        switch (step.kind) {
          case 'push':
            nav.pushCard(buildCard(cs, step.card));
            break;
          case 'update':
            nav.updateCard(buildCard(cs, step.card));
            break;
          case 'pop':
            nav.popCard();
            break;
          case 'popToRoot':
            nav.popToRoot();
            break;
          case 'popToNamed':
            nav.popToNamedCard(step.name);
            break;
        }
      }
      b.setNavigation(nav);
      if (response.notification) b.setNotification(cs.newNotification().setText(response.notification));
      break;
    }
    case 'notify':
      b.setNotification(cs.newNotification().setText(response.notification));
      break;
    case 'openLink':
      b.setOpenLink(buildOpenLink(cs, response.url));
      break;
  }
  if (response.kind !== 'openLink' && response.stateChanged) b.setStateChanged(true);
  return b.build();
}

/**
 * A compose trigger's response: inserts HTML and/or text at the cursor of the open draft, and sets its
 * subject and To recipients (UpdateDraftActionResponse). `insertHtml` must already be safe HTML.
 */
export function buildDraftUpdate(cs: CardServiceLike, update: DraftUpdate): PrintableLike {
  validateDraftUpdate(update);
  const b = cs.newUpdateDraftActionResponseBuilder();
  if (update.insertHtml !== undefined || update.insertText !== undefined) {
    const body = cs.newUpdateDraftBodyAction();
    if (update.insertHtml !== undefined)
      body.addUpdateContent(update.insertHtml, cs.ContentType.MUTABLE_HTML);
    if (update.insertText !== undefined) body.addUpdateContent(update.insertText, cs.ContentType.TEXT);
    b.setUpdateDraftBodyAction(body.setUpdateType(cs.UpdateDraftBodyType.IN_PLACE_INSERT));
  }
  if (update.subject !== undefined) {
    b.setUpdateDraftSubjectAction(cs.newUpdateDraftSubjectAction().addUpdateSubject(update.subject));
  }
  if (update.to !== undefined && update.to.length > 0) {
    b.setUpdateDraftToRecipientsAction(
      cs.newUpdateDraftToRecipientsAction().addUpdateToRecipients([...update.to]),
    );
  }
  return b.build();
}
