/**
 * A "Learn from history" run waiting for the hourly trigger: the key is set by the Settings button on
 * a large sheet and cleared by the trigger's run. Its own module so the trigger's bookkeeping
 * (campaigns/run.ts) and the learning handler share it without importing each other.
 */
import type { KeyValueStore } from '../ports/key-value-store';

export const LEARN_REQUEST_KEY = 'churnguard.learnRequested';

/** When learning was requested (ISO time), or null when none waits. */
export const learningRequestedAt = (store: KeyValueStore): string | null => store.get(LEARN_REQUEST_KEY);
