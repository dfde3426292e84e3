/**
 * LockService with real mutual exclusion between executions. JavaScript here runs one execution at a
 * time, so "another process" is another Execution that has not ended: while it holds a lock, this
 * one's tryLock(timeout) spends the whole timeout on the fake clock and returns false, and waitLock
 * throws Apps Script's lock-timeout error. (The holder cannot release during the wait, since it is not
 * running; a test that wants the lock freed ends the holder first.) A wait longer than the rest of
 * the execution's budget ends the execution with "Exceeded maximum execution time", as it would in
 * Apps Script. Locks are released when their execution ends.
 *
 * A Lock object only knows what it acquired itself, as the Lock reference says
 * (developers.google.com/apps-script/reference/lock/lock): hasLock() "returns false if the lock was
 * never acquired [through this object's tryLock/waitLock], timed out, or releaseLock() was called",
 * and releaseLock() "has no effect if the lock has not been acquired". So a second
 * getScriptLock() object of the same execution neither reports nor releases the first one's lock.
 * The table also records how long each lock was held, on the fake clock, so tests can state it.
 */
import type { LockLike, LockServiceLike } from '../../gas/services';
import { AppsScriptError, GAS_ERRORS } from './errors';
import type { ServiceEnv } from './world';

export interface LockHold {
  scope: string;
  executionId: number;
  /** When the hold began, on the fake clock (ms since the epoch). */
  from: number;
  ms: number;
}

export class LockTable {
  private readonly holders = new Map<string, number>();
  private readonly since = new Map<string, number>();
  /** Every finished hold, in order: scope, execution and milliseconds held on the fake clock. */
  readonly holds: LockHold[] = [];

  constructor(private readonly nowMs: () => number = () => 0) {}

  holder(scope: string): number | undefined {
    return this.holders.get(scope);
  }

  acquire(scope: string, executionId: number): boolean {
    const h = this.holders.get(scope);
    if (h !== undefined && h !== executionId) return false;
    if (h === undefined) this.since.set(scope, this.nowMs());
    this.holders.set(scope, executionId);
    return true;
  }

  release(scope: string, executionId: number): void {
    if (this.holders.get(scope) !== executionId) return;
    this.holders.delete(scope);
    const from = this.since.get(scope) ?? this.nowMs();
    this.holds.push({ scope, executionId, from, ms: this.nowMs() - from });
    this.since.delete(scope);
  }

  releaseAll(executionId: number): void {
    for (const [scope, h] of [...this.holders]) if (h === executionId) this.release(scope, h);
  }

  /** Scopes currently held, with their execution IDs. */
  held(): Record<string, number> {
    return Object.fromEntries(this.holders);
  }
}

export class LockStandin implements LockLike {
  /** Whether this object acquired the lock (and has not released it). */
  private acquired = false;

  constructor(
    private readonly env: ServiceEnv,
    readonly scope: string,
  ) {}

  private get id(): number {
    return this.env.execution.id;
  }

  /** Waits out the timeout on the clock; true if the lock is then ours. */
  private wait(timeoutInMillis: number): boolean {
    const table = this.env.world.locks;
    if (table.acquire(this.scope, this.id)) return (this.acquired = true);
    const wait = Math.max(0, Number(timeoutInMillis) || 0);
    const left = this.env.execution.remainingMs();
    if (wait > left) {
      this.env.world.clock.advance(Math.max(0, left) + 1);
      throw new AppsScriptError(GAS_ERRORS.timeout);
    }
    this.env.world.clock.advance(wait);
    this.acquired = table.acquire(this.scope, this.id);
    return this.acquired;
  }

  tryLock(timeoutInMillis: number): boolean {
    this.env.call('Lock.tryLock');
    return this.wait(timeoutInMillis);
  }

  waitLock(timeoutInMillis: number): void {
    this.env.call('Lock.waitLock');
    if (!this.wait(timeoutInMillis)) throw new AppsScriptError(GAS_ERRORS.lockTimeout);
  }

  hasLock(): boolean {
    this.env.call('Lock.hasLock');
    return this.acquired && this.env.world.locks.holder(this.scope) === this.id;
  }

  releaseLock(): void {
    this.env.call('Lock.releaseLock');
    if (!this.acquired) return;
    this.acquired = false;
    this.env.world.locks.release(this.scope, this.id);
  }
}

export class LockServiceStandin implements LockServiceLike {
  constructor(private readonly env: ServiceEnv) {}

  /** Excludes other executions of the current user only. */
  getUserLock(): LockStandin {
    this.env.call('LockService.getUserLock');
    return new LockStandin(this.env, `user:${this.env.execution.user}`);
  }

  /** Excludes every other execution of the script. */
  getScriptLock(): LockStandin {
    this.env.call('LockService.getScriptLock');
    return new LockStandin(this.env, 'script');
  }

  /** Null unless the execution is bound to a document (never, for a Gmail add-on card). */
  getDocumentLock(): LockStandin | null {
    this.env.call('LockService.getDocumentLock');
    const doc = this.env.execution.document;
    return doc === null ? null : new LockStandin(this.env, `document:${doc}`);
  }
}
