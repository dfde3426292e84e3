/**
 * Critical sections on tabs teammates share (the Campaigns log, Alerts, History, Bulk changes, the
 * Tags column, the scanner election): run under the shared lock, for a few sheet calls only. A lock a
 * teammate holds for too long becomes a card that says so, with nothing changed.
 */
import { SharedLockBusy } from '../ports/locks';
import type { AppContext } from './context';
import { UserFacingError } from './errors';

/** Teammates hold the lock for a few sheet calls (well under a second); waiting longer means trouble. */
export const SHARED_LOCK_WAIT_MS = 10_000;

export function withSheetLock<T>(ctx: AppContext, work: () => T): T {
  try {
    return ctx.locks.withSharedLock(SHARED_LOCK_WAIT_MS, work);
  } catch (error) {
    if (error instanceof SharedLockBusy)
      throw new UserFacingError(
        'A teammate is writing to the sheet',
        error.message,
        'Press the button again in a minute.',
      );
    throw error;
  }
}
