/**
 * Writes pending unsubscribe clicks to the connected customer sheet's Unsubscribed column, as the
 * account manager (who can open the sheet; the web app's deploying account usually cannot).
 *
 * Called by the hourly trigger and before an audience is checked, so the audience check counts a
 * customer who clicked as unsubscribed. Costs one property read when nothing is pending. Under the
 * shared lock: the header, the Email and Unsubscribed columns are read, every matching row whose cell
 * is not yet yes gets "Yes" (or TRUE in a checkbox column), then the marked addresses leave the
 * pending list. Rows are found by address, so a sort since the click changes nothing; an address not
 * in the sheet stays pending (the sender keeps skipping it) until it is.
 */
import { normaliseEmail } from '../../core/email/address';
import { mapColumns } from '../../core/sheet/columns';
import { parseBoolean, parseEmail } from '../../core/sheet/values';
import type { CellBlock } from '../../ports/customer-sheet';
import type { AppContext } from '../context';
import { loadSettings } from '../settings-store';
import { readPending, removeApplied } from './pending-store';

export interface AppliedUnsubscribes {
  /** Addresses now marked in the sheet (or already marked there by a person). */
  applied: number;
  /** Addresses still waiting: not in the sheet. */
  waiting: number;
}

export function applyPendingUnsubscribes(ctx: AppContext): AppliedUnsubscribes {
  const { settings } = loadSettings(ctx.userStore);
  const sheetId = settings.spreadsheetId;
  if (!sheetId) return { applied: 0, waiting: 0 };
  const store = ctx.unsubscribe.scriptStore;
  if (readPending(store, sheetId).length === 0) return { applied: 0, waiting: 0 };
  const sheet = ctx.customerSheet(sheetId, settings.customerSheet);
  return ctx.locks.withSharedLock(10_000, () => {
    const pending = readPending(store, sheetId);
    const wanted = new Set(pending.map((p) => normaliseEmail(p.email)));
    const headers = sheet.readHeaders();
    const columns = mapColumns(headers, settings.mapping).columns;
    const emailColumn = columns.email! + 1;
    const flagColumn =
      columns.unsubscribed !== undefined
        ? columns.unsubscribed + 1
        : sheet.ensureColumns(['Unsubscribed'], headers)[0]!;
    const emails = sheet.readColumn(emailColumn);
    const flags = sheet.readColumn(flagColumn);
    // A checkbox column holds booleans: writing the word "Yes" there would break the checkbox.
    const yes = flags.some((v) => typeof v === 'boolean') ? true : 'Yes';
    const applied = new Set<string>();
    const blocks: CellBlock[] = [];
    emails.forEach((cell, i) => {
      const parsed = parseEmail(cell);
      if (!parsed.ok) return;
      const email = normaliseEmail(parsed.value.email);
      if (!wanted.has(email)) return;
      applied.add(email);
      const flag = parseBoolean(flags[i]);
      if (!(flag.ok && flag.value)) blocks.push({ row: i + 2, column: flagColumn, values: [[yes]] });
    });
    if (blocks.length > 0) sheet.write(blocks);
    removeApplied(store, ctx.locks, sheetId, applied);
    return { applied: applied.size, waiting: wanted.size - applied.size };
  });
}
