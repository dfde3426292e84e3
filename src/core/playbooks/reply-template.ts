/**
 * The template a one-click reply uses: what the customer said, within what the playbook allows.
 *
 * The move (nextBestAction, with its guard rails) decides what may be offered; the intent decides how
 * the reply answers. A customer who cancels or will not renew gets the "Save offer" template, one who
 * is switching to a competitor the "Competitor comparison", whichever of discount or check-in the guard
 * rails left: with a discount allowed, the reply's {{Offer}} is the discount template's offer; without
 * it, the template's own Offer cell or its {{Offer|…}} fallback (words that promise no price cut). A
 * payment request gets the relief move's template (payment holiday, installments) as before. Without
 * such a template in the tab, the move's own template is used, as before.
 */
import type { IntentId } from '../intent/types';
import { templateForMove, type RetentionMove } from './moves';

/** Template names (folded) that answer each intent, best first. */
export const INTENT_TEMPLATE_NAMES: Partial<Record<IntentId, readonly string[]>> = {
  cancellation: ['save offer'],
  nonRenewal: ['save offer'],
  downgrade: ['save offer'],
  competitor: ['competitor comparison', 'comparison'],
};

/** Moves a save reply may carry: the words change, what is offered stays what the guard rails allow. */
const ANSWERABLE: ReadonlySet<RetentionMove> = new Set(['discount', 'checkIn']);

export interface ReplyTemplate<T> {
  template: T;
  /** The template whose Offer fills the reply's {{Offer}} (the discount the guard rails allowed). */
  offerFrom?: T;
}

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** The reply's template for the move and the email's intents (strongest first), or undefined. */
export function replyTemplateFor<T extends { name: string }>(
  move: RetentionMove,
  intents: readonly IntentId[],
  templates: readonly T[],
): ReplyTemplate<T> | undefined {
  if (move === 'none') return undefined;
  if (ANSWERABLE.has(move)) {
    for (const intent of intents) {
      const names = INTENT_TEMPLATE_NAMES[intent];
      if (!names) continue;
      const template = names.map((n) => templates.find((t) => fold(t.name) === n)).find(Boolean);
      if (!template) continue;
      const offerFrom = move === 'discount' ? templateForMove('discount', templates) : undefined;
      return { template, ...(offerFrom ? { offerFrom } : {}) };
    }
  }
  const template = templateForMove(move, templates);
  return template ? { template } : undefined;
}
