/** The connected customer sheet, or the card that says to connect one first. */
import type { Settings } from '../core/settings/settings';
import type { CustomerSheet } from '../ports/customer-sheet';
import type { AppContext } from './context';
import { UserFacingError } from './errors';
import { loadSettings } from './settings-store';
import { storeOf, warehouseRefusal } from './store-choice';

export interface Connected {
  settings: Settings;
  spreadsheetId: string;
  sheet: CustomerSheet;
}

/** `what`: the action, named in the refusal when BigQuery is the store and it needs the sheet. */
export function requireConnected(
  ctx: AppContext,
  what = 'this reads or writes the customer sheet',
): Connected {
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
    sheet:
      storeOf(settings).kind === 'bigquery'
        ? refusingSheet(settings, what)
        : ctx.customerSheet(settings.spreadsheetId, settings.customerSheet),
  };
}

/**
 * The customer tab while BigQuery is the store: every read and write is refused with the card that
 * says so. A path not yet ported to the warehouse (bulk tags, a campaign's audience, the daily scan,
 * edits from the customer card) must not quietly read a stale sheet or write where nobody reads.
 */
function refusingSheet(settings: Settings, what: string): CustomerSheet {
  const refuse = (): never => {
    throw warehouseRefusal(settings, what);
  };
  return {
    location: refuse,
    readAll: refuse,
    lastRow: refuse,
    readRows: refuse,
    findByEmail: refuse,
    findByDomain: refuse,
    ensureColumns: refuse,
    write: refuse,
    appendRow: refuse,
    readHeaders: refuse,
    readColumn: refuse,
  };
}
