/**
 * Does the Campaigns tab still hold exactly the campaign ChurnGuard wrote? People sort, paste and
 * delete rows in their sheets; a pasted duplicate row would send twice, a deleted pending row would
 * never be sent and the campaign would say "Finished". So every run compares the campaign's rows
 * with the count and checksum of keys recorded when it started, and a run on a doubtful log sends
 * nothing: it pauses with what changed and how to repair it.
 */
import { recipientKey, type LogRead, type LoggedRecipient } from './log';

/** What the campaign's rows looked like when it started (or when a person last accepted the tab). */
export interface LogBaseline {
  rows: number;
  /** keyChecksum of the campaign's recipient keys. */
  checksum: string;
}

export type LogProblemKind = 'header' | 'duplicate' | 'missing' | 'changed';

export interface LogProblem {
  kind: LogProblemKind;
  /** What a person changed, naming the tab, rows and addresses. */
  what: string;
  /** How to put it right. */
  repair: string;
}

/** FNV-1a, 32 bits: small, stable, and enough to notice an edited or swapped key. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** An order-independent checksum of a set of keys (a sort of the tab does not change it). */
export function keyChecksum(keys: Iterable<string>): string {
  let sum = 0;
  let xor = 0;
  for (const k of keys) {
    const h = fnv1a(k);
    sum = (sum + h) >>> 0;
    xor = (xor ^ Math.imul(h, 0x9e3779b1)) >>> 0;
  }
  return `${sum.toString(16).padStart(8, '0')}${xor.toString(16).padStart(8, '0')}`;
}

export function baselineOf(
  recipients: readonly Pick<LoggedRecipient, 'campaignId' | 'email'>[],
): LogBaseline {
  const keys = new Set(recipients.map((r) => recipientKey(r.campaignId, r.email)));
  return { rows: keys.size, checksum: keyChecksum(keys) };
}

const listRows = (rows: readonly number[]) =>
  rows.length === 1 ? `row ${rows[0]}` : `rows ${rows.slice(0, -1).join(', ')} and ${rows[rows.length - 1]}`;

/** The problem in `read` for this campaign, or null when its rows are exactly the recorded ones. */
export function checkCampaignLog(
  read: LogRead,
  campaignId: string,
  baseline: LogBaseline,
  tab: string,
): LogProblem | null {
  const mine = read.recipients.filter((r) => r.campaignId === campaignId);
  const rowsByEmail = new Map<string, number[]>();
  for (const r of mine) rowsByEmail.set(r.email, [...(rowsByEmail.get(r.email) ?? []), r.row]);
  const doubled = [...rowsByEmail].filter(([, rows]) => rows.length > 1);
  if (doubled.length > 0) {
    const shown = doubled.slice(0, 5).map(([email, rows]) => `${tab} ${listRows(rows)} all hold ${email}`);
    return {
      kind: 'duplicate',
      what: `${doubled.length} recipient${doubled.length > 1 ? 's appear' : ' appears'} more than once for this campaign: ${shown.join('; ')}${doubled.length > 5 ? '; …' : ''}. Sending on this tab could email them twice.`,
      repair:
        'Delete the extra rows (keep the one whose Status is right; if unsure, keep the one that says sent), then press Resume.',
    };
  }
  const found = baselineOf(mine);
  if (found.rows === baseline.rows && found.checksum === baseline.checksum) return null;
  const unreadable =
    read.issues.length > 0 ? ` Rows ChurnGuard cannot read: ${read.issues.slice(0, 3).join('; ')}.` : '';
  if (found.rows < baseline.rows)
    return {
      kind: 'missing',
      what: `The ${tab} tab has ${found.rows} recipient rows for this campaign; it started with ${baseline.rows}. ${baseline.rows - found.rows} were deleted, or their Campaign ID or Email was edited.${unreadable}`,
      repair:
        'Bring the rows back (Edit → Undo, or File → Version history), then press Resume. Or press "Continue without them": the missing recipients are then never emailed by this campaign.',
    };
  return {
    kind: 'changed',
    what: `The recipient rows for this campaign are not the ones it started with (${baseline.rows} then, ${found.rows} now): a Campaign ID or Email cell was edited, or rows were added.${unreadable}`,
    repair:
      'Undo the edit (Edit → Undo, or File → Version history), then press Resume. Or press "Continue without them" to accept the rows as they are now.',
  };
}
