/** The little linear algebra logistic regression needs: dense, row-major, no dependencies. */

/** The lower-triangular Cholesky factor L of a symmetric positive-definite A (p×p, row-major): A = L Lᵀ. */
export function cholesky(a: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * p + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * p + k] as number) * (l[j * p + k] as number);
      if (i === j) {
        if (sum <= 0) throw new Error('matrix is not positive definite');
        l[i * p + i] = Math.sqrt(sum);
      } else l[i * p + j] = sum / (l[j * p + j] as number);
    }
  }
  return l;
}

/** Solves L Lᵀ x = b given the Cholesky factor L. */
export function solveCholesky(l: Float64Array, b: Float64Array, p: number): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (l[i * p + k] as number) * (y[k] as number);
    y[i] = sum / (l[i * p + i] as number);
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < p; k++) sum -= (l[k * p + i] as number) * (x[k] as number);
    x[i] = sum / (l[i * p + i] as number);
  }
  return x;
}

/** Solves A x = b for symmetric positive-definite A (p×p, row-major) by Cholesky. */
export function solveSpd(a: Float64Array, b: Float64Array, p: number): Float64Array {
  return solveCholesky(cholesky(a, p), b, p);
}

export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
