/**
 * Users paste whatever they have: the full URL from the address bar, a link with #gid, or the bare ID.
 * Google's IDs are 25+ characters of [A-Za-z0-9_-]; anything else is a typo worth naming.
 */
const URL_ID = /\/spreadsheets\/d\/([A-Za-z0-9_-]{20,})/;
const BARE_ID = /^[A-Za-z0-9_-]{20,}$/;

export type SpreadsheetRefResult = { ok: true; id: string } | { ok: false; reason: string };

export function parseSpreadsheetRef(input: string): SpreadsheetRefResult {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'Paste the spreadsheet URL or its ID.' };
  const fromUrl = URL_ID.exec(text);
  if (fromUrl?.[1]) return { ok: true, id: fromUrl[1] };
  if (BARE_ID.test(text)) return { ok: true, id: text };
  if (/^https?:\/\//i.test(text)) {
    return {
      ok: false,
      reason: `That link is not a Google Sheets link (expected https://docs.google.com/spreadsheets/d/…): ${text}`,
    };
  }
  return { ok: false, reason: `"${text}" is neither a spreadsheet URL nor a spreadsheet ID.` };
}

export function spreadsheetUrl(id: string, sheetId?: number, row?: number): string {
  const base = `https://docs.google.com/spreadsheets/d/${encodeURIComponent(id)}/edit`;
  if (sheetId === undefined) return base;
  return `${base}#gid=${sheetId}${row ? `&range=A${row}` : ''}`;
}
