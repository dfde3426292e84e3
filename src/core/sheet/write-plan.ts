/**
 * Turns cell updates into as few rectangular writes as possible: updates in one column on consecutive
 * rows become one block, so writing back costs one setValues per run, never one per cell.
 */
export interface CellUpdate {
  /** 1-based sheet row and column. */
  row: number;
  column: number;
  value: unknown;
}

export interface WriteBlock {
  row: number;
  column: number;
  values: unknown[][];
}

export function planWrites(updates: readonly CellUpdate[]): WriteBlock[] {
  const latest = new Map<string, CellUpdate>();
  for (const u of updates) latest.set(`${u.column}:${u.row}`, u); // the last update of a cell wins
  const sorted = [...latest.values()].sort((a, b) => a.column - b.column || a.row - b.row);
  const blocks: WriteBlock[] = [];
  for (const u of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && last.column === u.column && last.row + last.values.length === u.row)
      last.values.push([u.value]);
    else blocks.push({ row: u.row, column: u.column, values: [[u.value]] });
  }
  // Side-by-side columns covering the same rows merge into one wider block.
  const merged: WriteBlock[] = [];
  for (const b of blocks) {
    const prev = merged.find(
      (m) =>
        m.row === b.row &&
        m.values.length === b.values.length &&
        m.column + (m.values[0]?.length ?? 0) === b.column,
    );
    if (prev) {
      prev.values.forEach((line, i) => line.push(b.values[i]![0]));
    } else merged.push({ row: b.row, column: b.column, values: b.values.map((l) => [...l]) });
  }
  return merged;
}
