/**
 * Each customer sheet's signing secret, in script properties (key `cg.unsub.secret.<sheet id>`).
 *
 * Script properties because both sides must read it: the account managers' executions sign links,
 * and the web app, running as the deploying account, verifies them. Who can read it: the project's
 * own code in any execution, and the script project's editors (Project Settings → Script
 * properties). Add-on users cannot read it: they run only this code, which reads the secret of the
 * sheet it signs for and never shows it. A teammate connected to the same sheet signs with the same
 * secret, so links from either verify.
 *
 * The value is `{"current": "...", "previous": "..."}`: links signed with either verify, so a
 * rotation (README, "Unsubscribe links") can keep the links in emails already sent working.
 */
import * as z from '../../core/zod';
import type { KeyValueStore } from '../../ports/key-value-store';
import type { Locks } from '../../ports/locks';
import type { UnsubscribeServices } from '../../ports/unsubscribe';

const PREFIX = 'cg.unsub.secret.';
export const secretKey = (sheetId: string) => `${PREFIX}${sheetId}`;
/** A secret shorter than this is not one we made (a person's typo): it is not used to verify. */
const MIN_SECRET_CHARS = 32;

const SecretsSchema = z.object({ current: z.string(), previous: z.optional(z.string()) });

/** The secrets links of this sheet verify against (current first); none when the sheet has none yet. */
export function sheetSecrets(store: KeyValueStore, sheetId: string): string[] {
  const raw = store.get(secretKey(sheetId));
  if (!raw) return [];
  try {
    const parsed = SecretsSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return [];
    return [parsed.data.current, parsed.data.previous ?? ''].filter((s) => s.length >= MIN_SECRET_CHARS);
  } catch {
    return [];
  }
}

/**
 * The secret to sign this sheet's links with, made on first use. Made under the shared (script)
 * lock and re-read inside it: two teammates starting campaigns at once must not each write a
 * different secret, or the first one's links would stop verifying.
 */
export function signingSecret(services: UnsubscribeServices, locks: Locks, sheetId: string): string {
  const known = sheetSecrets(services.scriptStore, sheetId)[0];
  if (known) return known;
  return locks.withSharedLock(10_000, () => {
    const again = sheetSecrets(services.scriptStore, sheetId)[0];
    if (again) return again;
    const secret = services.newSecret();
    services.scriptStore.set(secretKey(sheetId), JSON.stringify({ current: secret }));
    return secret;
  });
}
