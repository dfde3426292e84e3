/** The card an action response shows last (a push or an update), for tests that look at it. */
import type { ActionResponse, Card } from '../../src/ui/card/types';

export function shownCard(r: ActionResponse): Card {
  if (r.kind !== 'navigate') throw new Error(`expected navigation, got ${JSON.stringify(r)}`);
  const step = [...r.steps].reverse().find((s) => s.kind === 'push' || s.kind === 'update');
  if (!step || !('card' in step)) throw new Error('no card');
  return step.card;
}

/** The action parameters of the first button on the card whose text matches; throws when there is none. */
export function buttonParams(card: Card, text: RegExp): Record<string, string> {
  const button = card.sections
    .flatMap((s) => s.widgets)
    .flatMap((w) => (w.kind === 'buttonSet' ? w.buttons : []))
    .find((b) => text.test(b.text));
  if (!button || button.onClick.kind !== 'action') throw new Error(`no button ${text}`);
  return button.onClick.action.params ?? {};
}
