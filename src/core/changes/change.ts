/**
 * ChurnGuard's own changes to a customer store kept in a warehouse (issue 21): each edit is one
 * appended row, never an UPDATE of a shared row, so two teammates editing the same customer at once
 * both land (a sheet cell is last-writer-wins: whoever writes second silently drops the other's edit).
 * The latest state is derived by reading: the newest change per key, by (atMs, changeId), so
 * changes stamped in the same millisecond still resolve the same way everywhere.
 *
 * A change id is made once by the caller (uuid-like) and sent again unchanged on a retry, so a retried
 * insert whose first answer was lost is the same row twice, which the latest-state views count once.
 */
import type { CustomerStatus, CrisisImpact } from '../customers/customer';
import type { Band } from '../risk/risk-score';
import type { AlertStatus } from '../watch/alerts';
import type { RecipientStatus } from '../campaigns/log';

/**
 * Customer fields ChurnGuard writes, by their column in the customers table. `impact` is the
 * hand-set crisis impact: a value overrides the loaded impact, null withdraws ChurnGuard's override
 * so the loaded impact (the source's own override, else the impact rules) applies again.
 * `churn_ms` is the churn date (epoch ms of the UTC day), null clears it.
 */
export const CHANGEABLE_FIELDS = ['status', 'risk_score', 'risk_band', 'impact', 'churn_ms'] as const;
export type ChangeableField = (typeof CHANGEABLE_FIELDS)[number];

export interface FieldValueOf {
  status: CustomerStatus;
  risk_score: number | null;
  risk_band: Band;
  impact: CrisisImpact | null;
  churn_ms: number | null;
}

export interface ChangeStamp {
  /** Unique per change, made by the caller; a retry reuses it. [A-Za-z0-9_-], 8 to 64 characters. */
  changeId: string;
  /** Who made it (the user's email, or "scan" for the daily scan). */
  author: string;
  /** When, epoch ms; ties are broken by changeId. */
  atMs: number;
}

export type FieldChange = {
  [F in ChangeableField]: { kind: 'field'; email: string; field: F; value: FieldValueOf[F] };
}[ChangeableField];

export type WarehouseChange = ChangeStamp &
  (
    | FieldChange
    | { kind: 'tag'; email: string; tag: string; op: 'add' | 'remove' }
    | { kind: 'note'; email: string; text: string }
    | {
        kind: 'alert';
        alertId: string;
        email: string;
        alertKind: string;
        reason: string;
        /** Who, whose, and what to do, as the scan worded them when it raised the alert (the Alerts tab's columns). */
        customer?: string;
        owner?: string;
        move?: string;
      }
    | { kind: 'alertState'; alertId: string; state: AlertStatus; snoozedUntilMs: number | null }
    | {
        kind: 'campaign';
        campaignId: string;
        email: string;
        status: RecipientStatus;
        group: 'emailed' | 'holdout';
        detail: string;
        /** The template when a guard rail gave this recipient the alternative (the tab's Template column). */
        template?: string;
        /** The language variant chosen when the audience was written (the tab's Language column). */
        language?: string;
      }
  );

export type ChangeKind = WarehouseChange['kind'];

const CHANGE_ID = /^[A-Za-z0-9_-]{8,64}$/;

export class ChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChangeError';
  }
}

/**
 * The change as it is stored: emails and tags trimmed (emails lower-cased), and what cannot be
 * stored refused with a message naming it. Both the SQL writer and the in-memory fold read this.
 */
export function normaliseChange(c: WarehouseChange): WarehouseChange {
  if (!CHANGE_ID.test(c.changeId))
    throw new ChangeError(`change id '${c.changeId}' must be 8-64 letters, digits, '-' or '_'`);
  if (!Number.isSafeInteger(c.atMs) || c.atMs < 0)
    throw new ChangeError(`change ${c.changeId}: time ${c.atMs} is not epoch milliseconds`);
  if ('email' in c) {
    const email = c.email.trim().toLowerCase();
    if (!email) throw new ChangeError(`change ${c.changeId}: no customer email`);
    c = { ...c, email };
  }
  if (c.kind === 'tag') {
    const tag = c.tag.trim();
    if (!tag) throw new ChangeError(`change ${c.changeId}: an empty tag`);
    return { ...c, tag };
  }
  if (c.kind === 'field' && c.field === 'risk_score' && c.value !== null && !Number.isFinite(c.value))
    throw new ChangeError(`change ${c.changeId}: risk score ${c.value} is not a number`);
  if (c.kind === 'field' && c.field === 'churn_ms' && c.value !== null && !Number.isSafeInteger(c.value))
    throw new ChangeError(`change ${c.changeId}: churn date ${c.value} is not epoch milliseconds`);
  return c;
}

/** Newest first: later time, then the larger change id (plain code-unit order, ASCII ids). */
export function newer(a: ChangeStamp, b: ChangeStamp): boolean {
  return a.atMs !== b.atMs ? a.atMs > b.atMs : a.changeId > b.changeId;
}
