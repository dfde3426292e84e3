import { AppsScriptWorld, FakeClock, type WorldOptions } from '../../src/local/standins';

/** A world with latency off (unless given) and a clock the test holds. */
export function makeWorld(options: WorldOptions = {}) {
  const clock = options.clock ?? new FakeClock('2026-11-20T09:00:00Z');
  const world = new AppsScriptWorld({ latency: 'none', ...options, clock });
  return { world, clock };
}

/** Runs fn and returns the error it throws (fails the test if it does not). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}
