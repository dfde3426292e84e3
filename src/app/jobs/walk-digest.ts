/**
 * A digest of the Email cells a walk has passed, in row order, so a job can tell once per execution
 * whether the rows it already did are still where it did them. The walk's anchor (one row's email)
 * misses a sort that happens to leave the anchor row holding the same address: on a small tab that is
 * a few percent of random sorts, and the job would then skip some customers and repeat others.
 * Checking costs one read of the Email column (100k cells at 100k rows, about a second).
 */
import type { Settings } from '../../core/settings/settings';
import { emailColumnIndex } from '../../core/sheet/columns';
import type { CustomerSheet, SheetRows } from '../../ports/customer-sheet';
import type { SheetWalk } from './sheet-walk';

/** FNV-1a over the Email cells in row order, continuing from `digest` ('' = nothing walked yet). */
export function chainDigest(digest: string, cells: readonly unknown[]): string {
  let h = digest ? parseInt(digest, 16) : 0x811c9dc5;
  for (const cell of cells) {
    const text = `${String(cell ?? '')
      .trim()
      .toLowerCase()}\n`;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The digest after a chunk's rows (as readChunk returned them). */
export function digestAfterChunk(digest: string, rows: SheetRows, settings: Settings): string {
  const column = emailColumnIndex(rows.headers, settings.mapping);
  return chainDigest(
    digest,
    rows.rows.map((r) => (column >= 0 ? r[column] : '')),
  );
}

/** Whether the rows walked so far still hold the same emails in the same order. */
export function walkedRowsUnchanged(
  sheet: CustomerSheet,
  settings: Settings,
  walk: SheetWalk,
  digest: string,
): boolean {
  const walked = walk.nextRow - 2;
  if (walked <= 0) return true;
  const column = emailColumnIndex(sheet.readHeaders(), settings.mapping);
  if (column < 0) return false;
  return chainDigest('', sheet.readColumn(column + 1).slice(0, walked)) === digest;
}
