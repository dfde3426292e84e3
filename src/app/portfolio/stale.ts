/**
 * An edit through ChurnGuard (a status, tags, an impact override, a new customer, a bulk tag) changes
 * figures the snapshot holds. Patching the snapshot in place would need every figure to be
 * reversible, so the edit only marks it stale (one property write); the next portfolio card starts
 * the chunked refresh, which on a small sheet finishes in that card's own step.
 */
import type { AppContext } from '../context';

export const SNAPSHOT_STALE_KEY = 'churnguard.snapshot.stale';

export function markSnapshotStale(ctx: AppContext): void {
  ctx.userStore.set(SNAPSHOT_STALE_KEY, ctx.clock.now().toISOString());
}

/** Whether an edit happened since the last refresh started; reading clears nothing. */
export const snapshotStale = (ctx: AppContext) => ctx.userStore.get(SNAPSHOT_STALE_KEY) !== null;

export function clearSnapshotStale(ctx: AppContext): void {
  ctx.userStore.delete(SNAPSHOT_STALE_KEY);
}
