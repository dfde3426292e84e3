/**
 * The holdout: exactly round(share × n) of the n members who could be emailed, chosen as those with
 * the lowest FNV-1a hash of (campaign id, address), ties broken by the address. The same campaign id
 * is kept from the first audience check to the last chunk written, so the group never changes.
 *
 * Chunks: a per-member test only needs the cut (the key of the first member NOT held back), so a cut
 * computed once over the whole audience gives identical groups however the audience is split. Where
 * the whole audience is known (a plan of a member list, a sheet checked whole on the card, whose
 * Start writes it at once) the cut is exact. A large sheet checked only in part gets the nominal cut
 * (hash below share × 2^32): its share then deviates by about √(n·p·(1-p)) members, ±0.1 points at
 * 100,000 members, and the card shows the exact count and share once the audience is written.
 */
import { normaliseEmail } from '../email/address';
import { MIN_GROUP } from '../watch/uplift-words';

/** FNV-1a over the text: a fast, stable hash. */
function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Sortable key of a member: 8 hex digits of the hash, then the address (a tie-break). */
export function holdoutKey(campaignId: string, email: string): string {
  const address = normaliseEmail(email);
  return `${fnv(`${campaignId}|${address}`).toString(16).padStart(8, '0')}|${address}`;
}

/** Held back: exactly round(percent % of n). */
export const holdoutSize = (eligible: number, percent: number) =>
  Math.min(eligible, Math.round((eligible * percent) / 100));

/** A member is held back when their key sorts before the cut ('' holds nobody back). */
export const heldBack = (campaignId: string, email: string, cut: string) =>
  holdoutKey(campaignId, email) < cut;

/** The exact cut over the whole eligible audience. */
export function exactCut(campaignId: string, emails: readonly string[], percent: number): string {
  const keys = [...new Set(emails.map((e) => holdoutKey(campaignId, e)))].sort();
  const k = holdoutSize(keys.length, percent);
  if (k === 0) return '';
  // Past every key: everyone held back (only at 100%, which settings forbid, but total all the same).
  return k < keys.length ? keys[k]! : '~';
}

/** The cut when the audience is not known whole: the hash alone against share × 2^32. */
export function nominalCut(percent: number): string {
  if (percent <= 0) return '';
  const threshold = Math.min(0xffffffff, Math.round((percent / 100) * 0x100000000));
  return threshold.toString(16).padStart(8, '0');
}

/**
 * Fewer held back than this and the outcomes card can never tell a difference (uplift-words gives no
 * verdict with fewer than 10 in either group), so a smaller holdout keeps customers from an email
 * for nothing: the audience check says so and offers to send to everyone.
 */
export const MIN_MEASURABLE_HOLDOUT = MIN_GROUP;

/** "10 of 100 held back (10%)": exact counts and the share, to one decimal when not whole. */
export function holdoutWords(holdout: number, total: number): string {
  const share = total === 0 ? 0 : (holdout / total) * 100;
  const shown = Number.isInteger(Math.round(share * 10) / 10) ? share.toFixed(0) : share.toFixed(1);
  return `${holdout.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} held back (${shown}%)`;
}
