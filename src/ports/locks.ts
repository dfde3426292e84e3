/**
 * Mutual exclusion. The user lock keeps one user's runs apart (a card action and a trigger must
 * never send the same campaign at once); the shared lock keeps every user's writes to the shared
 * tabs apart (teammates' campaign log appends and status writes, the daily scan's election).
 */
export interface Locks {
  /** Runs `work` holding the user's lock, or returns null without running it when the lock is busy. */
  withUserLock<T>(waitMs: number, work: () => T): T | null;
  /**
   * Runs `work` holding the lock every user of the add-on shares. Hold it for a few sheet calls
   * only: it blocks every teammate's writes. Re-entrant within one execution. Throws
   * SharedLockBusy, having run nothing, when the lock is not free within `waitMs`.
   */
  withSharedLock<T>(waitMs: number, work: () => T): T;
}

export class SharedLockBusy extends Error {
  constructor(waitedMs: number) {
    super(
      `Another ChurnGuard user was writing to the shared tabs for more than ${Math.round(waitedMs / 1000)} s. Nothing was changed; try again in a minute.`,
    );
    this.name = 'SharedLockBusy';
  }
}
