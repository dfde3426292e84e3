/**
 * Offline, the cards' links to Google Sheets lead to a made-up spreadsheet and Google's logo does not
 * load. The workbench (only) points them at its own pages before rendering: a link to a tab or row of
 * the loaded sheet opens /sheet/<tab>#row-N, and the logo is served from static/logo.svg. Production
 * cards keep Google's URLs; this runs on the rendered card's copy, never on the add-on's code.
 */
import { BRAND_LOGO } from '../../ui/cards/common';
import type { Card } from '../../ui/card/types';
import type { SpreadsheetData } from '../standins/spreadsheet';

export const LOGO_PATH = '/static/logo.svg';

/** /sheet/<tab>#row-N for a Sheets URL of `spreadsheet`; `hint` is the link's text ("Edit segments"). */
export function localSheetPath(spreadsheet: SpreadsheetData, url: string, hint = ''): string | null {
  const base = `https://docs.google.com/spreadsheets/d/${encodeURIComponent(spreadsheet.id)}/edit`;
  if (!url.startsWith(base)) return null;
  const gid = /[#&]gid=(\d+)/.exec(url)?.[1];
  const row = /[#&]range=[A-Z]+(\d+)/.exec(url)?.[1];
  let tab = gid === undefined ? undefined : spreadsheet.sheets.find((s) => String(s.sheetId) === gid)?.name;
  // A link to the whole spreadsheet that says which tab it means ("Edit segments") opens that tab.
  tab ??= spreadsheet.sheets.find((s) => hint.toLowerCase().includes(s.name.toLowerCase()))?.name;
  if (!tab) return '/sheet/';
  return `/sheet/${encodeURIComponent(tab)}${row ? `#row-${row}` : ''}`;
}

/** A copy of `card` with Sheets links and the logo pointing at the workbench at `origin`. */
export function offlineCard(card: Card, spreadsheet: SpreadsheetData, origin: string): Card {
  const walk = (value: unknown, hint: string): unknown => {
    if (typeof value === 'string') {
      if (value === BRAND_LOGO) return origin + LOGO_PATH;
      const local = localSheetPath(spreadsheet, value, hint);
      return local ? origin + local : value;
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, hint));
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      const obj = value as Record<string, unknown>;
      const own = typeof obj.text === 'string' ? obj.text : hint;
      return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, walk(v, own)]));
    }
    return value;
  };
  return walk(card, '') as Card;
}
