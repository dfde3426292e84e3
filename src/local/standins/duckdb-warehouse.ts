/**
 * An embedded DuckDB holding the warehouse tables (src/core/sql/schema.ts), running the compiled
 * BigQuery-subset SQL through the dialect adapter. The differential tests, the BigQuery stand-in and
 * the warehouse bench all run on it.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import {
  COLUMNS_TABLE,
  createHistoryTableSql,
  createTablesSql,
  customerColumns,
  customerRow,
  CUSTOMERS_TABLE,
  HISTORY_COLUMNS,
  HISTORY_TABLE,
  DUCKDB_SETUP,
  tagColumns,
  tagRows,
  TAGS_TABLE,
  toDuckDbSql,
  type ColumnMap,
  type SqlQuery,
  type SqlType,
  type SqlValue,
} from '../../core/sql';
import type { SegmentRecord } from '../../core/segments';

export type WarehouseRow = Record<string, string | number | boolean | null>;

/** JS values as they come back: BIGINT and HUGEINT as numbers (ids, counts and ms fit in 2^53). */
function plain(v: unknown): string | number | boolean | null {
  if (typeof v === 'bigint') return Number(v);
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  throw new Error(`unexpected value from DuckDB: ${String(v)}`);
}

type Appender = Awaited<ReturnType<DuckDBConnection['createAppender']>>;

function appendRow(
  a: Appender,
  cols: readonly { name: string; type: SqlType }[],
  row: Record<string, SqlValue>,
): void {
  for (const c of cols) {
    const v = row[c.name];
    if (v === null || v === undefined) a.appendNull();
    else if (c.type === 'STRING') a.appendVarchar(String(v));
    else if (c.type === 'INT64') a.appendBigInt(BigInt(Math.trunc(Number(v))));
    else a.appendDouble(Number(v));
  }
  a.endRow();
}

export class DuckDbWarehouse {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /** An in-memory database, or a file (`npm run bench -- warehouse` keeps none). */
  static async open(path = ':memory:'): Promise<DuckDbWarehouse> {
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    for (const s of DUCKDB_SETUP) await connection.run(s);
    return new DuckDbWarehouse(instance, connection);
  }

  /**
   * The three tables and the score history, with the header ↔ column mapping written to
   * customer_columns (column-table.ts) in the source's header order (default: the map's own order).
   */
  async createTables(map: ColumnMap, headers: readonly string[] = Object.keys(map.columns)): Promise<void> {
    for (const s of [...createTablesSql(map), createHistoryTableSql()])
      await this.connection.run(toDuckDbSql(s));
    const columns = await this.connection.createAppender(COLUMNS_TABLE);
    headers.forEach((header, i) => {
      const column = map.columns[header];
      if (!column) throw new Error(`the column map has no column for the header "${header}"`);
      columns.appendBigInt(BigInt(i + 1));
      columns.appendVarchar(header);
      columns.appendVarchar(column);
      columns.endRow();
    });
    columns.closeSync();
  }

  /** Appends score-history rows as a scan would have written them (tests and the bench). */
  async loadHistory(rows: Iterable<Record<string, SqlValue>>): Promise<void> {
    const a = await this.connection.createAppender(HISTORY_TABLE);
    for (const row of rows) appendRow(a, HISTORY_COLUMNS, row);
    a.closeSync();
  }

  /** Appends records to both tables (the loader's rows, encode.ts). */
  async load(records: Iterable<SegmentRecord>, map: ColumnMap): Promise<void> {
    const customers = await this.connection.createAppender(CUSTOMERS_TABLE);
    const tags = await this.connection.createAppender(TAGS_TABLE);
    const cCols = customerColumns(map);
    const tCols = tagColumns();
    const append = appendRow;
    for (const r of records) {
      append(customers, cCols, customerRow(r, map));
      for (const t of tagRows(r)) append(tags, tCols, t);
    }
    customers.closeSync();
    tags.closeSync();
  }

  /** Runs one compiled query; returns plain rows. */
  async query(q: SqlQuery): Promise<WarehouseRow[]> {
    const values: Record<string, DuckDBValue> = {};
    for (const p of q.params) values[p.name] = p.type === 'INT64' ? BigInt(p.value) : p.value;
    const reader = await this.connection.runAndReadAll(toDuckDbSql(q.sql), values);
    return reader.getRowObjectsJS().map((row) => {
      const out: WarehouseRow = {};
      for (const [k, v] of Object.entries(row)) out[k] = plain(v);
      return out;
    });
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
