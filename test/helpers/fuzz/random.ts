/** A small seeded random source, so a failing fuzz case names a seed that reproduces it. */
export interface Random {
  /** [0, 1) */
  next(): number;
  int(max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function randomFrom(seed: number): Random {
  // A 32-bit LCG seeded through a multiplicative hash: plenty for choosing test inputs.
  let s = Math.imul(seed, 2654435761) >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const int = (max: number) => Math.floor(next() * max);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[int(items.length)]!,
  };
}
