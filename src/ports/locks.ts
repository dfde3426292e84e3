/** Mutual exclusion for a user's runs (a card action and a trigger must never send the same campaign at once). */
export interface Locks {
  /** Runs `work` holding the user's lock, or returns null without running it when the lock is busy. */
  withUserLock<T>(waitMs: number, work: () => T): T | null;
}
