/**
 * An embedded DuckDB holding the warehouse tables (src/core/sql/schema.ts), running the compiled
 * BigQuery-subset SQL through the dialect adapter. The differential tests, the BigQuery stand-in and
 * the warehouse bench all run on it.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { WarehouseChange } from '../../core/changes';
import {
  COLUMNS_TABLE,
  createChangeTablesSql,
  createHistoryTableSql,
  createTablesSql,
  createViewsSql,
  insertChangesSql,
  toDuckDbDdl,
  type ViewOptions,
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
   * The base tables and the score history with the header ↔ column mapping written to
   * customer_columns (column-table.ts) in the source's header order (default: the map's own order),
   * the change tables and the latest-state views over them.
   */
  async createTables(
    map: ColumnMap,
    headers: readonly string[] = Object.keys(map.columns),
    views: ViewOptions = {},
  ): Promise<void> {
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
    await this.createViews(map, views);
  }

  /** (Re)creates the change tables (if missing) and the views, e.g. with a deliberately wrong order. */
  async createViews(map: ColumnMap, views: ViewOptions = {}): Promise<void> {
    for (const s of [...createChangeTablesSql(views), ...createViewsSql(map, views)])
      await this.connection.run(toDuckDbDdl(s));
  }

  /** Appends changes through the same INSERT statements the BigQuery store sends. */
  async append(changes: readonly WarehouseChange[]): Promise<void> {
    for (const q of insertChangesSql(changes)) await this.query(q);
  }

  /** Appends score-history rows as a scan would have written them (tests and the bench). */
  async loadHistory(rows: Iterable<Record<string, SqlValue>>): Promise<void> {
    const a = await this.connection.createAppender(HISTORY_TABLE);
    for (const row of rows) appendRow(a, HISTORY_COLUMNS, row);
    a.closeSync();
  }

  /** Appends records to both tables (the loader's rows, encode.ts). */
  async load(records: Iterable<SegmentRecord>, map: ColumnMap): Promise<void> {
    const writer = await this.writer(map);
    writer.add(records);
    writer.close();
  }

  /**
   * A loader kept open across calls, for a table written a chunk of customers at a time (the
   * generator). Value by value through DuckDB's appender: whole data chunks (typed arrays per
   * column) and a CSV file read by COPY were measured no faster on 20k customers (5.0-6.9 s and
   * 7.1 s of CPU against 4.2-4.6 s): DuckDB's own work and the rows' shadows dominate.
   */
  async writer(map: ColumnMap): Promise<{ add(records: Iterable<SegmentRecord>): void; close(): void }> {
    const customers = await this.connection.createAppender(CUSTOMERS_TABLE);
    const tags = await this.connection.createAppender(TAGS_TABLE);
    const cCols = customerColumns(map);
    const tCols = tagColumns();
    const append = appendRow;
    return {
      add(records) {
        for (const r of records) {
          append(customers, cCols, customerRow(r, map));
          for (const t of tagRows(r)) append(tags, tCols, t);
        }
      },
      close() {
        customers.closeSync();
        tags.closeSync();
      },
    };
  }

  /** Runs one statement (already in DuckDB's dialect) with `$name` values; for the writer's own tables. */
  async run(sql: string, values: Record<string, DuckDBValue> = {}): Promise<void> {
    await this.connection.run(sql, values);
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
