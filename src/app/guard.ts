/**
 * Every entry point runs through these guards, so a user never sees a stack trace: errors they can
 * fix become a card that says what happened and how to fix it; anything else is logged and shown
 * as a short apology with the error's message.
 */
import type { ActionResponse, Card } from '../ui/card/types';
import { problemCard, type ProblemState } from '../ui/cards/error';
import { UserFacingError } from './errors';

export type ErrorLogger = (error: unknown) => void;

export function describeProblem(error: unknown): ProblemState {
  if (error instanceof UserFacingError) return { title: error.title, detail: error.detail, fix: error.fix };
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

export function responseOrProblem(run: () => ActionResponse, log: ErrorLogger): ActionResponse {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof UserFacingError)) log(error);
    return { kind: 'navigate', steps: [{ kind: 'push', card: problemCard(describeProblem(error)) }] };
  }
}
