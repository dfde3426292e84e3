/**
 * Turns a table's columns into model features, learned from the training rows only: numeric columns
 * standardised (missing → mean, plus a missing indicator; skewed non-negative ones also as log1p),
 * categorical columns one-hot (top levels, the rest pooled as "other", missing as its own level).
 * Columns that identify rows (IDs, emails, names) carry no signal that generalises and are excluded.
 */
export interface Table {
  headers: string[];
  rows: unknown[][];
}

export type ColumnSpec =
  | {
      kind: 'numeric';
      column: string;
      index: number;
      mean: number;
      sd: number;
      log?: { mean: number; sd: number };
      missing: boolean;
    }
  | { kind: 'categorical'; column: string; index: number; levels: string[] };

export interface FeatureSpec {
  columns: ColumnSpec[];
  /** Feature names in order, e.g. "tenure", "log1p(tenure)", "Contract=Two year". */
  names: string[];
  /** The source column of each feature, for per-column contributions. */
  sources: string[];
  excluded: { column: string; reason: string }[];
}

const MAX_LEVELS = 20;

export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.getTime() / 86_400_000;
  if (typeof value !== 'string') return null;
  const t = value.trim().replace(/,/g, '');
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  return Number(t);
}

/** Header words that name a row identifier rather than a measurement. */
const ID_HEADER = /(^|[^a-z])(id|ids|uuid|key|no|number|nr|row)$|^#$/i;
const CAMEL_ID = /[a-z](ID|Id)$/;

/**
 * A numeric column that identifies rows: whole numbers, one per row, all distinct, and either named
 * like an identifier or a consecutive run (1, 2, 3… in any order). A measurement such as a charge
 * can also be distinct per row, so distinctness alone is not enough.
 */
function looksLikeNumericId(column: string, xs: readonly number[], rows: number): boolean {
  if (xs.length !== rows || rows < 20 || !xs.every(Number.isInteger)) return false;
  if (new Set(xs).size !== rows) return false;
  if (ID_HEADER.test(column.trim()) || CAMEL_ID.test(column.trim())) return true;
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return max - min + 1 === rows;
}

const isMissing = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

export function buildFeatureSpec(
  table: Table,
  rowIndexes: readonly number[],
  exclude: ReadonlySet<string>,
): FeatureSpec {
  const columns: ColumnSpec[] = [];
  const excluded: FeatureSpec['excluded'] = [];
  table.headers.forEach((column, index) => {
    if (exclude.has(column) || column.trim() === '') return;
    const values = rowIndexes.map((r) => table.rows[r]?.[index]);
    const present = values.filter((v) => !isMissing(v));
    if (present.length === 0) {
      excluded.push({ column, reason: 'empty' });
      return;
    }
    const numbers = present.map(toNumber);
    const numericShare = numbers.filter((n) => n !== null).length / present.length;
    if (numericShare >= 0.9) {
      const xs = numbers.filter((n): n is number => n !== null);
      if (looksLikeNumericId(column, xs, values.length)) {
        excluded.push({
          column,
          reason: `identifies rows (${xs.length} distinct whole numbers in ${values.length} rows)`,
        });
        return;
      }
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length) || 1;
      const spec: ColumnSpec = {
        kind: 'numeric',
        column,
        index,
        mean,
        sd,
        missing: present.length < values.length,
      };
      const skew = xs.reduce((s, x) => s + ((x - mean) / sd) ** 3, 0) / xs.length;
      if (xs.every((x) => x >= 0) && skew > 1) {
        const logs = xs.map((x) => Math.log1p(x));
        const lm = logs.reduce((s, x) => s + x, 0) / logs.length;
        const lsd = Math.sqrt(logs.reduce((s, x) => s + (x - lm) ** 2, 0) / logs.length) || 1;
        spec.log = { mean: lm, sd: lsd };
      }
      columns.push(spec);
      return;
    }
    const texts = present.map((v) => String(v).trim());
    const counts = new Map<string, number>();
    for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
    if (counts.size > 0.5 * values.length && counts.size > MAX_LEVELS) {
      excluded.push({
        column,
        reason: `identifies rows (${counts.size} distinct values in ${values.length} rows)`,
      });
      return;
    }
    const minCount = Math.max(5, Math.ceil(0.005 * values.length));
    const levels = [...counts.entries()]
      .filter(([, c]) => c >= minCount)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_LEVELS)
      .map(([l]) => l);
    if (levels.length === 0) {
      excluded.push({ column, reason: 'no value occurs often enough to learn from' });
      return;
    }
    columns.push({ kind: 'categorical', column, index, levels });
  });
  const names: string[] = [];
  const sources: string[] = [];
  for (const c of columns) {
    if (c.kind === 'numeric') {
      names.push(c.column);
      sources.push(c.column);
      if (c.log) {
        names.push(`log1p(${c.column})`);
        sources.push(c.column);
      }
      if (c.missing) {
        names.push(`${c.column} missing`);
        sources.push(c.column);
      }
    } else {
      for (const l of [...c.levels, '(other)', '(missing)']) {
        names.push(`${c.column}=${l}`);
        sources.push(c.column);
      }
    }
  }
  return { columns, names, sources, excluded };
}

/** One row's feature vector under a spec. */
export function encodeRow(spec: FeatureSpec, row: readonly unknown[], out: Float64Array, offset = 0): void {
  let j = offset;
  for (const c of spec.columns) {
    const v = row[c.index];
    if (c.kind === 'numeric') {
      const n = isMissing(v) ? null : toNumber(v);
      out[j++] = n === null ? 0 : (n - c.mean) / c.sd;
      if (c.log) out[j++] = n === null || n < 0 ? 0 : (Math.log1p(n) - c.log.mean) / c.log.sd;
      if (c.missing) out[j++] = n === null ? 1 : 0;
    } else {
      const text = isMissing(v) ? null : String(v).trim();
      const level = text === null ? -2 : c.levels.indexOf(text);
      for (let k = 0; k < c.levels.length + 2; k++) out[j + k] = 0;
      const hot = level >= 0 ? level : level === -1 ? c.levels.length : c.levels.length + 1;
      out[j + hot] = 1;
      j += c.levels.length + 2;
    }
  }
}

export function encodeRows(spec: FeatureSpec, table: Table, rowIndexes: readonly number[]): Float64Array {
  const p = spec.names.length;
  const x = new Float64Array(rowIndexes.length * p);
  rowIndexes.forEach((r, i) => encodeRow(spec, table.rows[r] ?? [], x, i * p));
  return x;
}
