/**
 * Text written to a sheet must stay text. Sheets runs a typed value that starts with "=", or with
 * "+" or "-" followed by something other than a number, as a formula, so a customer whose name is
 * "=IMPORTXML(…)" in an email header (copied into the sheet by "Add to customer sheet") could make the
 * user's spreadsheet fetch a URL. Text starting with "@", a tab or a carriage return is inert in Sheets
 * but runs in Excel once the sheet is downloaded as CSV (OWASP's CSV injection list), so it is guarded
 * too. Every string ChurnGuard writes goes through `literal`, which keeps it text with Sheets' own
 * escape, a leading apostrophe (not shown, not part of the value read back).
 */

/** Every start a spreadsheet program may run as a formula or command: = + - @, tab, carriage return. */
export const FORMULA_START = /^[=+\-@\t\r]/;
const SIGNED_NUMBER = /^[+-]\s*(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?%?$/i;

export function literal(value: unknown): unknown {
  return typeof value === 'string' ? literalString(value) : value;
}

/** A signed number ("-5", "+1,000.50") is written as is, so Sheets stores the number it is. */
export function literalString(text: string): string {
  if (!FORMULA_START.test(text)) return text;
  return SIGNED_NUMBER.test(text) ? text : `'${text}`;
}

export function literalRow(values: readonly unknown[]): unknown[] {
  return values.map(literal);
}

export function literalRows(rows: readonly (readonly unknown[])[]): unknown[][] {
  return rows.map(literalRow);
}
