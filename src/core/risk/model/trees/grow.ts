/**
 * Grows one shallow regression tree on gradient statistics (second-order boosting, as XGBoost and
 * LightGBM do): at each node, per-column histograms of gradient and hessian sums over the bins, the
 * split with the largest gain, missing values sent to whichever side gains more. Depth-wise to
 * `maxDepth`; a node is not split below `minLeaf` rows on either side.
 */
import type { Tree } from './tree';

export interface GrowOptions {
  maxDepth: number;
  minLeaf: number;
  /** L2 penalty on leaf values (XGBoost's λ). */
  l2: number;
  /** Shrinkage: each leaf's value is scaled by it. */
  learningRate: number;
}

/** Columns' bins (bin 0 = missing) and their upper edges, as binColumns made them. */
export interface Binned {
  bins: readonly Uint8Array[];
  edges: readonly (readonly number[])[];
}

/** The gradient and hessian totals of a node's rows. */
function gradientSums(rows: Int32Array, grad: Float64Array, hess: Float64Array): { g: number; h: number } {
  let g = 0;
  let h = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k] as number;
    g += grad[i] as number;
    h += hess[i] as number;
  }
  return { g, h };
}

interface Split {
  feature: number;
  bin: number;
  missingLeft: boolean;
  gain: number;
}

const leafValue = (g: number, h: number, o: GrowOptions) => (-g / (h + o.l2)) * o.learningRate;

function bestSplit(
  binned: Binned,
  rows: Int32Array,
  grad: Float64Array,
  hess: Float64Array,
  o: GrowOptions,
): Split | null {
  const { g, h } = gradientSums(rows, grad, hess);
  const parentScore = (g * g) / (h + o.l2);
  let best: Split | null = null;
  for (let f = 0; f < binned.bins.length; f++) {
    const bins = binned.bins[f] as Uint8Array;
    const nBins = (binned.edges[f] as readonly number[]).length + 2;
    if (nBins < 3) continue;
    const hg = new Float64Array(nBins);
    const hh = new Float64Array(nBins);
    const hn = new Int32Array(nBins);
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k] as number;
      const b = bins[i] as number;
      hg[b] = (hg[b] as number) + (grad[i] as number);
      hh[b] = (hh[b] as number) + (hess[i] as number);
      hn[b] = (hn[b] as number) + 1;
    }
    const mg = hg[0] as number;
    const mh = hh[0] as number;
    const mn = hn[0] as number;
    let lg = 0;
    let lh = 0;
    let ln = 0;
    for (let b = 1; b < nBins - 1; b++) {
      lg += hg[b] as number;
      lh += hh[b] as number;
      ln += hn[b] as number;
      for (let side = mn > 0 ? 0 : 1; side < 2; side++) {
        const missingLeft = side === 0;
        const gl = missingLeft ? lg + mg : lg;
        const hl = missingLeft ? lh + mh : lh;
        const nl = missingLeft ? ln + mn : ln;
        const nr = rows.length - nl;
        if (nl < o.minLeaf || nr < o.minLeaf) continue;
        const gr = g - gl;
        const hr = h - hl;
        const gain = (gl * gl) / (hl + o.l2) + (gr * gr) / (hr + o.l2) - parentScore;
        if (gain > 1e-9 && (!best || gain > best.gain)) best = { feature: f, bin: b, missingLeft, gain };
      }
    }
  }
  return best;
}

/** The rows a split sends left and right, in their order. */
function partition(members: Int32Array, bins: Uint8Array, split: Split): [Int32Array, Int32Array] {
  const goes = new Uint8Array(members.length);
  let nLeft = 0;
  for (let k = 0; k < members.length; k++) {
    const b = bins[members[k] as number] as number;
    const left = b === 0 ? split.missingLeft : b <= split.bin;
    goes[k] = left ? 1 : 0;
    if (left) nLeft++;
  }
  const leftRows = new Int32Array(nLeft);
  const rightRows = new Int32Array(members.length - nLeft);
  let l = 0;
  let r = 0;
  for (let k = 0; k < members.length; k++) {
    if (goes[k] === 1) leftRows[l++] = members[k] as number;
    else rightRows[r++] = members[k] as number;
  }
  return [leftRows, rightRows];
}

/** Grows a tree over `rows` (indexes into the binned columns and gradient arrays). */
export function growTree(
  binned: Binned,
  rows: Int32Array,
  grad: Float64Array,
  hess: Float64Array,
  o: GrowOptions,
): Tree {
  const tree: Tree = { feature: [], threshold: [], missingLeft: [], left: [], right: [], value: [] };
  const addNode = (members: Int32Array): number => {
    const { g, h } = gradientSums(members, grad, hess);
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.missingLeft.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(leafValue(g, h, o));
    return tree.value.length - 1;
  };
  const grow = (node: number, members: Int32Array, depth: number) => {
    if (depth >= o.maxDepth || members.length < 2 * o.minLeaf) return;
    const split = bestSplit(binned, members, grad, hess, o);
    if (!split) return;
    const [leftRows, rightRows] = partition(members, binned.bins[split.feature] as Uint8Array, split);
    tree.feature[node] = split.feature;
    tree.threshold[node] = (binned.edges[split.feature] as readonly number[])[split.bin - 1] as number;
    tree.missingLeft[node] = split.missingLeft ? 1 : 0;
    const l = addNode(leftRows);
    const r = addNode(rightRows);
    tree.left[node] = l;
    tree.right[node] = r;
    grow(l, leftRows, depth + 1);
    grow(r, rightRows, depth + 1);
  };
  grow(addNode(rows), rows, 0);
  return tree;
}
