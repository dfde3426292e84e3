/**
 * The Apps Script side of every entry point: build the context from the services, run the app entry,
 * render the result with CardService. Rendering is guarded too: a card that fails validation (say,
 * 101 widgets) becomes the problem card instead of an Apps Script error page.
 */
import { appEntry } from '../app/entry';
import { describeProblem } from '../app/guard';
import type { Card, Draft } from '../ui/card/types';
import { problemCard } from '../ui/cards/error';
import {
  buildActionResponse,
  buildCards,
  buildDraftUpdate,
  type CardServiceLike,
  type GmailDraftLike,
  type PrintableLike,
} from './card-service';
import { createContext, type AppsScriptServices } from './runtime';

export interface GasGlobals extends AppsScriptServices {
  CardService: CardServiceLike;
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
}

export function gasEntryPoints(globals: () => GasGlobals): GasEntryPoints {
  const setup = () => {
    const g = globals();
    const log = (error: unknown) =>
      g.console.error('ChurnGuard:', error instanceof Error ? error.stack : error);
    return { g, log, entry: appEntry(() => createContext(g), log) };
  };

  /** Renders, and if rendering itself fails, renders the problem card instead. */
  const render = <T>(
    g: GasGlobals,
    log: (e: unknown) => void,
    build: () => T,
    fallback: (card: Card) => T,
  ): T => {
    try {
      return build();
    } catch (error) {
      log(error);
      return fallback(problemCard(describeProblem(error)));
    }
  };

  const cards =
    (pick: (entry: ReturnType<typeof setup>['entry'], event: unknown) => Card[]): Handler =>
    (event) => {
      const { g, log, entry } = setup();
      return render(
        g,
        log,
        () => buildCards(g.CardService, pick(entry, event)),
        (problem) => buildCards(g.CardService, [problem]),
      );
    };

  return {
    onHomepage: cards((entry, e) => entry.homepage(e)),
    onGmailMessage: cards((entry, e) => entry.gmailMessage(e)),
    onHourlyTrigger() {
      const { log, entry } = setup();
      try {
        entry.hourly();
      } catch (error) {
        log(error);
      }
    },
    onSettings: cards((entry, e) => entry.settings(e)),
    onHelp: cards((entry, e) => entry.help(e)),
    onGmailCompose(event) {
      const { g, log, entry } = setup();
      return render(
        g,
        log,
        () => {
          const result = entry.compose(event);
          return Array.isArray(result)
            ? buildCards(g.CardService, result)
            : buildDraftUpdate(g.CardService, result);
        },
        (problem) => buildCards(g.CardService, [problem]),
      );
    },
    onCardAction(event) {
      const { g, log, entry } = setup();
      return render(
        g,
        log,
        () =>
          buildActionResponse(g.CardService, entry.cardAction(event), {
            draft: (draft) => createReplyDraft(g, event, draft),
          }),
        (problem) =>
          buildActionResponse(g.CardService, { kind: 'navigate', steps: [{ kind: 'push', card: problem }] }),
      );
    },
  };
}

/** Creates the reply draft a compose action returns, on the message the add-on is open on. */
function createReplyDraft(g: GasGlobals, event: unknown, draft: Draft): GmailDraftLike {
  const gmail = (event as { gmail?: { messageId?: string; accessToken?: string } } | null)?.gmail;
  if (!gmail?.messageId || !gmail.accessToken) throw new Error('A reply draft needs the open message.');
  g.GmailApp.setCurrentMessageAccessToken(gmail.accessToken);
  const message = g.GmailApp.getMessageById(gmail.messageId);
  return message.createDraftReply(draft.textBody, draft.htmlBody ? { htmlBody: draft.htmlBody } : {});
}
