/**
 * Rows of a tab by number, for the steps that move or re-check rows people may have sorted, edited
 * or deleted since they were found (the Alerts and Campaigns archives): read them in few calls,
 * compare them cell by cell, carry a column across by its name.
 */
import { sameHeader } from '../core/sheet/columns';
import { rowRuns } from '../core/sheet/row-runs';
import type { SheetTabs } from '../ports/sheet-tabs';

/**
 * Rows between two wanted ones read rather than skipped: a row is ~10 cells and a read call costs as
 * much as ~5,000 cells, so reading 200 unwanted rows is cheaper than one more call.
 */
export const READ_GAP_ROWS = 200;

/** The rows as they are now, by number, one read per block of nearby rows; rows past the end are absent. */
export function readRowsByNumber(
  tabs: SheetTabs,
  tab: string,
  rows: readonly number[],
): Map<number, unknown[]> {
  const runs = rowRuns(rows, READ_GAP_ROWS);
  const blocks = tabs.readBlocks(tab, runs);
  const wanted = new Set(rows);
  const out = new Map<number, unknown[]>();
  runs.forEach((run, i) =>
    (blocks[i] ?? []).forEach((r, j) => {
      if (wanted.has(run.row + j)) out.set(run.row + j, r);
    }),
  );
  return out;
}

/** Whether two rows hold the same cells, as text (a row a person edited since it was read is not). */
export const sameCells = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((v, i) => String(v ?? '') === String(b[i] ?? ''));

/** The cell of `row` (laid out under `rowHeader`) in the column named `name`; '' when it has none. */
export function cellByName(row: readonly unknown[], rowHeader: readonly unknown[], name: string): unknown {
  const i = rowHeader.findIndex((x) => sameHeader(x, name));
  return i >= 0 ? (row[i] ?? '') : '';
}
