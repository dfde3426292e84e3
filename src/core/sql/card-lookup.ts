/**
 * The customer card's one lookup on the warehouse's latest-state views (issue 21): the customer's
 * cells with their current status, churn date and tags (one row per tag, the cells repeated), the
 * newest notes, and ChurnGuard's newest hand-set crisis impact, as three bounded parts of one
 * UNION ALL statement with one parameter, so the card stays one BigQuery call. Each part is a
 * parenthesised query with its own ORDER BY and LIMIT (GoogleSQL's set operations; DuckDB the same);
 * the columns a part does not fill are typed NULLs so both engines agree on the union's types.
 */
import { CHANGE_TABLES } from './change-tables';
import { NOTES_VIEW } from './change-views';
import { cellColumns, currentFrom, type WarehouseLayout } from './column-table';
import { ParamBag, type SqlQuery } from './params';
import { identifier, SHADOWS, TAG_COLUMN, type ReadTables, type SqlType } from './schema';

/** Notes the card lists, newest first (the sheet's card shows as many from the Notes tab). */
export const CARD_NOTES = 3;
/** The first customer's tags at most (rows repeat the cells once per tag). */
const CARD_TAG_ROWS = 200;

/** Which part of the union a row comes from. */
const PART = { customer: 0, note: 1, impact: 2 } as const;

const TAIL: readonly (readonly [string, SqlType])[] = [
  ['current_status', 'STRING'],
  ['current_churn_ms', 'INT64'],
  ['current_tag', 'STRING'],
  ['note_text', 'STRING'],
  ['note_author', 'STRING'],
  ['note_at_ms', 'INT64'],
];

const typeOf = (suffix: string): SqlType => SHADOWS.find((s) => s.suffix === suffix)!.type;

export function customerCardSql(email: string, layout: WarehouseLayout, tables: ReadTables): SqlQuery {
  const params = new ParamBag();
  const who = params.add('STRING', email.trim().toLowerCase());
  const nul = (t: SqlType) => `CAST(NULL AS ${t})`;
  const nullCells = layout.headers.flatMap((_, i) => [
    `${nul(typeOf('raw'))} AS r${i}`,
    `${nul(typeOf('num'))} AS n${i}`,
    `${nul(typeOf('day'))} AS d${i}`,
  ]);
  const tail = (given: Partial<Record<string, string>>) =>
    TAIL.map(([name, t]) => `${given[name] ?? nul(t)} AS ${identifier(name)}`).join(', ');
  const id = identifier('row_id');
  const at = identifier('at_ms');
  const change = identifier('change_id');
  const customer =
    `SELECT ${PART.customer} AS part, c.${id} AS row_id, ${cellColumns(layout).join(', ')}, ` +
    tail({
      current_status: `c.${identifier('status')}`,
      current_churn_ms: `c.${identifier('churn_ms')}`,
      current_tag: `t.${identifier(`${TAG_COLUMN}__raw`)}`,
    }) +
    ` FROM ${identifier(tables.customers)} AS c LEFT JOIN ${identifier(tables.tags)} AS t ON t.${id} = c.${id}` +
    ` WHERE c.${identifier('email')} = ${who} ORDER BY c.${id} LIMIT ${CARD_TAG_ROWS}`;
  const other = (
    part: number,
    from: string,
    given: Partial<Record<string, string>>,
    where: string,
    n: number,
  ) =>
    `SELECT ${part} AS part, ${nul('INT64')} AS row_id, ${nullCells.join(', ')}, ${tail(given)} FROM ${from} ` +
    `WHERE x.${identifier('email')} = ${who}${where} ORDER BY x.${at} DESC, x.${change} DESC LIMIT ${n}`;
  const notes = other(
    PART.note,
    `${identifier(NOTES_VIEW)} AS x`,
    { note_text: `x.${identifier('text')}`, note_author: `x.${identifier('author')}`, note_at_ms: `x.${at}` },
    '',
    CARD_NOTES,
  );
  // The newest impact change itself: '' when it withdrew the override, no row when there is none.
  // Compiled SQL holds no string literals (dialect.ts): the field name and '' are parameters too.
  const impact = other(
    PART.impact,
    `${identifier(CHANGE_TABLES.field)} AS x`,
    {
      note_text: `COALESCE(x.${identifier('value_string')}, ${params.add('STRING', '')})`,
      note_at_ms: `x.${at}`,
    },
    ` AND x.${identifier('field')} = ${params.add('STRING', 'impact')}`,
    1,
  );
  return params.query(`(${customer}) UNION ALL (${notes}) UNION ALL (${impact})`);
}

export interface CardCurrent {
  status: string | null;
  tags: string[];
  /** The churn date the views hold, epoch ms (null: none). */
  churnMs: number | null;
  /** ChurnGuard's newest hand-set impact: '' when withdrawn, undefined when never set. */
  impactOverride?: string;
  /** The newest notes, newest first. */
  notes: { text: string; author: string; atMs: number }[];
}

const num = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));

/** The customer part's rows (the first customer's, for the cells) and what the other parts add. */
export function customerCardFrom(rows: readonly Record<string, unknown>[]): {
  rows: Record<string, unknown>[];
  current: CardCurrent;
} {
  const own = rows
    .filter((r) => Number(r.part) === PART.customer)
    .sort((a, b) => Number(a.row_id) - Number(b.row_id));
  const first = own[0]?.row_id;
  const mine = own.filter((r) => String(r.row_id) === String(first));
  const impact = rows.find((r) => Number(r.part) === PART.impact);
  return {
    rows: mine,
    current: {
      ...currentFrom(mine),
      churnMs: num(mine[0]?.current_churn_ms),
      ...(impact ? { impactOverride: String(impact.note_text ?? '') } : {}),
      notes: rows
        .filter((r) => Number(r.part) === PART.note)
        .map((r) => ({
          text: String(r.note_text ?? ''),
          author: String(r.note_author ?? ''),
          atMs: Number(r.note_at_ms),
        }))
        .sort((a, b) => b.atMs - a.atMs),
    },
  };
}
