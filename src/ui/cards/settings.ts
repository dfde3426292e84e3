import type { Card, Section } from '../card/types';
import { ACTION } from '../action-names';
import { actionButton } from './common';

export interface SettingsState {
  spreadsheetInput: string;
  customerSheet: string;
  connectedName?: string;
  /** A validation message from the last save attempt, shown above the form. */
  error?: string;
}

export const SETTINGS_FIELDS = { spreadsheet: 'spreadsheet', customerSheet: 'customerSheet' } as const;

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
    ],
  });
  return {
    name: 'settings',
    header: { title: 'Settings' },
    sections,
    fixedFooter: { primary: actionButton('Save', ACTION.saveSettings, undefined, 'filled') },
  };
}
