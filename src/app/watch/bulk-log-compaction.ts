/**
 * Compacting the Bulk changes tab on the hourly trigger, one change per step. The step reads the tab
 * outside the lock to choose a change (a large log takes seconds to read; teammates should not wait
 * for it), then under the shared lock: writes the change's summary row unless a TextFinder finds it
 * already, re-reads the cell rows it chose and deletes only those that still hold that change. A
 * kill anywhere leaves either no summary (nothing deleted yet) or a summary and fewer cell rows,
 * which the next step finishes.
 */
import { rowRuns } from '../../core/sheet/row-runs';
import {
  changeToCompact,
  isCellRowOf,
  summaryMark,
  summaryRow,
} from '../../core/segments/bulk-log-compaction';
import { BULK_LOG_HEADERS, BULK_LOG_TAB } from '../../core/segments/bulk-tag';
import type { SheetTabs } from '../../ports/sheet-tabs';
import type { AppContext } from '../context';
import { withSheetLock } from '../shared-lock';
import { READ_GAP_ROWS } from '../rows-by-number';

/** Cell rows deleted per step: their re-read (~45,000 cells) keeps the lock held well under a second. */
export const BULK_COMPACT_BATCH = 5_000;
const EMAIL_COLUMN = 5;

export interface CompactionStep {
  deleted: number;
  summarised: boolean;
  more: boolean;
}

export function compactBulkLogStep(
  ctx: AppContext,
  spreadsheetId: string,
  tabs: SheetTabs = ctx.tabs(spreadsheetId),
): CompactionStep {
  const now = ctx.clock.now();
  const rows = tabs.read(BULK_LOG_TAB)?.values ?? [];
  const id = changeToCompact(rows.slice(1), now);
  if (!id) return { deleted: 0, summarised: false, more: false };
  const cellRows = rows.flatMap((r, i) => (i > 0 && isCellRowOf(r, id) ? [i + 1] : []));
  const first = rows[cellRows[0]! - 1]!;
  // Bottom first, so a kill leaves the change's top rows (and its At) for the next step to find.
  const batch = cellRows.slice(-BULK_COMPACT_BATCH);

  return withSheetLock(ctx, (): CompactionStep => {
    const summarised = tabs.findRowNumbers(BULK_LOG_TAB, EMAIL_COLUMN, [summaryMark(id)]).length === 0;
    if (summarised)
      tabs.append(BULK_LOG_TAB, BULK_LOG_HEADERS, [
        summaryRow(first, cellRows.length, now.toISOString().slice(0, 10)),
      ]);
    // By content: only rows that, read now, still record a cell of this change.
    const runs = rowRuns(batch, READ_GAP_ROWS);
    const blocks = tabs.readBlocks(BULK_LOG_TAB, runs);
    const wanted = new Set(batch);
    const verified: number[] = [];
    runs.forEach((run, i) =>
      (blocks[i] ?? []).forEach((r, j) => {
        const row = run.row + j;
        if (wanted.has(row) && isCellRowOf(r, id)) verified.push(row);
      }),
    );
    tabs.deleteRows(BULK_LOG_TAB, verified);
    return { deleted: verified.length, summarised, more: true };
  });
}
