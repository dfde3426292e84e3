/**
 * Every entry point runs through these guards, so a user never sees a stack trace: errors they can
 * fix become a card that says what happened and how to fix it; anything else is logged and shown
 * as a short apology with the error's message.
 */
import type { Invocation } from '../ui/card/contract';
import type { ActionResponse, Card, Draft } from '../ui/card/types';
import { problemCard, type ProblemState } from '../ui/cards/error';
import { BadInputError, UserFacingError } from './errors';
import { StoreWriteError } from '../ports/key-value-store';

export type ErrorLogger = (error: unknown) => void;

export function describeProblem(error: unknown): ProblemState {
  if (error instanceof UserFacingError) return { title: error.title, detail: error.detail, fix: error.fix };
  if (error instanceof BadInputError)
    return { title: `Check ${error.field}`, detail: error.problem, fix: 'Correct it and try again.' };
  if (error instanceof StoreWriteError)
    return {
      title: 'ChurnGuard could not save',
      detail: `Your Google account refused to store "${error.key}" (${Math.ceil(error.bytes / 1024)} KB): ${error.reason}`,
      fix: 'Nothing else changed. Try again; if it repeats, open Settings and turn off features you do not use, or report it with this message.',
    };
  const message = error instanceof Error ? error.message : String(error);
  return {
    title: 'Something went wrong',
    detail: message.split('\n')[0] ?? message,
    fix: 'Try again in a moment. If it keeps happening, check Settings and that your customer sheet opens.',
  };
}

export function cardsOrProblem(run: () => Card | Card[], log: ErrorLogger): Card[] {
  try {
    const cards = run();
    return Array.isArray(cards) ? cards : [cards];
  } catch (error) {
    if (!(error instanceof UserFacingError)) log(error);
    return [problemCard(describeProblem(error))];
  }
}

/** Marks a draft that carries ChurnGuard's apology instead of the reply, so tests and the crawl can tell. */
export const PROBLEM_DRAFT_PREFIX = '[ChurnGuard could not fill in this reply';

/**
 * A problem told in the response type the invocation requires (src/ui/card/contract.ts): a problem card
 * for card actions, a toast in the compose window, and for a compose action a draft to the customer
 * whose first line says what went wrong, because a compose action can only answer with a draft.
 */
export function problemResponse(
  invocation: Invocation,
  problem: ProblemState,
  recipient?: string,
): ActionResponse {
  switch (invocation) {
    case 'composeAction': {
      const draft: Draft = {
        textBody: `${PROBLEM_DRAFT_PREFIX}: ${problem.title}. ${problem.detail} ${problem.fix} Delete this note before you send.]\n\n`,
        ...(recipient ? { to: [recipient] } : {}),
      };
      return { kind: 'draftReply', draft };
    }
    case 'composeUiAction':
      return { kind: 'notify', notification: `${problem.title}: ${problem.detail} ${problem.fix}` };
    default:
      return { kind: 'navigate', steps: [{ kind: 'push', card: problemCard(problem) }] };
  }
}

export function responseOrProblem(
  run: () => ActionResponse,
  log: ErrorLogger,
  invocation: Invocation = 'cardAction',
  recipient?: string,
): ActionResponse {
  try {
    return run();
  } catch (error) {
    // A bad field is a toast over the form in every card (a compose action must still make a draft).
    if (error instanceof BadInputError && invocation !== 'composeAction')
      return { kind: 'notify', notification: `${error.field}: ${error.problem}` };
    if (!(error instanceof UserFacingError) && !(error instanceof BadInputError)) log(error);
    return problemResponse(invocation, describeProblem(error), recipient);
  }
}
