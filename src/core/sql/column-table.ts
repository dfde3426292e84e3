/**
 * How the add-on learns which table column holds which sheet column. The loader derives the
 * columns from the source's header row (`columnMapFor`) and writes that mapping to a small table,
 * `customer_columns` (one row per header: its position, its text, its column). The add-on reads it
 * once and keeps it in its cache, so a lookup can select every column's shadows and rebuild the
 * header-keyed row the sheet parser reads: the warehouse card is the sheet card, from the same code.
 */
import * as z from '../zod';
import { ParamBag, type SqlQuery } from './params';
import { columnMapFor, COLUMNS_TABLE, CUSTOMERS_TABLE, identifier, type ColumnMap } from './schema';

/** The source's header row in order, and each header's shadow columns. */
export interface WarehouseLayout {
  headers: string[];
  map: ColumnMap;
}

/** The rows the loader writes for a header row (the same map it loads the customers with). */
export function columnTableRows(headers: readonly string[]): {
  layout: WarehouseLayout;
  rows: { position: number; header: string; column_name: string }[];
} {
  const map = columnMapFor(headers);
  const ordered = headers.filter((h, i) => headers.indexOf(h) === i);
  return {
    layout: { headers: ordered, map },
    rows: ordered.map((header, i) => ({ position: i + 1, header, column_name: map.columns[header]! })),
  };
}

export function columnTableSql(): SqlQuery {
  const c = (n: string) => `c.${identifier(n)}`;
  return {
    sql: `SELECT ${c('position')} AS position, ${c('header')} AS header, ${c('column_name')} AS column_name FROM ${identifier(COLUMNS_TABLE)} AS c ORDER BY ${c('position')}`,
    params: [],
  };
}

const ColumnRow = z.object({
  position: z.coerceNumber().check(z.int()),
  header: z.string(),
  column_name: z.string().check(z.regex(/^[a-z][a-z0-9_]{0,56}$/)),
});

/** The mapping table's rows as a layout; a row of the wrong shape or a repeated header is an error naming it. */
export function layoutFrom(rows: readonly unknown[]): WarehouseLayout {
  if (rows.length === 0)
    throw new Error(`the ${COLUMNS_TABLE} table is empty: load the customers again to write it`);
  const headers: string[] = [];
  const columns: Record<string, string> = {};
  rows.forEach((row, i) => {
    const r = ColumnRow.safeParse(row);
    if (!r.success)
      throw new Error(
        `${COLUMNS_TABLE} row ${i + 1} is not (position, header, column_name): ${r.error.message}`,
      );
    if (r.data.header in columns)
      throw new Error(`${COLUMNS_TABLE} names the header "${r.data.header}" twice (row ${i + 1})`);
    headers.push(r.data.header);
    columns[r.data.header] = r.data.column_name;
  });
  return { headers, map: { columns } };
}

/**
 * Customers with every column's raw value (`__raw`), its number (`__num`) and its date (`__day`), as
 * r<i>, n<i>, d<i> for the layout's i-th header: one customer by exact email, or the first `limit`
 * at a company domain (the sidebar's fallback). One parameter either way.
 */
export function customerCellsSql(
  match: { email: string } | { domain: string; limit: number } | { emails: readonly string[] },
  layout: WarehouseLayout,
  table = CUSTOMERS_TABLE,
  currentTags?: string,
): SqlQuery {
  const params = new ParamBag();
  const email = `c.${identifier('email')}`;
  // Several emails (the daily scan's page of alerts): one parameter each, with the risk they scored.
  const several =
    'emails' in match
      ? [...new Set(match.emails.map((e) => e.trim().toLowerCase()))].map((e) => params.add('STRING', e))
      : undefined;
  const where = several
    ? `${email} IN (${several.join(', ')})`
    : 'email' in match
      ? `${email} = ${params.add('STRING', match.email.trim().toLowerCase())}`
      : 'domain' in match
        ? `ENDS_WITH(${email}, ${params.add('STRING', `@${match.domain.trim().toLowerCase()}`)})`
        : 'FALSE';
  const limit = several ? Math.max(1, several.length) : 'domain' in match ? Math.trunc(match.limit) : 1;
  const cols = cellColumns(layout);
  const id = identifier('row_id');
  // Several emails (the daily scan's page of alerts) also carry the risk they scored; with the
  // latest-state views, also the current status and one row per current tag (the cells repeat), so an
  // alert's move sees the tags a teammate set from the card. (The card's own lookup is customerCardSql.)
  const risk = several
    ? `, c.${identifier('risk_score')} AS risk_score, c.${identifier('risk_band')} AS risk_band`
    : '';
  const current =
    currentTags && several
      ? {
          select: `${risk}, c.${identifier('status')} AS current_status, t.${identifier('tag__raw')} AS current_tag`,
          join: ` LEFT JOIN ${identifier(currentTags)} AS t ON t.${id} = c.${id}`,
          limit: CURRENT_ROWS * Math.max(1, several.length),
        }
      : { select: risk, join: '', limit };
  return params.query(
    `SELECT c.${id} AS row_id, ${cols.join(', ')}${current.select} FROM ${identifier(table)} AS c${current.join} WHERE ${where} ORDER BY c.${id} LIMIT ${current.limit}`,
  );
}

/** Every header's raw, number and date shadows of the customers alias `c`, as r<i>, n<i>, d<i> (cellsFrom reads them). */
export function cellColumns(layout: WarehouseLayout): string[] {
  return layout.headers.flatMap((h, i) => {
    const base = layout.map.columns[h]!;
    return [
      `c.${identifier(`${base}__raw`)} AS r${i}`,
      `c.${identifier(`${base}__num`)} AS n${i}`,
      `c.${identifier(`${base}__day`)} AS d${i}`,
    ];
  });
}

/** Rows a page's lookup with current tags may return per customer: their tags, bounded. */
const CURRENT_ROWS = 200;

/** The current status and tags of the first customer among rows carrying current_status/current_tag (the scan's page, the card's lookup). */
export function currentFrom(rows: readonly Record<string, unknown>[]): {
  status: string | null;
  tags: string[];
} {
  const first = rows[0]?.row_id;
  const mine = rows.filter((r) => String(r.row_id) === String(first));
  const tags = mine.flatMap((r) => (typeof r.current_tag === 'string' ? [r.current_tag] : []));
  const status = mine[0]?.current_status;
  return { status: typeof status === 'string' ? status : null, tags };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A cell as the sheet held it, from its shadows: a number stays a number, a date with a time of day
 * becomes that instant again, anything else is its raw text ("" when empty). A date at midnight UTC
 * comes back as its ISO day, which the sheet parser reads as the same day.
 */
export function cellFrom(raw: unknown, num: unknown, day: unknown): unknown {
  if (num !== null && num !== undefined && num !== '') return Number(num);
  const text = raw === null || raw === undefined ? '' : String(raw);
  if (day !== null && day !== undefined && day !== '') {
    const ms = Number(day);
    if (!(ISO_DAY.test(text) && Date.parse(`${text}T00:00:00Z`) === ms)) return new Date(ms);
  }
  return text;
}

/** customerCellsSql's row as the sheet row it came from. */
export function cellsFrom(
  row: Record<string, unknown>,
  layout: WarehouseLayout,
): { rowId: number; cells: unknown[] } {
  const rowId = Number(row.row_id);
  if (!Number.isInteger(rowId))
    throw new Error(`customer lookup: row_id "${String(row.row_id)}" is not a row`);
  return { rowId, cells: layout.headers.map((_, i) => cellFrom(row[`r${i}`], row[`n${i}`], row[`d${i}`])) };
}
