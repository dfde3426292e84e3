/**
 * The source sync's staging tables and the statements that swap them in (src/gas/bigquery-sync.ts).
 * Each swap is one `CREATE OR REPLACE TABLE … AS SELECT` (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#create_table_statement):
 * the table is replaced in one job, so a card reads either the old customers or the new ones,
 * never a half-loaded table. A source row whose email an earlier row already has is left out, as the
 * sheet reader keeps the first row of a repeated address (duplicates in one page never get here).
 */
import { createChangeTablesSql, createViewsSql } from './change-views';
import { createHistoryTableSql } from './history-table';
import type { SqlQuery } from './params';
import {
  COLUMNS_TABLE,
  columnTableColumns,
  customerColumns,
  CUSTOMERS_TABLE,
  identifier,
  tagColumns,
  TAGS_TABLE,
  type ColumnMap,
  type SqlType,
} from './schema';

export const STAGING = {
  customers: `${CUSTOMERS_TABLE}_sync`,
  tags: `${TAGS_TABLE}_sync`,
  columns: `${COLUMNS_TABLE}_sync`,
} as const;

/** A load job's schema field type for a column type (TableFieldSchema.type). */
export const LOAD_TYPE: Record<SqlType, 'STRING' | 'INTEGER' | 'FLOAT'> = {
  STRING: 'STRING',
  INT64: 'INTEGER',
  FLOAT64: 'FLOAT',
};

export function stagingColumns(
  map: ColumnMap,
): Record<keyof typeof STAGING, { name: string; type: SqlType }[]> {
  return { customers: customerColumns(map), tags: tagColumns(), columns: columnTableColumns() };
}

const list = (alias: string, cols: readonly { name: string }[]) =>
  cols.map((c) => `${alias}.${identifier(c.name)}`).join(', ');

/** The customers rows that repeat an earlier row's email (at most `limit`), each with the count of all. */
export function duplicateRowsSql(limit = 20): SqlQuery {
  return {
    sql:
      `SELECT d.${identifier('row_id')} AS row_id, d.${identifier('email')} AS email, COUNT(*) OVER () AS n FROM ` +
      `(SELECT s.${identifier('row_id')}, s.${identifier('email')}, ROW_NUMBER() OVER (PARTITION BY s.${identifier('email')} ORDER BY s.${identifier('row_id')}) AS rn FROM ${identifier(STAGING.customers)} AS s) AS d ` +
      `WHERE d.rn > 1 ORDER BY d.${identifier('row_id')} LIMIT ${Math.trunc(limit)}`,
    params: [],
  };
}

/** The three swaps, customers first: tags follow the customers kept, the columns last. */
export function swapSql(map: ColumnMap): SqlQuery[] {
  const customers = customerColumns(map);
  const tags = tagColumns();
  const columns = columnTableColumns();
  return [
    {
      sql:
        `CREATE OR REPLACE TABLE ${identifier(CUSTOMERS_TABLE)} AS SELECT ${list('d', customers)} FROM ` +
        `(SELECT ${list('s', customers)}, ROW_NUMBER() OVER (PARTITION BY s.${identifier('email')} ORDER BY s.${identifier('row_id')}) AS rn FROM ${identifier(STAGING.customers)} AS s) AS d WHERE d.rn = 1`,
      params: [],
    },
    {
      sql:
        `CREATE OR REPLACE TABLE ${identifier(TAGS_TABLE)} AS SELECT ${list('t', tags)} FROM ${identifier(STAGING.tags)} AS t ` +
        `WHERE EXISTS (SELECT 1 FROM ${identifier(CUSTOMERS_TABLE)} AS c WHERE c.${identifier('row_id')} = t.${identifier('row_id')})`,
      params: [],
    },
    {
      sql: `CREATE OR REPLACE TABLE ${identifier(COLUMNS_TABLE)} AS SELECT ${list('h', columns)} FROM ${identifier(STAGING.columns)} AS h`,
      params: [],
    },
  ];
}

/**
 * After a swap, what every read and card edit needs beside the three tables: the change tables and
 * the score history, created when missing (a first sync into an empty dataset), and the latest-state
 * views, replaced, because the customers view lists the columns of this source's map and a view made
 * by an older version lacks newer change fields (a churn date, a withdrawn override). DDL only, one
 * statement a job; every reference names the dataset, as a view body must.
 */
export function schemaUpkeepSql(map: ColumnMap, dataset: string): SqlQuery[] {
  return [
    ...createChangeTablesSql({ dataset }),
    createHistoryTableSql(dataset, { ifNotExists: true }),
    ...createViewsSql(map, { dataset }),
  ].map((sql) => ({ sql, params: [] }));
}

export function syncedCountsSql(): SqlQuery {
  return {
    sql: `SELECT (SELECT COUNT(*) FROM ${identifier(CUSTOMERS_TABLE)}) AS customers, (SELECT COUNT(*) FROM ${identifier(TAGS_TABLE)}) AS tags`,
    params: [],
  };
}
