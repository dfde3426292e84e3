/**
 * Gradient boosting of shallow trees for a 0/1 outcome (log loss): start from the base rate's
 * log-odds, then each round fits a tree to the gradient and hessian of the loss and adds it with
 * shrinkage. A stratified share of the training rows is held out (seeded), and boosting stops once
 * their log loss has not improved for `patience` rounds; the trees up to the best round are kept.
 * Deterministic: the same rows give the same trees.
 */
import { sigmoid } from '../linalg';
import { binColumns, binEdges, binOf, MAX_BINS } from './bins';
import { growTree, type Binned, type GrowOptions } from './grow';
import { isLeaf, type Tree } from './tree';

export interface BoostOptions extends GrowOptions {
  maxTrees: number;
  /** Share of the rows held out for early stopping. */
  validationShare: number;
  patience: number;
  seed: number;
}

/** Shallow trees, strong shrinkage, a tenth of the rows to stop on: safe on small sheets, fast on large ones. */
export const DEFAULT_BOOST: BoostOptions = {
  maxDepth: 3,
  minLeaf: 20,
  l2: 1,
  learningRate: 0.1,
  maxTrees: 300,
  validationShare: 0.15,
  patience: 20,
  seed: 7,
};

export interface Boosted {
  init: number;
  trees: Tree[];
  /** Rounds run before stopping, and the validation log loss at the best one. */
  rounds: number;
  validationLogLoss: number;
}

/** Deterministic stratified holdout: every k-th churned and every k-th retained row after a seeded shuffle. */
function holdout(y: Uint8Array, share: number, seed: number): Uint8Array {
  const held = new Uint8Array(y.length);
  if (share <= 0) return held;
  let s = seed >>> 0 || 1;
  const order = Array.from({ length: y.length }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const seen = [0, 0];
  const every = Math.max(2, Math.round(1 / share));
  for (const i of order) {
    const cls = y[i] as number;
    if ((seen[cls] = (seen[cls] as number) + 1) % every === 0) held[i] = 1;
  }
  return held;
}

/**
 * Each row's value under a new tree, read from the bins rather than the values: a split's threshold
 * is one of its column's bin edges, so "value ≤ threshold" is "bin ≤ the edge's bin", a byte compare.
 */
function addTree(tree: Tree, binned: Binned, f: Float64Array): void {
  const splitBin = tree.feature.map((feature, node) =>
    feature < 0 ? 0 : binOf(tree.threshold[node] as number, binned.edges[feature] as readonly number[]),
  );
  for (let i = 0; i < f.length; i++) {
    let node = 0;
    while (!isLeaf(tree, node)) {
      const b = (binned.bins[tree.feature[node] as number] as Uint8Array)[i] as number;
      const left = b === 0 ? tree.missingLeft[node] === 1 : b <= (splitBin[node] as number);
      node = (left ? tree.left[node] : tree.right[node]) as number;
    }
    f[i] = (f[i] as number) + (tree.value[node] as number);
  }
}

const logLossTerm = (f: number, y: number) => Math.log1p(Math.exp(y === 1 ? -f : f));

/** `columns` holds each column's value per row (NaN when missing). */
export function boost(
  columns: readonly Float64Array[],
  y: Uint8Array,
  options: BoostOptions = DEFAULT_BOOST,
): Boosted {
  const n = y.length;
  const held = holdout(y, n >= 200 ? options.validationShare : 0, options.seed);
  const train = Int32Array.from({ length: n }, (_, i) => i).filter((i) => held[i] === 0);
  const valid = Int32Array.from({ length: n }, (_, i) => i).filter((i) => held[i] === 1);
  const trainColumns = columns.map((c) => Float64Array.from(train, (i) => c[i] as number));
  const edges = trainColumns.map((c) => binEdges(c, MAX_BINS));
  const binned: Binned = { bins: binColumns(columns, edges), edges };
  let positives = 0;
  for (const i of train) positives += y[i] as number;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / Math.max(1, train.length)));
  const init = Math.log(rate / (1 - rate));
  const f = new Float64Array(n).fill(init);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const trees: Tree[] = [];
  let best = { loss: Infinity, trees: 0 };
  let rounds = 0;
  for (let t = 0; t < options.maxTrees; t++) {
    rounds++;
    for (let k = 0; k < train.length; k++) {
      const i = train[k] as number;
      const p = sigmoid(f[i] as number);
      grad[i] = p - (y[i] as number);
      hess[i] = Math.max(p * (1 - p), 1e-12);
    }
    const tree = growTree(binned, train, grad, hess, options);
    if (tree.feature.length === 1) break; // nothing left to split on
    trees.push(tree);
    addTree(tree, binned, f);
    if (valid.length === 0) continue;
    let loss = 0;
    for (const i of valid) loss += logLossTerm(f[i] as number, y[i] as number);
    loss /= valid.length;
    if (loss < best.loss - 1e-7) best = { loss, trees: trees.length };
    else if (trees.length - best.trees >= options.patience) break;
  }
  const kept = valid.length === 0 ? trees.length : best.trees;
  return { init, trees: trees.slice(0, kept), rounds, validationLogLoss: best.loss };
}
