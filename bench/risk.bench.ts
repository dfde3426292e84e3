/**
 * Risk engine figures: scoring throughput, model fit time, and the learned model's quality on the
 * public Telco data set against scikit-learn's reference (5-fold CV ROC AUC 0.845).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Customer } from '../src/core/customers/customer';
import { scoreAll } from '../src/core/risk/scorecard';
import { fitLogistic } from '../src/core/risk/model/logistic';
import { crossValidate, fitModel, modelBytes, serialiseModel } from '../src/core/risk/model/model';
import type { Table } from '../src/core/risk/model/features';
import { parseCsv } from '../src/local/table/csv';
import { round, timeRuns } from './stats';

const TODAY = new Date('2026-11-20T00:00:00Z');
const DAY = 86_400_000;

export function generatedCustomers(n: number): Customer[] {
  let s = 12345;
  const rand = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
  return Array.from({ length: n }, (_, i) => ({
    row: i + 2,
    email: `c${i}@x${i % 997}.example`,
    tags: [],
    status: 'active' as const,
    unsubscribed: false,
    raw: {},
    mrr: 50 + rand() * 5000,
    lastActivity: new Date(TODAY.getTime() - rand() * 300 * DAY),
    activityThisPeriod: rand() * 100,
    activityLastPeriod: rand() * 100,
    overdueInvoices: rand() < 0.2 ? 1 + Math.floor(rand() * 3) : 0,
    daysLate: rand() < 0.2 ? Math.floor(rand() * 90) : 0,
    nps: Math.floor(rand() * 11),
    openTickets: Math.floor(rand() * 4),
    renewalDate: new Date(TODAY.getTime() + rand() * 365 * DAY),
    startDate: new Date(TODAY.getTime() - rand() * 1500 * DAY),
    impact: (['severe', 'hit', 'stable', 'booming'] as const)[Math.floor(rand() * 4)],
  }));
}

export function scoringBench(n = 100_000, runs = 5) {
  const customers = generatedCustomers(n);
  const t = timeRuns(runs, () => void scoreAll(customers, TODAY));
  // Memory the scores themselves hold, measured between two collections (needs node --expose-gc).
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const kept = scoreAll(customers, TODAY);
  gc?.();
  const heapMb = gc ? round((process.memoryUsage().heapUsed - before) / 1e6, 1) : 'n/a (no --expose-gc)';
  void kept.length;
  return {
    customers: n,
    medianMs: t.medianMs,
    perCustomerUs: round((t.medianMs * 1000) / n, 3),
    scoresHeapMb: heapMb,
    runs,
  };
}

function seededRandom(seed: number) {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

/**
 * Fit time on n rows × p features: the bare Newton/IRLS solver on a dense matrix, and the whole
 * pipeline (feature building: standardising, splines, one-hots; then the fit) on a table of
 * 3p/4 numeric and p/4 categorical columns, which expands to more than p features.
 */
export function fitBench(n = 10_000, p = 40, runs = 5) {
  const rand = seededRandom(99);
  const x = new Float64Array(n * p);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let z = -1;
    for (let j = 0; j < p; j++) {
      const v = rand() * 2 - 1;
      x[i * p + j] = v;
      if (j < 5) z += v;
    }
    y[i] = rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  let steps = { iterations: 0, chordSteps: 0 };
  const solver = timeRuns(runs, () => {
    steps = fitLogistic(x, y, n, p, 1);
  });

  const numeric = Math.round((p * 3) / 4);
  const headers = [
    ...Array.from({ length: numeric }, (_, j) => `n${j}`),
    ...Array.from({ length: p - numeric }, (_, j) => `c${j}`),
    'Churn',
  ];
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const row: unknown[] = [];
    for (let j = 0; j < numeric; j++) row.push(rand() < 0.02 ? '' : Math.round(rand() * 1000) / 10);
    for (let j = numeric; j < p; j++) row.push(`level ${Math.floor(rand() * 4)}`);
    row.push(y[i] ? 'Yes' : 'No');
    rows.push(row);
  }
  const table: Table = { headers, rows };
  let features = 0;
  const pipeline = timeRuns(runs, () => {
    features = fitModel(table, 'Churn').spec.names.length;
  });
  return {
    rows: n,
    features: p,
    solverMedianMs: solver.medianMs,
    newtonSteps: steps.iterations,
    chordSteps: steps.chordSteps,
    tableColumns: p,
    pipelineFeatures: features,
    pipelineMedianMs: pipeline.medianMs,
    runs,
  };
}

export const TELCO = path.resolve(__dirname, '../../shared/data/telco-customer-churn.csv');

/** The Telco sheet as a table, or null when ../shared/data is not beside the repository. */
export function telcoTable(): Table | null {
  if (!fs.existsSync(TELCO)) return null;
  const [headers, ...rows] = parseCsv(fs.readFileSync(TELCO, 'utf8')).filter(
    (r) => !(r.length === 1 && r[0] === ''),
  );
  return { headers: headers!, rows };
}

/**
 * The learned model on Telco against scikit-learn's logistic regression (AUC 0.845): 5-fold CV,
 * 5-fold × 3 repeats, and 5-fold with λ chosen by inner CV (nested); one row each, with seconds.
 */
export function telcoBench() {
  const table = telcoTable();
  if (!table) return null;
  const out: Record<string, unknown>[] = [];
  const runs: { label: string; repeats: number; lambda?: 'auto' }[] = [
    { label: '5-fold CV', repeats: 1 },
    { label: '5-fold CV × 3', repeats: 3 },
    { label: '5-fold CV, λ by inner 3-fold CV', repeats: 1, lambda: 'auto' },
  ];
  for (const run of runs) {
    const started = process.hrtime.bigint();
    const cv = crossValidate(table, 'Churn', { folds: 5, repeats: run.repeats, lambda: run.lambda });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    out.push({
      evaluation: run.label,
      rows: cv.rows,
      features: cv.features,
      auc: round(cv.auc, 4),
      reference: 0.845,
      ratio: round(cv.auc / 0.845, 4),
      minFoldAuc: round(Math.min(...cv.aucByFold), 4),
      maxFoldAuc: round(Math.max(...cv.aucByFold), 4),
      logLoss: round(cv.logLoss, 4),
      brier: round(cv.brier, 4),
      ece: round(cv.calibration.ece, 4),
      calibrationSlope: round(cv.calibration.slope, 3),
      seconds: round(seconds, 2),
    });
  }
  return out;
}

/** Fitting the Telco model once on all 7,043 rows, and the size of its JSON. */
export function telcoModelBench(runs = 5) {
  const table = telcoTable();
  if (!table) return null;
  let json = '';
  const t = timeRuns(runs, () => {
    json = serialiseModel(fitModel(table, 'Churn'));
  });
  return {
    rows: table.rows.length,
    fitMedianMs: t.medianMs,
    jsonBytes: modelBytes(json),
    limitBytes: 9 * 1024,
  };
}
