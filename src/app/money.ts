/**
 * How a card writes money for one sheet: the team's currency from the spreadsheet's Settings tab
 * (zod-checked there, editable by anyone on the team) in the spreadsheet's locale. The config tabs
 * come from the cache the segment and template readers share, so this costs no extra sheet read.
 */
import { readTeamSettings } from '../core/settings/team-settings';
import type { MoneyFormat } from '../core/text/format';
import { loadRawConfig } from './config';
import type { AppContext } from './context';

export function sheetMoney(ctx: AppContext, spreadsheetId: string, locale: string): MoneyFormat {
  return { currency: readTeamSettings(loadRawConfig(ctx, spreadsheetId).settings).settings.currency, locale };
}
