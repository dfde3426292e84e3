/**
 * A JSON value kept in a generated tab of the connected spreadsheet (the portfolio snapshot, the
 * warehouse's day figures): a header line for the person who opens the tab, then the JSON in pieces
 * under Sheets' 50,000 characters a cell. People sort, paste over and truncate such tabs, so reading
 * gives undefined for anything the schema does not accept, and the caller rebuilds it.
 */
import * as z from '../core/zod';

export const PIECE_CHARS = 45_000;
// Each piece starts with a letter, so Sheets never reads a piece such as "-5" or "123" as a number.
const PIECE_MARK = 'j';

/** The rows a tab holds for `value`: the header, then its JSON in pieces. */
export function jsonTabRows(header: string, value: unknown): unknown[][] {
  const json = JSON.stringify(value);
  const rows: unknown[][] = [[header]];
  for (let i = 0; i < json.length; i += PIECE_CHARS) rows.push([PIECE_MARK + json.slice(i, i + PIECE_CHARS)]);
  return rows;
}

/** The value these rows hold, or undefined when they are not one `schema` accepts (edited, truncated, older). */
export function jsonFromTabRows<T>(
  values: readonly unknown[][] | undefined,
  schema: z.ZodMiniType<T>,
): T | undefined {
  if (!values || values.length < 2) return undefined;
  const json = values
    .slice(1)
    .map((r) => (typeof r[0] === 'string' && r[0].startsWith(PIECE_MARK) ? r[0].slice(1) : ''))
    .join('');
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
