/**
 * What Gmail accepts back from each way it calls the add-on, as Google documents it. Gmail rejects any
 * other value with an error page ("invalid response"), so the add-on, the Apps Script stand-ins, the
 * workbench and the crawl test all check responses against this one table.
 *
 * A card action's contract depends on how its button was wired, not on the function it names: every
 * button calls the one dispatcher, so the table below also says, per action, which wiring it uses.
 */
import { ACTION, type ActionName } from '../action-names';
import type { ActionResponse } from './types';

/** How Gmail calls into the add-on. */
export type Invocation =
  /** addOns.common.homepageTrigger: no message open. */
  | 'homepage'
  /** addOns.gmail.contextualTriggers: a message is open. */
  | 'contextual'
  /** addOns.gmail.composeTrigger.selectActions: the add-on opened beside a draft. */
  | 'composeTrigger'
  /** addOns.common.universalActions: an item of the add-on's menu (Settings, Help). */
  | 'universalAction'
  /** A widget's setOnClickAction / setOnChangeAction in the message or homepage UI. */
  | 'cardAction'
  /** A widget's setComposeAction: the callback builds a Gmail draft. */
  | 'composeAction'
  /** A widget's action in a card the compose trigger showed: it edits the open draft. */
  | 'composeUiAction'
  /** A time-driven trigger: Apps Script ignores what it returns. */
  | 'timeTrigger';

/** The built CardService objects Gmail can receive. */
export type ResponseType =
  | 'Card[]'
  | 'UniversalActionResponse'
  | 'ActionResponse'
  | 'ComposeActionResponse'
  | 'UpdateDraftActionResponse'
  | 'nothing';

export interface Contract {
  accepts: readonly ResponseType[];
  /** The page that states it, so a reader can check the table against Google, not against us. */
  doc: string;
}

export const CONTRACTS: Record<Invocation, Contract> = {
  homepage: {
    accepts: ['Card[]'],
    doc: 'https://developers.google.com/workspace/add-ons/concepts/homepages',
  },
  contextual: {
    accepts: ['Card[]'],
    doc: 'https://developers.google.com/workspace/add-ons/gmail/extending-message-ui',
  },
  composeTrigger: {
    accepts: ['Card[]'],
    doc: 'https://developers.google.com/workspace/add-ons/gmail/extending-compose-ui',
  },
  universalAction: {
    accepts: ['UniversalActionResponse'],
    doc: 'https://developers.google.com/workspace/add-ons/concepts/universal-actions',
  },
  cardAction: {
    accepts: ['ActionResponse'],
    doc: 'https://developers.google.com/workspace/add-ons/concepts/actions',
  },
  composeAction: {
    accepts: ['ComposeActionResponse'],
    doc: 'https://developers.google.com/workspace/add-ons/gmail/compose',
  },
  composeUiAction: {
    // Inserting into the draft is an UpdateDraftActionResponse; the compose card can still navigate
    // or show a notification with an ActionResponse, as any card can.
    accepts: ['UpdateDraftActionResponse', 'ActionResponse'],
    doc: 'https://developers.google.com/workspace/add-ons/gmail/extending-compose-ui',
  },
  timeTrigger: {
    accepts: ['nothing'],
    doc: 'https://developers.google.com/apps-script/guides/triggers/installable',
  },
};

/** How each action's button is wired: a compose action, an action in the compose UI, or a plain card action. */
const ACTION_WIRING: Partial<Record<ActionName, Invocation>> = {
  [ACTION.draftReply]: 'composeAction',
  [ACTION.insertOffer]: 'composeUiAction',
};

/**
 * The invocation a click of `action` is, given where its card was shown. Actions in a card the compose
 * trigger showed are compose-UI actions, whatever they do; a compose action stays one everywhere.
 */
export function invocationOfAction(action: string, shownIn: 'sidebar' | 'compose' = 'sidebar'): Invocation {
  const wired = ACTION_WIRING[action as ActionName];
  if (wired === 'composeAction') return wired;
  if (shownIn === 'compose' || wired === 'composeUiAction') return 'composeUiAction';
  return 'cardAction';
}

/**
 * What Gmail makes of a click, from how the button was wired (a compose action or a plain action) and
 * where its card was shown. This is what Gmail checks; the action's declared wiring (above) is what
 * the add-on answers errors by, and the card validator keeps the two the same.
 */
export function invocationOfClick(wiring: 'action' | 'compose', shownIn: 'sidebar' | 'compose'): Invocation {
  if (wiring === 'compose') return 'composeAction';
  return shownIn === 'compose' ? 'composeUiAction' : 'cardAction';
}

/** The CardService type an action description becomes when src/gas/card-service.ts builds it. */
export function responseTypeOf(response: ActionResponse): ResponseType {
  switch (response.kind) {
    case 'navigate':
    case 'notify':
    case 'openLink':
      return 'ActionResponse';
    case 'draftReply':
      return 'ComposeActionResponse';
    case 'updateDraft':
      return 'UpdateDraftActionResponse';
  }
}

/** Gmail's answer to a response of the wrong type, worded like Apps Script's error page. */
export class InvalidResponseError extends Error {
  constructor(
    readonly invocation: Invocation,
    readonly got: ResponseType | string,
    readonly functionName: string,
  ) {
    const c = CONTRACTS[invocation];
    super(
      `Invalid response from ${functionName} (${invocation}): expected ${c.accepts.join(' or ')}, got ${got}. See ${c.doc}`,
    );
    this.name = 'InvalidResponseError';
  }
}

/** Throws InvalidResponseError unless `got` is what `invocation` accepts. */
export function checkResponse(
  invocation: Invocation,
  got: ResponseType | string,
  functionName: string,
): void {
  if (!(CONTRACTS[invocation].accepts as readonly string[]).includes(got)) {
    throw new InvalidResponseError(invocation, got, functionName);
  }
}
