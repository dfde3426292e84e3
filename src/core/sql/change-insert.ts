/**
 * Changes as parameterised `INSERT … VALUES` statements: one per change table, a bounded number of
 * rows each, every value a named parameter (NULL the only keyword), so no text a person typed (a
 * note, a tag) is ever part of the SQL.
 */
import type { WarehouseChange } from '../changes/change';
import { CHANGE_COLUMNS, CHANGE_TABLES, changeRow } from './change-tables';
import { ParamBag, type SqlQuery } from './params';
import { identifier } from './schema';

/**
 * Rows per statement: a tag given to a whole segment is a few statements, each far under BigQuery's
 * 1 MB query text and 10,000 parameters (about 14 parameters a row).
 */
export const ROWS_PER_INSERT = 200;
/**
 * A campaign-log row has at most 10 parameters, so 900 rows stay under the 10,000 query parameters
 * (https://cloud.google.com/bigquery/quotas, "Query jobs"): a campaign's audience and its send
 * batches are few statements, since a table's first 1,500 INSERTs a day run at once and the rest
 * queue (https://cloud.google.com/bigquery/docs/data-manipulation-language).
 */
export const CAMPAIGN_ROWS_PER_INSERT = 900;

export interface ChangeInsert extends SqlQuery {
  /** Rows it appends, to check against the job's numDmlAffectedRows. */
  rows: number;
}

export function insertChangesSql(
  changes: readonly WarehouseChange[],
  rowsPerInsert = ROWS_PER_INSERT,
): ChangeInsert[] {
  const byKind = new Map<WarehouseChange['kind'], WarehouseChange[]>();
  for (const c of changes) byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), c]);
  const out: ChangeInsert[] = [];
  for (const [kind, list] of byKind) {
    const cols = CHANGE_COLUMNS[kind];
    const head = `INSERT INTO ${identifier(CHANGE_TABLES[kind])} (${cols.map(([n]) => identifier(n)).join(', ')}) VALUES `;
    const per =
      kind === 'campaign' && rowsPerInsert === ROWS_PER_INSERT ? CAMPAIGN_ROWS_PER_INSERT : rowsPerInsert;
    for (let i = 0; i < list.length; i += per) {
      const params = new ParamBag();
      const chunk = list.slice(i, i + per);
      const values = chunk.map((c) => {
        const row = changeRow(c);
        return `(${cols.map(([n, t]) => (row[n] === null || row[n] === undefined ? 'NULL' : params.add(t, row[n]!))).join(', ')})`;
      });
      out.push({ sql: head + values.join(', '), params: params.params, rows: chunk.length });
    }
  }
  return out;
}
