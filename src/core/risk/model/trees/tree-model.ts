/**
 * The gradient-boosted tree model of a churn table: the same typed columns as the logistic model
 * (buildFeatureSpec decides what is a number, a date, a category or an identifier), each fed to the
 * trees as one value per row: numbers and dates as read, categories as their rank by churn rate in
 * the training rows (so a split separates riskier levels from safer ones). Explanations are per
 * column on the log-odds scale and add up exactly: base + Σ contributions = the model's log-odds.
 */
import { specReading, type Table } from '../features';
import { cellNumber, isMissingCell, typedColumn, type CellParse, type CellReading } from '../cell-types';
import { labelledSpec, type ColumnContribution, type FitOptions } from '../model';
import { sigmoid } from '../linalg';
import { boost, DEFAULT_BOOST, type BoostOptions } from './boost';
import { attributePath, treeValue, type Tree } from './tree';

export type TreeColumn =
  | { kind: 'numeric'; column: string; index: number; parse: CellParse }
  | { kind: 'categorical'; column: string; index: number; order: string[] };

export interface TreeModel {
  version: 1;
  outcome: string;
  columns: TreeColumn[];
  init: number;
  trees: Tree[];
  excluded: { column: string; reason: string }[];
  locale: string;
  /** The scoring day of the training rows (YYYY-MM-DD). */
  asOf: string;
}

export const OTHER_LEVEL = '(other)';

/** A column's value for the trees: NaN when missing. */
function columnValue(c: TreeColumn, cell: unknown, reading: CellReading): number {
  if (c.kind === 'numeric') return cellNumber(cell, c.parse, reading) ?? NaN;
  if (isMissingCell(cell)) return NaN;
  const at = c.order.indexOf(String(cell).trim());
  return at >= 0 ? at : c.order.indexOf(OTHER_LEVEL);
}

/** Levels (and "(other)") from least to most churn in the training rows. */
function levelsByChurn(
  table: Table,
  index: number,
  levels: readonly string[],
  rows: readonly number[],
  y: Uint8Array,
): string[] {
  const known = new Set(levels);
  const stats = new Map<string, { churned: number; all: number }>();
  rows.forEach((r, i) => {
    const cell = table.rows[r]?.[index];
    if (isMissingCell(cell)) return;
    const t = String(cell).trim();
    const level = known.has(t) ? t : OTHER_LEVEL;
    const s = stats.get(level) ?? { churned: 0, all: 0 };
    s.churned += y[i] as number;
    s.all++;
    stats.set(level, s);
  });
  // Smoothed towards one half so a rare level does not sit at an extreme.
  const rate = (l: string) => ((stats.get(l)?.churned ?? 0) + 1) / ((stats.get(l)?.all ?? 0) + 2);
  return [...levels, OTHER_LEVEL].sort((a, b) => rate(a) - rate(b) || a.localeCompare(b));
}

export function rowValues(
  model: Pick<TreeModel, 'columns'>,
  row: readonly unknown[],
  reading: CellReading,
): Float64Array {
  return Float64Array.from(model.columns, (c) => columnValue(c, row[c.index], reading));
}

const round5 = (x: number) => Number(x.toPrecision(5));

/** Fits boosted trees on every row with a known outcome (or `options.rows`). */
export function fitTrees(
  table: Table,
  outcome: string,
  options: FitOptions & { boost?: Partial<BoostOptions> } = {},
): TreeModel {
  const { rows, y, spec } = labelledSpec(table, outcome, options);
  const columns: TreeColumn[] = spec.columns.map((c) =>
    c.kind === 'numeric'
      ? { kind: 'numeric', column: c.column, index: c.index, parse: c.parse ?? 'number' }
      : {
          kind: 'categorical',
          column: c.column,
          index: c.index,
          order: levelsByChurn(table, c.index, c.levels, rows, y),
        },
  );
  const reading = specReading(spec);
  // Numbers and dates come from the table's parsed columns, read once for every fit of a CV.
  const values = columns.map((c) => {
    const typed = c.kind === 'numeric' ? typedColumn(table, c.index, c.parse, reading) : null;
    const out = new Float64Array(rows.length);
    rows.forEach((r, i) => {
      out[i] = typed ? (typed[r] as number) : columnValue(c, table.rows[r]?.[c.index], reading);
    });
    return out;
  });
  const boosted = boost(values, y, { ...DEFAULT_BOOST, ...options.boost });
  return {
    version: 1,
    outcome,
    columns,
    init: round5(boosted.init),
    // Rounded as stored, so a model read back predicts exactly what the fitted one did.
    trees: boosted.trees.map((t) => ({ ...t, value: t.value.map(round5) })),
    excluded: spec.excluded,
    locale: spec.locale ?? 'en_US',
    asOf: spec.asOf ?? '',
  };
}

const readingOf = (model: TreeModel, asOf?: Date) =>
  specReading(
    { columns: [], names: [], sources: [], excluded: [], locale: model.locale, asOf: model.asOf },
    asOf,
  );

/** The log-odds of churn for a row laid out like the training table. */
export function treeLogit(model: TreeModel, row: readonly unknown[], asOf?: Date): number {
  const x = rowValues(model, row, readingOf(model, asOf));
  let z = model.init;
  for (const t of model.trees) z += treeValue(t, x);
  return z;
}

export const predictTrees = (model: TreeModel, row: readonly unknown[], asOf?: Date): number =>
  sigmoid(treeLogit(model, row, asOf));

/** Per-column log-odds along each tree's path, and the base they add to (Saabas attribution). */
export function treeContributions(
  model: TreeModel,
  row: readonly unknown[],
  asOf?: Date,
): { base: number; columns: ColumnContribution[] } {
  const x = rowValues(model, row, readingOf(model, asOf));
  const byColumn = new Float64Array(model.columns.length);
  let base = model.init;
  for (const t of model.trees) base += attributePath(t, x, byColumn);
  return {
    base,
    columns: model.columns.map((c, j) => ({ column: c.column, logit: byColumn[j] as number })),
  };
}
