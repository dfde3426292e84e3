import type { ActionResponse, Card } from '../../ui/card/types';
import { SETTINGS_FIELDS, settingsCard, type SettingsState } from '../../ui/cards/settings';
import type { Settings } from '../../core/settings/settings';
import { parseSpreadsheetRef } from '../../core/settings/spreadsheet-ref';
import type { AppContext } from '../context';
import { formValue, type AddonEvent } from '../events';
import { loadSettings, saveSettings } from '../settings-store';
import { buildHomepage } from './home';

function riskModelState(settings: Settings): NonNullable<SettingsState['riskModel']> {
  const m = settings.riskModel;
  const status = m?.auc
    ? `Learned from ${m.rows ?? '?'} customers on ${m.fittedAt?.slice(0, 10) ?? '?'}: cross-validated AUC ${m.auc.toFixed(2)} (0.5 is a coin toss, 1.0 perfect).`
    : m?.declined
      ? `${m.declined} The scorecard is used until there is enough history.`
      : 'No model learned yet. "Learn from history" fits one on the customers marked churned and active in your sheet.';
  return { kind: m?.kind ?? 'scorecard', status, canLearn: Boolean(settings.spreadsheetId) };
}

export function buildSettingsCard(ctx: AppContext): Card {
  const { settings, problem } = loadSettings(ctx.userStore);
  return settingsCard({
    spreadsheetInput: settings.spreadsheetId ?? '',
    customerSheet: settings.customerSheet,
    connected: Boolean(settings.spreadsheetId),
    error: problem,
    riskModel: riskModelState(settings),
  });
}

/** Validates the sheet the user typed before saving: it must open, and the customer tab must exist. */
export function saveSettingsAction(ctx: AppContext, event: AddonEvent): ActionResponse {
  const input = formValue(event, SETTINGS_FIELDS.spreadsheet);
  const customerSheet = formValue(event, SETTINGS_FIELDS.customerSheet) || 'Customers';
  const { settings: current } = loadSettings(ctx.userStore);
  const chosen = formValue(event, SETTINGS_FIELDS.riskModel);
  const kind =
    chosen === 'learned' || chosen === 'blend' || chosen === 'scorecard'
      ? chosen
      : (current.riskModel?.kind ?? 'scorecard');
  const again = (error: string): ActionResponse => ({
    kind: 'navigate',
    steps: [
      {
        kind: 'update',
        card: settingsCard({
          spreadsheetInput: input,
          customerSheet,
          error,
          riskModel: { ...riskModelState(current), kind },
        }),
      },
    ],
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
  saveSettings(ctx.userStore, {
    ...current,
    spreadsheetId: ref.id,
    customerSheet,
    riskModel: { blendWeight: 0.5, ...current.riskModel, kind },
  });
  return {
    kind: 'navigate',
    steps: [{ kind: 'popToRoot' }, { kind: 'update', card: buildHomepage(ctx) }],
    notification: `Connected to ${opened.spreadsheet.name}`,
    stateChanged: true,
  };
}
