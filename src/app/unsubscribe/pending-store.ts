/** Reading and changing one sheet's pending unsubscribe clicks in script properties, under the shared lock. */
import { normaliseEmail } from '../../core/email/address';
import {
  addPending,
  parsePending,
  pendingKey,
  withoutApplied,
  type AddPending,
  type PendingUnsubscribe,
} from '../../core/unsubscribe/pending';
import type { KeyValueStore } from '../../ports/key-value-store';
import type { Locks } from '../../ports/locks';

/** How long a click or an hourly run waits for the shared lock. */
const LOCK_WAIT_MS = 10_000;

export function readPending(store: KeyValueStore, sheetId: string): PendingUnsubscribe[] {
  return parsePending(store.get(pendingKey(sheetId)));
}

/** The addresses waiting to be marked: one property read, so a send can afford it every time. */
export function pendingEmails(store: KeyValueStore, sheetId: string): Set<string> {
  return new Set(readPending(store, sheetId).map((p) => normaliseEmail(p.email)));
}

/**
 * Records a click. The list is read and written inside the lock: two customers clicking at once,
 * or a click during an hourly run that is removing applied ones, must not lose either change.
 */
export function recordPending(
  store: KeyValueStore,
  locks: Locks,
  sheetId: string,
  entry: PendingUnsubscribe,
): AddPending {
  return locks.withSharedLock(LOCK_WAIT_MS, () => {
    const result = addPending(readPending(store, sheetId), entry);
    if (result.kind === 'added') store.set(pendingKey(sheetId), JSON.stringify(result.list));
    return result;
  });
}

/** Removes the addresses now marked in the sheet; clicks that arrived meanwhile stay. */
export function removeApplied(
  store: KeyValueStore,
  locks: Locks,
  sheetId: string,
  applied: ReadonlySet<string>,
): void {
  if (applied.size === 0) return;
  locks.withSharedLock(LOCK_WAIT_MS, () => {
    const left = withoutApplied(readPending(store, sheetId), applied);
    if (left.length === 0) store.delete(pendingKey(sheetId));
    else store.set(pendingKey(sheetId), JSON.stringify(left));
  });
}
