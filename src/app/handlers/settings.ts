import type { ActionResponse, Card } from '../../ui/card/types';
import { SETTINGS_FIELDS, settingsCard } from '../../ui/cards/settings';
import { parseSpreadsheetRef } from '../../core/settings/spreadsheet-ref';
import type { AppContext } from '../context';
import { formValue, type AddonEvent } from '../events';
import { loadSettings, saveSettings } from '../settings-store';
import { buildHomepage } from './home';

export function buildSettingsCard(ctx: AppContext): Card {
  const { settings, problem } = loadSettings(ctx.userStore);
  return settingsCard({
    spreadsheetInput: settings.spreadsheetId ?? '',
    customerSheet: settings.customerSheet,
    error: problem,
  });
}

/** Validates the sheet the user typed before saving: it must open, and the customer tab must exist. */
export function saveSettingsAction(ctx: AppContext, event: AddonEvent): ActionResponse {
  const input = formValue(event, SETTINGS_FIELDS.spreadsheet);
  const customerSheet = formValue(event, SETTINGS_FIELDS.customerSheet) || 'Customers';
  const again = (error: string): ActionResponse => ({
    kind: 'navigate',
    steps: [{ kind: 'update', card: settingsCard({ spreadsheetInput: input, customerSheet, error }) }],
  });

  const ref = parseSpreadsheetRef(input);
  if (!ref.ok) return again(ref.reason);
  const opened = ctx.spreadsheets.open(ref.id);
  if (!opened.ok) return again(opened.message);
  if (!opened.spreadsheet.sheetNames.includes(customerSheet)) {
    return again(
      `"${opened.spreadsheet.name}" has no tab named "${customerSheet}". Its tabs: ${opened.spreadsheet.sheetNames.join(', ')}.`,
    );
  }
  const { settings } = loadSettings(ctx.userStore);
  saveSettings(ctx.userStore, { ...settings, spreadsheetId: ref.id, customerSheet });
  return {
    kind: 'navigate',
    steps: [{ kind: 'popToRoot' }, { kind: 'update', card: buildHomepage(ctx) }],
    notification: `Connected to ${opened.spreadsheet.name}`,
    stateChanged: true,
  };
}
