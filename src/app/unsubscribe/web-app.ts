/**
 * The web app's unsubscribe request (doGet): verify the token, record the click, answer with the
 * page. Runs as the deploying account for anonymous visitors, so it touches only script properties
 * (the secret and the pending list), never a sheet or a user's settings.
 *
 * A forged token, or a valid one edited to name another address, campaign or sheet, fails the
 * signature check and changes nothing. A valid token clicked again finds its address already
 * pending (or no longer pending because it is marked in the sheet): the page confirms again and
 * nothing is written twice.
 */
import { unsubscribeLanguage } from '../../core/unsubscribe/language';
import { readToken, signatureMatches } from '../../core/unsubscribe/token';
import type { Clock } from '../../ports/clock';
import type { Locks } from '../../ports/locks';
import type { UnsubscribeServices } from '../../ports/unsubscribe';
import { unsubscribePage, type UnsubscribePage } from '../../ui/unsubscribe-page';
import { recordPending } from './pending-store';
import { sheetSecrets } from './secrets';

export interface WebAppDeps {
  unsubscribe: UnsubscribeServices;
  locks: Locks;
  clock: Clock;
  log(error: unknown): void;
}

/** `parameter` is the doGet event's e.parameter (first value of each query parameter). */
export function handleUnsubscribe(deps: WebAppDeps, parameter: unknown): UnsubscribePage {
  const token =
    parameter && typeof parameter === 'object' ? (parameter as Record<string, unknown>).token : undefined;
  const read = readToken(token);
  if (!read.ok) return unsubscribePage({ kind: 'invalid' }, 'en');
  const { claim, signature } = read;
  const lang = unsubscribeLanguage(claim.lang);
  const secrets = sheetSecrets(deps.unsubscribe.scriptStore, claim.sheetId);
  if (!signatureMatches(claim, signature, secrets, deps.unsubscribe.hmacSha256))
    return unsubscribePage({ kind: 'invalid' }, lang);
  try {
    const result = recordPending(deps.unsubscribe.scriptStore, deps.locks, claim.sheetId, {
      email: claim.email,
      campaignId: claim.campaignId,
      at: deps.clock.now().toISOString(),
    });
    if (result.kind === 'full') {
      deps.log(new Error(`Unsubscribe list of sheet ${claim.sheetId} is full; a click was not recorded.`));
      return unsubscribePage({ kind: 'unavailable' }, lang);
    }
  } catch (error) {
    // The lock was busy or the store refused the write (500 KB full, daily quota): say so, change nothing.
    deps.log(error);
    return unsubscribePage({ kind: 'unavailable' }, lang);
  }
  return unsubscribePage({ kind: 'done', email: claim.email }, lang);
}
