/**
 * Unsubscribe clicks waiting to be written to a customer sheet.
 *
 * The web app runs as the account that deployed it, which cannot open the account managers' sheets,
 * so a click is recorded here (one script property per sheet) and written to the sheet by the hourly
 * trigger of a manager connected to it; until then every send checks this list too. The list is kept
 * within PENDING_MAX_BYTES of JSON (Apps Script allows 9 KB a property value): about 90 addresses,
 * far more than an hour of clicks. A click that would overflow it is refused (the customer's page
 * says so and asks them to reply instead); nothing already recorded is dropped to make room.
 */
import { normaliseEmail } from '../email/address';
import * as z from '../zod';
import { utf8Length } from '../text/utf8';

export interface PendingUnsubscribe {
  email: string;
  campaignId: string;
  /** ISO time of the click. */
  at: string;
}

export const PENDING_MAX_BYTES = 8 * 1024;
const PREFIX = 'cg.unsub.pending.';

/** The script property holding one sheet's pending clicks. */
export const pendingKey = (sheetId: string) => `${PREFIX}${sheetId}`;

const PendingSchema = z.array(z.object({ email: z.string(), campaignId: z.string(), at: z.string() }));

/** The stored list; a value a person broke by hand reads as empty rather than blocking every send. */
export function parsePending(json: string | null): PendingUnsubscribe[] {
  if (!json) return [];
  try {
    const parsed = PendingSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export type AddPending =
  | { kind: 'added'; list: PendingUnsubscribe[] }
  | { kind: 'already'; list: PendingUnsubscribe[] }
  | { kind: 'full'; list: PendingUnsubscribe[] };

/** Adds one click: once per address (a repeated click changes nothing), and never past the cap. */
export function addPending(list: readonly PendingUnsubscribe[], entry: PendingUnsubscribe): AddPending {
  const email = normaliseEmail(entry.email);
  if (list.some((p) => normaliseEmail(p.email) === email)) return { kind: 'already', list: [...list] };
  const next = [...list, { ...entry, email }];
  if (utf8Length(JSON.stringify(next)) > PENDING_MAX_BYTES) return { kind: 'full', list: [...list] };
  return { kind: 'added', list: next };
}

/** The list without the addresses now marked in the sheet. */
export function withoutApplied(
  list: readonly PendingUnsubscribe[],
  applied: ReadonlySet<string>,
): PendingUnsubscribe[] {
  return list.filter((p) => !applied.has(normaliseEmail(p.email)));
}
