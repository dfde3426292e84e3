/**
 * Turns a table's columns into model features, learned from the training rows only:
 *  - every cell read by the sheet reader's typed parsers (cell-types.ts): money and numbers in the sheet's
 *    locale, percentages, yes/no words, and dates as days since or until the scoring day;
 *  - numeric columns standardised (missing → the mean, plus a missing indicator); skewed non-negative
 *    ones also as log1p; ones with many distinct values also as a restricted cubic spline (4 knots at
 *    the 5th, 35th, 65th and 95th percentiles, Harrell's default), so a curved effect such as churn
 *    falling fast over the first months of tenure and then flattening is learned, whatever the
 *    column is called;
 *  - categorical columns one-hot (the 20 most frequent levels seen at least 5 times, the rest pooled
 *    as "(other)", blanks as "(missing)");
 *  - left out, with the reason reported: columns that identify rows (IDs, emails, names), free text,
 *    empty columns, and columns that give the outcome away (a "churn reason" filled in only for
 *    churned rows), which would look brilliant in training and be useless on live customers.
 */
import {
  cellNumber,
  inferCellParse,
  isMissingCell,
  typedColumn,
  type CellParse,
  type CellReading,
} from './cell-types';
import { utcDay } from '../../time/calendar';

export interface Table {
  headers: string[];
  rows: unknown[][];
}

export interface Spline {
  knots: number[];
  mean: number[];
  sd: number[];
}

export type ColumnSpec =
  | {
      kind: 'numeric';
      column: string;
      index: number;
      /** How cells are read (absent in models saved before issue 18: plain numbers). */
      parse?: CellParse;
      mean: number;
      sd: number;
      log?: { mean: number; sd: number };
      spline?: Spline;
      missing: boolean;
    }
  | { kind: 'categorical'; column: string; index: number; levels: string[] };

export interface FeatureSpec {
  columns: ColumnSpec[];
  /** Feature names in order, e.g. "tenure", "log1p(tenure)", "Contract=Two year" (derived from columns). */
  names: string[];
  /** The source column of each feature, for per-column contributions (derived from columns). */
  sources: string[];
  excluded: { column: string; reason: string }[];
  /** The sheet's locale and the scoring day (YYYY-MM-DD) cells were read with. */
  locale?: string;
  asOf?: string;
}

export const MAX_LEVELS = 20;
/** A level seen fewer times than this (or than 0.5% of rows) is pooled into "(other)". */
export const MIN_LEVEL_COUNT = 5;
/** A column whose values alone rank churned above retained rows this well gives the outcome away. */
export const LEAK_AUC = 0.99;

/** Header words that name a row identifier rather than a measurement, once camelCase is split. */
const ID_HEADER = /(^|[^a-z])(id|ids|uuid|key|no|number|nr|row|index)$|^#$|^row\b/i;
const splitCamel = (header: string) => header.trim().replace(/([a-z])([A-Z])/g, '$1 $2');
/**
 * A training fold holds a sample of the rows, so a row number there is not a consecutive run; whole
 * numbers, one per row, filling at least half their range are still a numbering, not a measurement.
 */
const NUMBERING_DENSITY = 0.5;

/**
 * A numeric column that identifies rows: whole numbers, one per row, all distinct, and either named
 * like an identifier or a consecutive run (1, 2, 3… in any order). A measurement such as a charge
 * can also be distinct per row, so distinctness alone is not enough.
 */
function looksLikeNumericId(column: string, xs: readonly number[], rows: number): boolean {
  if (xs.length !== rows || rows < 20 || !xs.every(Number.isInteger)) return false;
  if (new Set(xs).size !== rows) return false;
  if (ID_HEADER.test(splitCamel(column))) return true;
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return rows >= NUMBERING_DENSITY * (max - min + 1);
}

/** Sentences rather than labels: several words on average, or long. */
function looksLikeFreeText(texts: readonly string[]): boolean {
  let words = 0;
  let chars = 0;
  for (const t of texts) {
    words += t.split(/\s+/).length;
    chars += t.length;
  }
  return words / texts.length >= 4 || chars / texts.length >= 40;
}

const isMissing = isMissingCell;

/** Reads cells in US English as of today's UTC day when the caller gives no sheet locale or day. */
export function defaultReading(reading?: Partial<CellReading>): CellReading {
  return { locale: reading?.locale ?? 'en_US', asOf: utcDay(reading?.asOf ?? new Date()) };
}

/** The reading a spec was learned with, optionally as of another day (a live customer is scored as of today). */
export function specReading(spec: FeatureSpec, asOf?: Date): CellReading {
  return {
    locale: spec.locale ?? 'en_US',
    asOf: asOf ? utcDay(asOf) : spec.asOf ? new Date(`${spec.asOf}T00:00:00Z`) : utcDay(new Date()),
  };
}

const KNOT_QUANTILES = [0.05, 0.35, 0.65, 0.95];
/** Enough rows and distinct values for a spline to be worth its two extra features. */
const SPLINE_MIN_ROWS = 100;
const SPLINE_MIN_DISTINCT = 20;

function splineKnots(xs: readonly number[]): number[] | null {
  if (xs.length < SPLINE_MIN_ROWS) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  let distinct = 1;
  for (let i = 1; i < sorted.length && distinct < SPLINE_MIN_DISTINCT; i++)
    if (sorted[i] !== sorted[i - 1]) distinct++;
  if (distinct < SPLINE_MIN_DISTINCT) return null;
  const knots = KNOT_QUANTILES.map((q) => sorted[Math.floor(q * (sorted.length - 1))] as number);
  for (let i = 1; i < knots.length; i++) if (!((knots[i] as number) > (knots[i - 1] as number))) return null;
  return knots;
}

const cube = (v: number) => (v > 0 ? v * v * v : 0);

/**
 * The nonlinear terms of a restricted cubic spline (linear beyond the outer knots), scaled by the
 * squared knot range so they are of the same order as x.
 */
export function splineTerms(x: number, t: readonly number[], out: number[] = []): number[] {
  const k = t.length;
  const last = t[k - 1] as number;
  const before = t[k - 2] as number;
  const scale = (last - (t[0] as number)) ** 2;
  for (let j = 0; j < k - 2; j++) {
    const tj = t[j] as number;
    const term =
      cube(x - tj) -
      (cube(x - before) * (last - tj)) / (last - before) +
      (cube(x - last) * (before - tj)) / (last - before);
    out[j] = term / scale;
  }
  return out;
}

/** Mean and standard deviation of each spline term over xs, without keeping the terms. */
function splineStats(xs: readonly number[], knots: readonly number[]): Spline {
  const m = knots.length - 2;
  const sum = new Float64Array(m);
  const ss = new Float64Array(m);
  const terms: number[] = [];
  for (const x of xs) {
    splineTerms(x, knots, terms);
    for (let k = 0; k < m; k++) sum[k] = (sum[k] as number) + (terms[k] as number);
  }
  const mean = Array.from(sum, (s) => s / xs.length);
  for (const x of xs) {
    splineTerms(x, knots, terms);
    for (let k = 0; k < m; k++) ss[k] = (ss[k] as number) + ((terms[k] as number) - (mean[k] as number)) ** 2;
  }
  return { knots: [...knots], mean, sd: Array.from(ss, (s) => Math.sqrt(s / xs.length) || 1) };
}

function meanSd(xs: readonly number[]): { mean: number; sd: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / xs.length) || 1 };
}

function skewness(xs: readonly number[], mean: number, sd: number): number {
  let s = 0;
  for (const x of xs) s += ((x - mean) / sd) ** 3;
  return s / xs.length;
}

/**
 * How well a grouping of the rows ranks churned above retained ones when each row is scored by its
 * group's churn rate: the ROC AUC, ties counted half. Groups are small integers.
 */
function groupAuc(groups: readonly number[], y: ArrayLike<number>): number {
  const pos = new Map<number, number>();
  const neg = new Map<number, number>();
  let p = 0;
  let n = 0;
  groups.forEach((g, i) => {
    if (y[i] === 1) {
      pos.set(g, (pos.get(g) ?? 0) + 1);
      p++;
    } else {
      neg.set(g, (neg.get(g) ?? 0) + 1);
      n++;
    }
  });
  if (p === 0 || n === 0) return 0.5;
  const rate = (g: number) => (pos.get(g) ?? 0) / ((pos.get(g) ?? 0) + (neg.get(g) ?? 0));
  const keys = [...new Set(groups)].sort((a, b) => rate(a) - rate(b));
  let below = 0; // retained rows in groups with a lower churn rate
  let wins = 0;
  for (let i = 0; i < keys.length;) {
    let j = i;
    let tiedNeg = 0;
    let tiedPos = 0;
    while (j < keys.length && rate(keys[j] as number) === rate(keys[i] as number)) {
      tiedNeg += neg.get(keys[j] as number) ?? 0;
      tiedPos += pos.get(keys[j] as number) ?? 0;
      j++;
    }
    wins += tiedPos * (below + tiedNeg / 2);
    below += tiedNeg;
    i = j;
  }
  return wins / (p * n);
}

/** The names and source columns of the features a list of column specs produces, in order. */
export function featureNames(columns: readonly ColumnSpec[]): { names: string[]; sources: string[] } {
  const names: string[] = [];
  const sources: string[] = [];
  const add = (name: string, source: string) => {
    names.push(name);
    sources.push(source);
  };
  for (const c of columns) {
    if (c.kind === 'numeric') {
      add(c.column, c.column);
      if (c.log) add(`log1p(${c.column})`, c.column);
      c.spline?.mean.forEach((_, k) => add(`spline${k + 1}(${c.column})`, c.column));
      if (c.missing) add(`${c.column} missing`, c.column);
    } else {
      for (const l of [...c.levels, '(other)', '(missing)']) add(`${c.column}=${l}`, c.column);
    }
  }
  return { names, sources };
}

/**
 * Learns the features from `rowIndexes` of `table`. With `y` (the outcome of each of those rows,
 * 0/1) columns that give the outcome away are left out too. `maxLevels` caps each one-hot (the
 * most frequent levels are kept).
 */
export function buildFeatureSpec(
  table: Table,
  rowIndexes: readonly number[],
  exclude: ReadonlySet<string>,
  y?: ArrayLike<number>,
  maxLevels: number = MAX_LEVELS,
  cells?: Partial<CellReading>,
): FeatureSpec {
  const reading = defaultReading(cells);
  const columns: ColumnSpec[] = [];
  const excluded: FeatureSpec['excluded'] = [];
  const leak = (groups: readonly number[]) => {
    if (!y) return null;
    const auc = groupAuc(groups, y);
    return Math.max(auc, 1 - auc) >= LEAK_AUC ? Math.max(auc, 1 - auc) : null;
  };
  const leakReason = (what: string, auc: number) =>
    `gives the outcome away: ${what} separates churned from retained rows (AUC ${auc.toFixed(3)}), so it was probably filled in after the fact`;
  table.headers.forEach((column, index) => {
    if (exclude.has(column) || column.trim() === '') return;
    const values = rowIndexes.map((r) => table.rows[r]?.[index]);
    const present = values.filter((v) => !isMissing(v));
    if (present.length === 0) {
      excluded.push({ column, reason: 'empty' });
      return;
    }
    const parse = inferCellParse(present, reading);
    if (parse) {
      const typed = typedColumn(table, index, parse, reading);
      const numbers = rowIndexes.map((r) => typed[r] as number);
      const xs = numbers.filter((n) => !Number.isNaN(n));
      if (looksLikeNumericId(column, xs, values.length)) {
        excluded.push({
          column,
          reason: `identifies rows (${xs.length} distinct whole numbers in ${values.length} rows)`,
        });
        return;
      }
      const missing = xs.length < values.length;
      const leakAuc = missing ? leak(numbers.map((n) => (Number.isNaN(n) ? 1 : 0))) : null;
      if (leakAuc !== null) {
        excluded.push({ column, reason: leakReason('whether it is blank', leakAuc) });
        return;
      }
      const { mean, sd } = meanSd(xs);
      const spec: ColumnSpec = { kind: 'numeric', column, index, parse, mean, sd, missing };
      if (xs.every((x) => x >= 0) && skewness(xs, mean, sd) > 1) spec.log = meanSd(xs.map(Math.log1p));
      const knots = splineKnots(xs);
      if (knots) spec.spline = splineStats(xs, knots);
      columns.push(spec);
      return;
    }
    const texts = present.map((v) => String(v).trim());
    const counts = new Map<string, number>();
    for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
    if (counts.size > 0.5 * values.length && counts.size > MAX_LEVELS) {
      excluded.push({
        column,
        reason: looksLikeFreeText(texts)
          ? `free text (${counts.size} different entries in ${values.length} rows)`
          : `identifies rows (${counts.size} distinct values in ${values.length} rows)`,
      });
      return;
    }
    const minCount = Math.max(MIN_LEVEL_COUNT, Math.ceil(0.005 * values.length));
    const levels = [...counts.entries()]
      .filter(([, c]) => c >= minCount)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, maxLevels)
      .map(([l]) => l);
    if (levels.length === 0) {
      excluded.push({ column, reason: 'no value occurs often enough to learn from' });
      return;
    }
    const leakAuc = leak(values.map((v) => levelOf(levels, v)));
    if (leakAuc !== null) {
      excluded.push({ column, reason: leakReason('its value', leakAuc) });
      return;
    }
    columns.push({ kind: 'categorical', column, index, levels });
  });
  return {
    columns,
    ...featureNames(columns),
    excluded,
    locale: reading.locale,
    asOf: reading.asOf.toISOString().slice(0, 10),
  };
}

/** A cell's one-hot position: a level's index, then "(other)", then "(missing)". */
function levelOf(levels: readonly string[], v: unknown): number {
  if (isMissing(v)) return levels.length + 1;
  const at = levels.indexOf(String(v).trim());
  return at >= 0 ? at : levels.length;
}

/** A numeric column's value in the row being encoded, null when missing. */
type NumberOf = (c: Extract<ColumnSpec, { kind: 'numeric' }>) => number | null;

function encodeWith(
  spec: FeatureSpec,
  row: readonly unknown[],
  numberOf: NumberOf,
  out: Float64Array,
  offset: number,
): void {
  let j = offset;
  const terms: number[] = [];
  for (const c of spec.columns) {
    if (c.kind === 'numeric') {
      const n = numberOf(c);
      out[j++] = n === null ? 0 : (n - c.mean) / c.sd;
      if (c.log) out[j++] = n === null || n < 0 ? 0 : (Math.log1p(n) - c.log.mean) / c.log.sd;
      if (c.spline) {
        const { knots, mean, sd } = c.spline;
        if (n !== null) splineTerms(n, knots, terms);
        for (let k = 0; k < mean.length; k++)
          out[j++] = n === null ? 0 : ((terms[k] as number) - (mean[k] as number)) / (sd[k] as number);
      }
      if (c.missing) out[j++] = n === null ? 1 : 0;
    } else {
      const width = c.levels.length + 2;
      for (let k = 0; k < width; k++) out[j + k] = 0;
      out[j + levelOf(c.levels, row[c.index])] = 1;
      j += width;
    }
  }
}

/** One row's feature vector under a spec. */
export function encodeRow(
  spec: FeatureSpec,
  row: readonly unknown[],
  out: Float64Array,
  offset = 0,
  reading: CellReading = specReading(spec),
): void {
  encodeWith(spec, row, (c) => cellNumber(row[c.index], c.parse ?? 'number', reading), out, offset);
}

/** The feature vectors of a table's rows, reading each typed column once (see typedColumn). */
export function encodeRows(spec: FeatureSpec, table: Table, rowIndexes: readonly number[]): Float64Array {
  const p = spec.names.length;
  const x = new Float64Array(rowIndexes.length * p);
  const reading = specReading(spec);
  const typed = new Map(
    spec.columns.map((c) => [
      c.index,
      c.kind === 'numeric' ? typedColumn(table, c.index, c.parse ?? 'number', reading) : null,
    ]),
  );
  rowIndexes.forEach((r, i) => {
    const numberOf: NumberOf = (c) => {
      const n = (typed.get(c.index) as Float64Array)[r] as number;
      return Number.isNaN(n) ? null : n;
    };
    encodeWith(spec, table.rows[r] ?? [], numberOf, x, i * p);
  });
  return x;
}

/**
 * A row laid out for a spec from a record keyed by column name, so a model can score rows from a
 * table whose columns have moved, or a customer read afresh.
 */
export function rowFromRecord(
  spec: { columns: readonly { column: string; index: number }[] },
  record: Readonly<Record<string, unknown>>,
): unknown[] {
  const row: unknown[] = [];
  for (const c of spec.columns) row[c.index] = record[c.column];
  return row;
}
