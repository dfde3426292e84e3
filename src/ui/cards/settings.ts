import type { Card, Section } from '../card/types';
import { ACTION } from '../action-names';
import { actionButton } from './common';

export interface SettingsState {
  spreadsheetInput: string;
  customerSheet: string;
  connectedName?: string;
  /** A sheet is connected, so its columns can be mapped. */
  connected?: boolean;
  /** A validation message from the last save attempt, shown above the form. */
  error?: string;
  /** The risk-score choice; the section is left out when absent. */
  riskModel?: { kind: 'scorecard' | 'learned' | 'blend'; status: string; canLearn: boolean };
}

export const SETTINGS_FIELDS = {
  spreadsheet: 'spreadsheet',
  customerSheet: 'customerSheet',
  riskModel: 'riskModel',
} as const;

export function settingsCard(state: SettingsState): Card {
  const sections: Section[] = [];
  if (state.error) {
    sections.push({ widgets: [{ kind: 'textParagraph', text: [{ text: state.error, color: '#d93025' }] }] });
  }
  sections.push({
    header: 'Customer sheet',
    widgets: [
      {
        kind: 'textInput',
        name: SETTINGS_FIELDS.spreadsheet,
        label: 'Spreadsheet URL or ID',
        value: state.spreadsheetInput,
        hint: state.connectedName ? `Connected: ${state.connectedName}` : 'Paste the link from your browser',
      },
      {
        kind: 'textInput',
        name: SETTINGS_FIELDS.customerSheet,
        label: 'Customer tab',
        value: state.customerSheet,
        hint: 'The tab with one row per customer and headers in row 1',
      },
      ...(state.connected
        ? [
            {
              kind: 'buttonSet' as const,
              buttons: [
                actionButton('Map columns', ACTION.openColumns),
                actionButton('Scoring and offers', ACTION.openScoring),
              ],
            },
          ]
        : [
            {
              kind: 'buttonSet' as const,
              buttons: [actionButton('Scoring and offers', ACTION.openScoring)],
            },
          ]),
    ],
  });
  const kinds = [
    ['scorecard', 'Scorecard (transparent rules)'],
    ['blend', 'Blend of scorecard and learned model'],
    ['learned', 'Learned model only'],
  ] as const;
  const model = state.riskModel;
  if (model)
    sections.push({
      header: 'Risk score',
      widgets: [
        {
          kind: 'selectionInput',
          name: SETTINGS_FIELDS.riskModel,
          label: 'Score customers with',
          type: 'radioButton',
          items: kinds.map(([value, text]) => ({ value, text, selected: model.kind === value })),
        },
        { kind: 'textParagraph', text: model.status },
        ...(model.canLearn
          ? [
              {
                kind: 'buttonSet' as const,
                buttons: [actionButton('Learn from history', ACTION.learnFromHistory)],
              },
            ]
          : []),
      ],
    });
  return {
    name: 'settings',
    header: { title: 'Settings' },
    sections,
    fixedFooter: { primary: actionButton('Save', ACTION.saveSettings, undefined, 'filled') },
  };
}
