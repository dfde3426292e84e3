/**
 * Gmail, as far as it calls an add-on: it reads the manifest, calls the function the manifest names for
 * each trigger or menu item with an event object, calls the dispatcher for each button, and rejects a
 * value of the wrong type the way Gmail does ("invalid response"; src/ui/card/contract.ts lists what
 * each invocation accepts and the page that says so). Each call is one execution of build/Code.js
 * loaded fresh on the stand-ins, as Apps Script loads the script per execution.
 *
 * Buttons are read from the built card JSON, so the host clicks what the user would see, wired the way
 * CardService recorded it: `onClick.action` in the sidebar is a card action, `onClick.composeAction`
 * a compose action, any action in a card the compose trigger showed a compose-UI action.
 */
import * as vm from 'node:vm';
import type { Manifest } from '../../../scripts/lib/manifest-schema';
import { checkResponse, invocationOfClick, type Invocation, type ResponseType } from '../../ui/card/contract';
import { gmailEvent, type GmailEventOptions } from '../gmail-events';
import { createCardService, responseTypeOfValue, type CardJson } from './card-service';
import type { AppsScriptWorld, Execution } from './world';

/** Where a card is on screen: the sidebar (homepage or an open message) or the compose window. */
export type Surface = 'sidebar' | 'compose';

export interface HostResult {
  invocation: Invocation;
  functionName: string;
  type: ResponseType | string;
  /** The built value's JSON. */
  json: unknown;
  /** Cards the user now sees, newest last: displayed, pushed or updated. */
  cards: CardJson[];
  notification?: string;
  draftId?: string;
  /** The message and surface the cards belong to, so their buttons are clicked in the same place. */
  messageId?: string;
  surface: Surface;
}

/** A clickable thing found in a built card. */
export interface Clickable {
  label: string;
  wiring: 'action' | 'compose';
  functionName: string;
  parameters: Record<string, string>;
  /** Widget names and values on the card, sent as form inputs, as Gmail sends the card's inputs. */
  card: CardJson;
}

type Json = Record<string, unknown>;

export class AddonHost {
  /** Compiled once: each execution still runs the whole file in a fresh context, as Apps Script does. */
  private readonly script: vm.Script;

  constructor(
    private readonly world: AppsScriptWorld,
    private readonly manifest: Manifest,
    code: string,
  ) {
    this.script = new vm.Script(code, { filename: 'Code.js' });
  }

  homepage(): HostResult {
    const fn = this.manifest.addOns.common.homepageTrigger?.runFunction;
    if (!fn) throw new Error('The manifest has no homepage trigger.');
    return this.invoke('homepage', fn, {}, 'sidebar');
  }

  openMessage(messageId: string, threadId?: string): HostResult {
    const trigger = this.manifest.addOns.gmail.contextualTriggers[0];
    if (!trigger) throw new Error('The manifest has no contextual trigger.');
    return this.invoke(
      'contextual',
      trigger.onTriggerFunction,
      { messageId, ...(threadId ? { threadId } : {}) },
      'sidebar',
    );
  }

  compose(toRecipients: string[]): HostResult {
    const action = this.manifest.addOns.gmail.composeTrigger?.selectActions[0];
    if (!action) throw new Error('The manifest has no compose trigger.');
    return this.invoke('composeTrigger', action.runFunction, { toRecipients }, 'compose');
  }

  universal(label: string): HostResult {
    const action = (this.manifest.addOns.common.universalActions ?? []).find((a) => a.label === label);
    if (!action) throw new Error(`The manifest has no universal action "${label}".`);
    if (!('runFunction' in action) || !action.runFunction) throw new Error(`"${label}" opens a link.`);
    return this.invoke('universalAction', action.runFunction, {}, 'sidebar');
  }

  /** Clicks `target` on a card shown on `from`'s surface, with `formInputs` as the card's inputs. */
  click(
    target: Clickable,
    from: Pick<HostResult, 'surface' | 'messageId'>,
    formInputs: Record<string, string | string[] | number> = formInputsOf(target.card),
  ): HostResult {
    return this.invoke(
      invocationOfClick(target.wiring, from.surface),
      target.functionName,
      {
        parameters: target.parameters,
        formInputs,
        ...(from.messageId ? { messageId: from.messageId } : {}),
      },
      from.surface,
    );
  }

  private invoke(
    invocation: Invocation,
    functionName: string,
    event: GmailEventOptions,
    surface: Surface,
  ): HostResult {
    const execution = this.world.startExecution({ kind: 'card' });
    execution.invocation = invocation;
    try {
      const value = this.call(execution, functionName, gmailEvent(event));
      const type = responseTypeOfValue(value);
      checkResponse(invocation, type, functionName);
      const json = JSON.parse(JSON.stringify(value ?? null)) as unknown;
      return {
        invocation,
        functionName,
        type,
        json,
        ...shown(json),
        ...(event.messageId ? { messageId: event.messageId } : {}),
        surface,
      };
    } finally {
      execution.end();
    }
  }

  private call(execution: Execution, functionName: string, event: unknown): unknown {
    const context = vm.createContext({ Date, ...execution.globals, CardService: createCardService() });
    this.script.runInContext(context);
    const fn = (context as Record<string, unknown>)[functionName];
    if (typeof fn !== 'function') {
      // Apps Script's wording when a manifest or button names a function the script lacks.
      throw new Error(`Script function not found: ${functionName}`);
    }
    return (fn as (e: unknown) => unknown)(event);
  }
}

/** What the user sees after a response: its cards, toast and draft. */
function shown(json: unknown): Pick<HostResult, 'cards' | 'notification' | 'draftId'> {
  if (Array.isArray(json)) return { cards: json as CardJson[] };
  const o = (json ?? {}) as Json;
  if (o.sections) return { cards: [o as unknown as CardJson] };
  const action = (o.action ?? {}) as {
    navigations?: Json[];
    cards?: CardJson[];
    notification?: { text?: string };
  };
  const cards: CardJson[] = [];
  if (action.cards) cards.push(...action.cards);
  else
    for (const step of action.navigations ?? []) {
      const card = (step.pushCard ?? step.updateCard) as CardJson | undefined;
      if (card) cards.push(card);
    }
  const draft = (o.hostAppAction as { gmailAction?: { openCreatedDraftActionMarkup?: { draftId?: string } } })
    ?.gmailAction?.openCreatedDraftActionMarkup?.draftId;
  return {
    cards,
    ...(action.notification?.text ? { notification: action.notification.text } : {}),
    ...(draft ? { draftId: draft } : {}),
  };
}

/** Every button, clickable text and image on a card, wired as CardService recorded it. */
export function clickablesOf(card: CardJson): Clickable[] {
  const found: Clickable[] = [];
  const visit = (node: unknown, label: string) => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n, label);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const o = node as Json;
    const text = typeof o.text === 'string' ? o.text : label;
    const onChange = o.onChangeAction as Json | undefined;
    if (onChange && typeof onChange.function === 'string') {
      found.push({
        label: `${String(o.label ?? o.name ?? '')} (changed)`,
        wiring: 'action',
        functionName: onChange.function,
        parameters: Object.fromEntries(
          ((onChange.parameters ?? []) as { key: string; value: string }[]).map((p) => [p.key, p.value]),
        ),
        card,
      });
    }
    const onClick = o.onClick as Json | undefined;
    if (onClick) {
      const action = (onClick.action ?? (onClick.composeAction as Json | undefined)?.action) as
        Json | undefined;
      if (action && typeof action.function === 'string') {
        const parameters = Object.fromEntries(
          ((action.parameters ?? []) as { key: string; value: string }[]).map((p) => [p.key, p.value]),
        );
        found.push({
          label: text,
          wiring: onClick.composeAction ? 'compose' : 'action',
          functionName: action.function,
          parameters,
          card,
        });
      }
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'onClick') visit(v, text);
  };
  visit(card.sections, '');
  if (card.fixedFooter) visit(card.fixedFooter, '');
  return found;
}

/** The inputs a card sends as they stand: text values, selected items, dates. */
export function formInputsOf(card: CardJson): Record<string, string | string[] | number> {
  const inputs: Record<string, string | string[] | number> = {};
  for (const section of card.sections)
    for (const w of section.widgets) {
      if (w.textInput) inputs[w.textInput.name] = w.textInput.value ?? '';
      if (w.selectionInput)
        inputs[w.selectionInput.name] = w.selectionInput.items.filter((i) => i.selected).map((i) => i.value);
      if (w.dateTimePicker?.valueMsEpoch)
        inputs[w.dateTimePicker.name] = Number(w.dateTimePicker.valueMsEpoch);
    }
  return inputs;
}
