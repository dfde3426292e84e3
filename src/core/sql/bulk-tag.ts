/**
 * A tag added to (or removed from) a whole segment on the warehouse store, as single statements
 * rather than one change row per member sent from Apps Script: `INSERT INTO tag_changes … SELECT …
 * FROM customers_current WHERE <segment>`, so 300,000 members cost one DML job, not 1,500
 * 200-row INSERTs (BigQuery runs a table's first 1,500 INSERTs a day at once and queues the rest:
 * https://cloud.google.com/bigquery/docs/data-manipulation-language, "INSERT DML concurrency").
 *
 * Only members the change would change are written (an add skips who already has the tag), so the
 * batch is exactly what Undo must reverse. Each row's change id is `<batch>-<row_id>`: a retried
 * statement whose first answer was lost writes nothing new (everyone it would change is changed)
 * and could only repeat ids the views count once.
 *
 * Undo appends the reverse change for each row of the batch that is still the newest change of its
 * (customer, tag): a teammate who re-tagged someone since keeps their edit, counted as kept.
 */
import type { Query } from '../segments';
import { CHANGE_COLUMNS, CHANGE_TABLES } from './change-tables';
import { tagShadows } from './encode';
import { ParamBag, type SqlQuery } from './params';
import { CURRENT_TABLES, identifier, TAG_COLUMN, type ColumnMap, type ReadTables } from './schema';
import { compileCondition } from './where';

export type TagOperation = 'add' | 'remove';

export interface BulkTagRequest {
  query: Query;
  map: ColumnMap;
  today: Date;
  /** The tag as the person typed it (cleaned). */
  tag: string;
  operation: TagOperation;
  tables?: ReadTables;
}

export interface BulkTagStamp {
  /**
   * [A-Za-z0-9_-], 8 to 24 characters: `-<row_id>` is appended to make each change id, and an undo's
   * ids are `<undo batch>-<change id>`, which stays within a change id's 64 characters.
   */
  batchId: string;
  author: string;
  atMs: number;
}

/** At most this many example members on the preview. */
export const BULK_EXAMPLES = 5;

const BATCH_ID = /^[A-Za-z0-9_-]{8,24}$/;
const id = identifier;

function checkBatch(batchId: string): void {
  if (!BATCH_ID.test(batchId))
    throw new Error(`bulk change id '${batchId}' must be 8-24 letters, digits, '-' or '_'`);
}

/** Over alias `c`: the segment, and "this member would change", sharing one parameter bag. */
function memberFilter(
  r: BulkTagRequest,
  params: ParamBag,
): { from: string; segment: string; change: string; where: string } {
  const tables = r.tables ?? CURRENT_TABLES;
  const segment = compileCondition(r.query, r.map, params, r.today, { alias: 'c', tables });
  const text = params.add('STRING', String(tagShadows(r.tag).text ?? ''));
  const has =
    `EXISTS (SELECT 1 FROM ${id(tables.tags)} AS t WHERE t.${id('row_id')} = c.${id('row_id')} ` +
    `AND t.${id(`${TAG_COLUMN}__text`)} = ${text})`;
  const change = r.operation === 'add' ? `NOT ${has}` : has;
  return { from: `${id(tables.customers)} AS c`, segment, change, where: `(${segment}) AND ${change}` };
}

/** Members, and how many of them the change would change, in one row (`members`, `changes`). */
export function bulkTagCountSql(r: BulkTagRequest): SqlQuery {
  const params = new ParamBag();
  const { from, segment, change } = memberFilter(r, params);
  return params.query(
    `SELECT COUNT(*) AS members, COALESCE(SUM(CASE WHEN ${change} THEN 1 ELSE 0 END), 0) AS changes ` +
      `FROM ${from} WHERE ${segment}`,
  );
}

/** The first few members the change would change, by row: row_id, email and name. */
export function bulkTagExamplesSql(r: BulkTagRequest, limit = BULK_EXAMPLES): SqlQuery {
  const params = new ParamBag();
  const { from, where } = memberFilter(r, params);
  const n = params.add('INT64', limit);
  return params.query(
    `SELECT c.${id('row_id')} AS row_id, c.${id('email')} AS email FROM ${from} WHERE ${where} ` +
      `ORDER BY c.${id('row_id')} LIMIT ${n}`,
  );
}

const TAG_SHADOW_COLUMNS = CHANGE_COLUMNS.tag.map(([n]) => n).filter((n) => n.startsWith(`${TAG_COLUMN}__`));

function insertHead(): string {
  return `INSERT INTO ${id(CHANGE_TABLES.tag)} (${CHANGE_COLUMNS.tag.map(([n]) => id(n)).join(', ')}) `;
}

/** The statement that appends the change for every member it would change. */
export function bulkTagInsertSql(r: BulkTagRequest, stamp: BulkTagStamp): SqlQuery {
  checkBatch(stamp.batchId);
  const params = new ParamBag();
  const { from, where } = memberFilter(r, params);
  const shadows = tagShadows(r.tag);
  const value: Record<string, string> = {
    change_id: `CONCAT(${params.add('STRING', `${stamp.batchId}-`)}, CAST(c.${id('row_id')} AS STRING))`,
    email: `c.${id('email')}`,
    op: params.add('STRING', r.operation),
    author: params.add('STRING', stamp.author),
    at_ms: params.add('INT64', stamp.atMs),
  };
  for (const col of TAG_SHADOW_COLUMNS) {
    const v = shadows[col.slice(TAG_COLUMN.length + 2) as keyof typeof shadows];
    const type = CHANGE_COLUMNS.tag.find(([n]) => n === col)![1];
    value[col] = v === null ? 'NULL' : params.add(type, v);
  }
  const select = CHANGE_COLUMNS.tag.map(([n]) => `${value[n]} AS ${id(n)}`).join(', ');
  return params.query(`${insertHead()}SELECT ${select} FROM ${from} WHERE ${where}`);
}

/**
 * The reverse of batch `stamp.batchId`'s rows that are still their (customer, tag)'s newest change,
 * as batch `undo.batchId`; `kept` counts the others (edited since).
 */
export function bulkTagUndoSql(batchId: string, undo: BulkTagStamp): { insert: SqlQuery; count: SqlQuery } {
  checkBatch(batchId);
  checkBatch(undo.batchId);
  const table = id(CHANGE_TABLES.tag);
  const text = id(`${TAG_COLUMN}__text`);
  const fromBatch = (params: ParamBag) => {
    const prefix = params.add('STRING', `${batchId}-`);
    const newer =
      `EXISTS (SELECT 1 FROM ${table} AS y WHERE y.${id('email')} = x.${id('email')} AND y.${text} = x.${text} ` +
      `AND (y.${id('at_ms')} > x.${id('at_ms')} OR (y.${id('at_ms')} = x.${id('at_ms')} AND y.${id('change_id')} > x.${id('change_id')})))`;
    return { prefix, newer, from: `${table} AS x WHERE STARTS_WITH(x.${id('change_id')}, ${prefix})` };
  };
  const p = new ParamBag();
  const b = fromBatch(p);
  const value: Record<string, string> = {
    change_id: `CONCAT(${p.add('STRING', `${undo.batchId}-`)}, x.${id('change_id')})`,
    email: `x.${id('email')}`,
    // The reverse of what the batch did, whichever it was.
    op: `CASE x.${id('op')} WHEN ${p.add('STRING', 'add')} THEN ${p.add('STRING', 'remove')} ELSE ${p.add('STRING', 'add')} END`,
    author: p.add('STRING', undo.author),
    at_ms: p.add('INT64', undo.atMs),
  };
  for (const col of TAG_SHADOW_COLUMNS) value[col] = `x.${id(col)}`;
  const select = CHANGE_COLUMNS.tag.map(([n]) => `${value[n]} AS ${id(n)}`).join(', ');
  const insert = p.query(`${insertHead()}SELECT ${select} FROM ${b.from} AND NOT ${b.newer}`);
  const q = new ParamBag();
  const c = fromBatch(q);
  const count = q.query(
    `SELECT COUNT(*) AS rows_in_batch, COALESCE(SUM(CASE WHEN ${c.newer} THEN 1 ELSE 0 END), 0) AS kept FROM ${c.from}`,
  );
  return { insert, count };
}
