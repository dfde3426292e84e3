/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS): deterministic, and with tens of
 * features it converges in a handful of iterations. The intercept is not penalised.
 * Objective: sum of log losses + (lambda / 2) * ||w||², the same as scikit-learn's with C = 1 / lambda.
 *
 * Cost: each Newton step builds the Hessian in O(n·p²) (only pairs of non-zero features, so one-hots
 * are cheap) and factors it in O(p³). Once the steps are small, the last factor is reused and only the
 * gradient, O(n·p), is recomputed (a chord step, converging linearly from very close).
 */
import { cholesky, sigmoid, solveCholesky } from './linalg';

export interface LogisticFit {
  intercept: number;
  weights: number[];
  /** Full Newton steps (Hessian rebuilt), then chord steps (Hessian reused). */
  iterations: number;
  chordSteps: number;
}

/** Below this largest step the Hessian is kept; below TOLERANCE the fit has converged. */
const CHORD_FROM = 1e-3;
const TOLERANCE = 1e-8;

/** `x` is row-major n×p (standardised features), `y` is 0/1. */
export function fitLogistic(
  x: Float64Array,
  y: Uint8Array,
  n: number,
  p: number,
  lambda = 1,
  maxIter = 50,
): LogisticFit {
  const q = p + 1; // intercept first
  const beta = new Float64Array(q);
  // Start from the base rate, so the first step is already about the features.
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i] as number;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / Math.max(1, n)));
  beta[0] = Math.log(rate / (1 - rate));
  const h = new Float64Array(q * q);
  const g = new Float64Array(q);
  // Each row's non-zero features: the Hessian update touches only pairs of non-zeros.
  const nzIndex = new Int32Array(p);
  const nzValue = new Float64Array(p);
  let factor: Float64Array | null = null;
  let iterations = 0;
  let chordSteps = 0;
  for (let step = 0; step < maxIter; step++) {
    const full = factor === null;
    if (full) h.fill(0);
    g.fill(0);
    for (let i = 0; i < n; i++) {
      let z = beta[0] as number;
      let nz = 0;
      const row = i * p;
      for (let j = 0; j < p; j++) {
        const xj = x[row + j] as number;
        if (xj === 0) continue;
        z += (beta[j + 1] as number) * xj;
        nzIndex[nz] = j + 1;
        nzValue[nz++] = xj;
      }
      const mu = sigmoid(z);
      const r = (y[i] as number) - mu;
      g[0] = (g[0] as number) + r;
      for (let a = 0; a < nz; a++) {
        const j = nzIndex[a] as number;
        g[j] = (g[j] as number) + r * (nzValue[a] as number);
      }
      if (!full) continue;
      const w = Math.max(mu * (1 - mu), 1e-10);
      h[0] = (h[0] as number) + w;
      if (nz === p) {
        // A dense row: plain indexing.
        for (let j = 1; j <= p; j++) {
          const wx = w * (x[row + j - 1] as number);
          h[j] = (h[j] as number) + wx; // row 0, column j
          const base = j * q;
          for (let k = 1; k <= j; k++)
            h[base + k] = (h[base + k] as number) + wx * (x[row + k - 1] as number);
        }
      } else {
        for (let a = 0; a < nz; a++) {
          const j = nzIndex[a] as number;
          const wx = w * (nzValue[a] as number);
          h[j] = (h[j] as number) + wx;
          const base = j * q;
          for (let b = 0; b <= a; b++) {
            const k = base + (nzIndex[b] as number);
            h[k] = (h[k] as number) + wx * (nzValue[b] as number);
          }
        }
      }
    }
    for (let j = 1; j < q; j++) g[j] = (g[j] as number) - lambda * (beta[j] as number);
    if (full) {
      // Symmetrise (only the lower triangle and row 0 were accumulated) and add the penalty.
      for (let j = 1; j < q; j++) {
        h[j * q] = h[j] as number;
        for (let k = 1; k < j; k++) h[k * q + j] = h[j * q + k] as number;
        h[j * q + j] = (h[j * q + j] as number) + lambda;
      }
      factor = cholesky(h, q);
      iterations++;
    } else chordSteps++;
    const delta = solveCholesky(factor as Float64Array, g, q);
    let change = 0;
    for (let j = 0; j < q; j++) {
      beta[j] = (beta[j] as number) + (delta[j] as number);
      change = Math.max(change, Math.abs(delta[j] as number));
    }
    if (change < TOLERANCE) break;
    if (change >= CHORD_FROM) factor = null;
  }
  return { intercept: beta[0] as number, weights: Array.from(beta.subarray(1)), iterations, chordSteps };
}

export function predictRow(fit: { intercept: number; weights: number[] }, row: ArrayLike<number>): number {
  let z = fit.intercept;
  for (let j = 0; j < fit.weights.length; j++) z += (fit.weights[j] as number) * (row[j] as number);
  return sigmoid(z);
}
