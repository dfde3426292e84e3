/** How good a probabilistic classifier is: ROC AUC (tie-aware), log loss, Brier score, calibration. */
import { fitLogistic } from './logistic';

/** ROC AUC by the Mann-Whitney statistic, with tied scores sharing their average rank. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1] as number] === scores[order[i] as number]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k] as number] === 1) {
        positives++;
        rankSum += avgRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function logLoss(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i] as number));
    sum -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return sum / p.length;
}

export function brier(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += ((p[i] as number) - (y[i] as number)) ** 2;
  return sum / p.length;
}

export interface CalibrationBin {
  predicted: number;
  observed: number;
  count: number;
}

export interface Calibration {
  bins: CalibrationBin[];
  /** Expected calibration error: the count-weighted mean gap between predicted and observed. */
  ece: number;
  /**
   * Logistic recalibration, logit(observed) ≈ intercept + slope × logit(predicted): a well-calibrated
   * model has slope 1 and intercept 0; slope < 1 means predictions are too extreme (overfitting).
   */
  slope: number;
  intercept: number;
}

/**
 * Predictions split into equal-count bins by predicted risk (deciles by default): mean predicted vs
 * observed rate per bin, the expected calibration error, and the calibration slope and intercept.
 */
export function calibration(p: ArrayLike<number>, y: ArrayLike<number>, bins = 10): Calibration {
  const order = Array.from({ length: p.length }, (_, i) => i).sort(
    (a, b) => (p[a] as number) - (p[b] as number),
  );
  const out: CalibrationBin[] = [];
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * order.length) / bins);
    const to = Math.floor(((b + 1) * order.length) / bins);
    if (to <= from) continue;
    let sp = 0;
    let sy = 0;
    for (let k = from; k < to; k++) {
      sp += p[order[k] as number] as number;
      sy += y[order[k] as number] as number;
    }
    const count = to - from;
    out.push({ predicted: sp / count, observed: sy / count, count });
    ece += (count / order.length) * Math.abs(sp / count - sy / count);
  }
  return { bins: out, ece, ...calibrationLine(p, y) };
}

function calibrationLine(p: ArrayLike<number>, y: ArrayLike<number>): { slope: number; intercept: number } {
  const n = p.length;
  const x = new Float64Array(n);
  const labels = new Uint8Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const q = Math.min(1 - 1e-9, Math.max(1e-9, p[i] as number));
    x[i] = Math.log(q / (1 - q));
    labels[i] = y[i] === 1 ? 1 : 0;
    positives += labels[i] as number;
  }
  if (positives === 0 || positives === n) return { slope: NaN, intercept: NaN };
  // A whisker of penalty keeps the fit finite when the predictions separate the outcomes perfectly.
  const fit = fitLogistic(x, labels, n, 1, 1e-6);
  return { slope: fit.weights[0] as number, intercept: fit.intercept };
}
