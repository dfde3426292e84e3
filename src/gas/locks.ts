/** Locks on LockService's user lock: a Gmail add-on has no document, and the script lock would block every user. */
import type { Locks } from '../ports/locks';
import type { LockServiceLike } from './services';

export function lockServiceLocks(service: Pick<LockServiceLike, 'getUserLock'>): Locks {
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
  };
}
