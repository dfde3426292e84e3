/**
 * Query parameters in BigQuery's named form (`@p0`, typed). A value from a person's query only
 * ever reaches SQL through here; the SQL text holds its name.
 */
import type { SqlType } from './schema';

export interface SqlParam {
  name: string;
  type: SqlType;
  value: string | number;
}

export class ParamBag {
  private readonly list: SqlParam[] = [];
  private readonly named = new Map<string, string>();

  /** A new parameter; returns its reference (`@p3`). */
  add(type: SqlType, value: string | number): string {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new Error(`a query parameter must be a finite number, not ${value}`);
    const name = `p${this.list.length}`;
    this.list.push({ name, type, value });
    return `@${name}`;
  }

  /** One parameter shared by every use of `key` (today, the active status). */
  shared(key: string, type: SqlType, value: string | number): string {
    const have = this.named.get(key);
    if (have) return have;
    const ref = this.add(type, value);
    this.named.set(key, ref);
    return ref;
  }

  get params(): readonly SqlParam[] {
    return this.list;
  }

  /**
   * The statement with only the parameters its text references: a shared one (today) may be
   * allocated by a field whose operator then never reads it, and DuckDB refuses unused parameters.
   */
  query(sql: string): SqlQuery {
    return { sql, params: this.list.filter((p) => new RegExp(`@${p.name}(?![A-Za-z0-9_])`).test(sql)) };
  }
}

/** Compiled SQL with its parameters. */
export interface SqlQuery {
  sql: string;
  params: readonly SqlParam[];
}
