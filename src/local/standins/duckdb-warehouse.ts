/**
 * An embedded DuckDB holding the warehouse tables (src/core/sql/schema.ts), running the compiled
 * BigQuery-subset SQL through the dialect adapter. The differential tests, the BigQuery stand-in and
 * the warehouse bench all run on it.
 */
import {
  BIGINT,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import {
  COLUMNS_TABLE,
  createTablesSql,
  customerColumns,
  customerRow,
  CUSTOMERS_TABLE,
  DUCKDB_SETUP,
  tagColumns,
  tagRows,
  TAGS_TABLE,
  toDuckDbSql,
  type ColumnMap,
  type SqlQuery,
} from '../../core/sql';
import type { SegmentRecord } from '../../core/segments';

export type WarehouseRow = Record<string, string | number | boolean | null>;

/** JS values as they come back: BIGINT and HUGEINT as numbers (ids, counts and ms fit in 2^53). */
function plain(v: unknown): string | number | boolean | null {
  if (typeof v === 'bigint') return Number(v);
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  throw new Error(`unexpected value from DuckDB: ${String(v)}`);
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
   * The three tables, with the header ↔ column mapping written to customer_columns (column-table.ts)
   * in the source's header order (default: the map's own order).
   */
  async createTables(map: ColumnMap, headers: readonly string[] = Object.keys(map.columns)): Promise<void> {
    for (const s of createTablesSql(map)) await this.connection.run(toDuckDbSql(s));
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

  /**
   * Appends records to both tables (the loader's rows, encode.ts), a data chunk of up to 2,048 rows
   * at a time: numbers go in as one typed-array copy per column, where appending value by value made
   * one native call per cell (806 s for a million customers of ~110 columns).
   */
  async load(records: Iterable<SegmentRecord>, map: ColumnMap): Promise<void> {
    const writer = await this.writer(map);
    writer.add(records);
    writer.close();
  }

  /** A loader kept open across calls, for a table written a chunk of customers at a time. */
  async writer(map: ColumnMap): Promise<{ add(records: Iterable<SegmentRecord>): void; close(): void }> {
    const customers = new ChunkWriter(
      await this.connection.createAppender(CUSTOMERS_TABLE),
      customerColumns(map),
    );
    const tags = new ChunkWriter(await this.connection.createAppender(TAGS_TABLE), tagColumns());
    return {
      add(records) {
        for (const r of records) {
          customers.add(customerRow(r, map));
          for (const t of tagRows(r)) tags.add(t);
        }
      },
      close() {
        customers.close();
        tags.close();
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

/** DuckDB's standard vector size: a data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;

/** Rows gathered column by column and appended a whole data chunk at a time. */
class ChunkWriter {
  private readonly chunk: DuckDBDataChunk;
  private readonly columns: DuckDBValue[][];
  private rows = 0;

  constructor(
    private readonly appender: DuckDBAppender,
    private readonly names: readonly { name: string; type: 'STRING' | 'FLOAT64' | 'INT64' }[],
  ) {
    this.chunk = DuckDBDataChunk.create(
      names.map((c) => (c.type === 'STRING' ? VARCHAR : c.type === 'INT64' ? BIGINT : DOUBLE)),
    );
    this.columns = names.map(() => new Array<DuckDBValue>(CHUNK_ROWS));
  }

  add(row: Record<string, string | number | null>): void {
    const at = this.rows++;
    this.names.forEach((c, i) => {
      const v = row[c.name];
      this.columns[i]![at] =
        v === null || v === undefined
          ? null
          : c.type === 'STRING'
            ? String(v)
            : c.type === 'INT64'
              ? BigInt(Math.trunc(Number(v)))
              : Number(v);
    });
    if (this.rows === CHUNK_ROWS) this.flush();
  }

  private flush(): void {
    if (this.rows === 0) return;
    this.chunk.reset();
    this.chunk.rowCount = this.rows;
    this.chunk.setColumns(
      this.rows === CHUNK_ROWS ? this.columns : this.columns.map((c) => c.slice(0, this.rows)),
    );
    this.appender.appendDataChunk(this.chunk);
    this.rows = 0;
  }

  close(): void {
    this.flush();
    this.appender.closeSync();
  }
}
