/**
 * The Bulk changes tab logs every cell a bulk tag changed (a 100,000-customer segment is 100,000
 * rows), so it is compacted once a change is past its undo window: its cell rows give way to one
 * summary row (who, when, which column, how many cells). The summary's Undone cell says why, so the
 * undo never offers it. A summary is written before any cell row goes, and only once per change.
 * (No import from bulk-tag.ts, which reads summaries: the two would import each other.)
 */

/** Days a bulk change can be undone; after that the trigger compacts its cell rows. */
export const BULK_UNDO_DAYS = 30;
const COMPACTED = 'compacted';

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
const dayOf = (v: unknown): number | null => {
  if (v instanceof Date) return v.getTime();
  const t = Date.parse(text(v));
  return Number.isNaN(t) ? null : t;
};

/** The Email cell of a change's summary row: unique per change, so a TextFinder can tell it exists. */
export const summaryMark = (id: string) => `${COMPACTED} ${id}`;

/** Whether a Bulk changes row is a change's summary (written by the compaction). */
export function isSummaryRow(row: readonly unknown[]): boolean {
  return text(row[4]) === summaryMark(text(row[0]));
}

/** Whether a row records one cell of change `id` (not its summary, not someone's blank row). */
export function isCellRowOf(row: readonly unknown[], id: string): boolean {
  return text(row[0]) === id && !isSummaryRow(row) && text(row[4]) !== '';
}

/**
 * The oldest change past the undo window that still has cell rows (rows below the header), or null.
 * A change whose At a person made unreadable is left alone.
 */
export function changeToCompact(
  rows: readonly (readonly unknown[])[],
  now: Date,
  undoDays = BULK_UNDO_DAYS,
): string | null {
  const cutoff = now.getTime() - undoDays * 86_400_000;
  let oldest: { id: string; at: number } | null = null;
  for (const row of rows) {
    const id = text(row[0]);
    const t = dayOf(row[1]);
    if (!id || t === null || t > cutoff || !isCellRowOf(row, id)) continue;
    if (!oldest || t < oldest.at) oldest = { id, at: t };
  }
  return oldest?.id ?? null;
}

/** The one row that stands for a compacted change, made from one of its cell rows. */
export function summaryRow(cellRow: readonly unknown[], cells: number, today: string): unknown[] {
  // The Bulk changes layout (Change, At, By, Row, Email, Column, Before, After, Undone).
  const row: unknown[] = Array.from({ length: 9 }, () => '');
  row[0] = cellRow[0];
  row[1] = cellRow[1];
  row[2] = cellRow[2];
  row[4] = summaryMark(text(cellRow[0]));
  row[5] = cellRow[5];
  row[6] = `${cells} cell${cells === 1 ? '' : 's'}`;
  row[8] = `${COMPACTED} ${today}: past the ${BULK_UNDO_DAYS}-day undo window`;
  return row;
}
