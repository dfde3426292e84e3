/**
 * Histogram binning for the tree learner: each column's values are cut into at most MAX_BINS ranges
 * at quantiles of the training rows, so finding a split scans a few dozen bin totals instead of
 * sorting the rows at every node (the idea behind LightGBM and scikit-learn's HistGradientBoosting).
 * Bin 0 holds the missing cells; bin b ≥ 1 holds values ≤ edges[b - 1] (and above the edge before).
 */

/** 63 value bins + the missing bin fit a byte per cell. */
export const MAX_BINS = 63;

/**
 * Upper edges of each bin: midpoints between distinct neighbouring values, at most MAX_BINS - 1 of
 * them (the last bin is open-ended), rounded to 6 significant digits so a stored model reads back
 * exactly what it was trained with.
 */
export function binEdges(values: Float64Array, maxBins = MAX_BINS): number[] {
  const present = Array.from(values)
    .filter((v) => !Number.isNaN(v))
    .sort((a, b) => a - b);
  if (present.length === 0) return [];
  const distinct: number[] = [];
  for (const v of present) if (distinct[distinct.length - 1] !== v) distinct.push(v);
  const midpoint = (i: number) =>
    Number((((distinct[i] as number) + (distinct[i + 1] as number)) / 2).toPrecision(6));
  const edges: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 0; i + 1 < distinct.length; i++) edges.push(midpoint(i));
  } else {
    // Quantile cuts over the rows, so a heavy value (many zeros) does not waste bins.
    for (let b = 1; b < maxBins; b++) {
      const v = present[Math.floor((b * present.length) / maxBins)] as number;
      const at = lowerBound(distinct, v);
      if (at > 0) {
        const edge = midpoint(at - 1);
        if (edge !== edges[edges.length - 1]) edges.push(edge);
      }
    }
  }
  return edges.filter((e, i) => i === 0 || e > (edges[i - 1] as number));
}

function lowerBound(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The bin of one value under a column's edges: 0 when missing. */
export function binOf(value: number, edges: readonly number[]): number {
  if (Number.isNaN(value)) return 0;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value <= (edges[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
}

/** Each column's bins for every row: a byte per cell, column by column. */
export function binColumns(
  columns: readonly Float64Array[],
  edges: readonly (readonly number[])[],
): Uint8Array[] {
  return columns.map((values, j) => {
    const out = new Uint8Array(values.length);
    const e = edges[j] as readonly number[];
    for (let i = 0; i < values.length; i++) out[i] = binOf(values[i] as number, e);
    return out;
  });
}
