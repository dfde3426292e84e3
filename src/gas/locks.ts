/**
 * Locks on LockService. The user lock guards one user's campaign runs. The shared lock is the script
 * lock: a Gmail add-on has no document (getDocumentLock returns null), so the script lock is the only
 * one two users of one sheet both see; it is held for a few sheet calls at a time. Pending sheet
 * writes are flushed before it is released, as the Lock reference advises, so the next holder reads
 * them.
 */
import { SharedLockBusy, type Locks } from '../ports/locks';
import type { LockServiceLike } from './services';

export function lockServiceLocks(
  service: Pick<LockServiceLike, 'getUserLock' | 'getScriptLock'>,
  flush: () => void = () => undefined,
): Locks {
  /** Nesting depth of withSharedLock in this execution: only the outermost call takes and frees the lock. */
  let sharedDepth = 0;
  return {
    withUserLock(waitMs, work) {
      const lock = service.getUserLock();
      if (!lock.tryLock(waitMs)) return null;
      try {
        return work();
      } finally {
        lock.releaseLock();
      }
    },
    withSharedLock(waitMs, work) {
      if (sharedDepth > 0) return work();
      const lock = service.getScriptLock();
      if (!lock.tryLock(waitMs)) throw new SharedLockBusy(waitMs);
      sharedDepth++;
      try {
        return work();
      } finally {
        sharedDepth--;
        try {
          flush();
        } finally {
          lock.releaseLock();
        }
      }
    },
  };
}
