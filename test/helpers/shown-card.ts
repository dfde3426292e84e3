/** The card an action response shows last (a push or an update), for tests that look at it. */
import type { ActionResponse, Card } from '../../src/ui/card/types';

export function shownCard(r: ActionResponse): Card {
  if (r.kind !== 'navigate') throw new Error(`expected navigation, got ${JSON.stringify(r)}`);
  const step = [...r.steps].reverse().find((s) => s.kind === 'push' || s.kind === 'update');
  if (!step || !('card' in step)) throw new Error('no card');
  return step.card;
}
