/**
 * How many seeds a fault or fuzz test runs. `npm test` runs a few per test so it stays fast;
 * `npm run test:long` (CI runs it too) sets CHURNGUARD_LONG=1 and runs the full count.
 */
export const LONG_RUN = process.env.CHURNGUARD_LONG === '1';

/** `short` seeds under `npm test`, `long` under `npm run test:long`. */
export function seedCount(short: number, long: number): number {
  return LONG_RUN ? long : short;
}

/**
 * Seeds 1..n, so a failure names a seed that reproduces it. ONLY_SEEDS=547,629 runs just the seeds
 * a CI failure named, without the long run's other 998.
 */
export function seeds(short: number, long: number): number[] {
  const only = process.env.ONLY_SEEDS?.split(',').map(Number).filter(Number.isInteger);
  if (only?.length) return only;
  return Array.from({ length: seedCount(short, long) }, (_, i) => i + 1);
}
