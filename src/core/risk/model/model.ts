/**
 * The learned churn model: features + logistic regression, fitted on the sheet's own history, with
 * cross-validated quality, per-column contributions for each customer, and a compact JSON form that
 * fits in a user property (9 KB).
 */
import { buildFeatureSpec, encodeRow, encodeRows, type FeatureSpec, type Table } from './features';
import { fitLogistic, predictRow } from './logistic';
import { brier, calibration, logLoss, rocAuc, type CalibrationBin } from './metrics';

/**
 * L2 strength by default: 1 (scikit-learn's C = 1) on standardised features. On the Telco sheet the
 * grid below scores within 0.001 AUC of each other from 0.1 to 10, so a fixed default is safe; pass
 * `lambda: 'auto'` to choose from LAMBDA_GRID by inner cross-validation instead.
 */
export const DEFAULT_LAMBDA = 1;
export const LAMBDA_GRID = [0.01, 0.1, 1, 10] as const;
/** Below this much history, a learned model is more noise than signal; the scorecard is used. */
export const MIN_HISTORY = { churned: 30, retained: 30, rows: 200 };

export interface ChurnModel {
  version: 1;
  outcome: string;
  spec: FeatureSpec;
  intercept: number;
  weights: number[];
  /** The L2 strength the model was fitted with. */
  lambda?: number;
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

export function labelled(table: Table, outcome: string): Labelled {
  const index = table.headers.indexOf(outcome);
  if (index < 0) throw new Error(`No outcome column "${outcome}". Columns: ${table.headers.join(', ')}`);
  const rows: number[] = [];
  const ys: number[] = [];
  table.rows.forEach((r, i) => {
    const y = outcomeOf(r[index]);
    if (y !== null) {
      rows.push(i);
      ys.push(y);
    }
  });
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
    return `Only ${retained} retained customers; the learned model needs at least ${MIN_HISTORY.retained}.`;
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
}

export function fitModel(table: Table, outcome: string, options: FitOptions = {}): ChurnModel {
  const all = labelled(table, outcome);
  const keep = options.rows ? new Set(options.rows) : null;
  const rows = keep ? all.rows.filter((r) => keep.has(r)) : all.rows;
  const y = keep
    ? Uint8Array.from(all.rows.flatMap((r, i) => (keep.has(r) ? [all.y[i] as number] : [])))
    : all.y;
  const spec = buildFeatureSpec(table, rows, new Set([outcome, ...(options.exclude ?? [])]));
  const x = encodeRows(spec, table, rows);
  const lambda =
    options.lambda === 'auto'
      ? chooseLambda(table, outcome, { exclude: options.exclude, rows }).lambda
      : (options.lambda ?? DEFAULT_LAMBDA);
  const fit = fitLogistic(x, y, rows.length, spec.names.length, lambda);
  return { version: 1, outcome, spec, intercept: fit.intercept, weights: fit.weights, lambda };
}

export function predict(model: ChurnModel, row: readonly unknown[]): number {
  const x = new Float64Array(model.spec.names.length);
  encodeRow(model.spec, row, x);
  return predictRow(model, x);
}

/** Which columns push this row's risk up or down: coefficient × feature value, summed per source column. */
export function contributions(
  model: ChurnModel,
  row: readonly unknown[],
): { column: string; logit: number }[] {
  const x = new Float64Array(model.spec.names.length);
  encodeRow(model.spec, row, x);
  const byColumn = new Map<string, number>();
  model.weights.forEach((w, j) => {
    const source = model.spec.sources[j] as string;
    byColumn.set(source, (byColumn.get(source) ?? 0) + w * (x[j] as number));
  });
  return [...byColumn.entries()]
    .map(([column, logit]) => ({ column, logit }))
    .sort((a, b) => Math.abs(b.logit) - Math.abs(a.logit));
}

/** Compact JSON for a user property: rounded numbers, nothing derivable stored twice. */
export function serialiseModel(model: ChurnModel): string {
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return JSON.stringify({
    ...model,
    intercept: round(model.intercept),
    weights: model.weights.map(round),
    spec: {
      ...model.spec,
      columns: model.spec.columns.map((c) =>
        c.kind === 'numeric'
          ? {
              ...c,
              mean: round(c.mean),
              sd: round(c.sd),
              ...(c.log ? { log: { mean: round(c.log.mean), sd: round(c.log.sd) } } : {}),
            }
          : c,
      ),
    },
  });
}

export function parseModel(json: string): ChurnModel {
  const m = JSON.parse(json) as ChurnModel;
  if (m.version !== 1 || !Array.isArray(m.weights) || m.weights.length !== m.spec?.names?.length) {
    throw new Error('Saved churn model is unreadable; fit it again from Settings.');
  }
  return m;
}

export interface CrossValidation {
  rows: number;
  features: number;
  folds: number;
  repeats: number;
  auc: number;
  aucByFold: number[];
  logLoss: number;
  brier: number;
  calibration: { bins: CalibrationBin[]; ece: number };
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
 * Assigns each row a fold 0..k-1 so every fold holds the same share of churned rows (±1): churned and
 * retained rows are shuffled separately (seeded) and dealt out in turn.
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
  neg.forEach((r, i) => foldOf.set(r, i % folds));
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
}

/**
 * Stratified k-fold cross-validation; features are learned on each training split only. Seeded, so
 * the same table gives the same folds and figures every run. With `lambda: 'auto'` the strength is
 * chosen inside each training split (nested CV), so the reported AUC is not optimistic.
 */
export function crossValidate(
  table: Table,
  outcome: string,
  options: CrossValidationOptions = {},
): CrossValidation {
  const folds = options.folds ?? 5;
  const repeats = options.repeats ?? 1;
  const all = labelled(table, outcome);
  const keep = options.rows ? new Set(options.rows) : null;
  const rows = keep ? all.rows.filter((r) => keep.has(r)) : all.rows;
  const y = keep
    ? Uint8Array.from(all.rows.flatMap((r, i) => (keep.has(r) ? [all.y[i] as number] : [])))
    : all.y;
  const yOf = new Map(rows.map((r, i) => [r, y[i] as number]));
  const aucs: number[] = [];
  const pooledP: number[] = [];
  const pooledY: number[] = [];
  let features = 0;
  let excluded: CrossValidation['excluded'] = [];
  for (let rep = 0; rep < repeats; rep++) {
    const seed = (options.seed ?? 42) + rep * 7919;
    const foldOf = stratifiedFolds(
      rows,
      rows.map((r) => yOf.get(r) as number),
      folds,
      seed,
    );
    for (let f = 0; f < folds; f++) {
      const train = rows.filter((r) => foldOf.get(r) !== f);
      const test = rows.filter((r) => foldOf.get(r) === f);
      const model = fitModel(table, outcome, {
        exclude: options.exclude,
        lambda: options.lambda,
        rows: train,
      });
      features = model.spec.names.length;
      excluded = model.spec.excluded;
      const p = test.map((r) => predict(model, table.rows[r] ?? []));
      const ys = test.map((r) => yOf.get(r) as number);
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
  } = {},
): { lambda: number; aucByLambda: { lambda: number; auc: number }[] } {
  const grid = options.grid ?? LAMBDA_GRID;
  const aucByLambda = grid.map((lambda) => ({
    lambda,
    auc: crossValidate(table, outcome, {
      folds: options.folds ?? 3,
      seed: options.seed ?? 17,
      exclude: options.exclude,
      rows: options.rows,
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
