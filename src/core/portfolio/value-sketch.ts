/**
 * The value lines ("top 20% by MRR") need a percentile over every active customer, but a chunked job
 * sees a few thousand at a time and keeps its state between executions in 9 KB property values. So
 * the values go into a mergeable log-bucket sketch: bucket k holds values in [γ^k, γ^(k+1)) with
 * γ = 1.02, each bucket a count and the smallest value seen in it. Counts add and minimums take the
 * minimum, so merging is exact and order-independent.
 *
 * Accuracy: the line is the smallest value in the bucket where the top share ends. When that bucket
 * holds one distinct value (typical for price-list MRRs such as 49, 99, 199) the line is exact; else
 * it is at most 2% below the exact line, so ties and near-ties at the edge count as "in" (the same
 * direction as valueLines' "ties at the edge are in").
 *
 * Size: at most one bucket per 2% of range, so values from 0.01 to 10^9 fit in under 1,300 buckets
 * whatever the number of customers. Values ≤ 0 share one bucket.
 */
import type { PlaybookSettings } from '../playbooks/settings';
import type { ValueLines } from '../playbooks/value';

export const SKETCH_GAMMA = 1.02;
const LOG_GAMMA = Math.log(SKETCH_GAMMA);
/** The bucket for values ≤ 0, below every other. */
const NON_POSITIVE = 'z';

export interface ValueSketch {
  /** Bucket key → [count, smallest value in it]. */
  buckets: Record<string, [number, number]>;
  n: number;
}

export const emptySketch = (): ValueSketch => ({ buckets: {}, n: 0 });

function bucketOf(value: number): string {
  return value <= 0 ? NON_POSITIVE : String(Math.floor(Math.log(value) / LOG_GAMMA));
}

export function addValue(sketch: ValueSketch, value: number): void {
  if (!Number.isFinite(value)) return;
  const key = bucketOf(value);
  const b = sketch.buckets[key];
  if (b) {
    b[0]++;
    if (value < b[1]) b[1] = value;
  } else sketch.buckets[key] = [1, value];
  sketch.n++;
}

export function mergeSketches(a: ValueSketch, b: ValueSketch): ValueSketch {
  const buckets: ValueSketch['buckets'] = {};
  for (const s of [a, b])
    for (const [key, [count, min]] of Object.entries(s.buckets)) {
      const have = buckets[key];
      buckets[key] = have ? [have[0] + count, Math.min(have[1], min)] : [count, min];
    }
  return { buckets, n: a.n + b.n };
}

/** Bucket keys from the largest values down. */
function keysDescending(sketch: ValueSketch): string[] {
  const rank = (k: string) => (k === NON_POSITIVE ? Number.NEGATIVE_INFINITY : Number(k));
  return Object.keys(sketch.buckets).sort((x, y) => rank(y) - rank(x));
}

/** The value at the edge of the top `share`, as valueLines computes it over a sorted list. */
export function sketchLine(sketch: ValueSketch, share: number): number {
  if (sketch.n === 0) return 0;
  const wanted = Math.min(sketch.n, Math.max(1, Math.ceil(sketch.n * share)));
  let seen = 0;
  for (const key of keysDescending(sketch)) {
    const [count, min] = sketch.buckets[key]!;
    seen += count;
    if (seen >= wanted) return min;
  }
  return 0;
}

export function sketchValueLines(sketch: ValueSketch, settings: PlaybookSettings, today: Date): ValueLines {
  return {
    basis: settings.valueBasis,
    discountMin: sketchLine(sketch, settings.discountTopShare),
    reliefMin: sketchLine(sketch, settings.reliefTopShare),
    discountTopShare: settings.discountTopShare,
    reliefTopShare: settings.reliefTopShare,
    customers: sketch.n,
    computedAt: today.toISOString(),
  };
}
