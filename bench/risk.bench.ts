/**
 * Risk engine figures: scoring throughput, model fit time, and the learned model's quality on the
 * public Telco data set against scikit-learn's reference (5-fold CV ROC AUC 0.845).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Customer } from '../src/core/customers/customer';
import { scoreAll } from '../src/core/risk/scorecard';
import { fitLogistic } from '../src/core/risk/model/logistic';
import { crossValidate } from '../src/core/risk/model/model';
import { parseCsv } from '../src/local/table/csv';
import { median, round, timeRuns } from './stats';

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

export function fitBench(n = 10_000, p = 40, runs = 5) {
  let s = 99;
  const rand = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
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
  let iterations = 0;
  const t = timeRuns(runs, () => {
    iterations = fitLogistic(x, y, n, p, 1).iterations;
  });
  return { rows: n, features: p, medianMs: t.medianMs, newtonIterations: iterations, runs };
}

export const TELCO = path.resolve(__dirname, '../../shared/data/telco-customer-churn.csv');

export function telcoBench() {
  if (!fs.existsSync(TELCO)) return null;
  const [headers, ...rows] = parseCsv(fs.readFileSync(TELCO, 'utf8'));
  const table = { headers: headers!, rows };
  const out: Record<string, unknown>[] = [];
  for (const repeats of [1, 3]) {
    const started = Date.now();
    const cv = crossValidate(table, 'Churn', { folds: 5, repeats, exclude: ['customerID'] });
    out.push({
      evaluation: `5-fold CV × ${repeats}`,
      rows: cv.rows,
      features: cv.features,
      auc: round(cv.auc, 4),
      reference: 0.845,
      ratio: round(cv.auc / 0.845, 4),
      medianFoldAuc: round(median(cv.aucByFold), 4),
      calibrationError: round(cv.calibration.ece, 4),
      seconds: round((Date.now() - started) / 1000, 2),
    });
  }
  return out;
}
