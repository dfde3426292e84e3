/**
 * A team's own customers table in the DuckDB behind the BigQuery stand-in, for the source sync: each
 * column typed by what it holds (all numbers DOUBLE, all dates DATE, else text), as a team's table
 * would be, written a hundred rows to a statement.
 */
import type { SyncDuckDb } from '../../src/local/standins/duckdb-sync';

export function createSourceTable(
  db: SyncDuckDb,
  name: string,
  headers: readonly string[],
  rows: unknown[][],
) {
  const types = headers.map((_, c) => {
    const values = rows.map((r) => r[c]).filter((v) => v !== '' && v !== undefined);
    if (values.every((v) => typeof v === 'number')) return 'DOUBLE';
    if (values.every((v) => v instanceof Date)) return 'DATE';
    return 'VARCHAR';
  });
  const q = (h: string) => `"${h.replace(/"/g, '""')}"`;
  db.run(`CREATE TABLE ${q(name)} (${headers.map((h, c) => `${q(h)} ${types[c]}`).join(', ')})`, {});
  for (let at = 0; at < rows.length; at += 100) {
    const values: Record<string, string | number> = {};
    const tuples = rows.slice(at, at + 100).map((row, i) =>
      headers.map((_, c) => {
        const v = row[c];
        if (v === '' || v === undefined || v === null) return 'NULL';
        const key = `v${i}_${c}`;
        const day = v instanceof Date ? v.toISOString().slice(0, 10) : undefined;
        values[key] = types[c] === 'VARCHAR' ? (day ?? String(v)) : (day ?? (v as number));
        return types[c] === 'DATE' ? `CAST($${key} AS DATE)` : `$${key}`;
      }),
    );
    db.run(`INSERT INTO ${q(name)} VALUES ${tuples.map((t) => `(${t.join(', ')})`).join(', ')}`, values);
  }
}
