/**
 * Tagging a whole segment at once, and taking it back. A bulk change is planned first (how many rows
 * change, how many already had the tag) so the card can preview it; applying it writes the Tags
 * column in one batch and records every changed cell (before and after) in the Bulk changes tab.
 * Undo restores the last change's cells, finding each customer by email (the sheet may have been
 * sorted since) and leaving alone any cell someone edited after the change, which it reports.
 */
import type { Customer } from '../customers/customer';
import { parseTags } from '../sheet/values';
import { foldText } from './fold';
import { isSummaryRow } from './bulk-log-compaction';

export const BULK_LOG_TAB = 'Bulk changes';
export const BULK_LOG_HEADERS = ['Change', 'At', 'By', 'Row', 'Email', 'Column', 'Before', 'After', 'Undone'];

export type TagOperation = 'add' | 'remove';

export interface CellChange {
  row: number;
  email: string;
  before: string;
  after: string;
}

export interface BulkTagPlan {
  tag: string;
  operation: TagOperation;
  changes: CellChange[];
  /** Members whose tags already say so. */
  unchanged: number;
}

const MAX_TAG = 50;

/** A tag a person typed, cleaned, or the reason it cannot be one. */
export function cleanTag(text: string): { ok: true; tag: string } | { ok: false; message: string } {
  const tag = text.trim().replace(/\s+/g, ' ');
  if (!tag) return { ok: false, message: 'Type the tag to add or remove.' };
  if (/[,;|\n\r]/.test(tag))
    return { ok: false, message: `A tag cannot hold a comma or semicolon: '${tag}'.` };
  if (tag.length > MAX_TAG) return { ok: false, message: `A tag is at most ${MAX_TAG} characters.` };
  return { ok: true, tag };
}

const cellText = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export function planBulkTag(
  members: readonly Customer[],
  tag: string,
  operation: TagOperation,
  /** The Tags column's header, to read each member's cell as written. */
  tagsHeader: string,
): BulkTagPlan {
  const wanted = foldText(tag);
  const changes: CellChange[] = [];
  let unchanged = 0;
  for (const c of members) {
    const before = cellText(c.raw[tagsHeader]);
    const tags = parseTags(before);
    const has = tags.some((t) => foldText(t) === wanted);
    if (has === (operation === 'add')) {
      unchanged++;
      continue;
    }
    const next = operation === 'add' ? [...tags, tag] : tags.filter((t) => foldText(t) !== wanted);
    changes.push({ row: c.row, email: c.email, before, after: next.join(', ') });
  }
  return { tag, operation, changes, unchanged };
}

/**
 * The Tags column (rows 2…lastRow) with the plan applied, for one batched write. `column` is the
 * column as just read; rows whose cell no longer holds the planned "before" were edited meanwhile
 * and are returned as skipped rather than overwritten.
 */
export function applyToColumn(
  column: readonly unknown[],
  plan: BulkTagPlan,
): { values: unknown[][]; applied: CellChange[]; skipped: CellChange[] } {
  const values = column.map((v) => [v]);
  const applied: CellChange[] = [];
  const skipped: CellChange[] = [];
  for (const change of plan.changes) {
    const i = change.row - 2;
    if (i < 0 || i >= values.length || cellText(values[i]![0]) !== change.before) {
      skipped.push(change);
      continue;
    }
    values[i] = [change.after];
    applied.push(change);
  }
  return { values, applied, skipped };
}

export function bulkLogRows(
  change: { id: string; at: Date; by: string; column: string },
  cells: readonly CellChange[],
): unknown[][] {
  return cells.map((c) => [
    change.id,
    change.at,
    change.by,
    c.row,
    c.email,
    change.column,
    c.before,
    c.after,
    '',
  ]);
}

export interface LoggedChange {
  id: string;
  at: string;
  by: string;
  column: string;
  /** Each cell, with the log row that recorded it. */
  cells: (CellChange & { logRow: number })[];
}

/** The most recent change not yet undone, or null. */
export function lastOpenChange(values: readonly unknown[][] | null): LoggedChange | null {
  if (!values || values.length < 2) return null;
  // A change the trigger began compacting (its summary row exists) is past undoing, even while some
  // of its cell rows are still there.
  const compacted = new Set(values.slice(1).flatMap((r) => (isSummaryRow(r) ? [cellText(r[0])] : [])));
  let last: LoggedChange | null = null;
  values.slice(1).forEach((r, i) => {
    const id = cellText(r[0]);
    if (!id || cellText(r[8]).trim() || compacted.has(id)) return;
    if (!last || last.id !== id) {
      const at = r[1] instanceof Date ? r[1].toISOString() : cellText(r[1]);
      last = { id, at, by: cellText(r[2]), column: cellText(r[5]), cells: [] };
    }
    last.cells.push({
      row: Number(r[3]),
      email: cellText(r[4]).toLowerCase(),
      before: cellText(r[6]),
      after: cellText(r[7]),
      logRow: i + 2,
    });
  });
  return last;
}

export interface UndoPlan {
  /** Cells to restore: where the customer's row is now, and the value to put back. */
  restores: { row: number; value: string; email: string }[];
  /** Customers whose cell changed since (kept as is) or who are gone, in words. */
  conflicts: string[];
}

export function planUndo(
  change: LoggedChange,
  /** Where each customer is now and what their cell holds, by email. */
  current: (email: string) => { row: number; value: string } | undefined,
): UndoPlan {
  const restores: UndoPlan['restores'] = [];
  const conflicts: string[] = [];
  const done = new Set<string>();
  for (const cell of change.cells) {
    // A chunked bulk tag logs its intent before writing, and a rerun of a killed chunk logs it again:
    // each cell is restored once, and one that still holds its "before" (never written) is left as is.
    if (done.has(cell.email)) continue;
    done.add(cell.email);
    const now = current(cell.email);
    if (now && now.value === cell.before && cell.before !== cell.after) continue;
    if (!now) conflicts.push(`${cell.email}: no longer in the sheet`);
    else if (now.value !== cell.after)
      conflicts.push(`${cell.email} (row ${now.row}): tags edited since ('${now.value}'), kept`);
    else restores.push({ row: now.row, value: cell.before, email: cell.email });
  }
  return { restores, conflicts };
}
