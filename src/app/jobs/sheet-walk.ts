/**
 * Walking the customer tab in bounded chunks, for every whole-sheet job (rescore, the daily scan,
 * a campaign's audience, a bulk tag). A 100k-row, 24-column tab is 2.4M cells: one read of it takes
 * longer than a card's 30 s and most of a trigger's 6 min, so jobs read a chunk at a time and keep a
 * cursor between chunks and between executions.
 *
 * People sort, insert and delete rows while a job runs over several executions. A cursor that is a
 * bare row number would then skip or repeat customers, so the walk keeps the row count it started
 * with, an anchor (the last row it finished and the email that row held) and a digest of every Email
 * cell walked, in order. On resume the cheap checks go first (row count, anchor row); then the Email
 * column is read once and its walked part compared with the digest, because a sort can leave the
 * anchor row where it was and still move rows across the cursor. If anything differs, the walk says
 * the sheet moved and the job starts over with nothing counted twice.
 */
import type { Settings } from '../../core/settings/settings';
import { emailColumnIndex } from '../../core/sheet/columns';
import { parseEmail } from '../../core/sheet/values';
import type { CustomerSheetRead } from '../../core/sheet/read-customers';
import { parseSheetRows } from '../whole-sheet';
import type { CustomerSheet, SheetRows } from '../../ports/customer-sheet';

/** A JSON-safe cursor: where the next chunk starts and what the finished part of the tab looked like. */
export interface SheetWalk {
  /** The next 1-based row to read (2 = from the top). */
  nextRow: number;
  /** The tab's last row when the walk began; the walk ends after it. */
  endRow: number;
  /** Rows a chunk reads, fixed when the walk began from the tab's width. */
  chunkRows: number;
  /** The last row finished and the email it held, checked on resume; absent before the first chunk. */
  anchor?: { row: number; email: string };
  /** FNV-1a over the Email cells walked so far, in row order ('' or absent = nothing walked). */
  walkedDigest?: string;
}

/** Continues an FNV-1a digest over Email cells (trimmed, lower case, one line each). */
export function chainEmailDigest(digest: string | undefined, cells: readonly unknown[]): string {
  let h = digest ? parseInt(digest, 16) : 0x811c9dc5;
  for (const cell of cells) {
    const text = `${String(cell ?? '')
      .trim()
      .toLowerCase()}\n`;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Cells one chunk reads: about 0.6 s of modelled read time and well under a second of parsing. */
export const CHUNK_CELLS = 60_000;

/** Rows a chunk reads for a tab this wide, at least one. */
export function rowsPerChunk(width: number, cells = CHUNK_CELLS): number {
  return Math.max(1, Math.floor(cells / Math.max(1, width)));
}

/** A walk from the top of the tab as it is now: one metadata call and one header read. */
export function startWalk(sheet: CustomerSheet, cells = CHUNK_CELLS): SheetWalk {
  return { nextRow: 2, endRow: sheet.lastRow(), chunkRows: rowsPerChunk(sheet.readHeaders().length, cells) };
}

export const walkDone = (walk: SheetWalk) => walk.nextRow > walk.endRow;

/** Rows walked so far and in all, for progress lines ("rescoring: 40,000 / 100,000"). */
export function walkProgress(walk: SheetWalk): { done: number; total: number } {
  const total = Math.max(0, walk.endRow - 1);
  return { done: Math.min(total, Math.max(0, walk.nextRow - 2)), total };
}

export interface WalkChunk {
  all: SheetRows;
  read: CustomerSheetRead;
  /** The cursor after this chunk: save it together with whatever the chunk produced. */
  next: SheetWalk;
}

function emailAt(rows: SheetRows, locateEmail: number, index: number): string {
  const parsed = parseEmail(rows.rows[index]?.[locateEmail]);
  return parsed.ok ? parsed.value.email : '';
}

/**
 * Whether the part already walked is as the walk left it: same row count, the anchor row still holds
 * its email, and the walked Email cells still give the same digest. Call it once per execution before
 * the first chunk: it reads the Email column (one call; 100k cells is about a second), never per chunk.
 */
export function walkStillValid(sheet: CustomerSheet, settings: Settings, walk: SheetWalk): boolean {
  if (sheet.lastRow() !== walk.endRow) return false;
  if (!walk.anchor) return true;
  const rows = sheet.readRows(walk.anchor.row, 1);
  const column = emailColumnIndex(rows.headers, settings.mapping);
  if (column < 0 || rows.rows.length !== 1 || emailAt(rows, column, 0) !== walk.anchor.email) return false;
  if (walk.walkedDigest === undefined) return true;
  const walked = sheet.readColumn(column + 1).slice(0, walk.nextRow - 2);
  return chainEmailDigest(undefined, walked) === walk.walkedDigest;
}

/** Reads and parses the chunk at the cursor (two reads); the caller saves `next` with its results. */
export function readChunk(sheet: CustomerSheet, settings: Settings, walk: SheetWalk): WalkChunk {
  const count = Math.min(walk.chunkRows, walk.endRow - walk.nextRow + 1);
  const all = sheet.readRows(walk.nextRow, Math.max(0, count));
  const read = parseSheetRows(all, settings);
  const last = all.rowNumbers.length - 1;
  const column = emailColumnIndex(all.headers, settings.mapping);
  const next: SheetWalk = {
    ...walk,
    nextRow: walk.nextRow + Math.max(count, 0),
    ...(last >= 0 ? { anchor: { row: all.rowNumbers[last]!, email: emailAt(all, column, last) } } : {}),
    walkedDigest: chainEmailDigest(
      walk.walkedDigest,
      all.rows.map((r) => (column >= 0 ? r[column] : '')),
    ),
  };
  return { all, read, next };
}
