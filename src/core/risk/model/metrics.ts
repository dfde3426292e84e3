/** How good a probabilistic classifier is: ROC AUC (tie-aware), log loss, Brier score, calibration. */

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

/** Predictions split into deciles: mean predicted vs observed rate, and the expected calibration error. */
export function calibration(
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  bins = 10,
): { bins: CalibrationBin[]; ece: number } {
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
  return { bins: out, ece };
}
