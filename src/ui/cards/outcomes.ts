/** What worked: playbooks pooled over their campaigns, then each campaign at 30/60/90 days. */
import { ACTION } from '../action-names';
import type { Card, Section, Widget } from '../card/types';
import { actionButton, foldAfter } from './common';

export interface OutcomeLine {
  title: string;
  text: string;
  verdict: string;
}

export interface OutcomesState {
  playbooks: OutcomeLine[];
  campaigns: { name: string; summary: string; windows: OutcomeLine[] }[];
}

const line = (l: OutcomeLine): Widget => ({
  kind: 'decoratedText',
  topLabel: l.title,
  text: l.text,
  bottomLabel: l.verdict,
  wrapText: true,
});

export function outcomesCard(state: OutcomesState): Card {
  const sections: Section[] = [
    {
      header: 'Which playbooks retain customers',
      widgets: state.playbooks.length
        ? state.playbooks.map(line)
        : [
            {
              kind: 'textParagraph',
              text: 'No campaign has reached 30 days yet. Outcomes compare the emailed customers with the holdout group, so keep a holdout in the Settings tab.',
            },
          ],
    },
  ];
  for (const c of state.campaigns)
    sections.push({
      header: c.name,
      widgets: [{ kind: 'textParagraph', text: c.summary }, ...c.windows.map(line)],
      ...foldAfter(1 + c.windows.length, 2),
    });
  sections.push({
    widgets: [{ kind: 'buttonSet', buttons: [actionButton('Campaigns', ACTION.openCampaigns)] }],
  });
  return {
    name: 'outcomes',
    header: { title: 'What worked', subtitle: 'Emailed vs held out, 30/60/90 days' },
    sections,
  };
}
