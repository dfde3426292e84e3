/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS): deterministic, and with tens of
 * features it converges in a handful of iterations. The intercept is not penalised.
 * Objective: sum of log losses + (lambda / 2) * ||w||², the same as scikit-learn's with C = 1 / lambda.
 */
import { sigmoid, solveSpd } from './linalg';

export interface LogisticFit {
  intercept: number;
  weights: number[];
  iterations: number;
}

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
  const h = new Float64Array(q * q);
  const g = new Float64Array(q);
  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    h.fill(0);
    g.fill(0);
    for (let i = 0; i < n; i++) {
      let z = beta[0] as number;
      const row = i * p;
      for (let j = 0; j < p; j++) z += (beta[j + 1] as number) * (x[row + j] as number);
      const mu = sigmoid(z);
      const w = Math.max(mu * (1 - mu), 1e-10);
      const r = (y[i] as number) - mu;
      g[0] = (g[0] as number) + r;
      h[0] = (h[0] as number) + w;
      for (let j = 0; j < p; j++) {
        const xj = x[row + j] as number;
        if (xj === 0) continue;
        g[j + 1] = (g[j + 1] as number) + r * xj;
        const wx = w * xj;
        h[j + 1] = (h[j + 1] as number) + wx; // row 0, column j+1
        const base = (j + 1) * q;
        for (let k = 0; k <= j; k++) {
          const xk = x[row + k] as number;
          if (xk !== 0) h[base + k + 1] = (h[base + k + 1] as number) + wx * xk;
        }
      }
    }
    // Symmetrise (only the lower triangle and row 0 were accumulated) and add the penalty.
    for (let j = 1; j < q; j++) {
      h[j * q] = h[j] as number;
      for (let k = 1; k < j; k++) h[k * q + j] = h[j * q + k] as number;
      h[j * q + j] = (h[j * q + j] as number) + lambda;
      g[j] = (g[j] as number) - lambda * (beta[j] as number);
    }
    const step = solveSpd(h, g, q);
    let change = 0;
    for (let j = 0; j < q; j++) {
      beta[j] = (beta[j] as number) + (step[j] as number);
      change = Math.max(change, Math.abs(step[j] as number));
    }
    if (change < 1e-8) {
      iterations++;
      break;
    }
  }
  return { intercept: beta[0] as number, weights: Array.from(beta.subarray(1)), iterations };
}

export function predictRow(fit: { intercept: number; weights: number[] }, row: ArrayLike<number>): number {
  let z = fit.intercept;
  for (let j = 0; j < fit.weights.length; j++) z += (fit.weights[j] as number) * (row[j] as number);
  return sigmoid(z);
}
