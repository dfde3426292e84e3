import { GAS_ERRORS } from '../../src/local/standins';
import { makeWorld } from './helpers';

describe('LockService stand-in', () => {
  it('excludes a second execution, spending its timeout on the clock, until the first ends', () => {
    const { world, clock } = makeWorld();
    const first = world.startExecution({ kind: 'trigger' });
    const second = world.startExecution({ kind: 'trigger' });
    const mine = first.globals.LockService.getScriptLock();
    expect(mine.tryLock(1000)).toBe(true);
    expect(mine.hasLock()).toBe(true);
    expect(first.globals.LockService.getScriptLock().tryLock(0)).toBe(true); // same process: re-entrant
    const theirs = second.globals.LockService.getScriptLock();
    const before = clock.nowMs();
    expect(theirs.tryLock(5000)).toBe(false);
    expect(clock.nowMs() - before).toBe(5000);
    expect(theirs.hasLock()).toBe(false);
    expect(() => theirs.waitLock(100)).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
    first.end(); // Apps Script releases an execution's locks when it ends
    expect(theirs.tryLock(0)).toBe(true);
  });

  it('releaseLock frees the lock for others; user locks only exclude the same user', () => {
    const { world } = makeWorld();
    const a1 = world.startExecution({ user: 'a@x.io' });
    const a2 = world.startExecution({ user: 'a@x.io' });
    const b = world.startExecution({ user: 'b@x.io' });
    const lock = a1.globals.LockService.getUserLock();
    expect(lock.tryLock(0)).toBe(true);
    expect(a2.globals.LockService.getUserLock().tryLock(0)).toBe(false);
    expect(b.globals.LockService.getUserLock().tryLock(0)).toBe(true);
    lock.releaseLock();
    expect(a2.globals.LockService.getUserLock().tryLock(0)).toBe(true);
    expect(a1.globals.LockService.getDocumentLock()).toBeNull();
  });

  it('ends a card execution that waits past its budget for a lock', () => {
    const { world } = makeWorld();
    world.startExecution({ kind: 'trigger' }).globals.LockService.getScriptLock().waitLock(1000);
    const card = world.startExecution({ kind: 'card' });
    expect(() => card.globals.LockService.getScriptLock().waitLock(60_000)).toThrow(GAS_ERRORS.timeout);
    expect(card.remainingMs()).toBeLessThan(0);
  });
});
