/**
 * The line a portfolio card shows under its figures: their age ("as of 09:12 UTC") and the refresh
 * under way ("rescoring: 40,000 / 100,000"). The figures come from the snapshot, not a live read, so
 * every card that shows them says how old they are the same way.
 */
import type { Button, Widget } from '../card/types';

export function freshnessWidget(freshness: string, button?: Button): Widget {
  return {
    kind: 'decoratedText',
    text: freshness,
    wrapText: true,
    icon: 'CLOCK',
    ...(button ? { button } : {}),
  };
}
