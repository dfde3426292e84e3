/**
 * A Lock object knows only what it acquired itself (Lock reference: hasLock is false when tryLock or
 * waitLock "was never called"; releaseLock "has no effect if the lock has not been acquired"), and
 * the lock table records how long each lock was held.
 */
import { AppsScriptWorld } from '../../src/local/standins';

describe('LockService stand-in: per-object locks', () => {
  it('a second lock object of the same execution neither reports nor releases the first one', () => {
    const world = new AppsScriptWorld({ latency: 'none' });
    const a = world.startExecution();
    const first = a.globals.LockService.getScriptLock();
    expect(first.tryLock(100)).toBe(true);
    const second = a.globals.LockService.getScriptLock();
    expect(second.hasLock()).toBe(false);
    second.releaseLock();
    expect(first.hasLock()).toBe(true);
    const b = world.startExecution({ user: 'other@nimbus.example' });
    expect(b.globals.LockService.getScriptLock().tryLock(100)).toBe(false);
    first.releaseLock();
    expect(b.globals.LockService.getScriptLock().tryLock(100)).toBe(true);
  });

  it('records how long each lock was held on the clock', () => {
    const world = new AppsScriptWorld({ latency: 'none' });
    const a = world.startExecution();
    const lock = a.globals.LockService.getScriptLock();
    const from = world.clock.nowMs();
    lock.waitLock(100);
    world.clock.advance(250);
    lock.releaseLock();
    expect(world.locks.holds).toEqual([{ scope: 'script', executionId: a.id, from, ms: 250 }]);
  });
});
