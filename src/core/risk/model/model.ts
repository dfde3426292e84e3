/**
 * The learned churn model: features + L2-regularised logistic regression, fitted on the sheet's own
 * history, with cross-validated quality, per-column contributions for each customer, and a compact
 * JSON form that fits in a user property (9 KB).
 */
import {
  MAX_LEVELS,
  buildFeatureSpec,
  encodeRow,
  encodeRows,
  featureNames,
  rowFromRecord,
  specReading,
  type ColumnSpec,
  type FeatureSpec,
  type Table,
} from './features';
import { fitLogistic, predictRow } from './logistic';
import { utf8Length } from '../../text/utf8';
import { brier, calibration, logLoss, rocAuc, type Calibration } from './metrics';

/**
 * L2 strength by default: 1, scikit-learn's C = 1, on standardised features (the objective is the
 * summed log loss + λ/2 · ‖w‖², intercept unpenalised). It is the safe choice for the small sheets
 * this mostly sees (a few hundred rows), where a weaker penalty overfits. On large histories a
 * weaker penalty can do slightly better (Telco, 7,043 rows: 5-fold AUC 0.850 with λ chosen by inner CV,
 * 0.849 with λ = 1),
 * so `lambda: 'auto'` chooses from LAMBDA_GRID by inner stratified 3-fold CV on the training rows.
 */
export const DEFAULT_LAMBDA = 1;
export const LAMBDA_GRID = [0.01, 0.1, 1, 10] as const;
/**
 * Below this much history a learned model is more noise than signal, and the scorecard is used: at
 * least 30 churned and 30 retained customers (each class must be seen often enough for cross-
 * validation folds to hold several of them) and 200 customers with a known outcome in all.
 */
export const MIN_HISTORY = { churned: 30, retained: 30, rows: 200 };

export interface ChurnModel {
  version: 2;
  outcome: string;
  spec: FeatureSpec;
  intercept: number;
  weights: number[];
  /**
   * Per source column (in `spec.columns` order), the column's mean contribution to the logit over the
   * training rows, so contributions are measured against the average customer.
   */
  centres: number[];
  /** The L2 strength the model was fitted with. */
  lambda: number;
}

const YES = /^(yes|y|true|1|churned|cancelled|canceled|lost|inactive)$/i;
const NO = /^(no|n|false|0|active|retained|customer)$/i;

/** Reads an outcome cell as 1 (churned), 0 (stayed) or null (unknown: the row is left out). */
export function outcomeOf(value: unknown): 0 | 1 | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value === 1 ? 1 : value === 0 ? 0 : null;
  const t = String(value ?? '').trim();
  if (YES.test(t)) return 1;
  if (NO.test(t)) return 0;
  return null;
}

export interface Labelled {
  rows: number[];
  y: Uint8Array;
}

/** The rows with a known outcome (optionally only among `only`), and their outcomes. */
export function labelled(table: Table, outcome: string, only?: readonly number[]): Labelled {
  const index = table.headers.indexOf(outcome);
  if (index < 0) throw new Error(`No outcome column "${outcome}". Columns: ${table.headers.join(', ')}`);
  const rows: number[] = [];
  const ys: number[] = [];
  const consider = only ?? table.rows.map((_, i) => i);
  for (const i of consider) {
    const y = outcomeOf(table.rows[i]?.[index]);
    if (y !== null) {
      rows.push(i);
      ys.push(y);
    }
  }
  return { rows, y: Uint8Array.from(ys) };
}

/** Why there is not enough history to learn from, or null when there is. */
export function historyShortfall(y: ArrayLike<number>): string | null {
  let churned = 0;
  for (let i = 0; i < y.length; i++) churned += y[i] as number;
  const retained = y.length - churned;
  if (churned < MIN_HISTORY.churned) {
    return `Only ${churned} churned customer${churned === 1 ? '' : 's'} in the sheet; the learned model needs at least ${MIN_HISTORY.churned}.`;
  }
  if (retained < MIN_HISTORY.retained)
    return `Only ${retained} retained customer${retained === 1 ? '' : 's'} in the sheet; the learned model needs at least ${MIN_HISTORY.retained}.`;
  if (y.length < MIN_HISTORY.rows)
    return `Only ${y.length} customers with a known outcome; the learned model needs at least ${MIN_HISTORY.rows}.`;
  return null;
}

export interface FitOptions {
  /** Columns to leave out besides the outcome (IDs the detector might miss, leaky columns). */
  exclude?: string[];
  /** L2 strength, or 'auto' to choose from LAMBDA_GRID by inner 3-fold CV on the training rows. */
  lambda?: number | 'auto';
  /** Fit on these table rows only (cross-validation's training split). */
  rows?: number[];
  /** Most one-hot levels per categorical column (default MAX_LEVELS, 20). */
  maxLevels?: number;
  /** The sheet's locale for typed cells (default en_US) and the day dates are counted from (default today). */
  locale?: string;
  asOf?: Date;
}

/** The typed-cell options of a fit, passed on to the inner fits of cross-validation. */
export const cellOptions = (o: { locale?: string; asOf?: Date }): { locale?: string; asOf?: Date } => ({
  ...(o.locale ? { locale: o.locale } : {}),
  ...(o.asOf ? { asOf: o.asOf } : {}),
});

/** The labelled rows a fit uses and the typed columns learned from them: what every learner starts from. */
export function labelledSpec(
  table: Table,
  outcome: string,
  options: FitOptions,
): Labelled & { spec: FeatureSpec } {
  const { rows, y } = labelled(table, outcome, options.rows);
  const spec = buildFeatureSpec(
    table,
    rows,
    new Set([outcome, ...(options.exclude ?? [])]),
    y,
    options.maxLevels,
    { locale: options.locale, asOf: options.asOf },
  );
  return { rows, y, spec };
}

/** One fold of a cross-validation: the training rows, and the test rows with their outcomes. */
export function foldSplit(
  rows: readonly number[],
  y: ArrayLike<number>,
  foldOf: ReadonlyMap<number, number>,
  fold: number,
): { train: number[]; test: number[]; ys: number[] } {
  const train: number[] = [];
  const test: number[] = [];
  const ys: number[] = [];
  rows.forEach((r, i) => {
    if (foldOf.get(r) !== fold) train.push(r);
    else {
      test.push(r);
      ys.push(y[i] as number);
    }
  });
  return { train, test, ys };
}

/** Fits the model on every row with a known outcome (or `options.rows`). Does not check MIN_HISTORY. */
export function fitModel(table: Table, outcome: string, options: FitOptions = {}): ChurnModel {
  const { rows, y, spec } = labelledSpec(table, outcome, options);
  const p = spec.names.length;
  const x = encodeRows(spec, table, rows);
  const lambda =
    options.lambda === 'auto'
      ? chooseLambda(table, outcome, {
          ...cellOptions(options),
          exclude: options.exclude,
          rows,
          maxLevels: options.maxLevels,
        }).lambda
      : (options.lambda ?? DEFAULT_LAMBDA);
  const fit = fitLogistic(x, y, rows.length, p, lambda);
  // Each feature's mean over the training rows, folded into one centre per source column.
  const means = new Float64Array(p);
  for (let i = 0; i < rows.length; i++)
    for (let j = 0; j < p; j++) means[j] = (means[j] as number) + (x[i * p + j] as number);
  const byColumn = new Map<string, number>();
  fit.weights.forEach((w, j) => {
    const source = spec.sources[j] as string;
    byColumn.set(source, (byColumn.get(source) ?? 0) + (w * (means[j] as number)) / Math.max(1, rows.length));
  });
  return {
    version: 2,
    outcome,
    spec,
    intercept: fit.intercept,
    weights: fit.weights,
    centres: spec.columns.map((c) => byColumn.get(c.column) ?? 0),
    lambda,
  };
}

function encode(model: ChurnModel, row: readonly unknown[], asOf?: Date): Float64Array {
  const x = new Float64Array(model.spec.names.length);
  encodeRow(model.spec, row, x, 0, specReading(model.spec, asOf));
  return x;
}

/**
 * Churn probability of a table row laid out like the training table; dates in it are counted from
 * `asOf` (default: the day the model was fitted as of).
 */
export function predict(model: ChurnModel, row: readonly unknown[], asOf?: Date): number {
  return predictRow(model, encode(model, row, asOf));
}

/** Churn probability of a record keyed by column name (any column order; absent columns read as blank). */
export function predictRecord(
  model: ChurnModel,
  record: Readonly<Record<string, unknown>>,
  asOf?: Date,
): number {
  return predict(model, rowFromRecord(model.spec, record), asOf);
}

export interface ColumnContribution {
  column: string;
  /** Log-odds this column adds for this row compared with the average training row (+ = riskier). */
  logit: number;
}

/**
 * Which columns push this row's risk up or down: coefficient × standardised feature value, summed
 * per source column (a one-hot's levels, a numeric's log, spline and missing terms together), minus
 * the column's average over the training rows. For a linear model these are exact SHAP values on
 * the log-odds scale: they sum to logit(p) − logit of the average row (`baseLogit`). Largest first.
 */
export function contributions(model: ChurnModel, row: readonly unknown[], asOf?: Date): ColumnContribution[] {
  const x = encode(model, row, asOf);
  const byColumn = new Map<string, number>();
  model.weights.forEach((w, j) => {
    const source = model.spec.sources[j] as string;
    byColumn.set(source, (byColumn.get(source) ?? 0) + w * (x[j] as number));
  });
  return model.spec.columns
    .map((c, i) => ({ column: c.column, logit: (byColumn.get(c.column) ?? 0) - (model.centres[i] ?? 0) }))
    .sort((a, b) => Math.abs(b.logit) - Math.abs(a.logit) || a.column.localeCompare(b.column));
}

/** The log-odds of the average training row: logit(p) = baseLogit + Σ contributions. */
export function baseLogit(model: ChurnModel): number {
  return model.centres.reduce((s, c) => s + c, model.intercept);
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function compactColumn(c: ColumnSpec): ColumnSpec {
  if (c.kind === 'categorical') return c;
  return {
    ...c,
    mean: round6(c.mean),
    sd: round6(c.sd),
    ...(c.log ? { log: { mean: round6(c.log.mean), sd: round6(c.log.sd) } } : {}),
    ...(c.spline
      ? {
          spline: {
            knots: c.spline.knots.map(round6),
            mean: c.spline.mean.map(round6),
            sd: c.spline.sd.map(round6),
          },
        }
      : {}),
  };
}

/**
 * Compact JSON for a user property: numbers rounded to 6 decimals, feature names and sources left
 * out (they follow from the columns). The Telco model (7,043 rows, 19 columns, 83 features) takes
 * about 3.1 KB (it took 5.6 KB with the names); measure a model with `modelBytes`.
 */
export function serialiseModel(model: ChurnModel): string {
  return JSON.stringify({
    version: 2,
    outcome: model.outcome,
    lambda: model.lambda,
    intercept: round6(model.intercept),
    weights: model.weights.map(round6),
    centres: model.centres.map(round6),
    columns: model.spec.columns.map(compactColumn),
    excluded: model.spec.excluded,
    ...(model.spec.locale ? { locale: model.spec.locale } : {}),
    ...(model.spec.asOf ? { asOf: model.spec.asOf } : {}),
  });
}

/** UTF-8 size of the serialised model, what a user property's 9 KB limit counts. */
export const modelBytes = (json: string): number => utf8Length(json);

const UNREADABLE = 'Saved churn model is unreadable; fit it again from Settings.';

/** Reads a model saved by `serialiseModel` (or by the first format, which stored names too). */
export function parseModel(json: string): ChurnModel {
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw new Error(UNREADABLE);
  }
  const v1 = m.version === 1 && typeof m.spec === 'object' && m.spec !== null;
  const columns = (v1 ? (m.spec as FeatureSpec).columns : m.columns) as ColumnSpec[] | undefined;
  const excluded = (v1 ? (m.spec as FeatureSpec).excluded : m.excluded) as FeatureSpec['excluded'];
  if ((m.version !== 2 && !v1) || !Array.isArray(columns) || !Array.isArray(m.weights)) {
    throw new Error(UNREADABLE);
  }
  const spec: FeatureSpec = {
    columns,
    ...featureNames(columns),
    excluded: excluded ?? [],
    ...(typeof m.locale === 'string' ? { locale: m.locale } : {}),
    ...(typeof m.asOf === 'string' ? { asOf: m.asOf } : {}),
  };
  const weights = m.weights as number[];
  if (weights.length !== spec.names.length || typeof m.intercept !== 'number') throw new Error(UNREADABLE);
  const centres = Array.isArray(m.centres) ? (m.centres as number[]) : columns.map(() => 0);
  return {
    version: 2,
    outcome: String(m.outcome),
    spec,
    intercept: m.intercept,
    weights,
    centres,
    lambda: typeof m.lambda === 'number' ? m.lambda : DEFAULT_LAMBDA,
  };
}

export interface CrossValidation {
  rows: number;
  features: number;
  folds: number;
  repeats: number;
  /** Mean ROC AUC over every fold of every repeat. */
  auc: number;
  aucByFold: number[];
  /** Log loss, Brier score and calibration of the out-of-fold predictions of the first repeat. */
  logLoss: number;
  brier: number;
  calibration: Calibration;
  excluded: { column: string; reason: string }[];
}

/** A seeded shuffle, so cross-validation gives the same folds every run. */
function shuffled(xs: number[], seed: number): number[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out;
}

/**
 * Assigns each row a fold 0..k-1 so every fold holds the same number of churned rows (±1) and the
 * same number of rows (±1): churned and retained rows are shuffled separately (seeded) and dealt out
 * in turn, the retained ones starting where the churned ones stopped.
 */
export function stratifiedFolds(
  rows: readonly number[],
  y: ArrayLike<number>,
  folds: number,
  seed: number,
): Map<number, number> {
  const pos = shuffled(
    rows.filter((_, i) => y[i] === 1),
    seed,
  );
  const neg = shuffled(
    rows.filter((_, i) => y[i] !== 1),
    seed + 1,
  );
  const foldOf = new Map<number, number>();
  pos.forEach((r, i) => foldOf.set(r, i % folds));
  neg.forEach((r, i) => foldOf.set(r, (pos.length + i) % folds));
  return foldOf;
}

export interface CrossValidationOptions {
  folds?: number;
  repeats?: number;
  seed?: number;
  exclude?: string[];
  lambda?: number | 'auto';
  /** Restrict to these table rows (for inner CV). */
  rows?: number[];
  maxLevels?: number;
  locale?: string;
  asOf?: Date;
}

/**
 * Stratified k-fold cross-validation, optionally repeated with fresh folds; features are learned on
 * each training split only. Seeded, so the same table gives the same folds and figures every run.
 * With `lambda: 'auto'` the strength is chosen inside each training split (nested CV), so the
 * reported AUC is not optimistic.
 */
export function crossValidate(
  table: Table,
  outcome: string,
  options: CrossValidationOptions = {},
): CrossValidation {
  const folds = options.folds ?? 5;
  const repeats = options.repeats ?? 1;
  const { rows, y } = labelled(table, outcome, options.rows);
  const aucs: number[] = [];
  const pooledP: number[] = [];
  const pooledY: number[] = [];
  let features = 0;
  let excluded: CrossValidation['excluded'] = [];
  for (let rep = 0; rep < repeats; rep++) {
    const foldOf = stratifiedFolds(rows, y, folds, (options.seed ?? 42) + rep * 7919);
    for (let f = 0; f < folds; f++) {
      const { train, test, ys } = foldSplit(rows, y, foldOf, f);
      const model = fitModel(table, outcome, {
        ...cellOptions(options),
        exclude: options.exclude,
        lambda: options.lambda,
        rows: train,
        maxLevels: options.maxLevels,
      });
      features = model.spec.names.length;
      excluded = model.spec.excluded;
      const p = test.map((r) => predict(model, table.rows[r] ?? []));
      aucs.push(rocAuc(p, ys));
      if (rep === 0) {
        pooledP.push(...p);
        pooledY.push(...ys);
      }
    }
  }
  return {
    rows: rows.length,
    features,
    folds,
    repeats,
    auc: aucs.reduce((s, a) => s + a, 0) / aucs.length,
    aucByFold: aucs,
    logLoss: logLoss(pooledP, pooledY),
    brier: brier(pooledP, pooledY),
    calibration: calibration(pooledP, pooledY),
    excluded,
  };
}

/**
 * Picks the L2 strength from `grid` by stratified inner cross-validation (mean AUC; ties go to the
 * stronger penalty, the simpler model). Deterministic for a given seed.
 */
export function chooseLambda(
  table: Table,
  outcome: string,
  options: {
    exclude?: string[];
    rows?: number[];
    grid?: readonly number[];
    folds?: number;
    seed?: number;
    maxLevels?: number;
    locale?: string;
    asOf?: Date;
  } = {},
): { lambda: number; aucByLambda: { lambda: number; auc: number }[] } {
  const grid = options.grid ?? LAMBDA_GRID;
  const aucByLambda = grid.map((lambda) => ({
    lambda,
    auc: crossValidate(table, outcome, {
      ...cellOptions(options),
      folds: options.folds ?? 3,
      seed: options.seed ?? 17,
      exclude: options.exclude,
      rows: options.rows,
      maxLevels: options.maxLevels,
      lambda,
    }).auc,
  }));
  let best: { lambda: number; auc: number } | null = null;
  for (const c of aucByLambda) {
    if (!Number.isFinite(c.auc)) continue;
    const tie = best !== null && Math.abs(c.auc - best.auc) <= 1e-9;
    if (!best || (!tie && c.auc > best.auc) || (tie && c.lambda > best.lambda)) best = c;
  }
  return { lambda: best?.lambda ?? DEFAULT_LAMBDA, aucByLambda };
}

/** What a user property holds, so what a stored model must fit in. */
export const MAX_MODEL_BYTES = 9 * 1024;

export type Learned =
  | {
      ok: true;
      model: ChurnModel;
      /** Cross-validated quality of models fitted the same way (stratified 5-fold by default). */
      cv: CrossValidation;
      json: string;
      /** UTF-8 size of `json`. */
      bytes: number;
      /** Levels kept per categorical column: fewer than 20 when that was needed to fit in maxBytes. */
      maxLevels: number;
    }
  | { ok: false; reason: string };

/**
 * The learned model's front door: declines, with a sentence the UI can show, when the history is
 * below MIN_HISTORY; otherwise fits on every row and serialises, keeping fewer one-hot levels per
 * column (20, 10, 5, 2) until the JSON fits in `maxBytes` (default 9 KB), and cross-validates the
 * model as finally configured.
 */
export function learnModel(
  table: Table,
  outcome: string,
  options: FitOptions & { folds?: number; repeats?: number; seed?: number; maxBytes?: number } = {},
): Learned {
  const { y } = labelled(table, outcome, options.rows);
  const shortfall = historyShortfall(y);
  if (shortfall) return { ok: false, reason: shortfall };
  const maxBytes = options.maxBytes ?? MAX_MODEL_BYTES;
  const first = options.maxLevels ?? MAX_LEVELS;
  const tries = [first, ...[10, 5, 2].filter((l) => l < first)];
  let bytes = 0;
  for (const maxLevels of tries) {
    const model = fitModel(table, outcome, { ...options, maxLevels });
    const json = serialiseModel(model);
    bytes = modelBytes(json);
    if (bytes > maxBytes) continue;
    const cv = crossValidate(table, outcome, { ...options, maxLevels });
    return { ok: true, model, cv, json, bytes, maxLevels };
  }
  return {
    ok: false,
    reason: `The learned model takes ${bytes} bytes even with ${tries[tries.length - 1]} values per column; a user property holds ${maxBytes}. Leave out some columns and learn again.`,
  };
}
