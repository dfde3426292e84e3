/**
 * Row numbers grouped into blocks to read or delete with one call each. Reading a few rows between
 * two matches costs less than another call (a read call is worth thousands of cells), so a reader
 * merges runs separated by at most `maxGap` rows; a deleter passes 0 and gets exact runs.
 */
export interface RowRun {
  row: number;
  count: number;
}

export function rowRuns(rows: readonly number[], maxGap: number): RowRun[] {
  const sorted = [...new Set(rows)].filter((r) => Number.isInteger(r) && r >= 1).sort((a, b) => a - b);
  const runs: RowRun[] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && r - (last.row + last.count) <= maxGap) last.count = r - last.row + 1;
    else runs.push({ row: r, count: 1 });
  }
  return runs;
}
