/**
 * Text written to a sheet must stay text. Sheets runs a typed value that starts with "=", or with
 * "+" or "-" followed by something other than a number, as a formula, so a customer whose name is
 * "=IMPORTXML(…)" in an email header (copied into the sheet by "Add to customer sheet") could make the
 * user's spreadsheet fetch a URL. Every string ChurnGuard writes goes through `literal`, which keeps it
 * text with Sheets' own escape, a leading apostrophe (not shown, not part of the value read back).
 */
const FORMULA_START = /^[=+-]/;
const SIGNED_NUMBER = /^[+-]\s*(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?%?$/i;

export function literal(value: unknown): unknown {
  if (typeof value !== 'string' || !FORMULA_START.test(value)) return value;
  return SIGNED_NUMBER.test(value.trim()) ? value : `'${value}`;
}

export function literalRow(values: readonly unknown[]): unknown[] {
  return values.map(literal);
}

export function literalRows(rows: readonly (readonly unknown[])[]): unknown[][] {
  return rows.map(literalRow);
}
