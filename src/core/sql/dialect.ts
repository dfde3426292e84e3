/**
 * The compiled SQL is written in BigQuery's GoogleSQL; DuckDB reads the same statements after three
 * mechanical changes, made here: backtick identifiers become double-quoted, `@name` parameters become
 * `$name`, and BigQuery's type names become DuckDB's. REGEXP_CONTAINS is provided on DuckDB by a
 * macro over regexp_matches (both are RE2). The compiler never emits string literals, so these
 * rewrites cannot touch a value.
 */
const TYPES: Record<string, string> = { STRING: 'VARCHAR', FLOAT64: 'DOUBLE', INT64: 'BIGINT' };

export function toDuckDbSql(sql: string): string {
  if (sql.includes("'")) throw new Error('compiled SQL must not hold string literals');
  return sql
    .replace(/`([a-z][a-z0-9_]*)`/g, '"$1"')
    .replace(/@([a-z][a-z0-9_]*)/gi, '$$$1')
    .replace(/\b(STRING|FLOAT64|INT64)\b/g, (t) => TYPES[t]!);
}

/**
 * The schema's own statements (change-views.ts): the same rewrites, allowing only the fixed
 * lower-case words the views compare with ('add', 'open', field names), which hold no backtick,
 * `@` or upper-case type name for a rewrite to touch.
 */
export function toDuckDbDdl(sql: string): string {
  // Odd pieces are the fixed words; the rest is rewritten as any compiled SQL (and refused if it
  // holds another quote).
  return sql
    .split(/('[a-z][a-z_]*')/)
    .map((piece, i) => (i % 2 === 1 ? piece : toDuckDbSql(piece)))
    .join('');
}

/** Statements a DuckDB connection runs once so it reads the BigQuery subset. */
export const DUCKDB_SETUP: readonly string[] = [
  'CREATE OR REPLACE MACRO regexp_contains(s, p) AS regexp_matches(s, p)',
];
