/**
 * The signed unsubscribe token a campaign email's link carries.
 *
 * The token names the customer sheet, the campaign, the address and the language of the page, and
 * is signed with HMAC-SHA256 under that sheet's secret. The signature covers all four fields, so a
 * token cannot be edited to unsubscribe another address, name another campaign or point at another
 * sheet; a token made without the secret (forged) fails. Replaying a valid token is harmless by
 * design: it can only ask again that this one address stop getting this sheet's campaigns, which is
 * recorded once (the pending list and the sheet are keyed by address), so a second click changes
 * nothing. There is no expiry on purpose: an opt-out must keep working long after the email was
 * sent (CAN-SPAM asks for at least 30 days), and an old link can do nothing but that opt-out.
 *
 * The HMAC itself is computed by the platform (Utilities.computeHmacSha256Signature in Apps Script)
 * and passed in, so this file stays pure.
 */
import { normaliseEmail } from '../email/address';
import * as z from '../zod';
import { base64Url, constantTimeEqual, fromBase64Url, utf8Bytes, utf8Text } from './bytes';

/** HMAC-SHA256 of `message` under `key`, as bytes (signed or not). */
export type HmacSha256 = (message: string, key: string) => number[];

export interface UnsubscribeClaim {
  /** The customer spreadsheet whose Unsubscribed column the click marks. */
  sheetId: string;
  campaignId: string;
  email: string;
  /** The page's language (a code such as "kk"); signed so nobody swaps it for another page. */
  lang: string;
}

const VERSION = 'cg-unsub-1';
/** Apps Script IDs, campaign ids and addresses are far shorter; a longer token is not ours. */
export const MAX_TOKEN_CHARS = 1_200;

const ClaimSchema = z.tuple([
  z.string().check(z.minLength(1), z.maxLength(200)),
  z.string().check(z.minLength(1), z.maxLength(200)),
  z.string().check(z.minLength(3), z.maxLength(320)),
  z.string().check(z.maxLength(16)),
]);

/** What is signed: every field, newline-separated (none may hold a newline), under a version tag. */
function signedText(claim: UnsubscribeClaim): string {
  return [VERSION, claim.sheetId, claim.campaignId, normaliseEmail(claim.email), claim.lang].join('\n');
}

export function makeToken(claim: UnsubscribeClaim, secret: string, hmac: HmacSha256): string {
  const fields = [claim.sheetId, claim.campaignId, normaliseEmail(claim.email), claim.lang];
  const body = base64Url(utf8Bytes(JSON.stringify(fields)));
  return `${body}.${base64Url(hmac(signedText(claim), secret))}`;
}

export type ReadToken =
  { ok: true; claim: UnsubscribeClaim; signature: number[] } | { ok: false; reason: string };

/** The token's claim, unverified: which sheet's secret to check it with. */
export function readToken(token: unknown): ReadToken {
  if (typeof token !== 'string' || token === '') return { ok: false, reason: 'no token' };
  if (token.length > MAX_TOKEN_CHARS) return { ok: false, reason: 'token too long' };
  const [body, signature, ...rest] = token.split('.');
  if (body === undefined || signature === undefined || rest.length > 0)
    return { ok: false, reason: 'not two dot-separated parts' };
  const bodyBytes = fromBase64Url(body);
  const signatureBytes = fromBase64Url(signature);
  if (!bodyBytes || !signatureBytes) return { ok: false, reason: 'not base64url' };
  const text = utf8Text(bodyBytes);
  if (text === null) return { ok: false, reason: 'not UTF-8' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = ClaimSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'not a claim' };
  const [sheetId, campaignId, email, lang] = parsed.data;
  if ([sheetId, campaignId, email, lang].some((f) => /[\n\r]/.test(f)))
    return { ok: false, reason: 'a field holds a line break' };
  return { ok: true, claim: { sheetId, campaignId, email, lang }, signature: signatureBytes };
}

/**
 * True when `signature` is the HMAC of `claim` under one of `secrets` (the sheet's current secret and,
 * during a rotation, the previous one). Each comparison is constant-time.
 */
export function signatureMatches(
  claim: UnsubscribeClaim,
  signature: readonly number[],
  secrets: readonly string[],
  hmac: HmacSha256,
): boolean {
  let matched = false;
  // Every secret is checked (no early return), so timing does not say which one matched.
  for (const secret of secrets)
    matched = constantTimeEqual(hmac(signedText(claim), secret), signature) || matched;
  return matched;
}
