/** What worked: playbooks pooled over their campaigns, then each campaign at 30/60/90 days. */
import { foldedSection } from '../card/fold';
import { ACTION } from '../action-names';
import type { Card, Section, Widget } from '../card/types';
import { actionButton } from './common';
import { freshnessWidget } from './freshness';

export interface OutcomeLine {
  title: string;
  text: string;
  verdict: string;
  /** The intervals and method behind the words, folded under "Show more". */
  details?: string[];
}

export interface OutcomesState {
  playbooks: OutcomeLine[];
  campaigns: { name: string; summary: string; windows: OutcomeLine[] }[];
  /** The snapshot's age the outcomes were counted from ("as of 09:12 UTC"), or that there is none yet. */
  freshness?: string;
}

const detailRows = (lines: readonly OutcomeLine[]): Widget[] =>
  lines
    .flatMap((l) => l.details ?? [])
    .map((text): Widget => ({
      kind: 'decoratedText',
      topLabel: 'Details',
      text,
      wrapText: true,
    }));

const line = (l: OutcomeLine): Widget => ({
  kind: 'decoratedText',
  topLabel: l.title,
  text: l.text,
  bottomLabel: l.verdict,
  wrapText: true,
});

export function outcomesCard(state: OutcomesState): Card {
  // The words stay in sight; the intervals behind them fold under "Show more".
  const sections: Section[] = [
    state.playbooks.length
      ? foldedSection(
          state.playbooks.length,
          [...state.playbooks.map(line), ...detailRows(state.playbooks)],
          'Which playbooks retain customers',
        )
      : {
          header: 'Which playbooks retain customers',
          widgets: [
            {
              kind: 'textParagraph',
              text: 'No campaign has reached 30 days yet. Outcomes compare the emailed customers with the holdout group, so keep a holdout in the Settings tab.',
            },
          ],
        },
  ];
  for (const c of state.campaigns)
    sections.push(
      foldedSection(
        1 + c.windows.length,
        [{ kind: 'textParagraph', text: c.summary }, ...c.windows.map(line), ...detailRows(c.windows)],
        c.name,
      ),
    );
  sections.push({
    widgets: [
      ...(state.freshness ? [freshnessWidget(state.freshness)] : []),
      { kind: 'buttonSet', buttons: [actionButton('Campaigns', ACTION.openCampaigns)] },
    ],
  });
  return {
    name: 'outcomes',
    header: { title: 'What worked', subtitle: 'Emailed vs held out, 30/60/90 days' },
    sections,
  };
}
