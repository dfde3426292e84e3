/**
 * What each Apps Script entry point does, independent of how the result is rendered:
 * parse the event at the boundary, run the handler behind the error guard, return descriptions.
 * src/gas renders these with CardService; the local workbench renders the same values as HTML.
 */
import type { ActionResponse, Card, DraftUpdate } from '../ui/card/types';
import { helpCard } from '../ui/cards/help';
import type { AppContext } from './context';
import { dispatchAction } from './dispatcher';
import { parseAddonEvent } from './events';
import { cardsOrProblem, responseOrProblem, type ErrorLogger } from './guard';
import { buildHomepage } from './handlers/home';
import { buildMessageCards } from './handlers/message';
import { buildSettingsCard } from './handlers/settings';

export interface AppEntry {
  homepage(raw: unknown): Card[];
  gmailMessage(raw: unknown): Card[];
  compose(raw: unknown): Card[] | DraftUpdate;
  settings(raw: unknown): Card[];
  help(raw: unknown): Card[];
  cardAction(raw: unknown): ActionResponse;
}

export function appEntry(makeContext: () => AppContext, log: ErrorLogger): AppEntry {
  return {
    homepage: () => cardsOrProblem(() => buildHomepage(makeContext()), log),
    gmailMessage: (raw) => cardsOrProblem(() => buildMessageCards(makeContext(), parseAddonEvent(raw)), log),
    compose: () => cardsOrProblem(() => buildHomepage(makeContext()), log),
    settings: () => cardsOrProblem(() => buildSettingsCard(makeContext()), log),
    help: () => cardsOrProblem(() => helpCard(), log),
    cardAction: (raw) => responseOrProblem(() => dispatchAction(makeContext(), parseAddonEvent(raw)), log),
  };
}
