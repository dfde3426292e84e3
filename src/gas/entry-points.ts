/**
 * The Apps Script side of every entry point: build the context from the services, run the app entry,
 * render the result with CardService as the type Gmail documents for that entry point
 * (src/ui/card/contract.ts): cards for triggers, a UniversalActionResponse for the add-on's menu items,
 * and for a button the type its wiring requires. Rendering is guarded too: a card that fails validation
 * (say, 101 widgets) becomes the problem card, still in the required type, instead of an error page.
 */
import { appEntry } from '../app/entry';
import { describeProblem, problemResponse } from '../app/guard';
import { rawActionParameters } from '../app/events';
import { invocationOfAction } from '../ui/card/contract';
import type { Card, Draft } from '../ui/card/types';
import { problemCard } from '../ui/cards/error';
import {
  buildActionResponse,
  buildCards,
  buildUniversalResponse,
  type CardServiceLike,
  type PrintableLike,
} from './card-service';
import { createCustomerDraft } from './customer-draft';
import { createContext, type AppsScriptServices } from './runtime';
import { handleUnsubscribe } from '../app/unsubscribe/web-app';
import { unsubscribePage } from '../ui/unsubscribe-page';
import { lockServiceLocks } from './locks';
import type { HtmlOutputLike, HtmlServiceLike } from './services';
import { unsubscribeServices } from './unsubscribe-services';

export interface GasGlobals extends AppsScriptServices {
  CardService: CardServiceLike;
  HtmlService: HtmlServiceLike;
  console: { error(...data: unknown[]): void };
}

type Handler = (event: unknown) => PrintableLike | PrintableLike[];

export interface GasEntryPoints {
  onHomepage: Handler;
  onGmailMessage: Handler;
  onGmailCompose: Handler;
  onSettings: Handler;
  onHelp: Handler;
  onCardAction: Handler;
  /** Time-driven: returns nothing Apps Script renders. */
  onHourlyTrigger: () => void;
  /** The web app's GET (an unsubscribe link): an HtmlOutput page. */
  doGet: (event: unknown) => HtmlOutputLike;
}

/** e.parameter of a web app request: the first value of each query parameter. */
function queryParameters(event: unknown): unknown {
  return event && typeof event === 'object' ? (event as { parameter?: unknown }).parameter : undefined;
}

export function gasEntryPoints(globals: () => GasGlobals): GasEntryPoints {
  const setup = () => {
    const g = globals();
    const log = (error: unknown) =>
      g.console.error('ChurnGuard:', error instanceof Error ? error.stack : error);
    return { g, log, entry: appEntry(() => createContext(g), log) };
  };

  /** Renders, and if rendering itself fails, renders the problem in the same response type. */
  const render = <T>(log: (e: unknown) => void, build: () => T, fallback: (problem: Card) => T): T => {
    try {
      return build();
    } catch (error) {
      log(error);
      return fallback(problemCard(describeProblem(error)));
    }
  };

  type Entry = ReturnType<typeof setup>['entry'];

  /** An entry point that shows cards, built into the type its invocation requires (`wrap`). */
  const showing =
    (wrap: (cs: CardServiceLike, cards: readonly Card[]) => PrintableLike | PrintableLike[]) =>
    (pick: (entry: Entry, event: unknown) => Card[]): Handler =>
    (event) => {
      const { g, log, entry } = setup();
      return render(
        log,
        () => wrap(g.CardService, pick(entry, event)),
        (problem) => wrap(g.CardService, [problem]),
      );
    };
  /** Triggers (homepage, message, compose): an array of cards. */
  const cards = showing(buildCards);
  /** Universal actions (the menu's Settings and Help): a UniversalActionResponse around the cards. */
  const universal = showing(buildUniversalResponse);

  return {
    onHomepage: cards((entry, e) => entry.homepage(e)),
    onGmailMessage: cards((entry, e) => entry.gmailMessage(e)),
    onGmailCompose: cards((entry, e) => entry.compose(e)),
    onSettings: universal((entry, e) => entry.settings(e)),
    onHelp: universal((entry, e) => entry.help(e)),
    onHourlyTrigger() {
      const { log, entry } = setup();
      try {
        entry.hourly();
      } catch (error) {
        log(error);
      }
    },
    doGet(event) {
      // Not createContext: an anonymous visitor's request, run as the deployer, needs only script
      // properties, the script lock and Utilities, and must not touch the deployer's settings or sheets.
      const g = globals();
      const log = (error: unknown) =>
        g.console.error('ChurnGuard web app:', error instanceof Error ? error.stack : error);
      let page;
      try {
        page = handleUnsubscribe(
          {
            unsubscribe: unsubscribeServices(g),
            locks: lockServiceLocks(g.LockService),
            clock: { now: () => new Date() },
            log,
          },
          queryParameters(event),
        );
      } catch (error) {
        log(error);
        page = unsubscribePage({ kind: 'unavailable' }, 'en');
      }
      return g.HtmlService.createHtmlOutput(page.html)
        .setTitle(page.title)
        .addMetaTag('viewport', 'width=device-width, initial-scale=1');
    },
    onCardAction(event) {
      const { g, log, entry } = setup();
      const params = rawActionParameters(event);
      const invocation = invocationOfAction(params.action ?? '');
      const draft = (d: Draft) => createCustomerDraft(g.GmailApp, event, d);
      try {
        return buildActionResponse(g.CardService, entry.cardAction(event), { draft });
      } catch (error) {
        // Rendering failed (or the draft could not be made): answer in the type the wiring requires.
        log(error);
        const problem = problemResponse(invocation, describeProblem(error), params.email);
        return buildActionResponse(g.CardService, problem, { draft });
      }
    },
  };
}
