/** The connected customer sheet, or the card that says to connect one first. */
import type { Settings } from '../core/settings/settings';
import type { CustomerSheet } from '../ports/customer-sheet';
import type { AppContext } from './context';
import { UserFacingError } from './errors';
import { loadSettings } from './settings-store';

export interface Connected {
  settings: Settings;
  spreadsheetId: string;
  sheet: CustomerSheet;
}

export function requireConnected(ctx: AppContext): Connected {
  const { settings } = loadSettings(ctx.userStore);
  if (!settings.spreadsheetId) {
    throw new UserFacingError(
      'No customer sheet',
      'Connect your customer sheet first.',
      'Open Settings and paste its URL.',
    );
  }
  return {
    settings,
    spreadsheetId: settings.spreadsheetId,
    sheet: ctx.customerSheet(settings.spreadsheetId, settings.customerSheet),
  };
}
