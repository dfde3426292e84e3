/**
 * LockService with real mutual exclusion between executions. JavaScript here is single-threaded, so
 * "another process" is another Execution: while one holds a lock, another's tryLock waits out its
 * timeout on the fake clock and fails, and waitLock throws Apps Script's lock-timeout error.
 */
import { AppsScriptError, GAS_ERRORS } from './errors';
import type { ServiceEnv } from './world';

export class LockTable {
  private readonly holders = new Map<string, number>();

  holder(scope: string): number | undefined {
    return this.holders.get(scope);
  }

  acquire(scope: string, executionId: number): boolean {
    const h = this.holders.get(scope);
    if (h !== undefined && h !== executionId) return false;
    this.holders.set(scope, executionId);
    return true;
  }

  release(scope: string, executionId: number): void {
    if (this.holders.get(scope) === executionId) this.holders.delete(scope);
  }

  releaseAll(executionId: number): void {
    for (const [scope, h] of [...this.holders]) if (h === executionId) this.holders.delete(scope);
  }
}

export function createLockService(env: ServiceEnv) {
  const lock = (scope: string) => {
    const id = env.execution.id;
    const table = env.world.locks;
    return {
      tryLock(timeoutInMillis: number): boolean {
        env.hit('Lock.tryLock');
        if (table.acquire(scope, id)) return true;
        env.world.clock.advance(Math.max(0, timeoutInMillis));
        return table.acquire(scope, id);
      },
      waitLock(timeoutInMillis: number): void {
        env.hit('Lock.waitLock');
        if (table.acquire(scope, id)) return;
        env.world.clock.advance(Math.max(0, timeoutInMillis));
        if (!table.acquire(scope, id)) throw new AppsScriptError(GAS_ERRORS.lockTimeout);
      },
      hasLock: (): boolean => table.holder(scope) === id,
      releaseLock(): void {
        env.hit('Lock.releaseLock');
        table.release(scope, id);
      },
    };
  };
  return {
    getScriptLock: () => lock('script'),
    getUserLock: () => lock(`user:${env.execution.user}`),
    getDocumentLock: () => lock('document'),
  };
}
