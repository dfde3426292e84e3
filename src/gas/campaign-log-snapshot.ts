/**
 * Some rows of the Campaigns tab, indexed by key, read under the shared lock just before a write:
 * where each recipient's row is now, and what its status cells hold. Rows are found with a TextFinder
 * (a campaign's rows by Campaign ID, or a batch's rows by Email), so a read costs what the campaign
 * or the batch holds, never what the other campaigns in the tab hold.
 */
import { rowRuns } from '../core/sheet/row-runs';
import {
  headerError,
  logColumns,
  readLogRows,
  recipientKey,
  type LogColumn,
  type LogRead,
} from '../core/campaigns/log';
import { normaliseEmail } from '../core/email/address';
import { escapeRegex, findRows } from './customer-sheet';
import type { SheetLike } from './services';

/**
 * Rows between two matches read rather than skipped: a log row is 8 cells and a read call costs as
 * much as thousands of cells, so reading a few unwanted rows is cheaper than one more call.
 */
export const LOG_READ_GAP_ROWS = 200;

/** Emails one TextFinder pattern may name: beyond this a write finds its campaign's rows instead. */
export const EMAILS_PER_FINDER = 60;

export type LogColumns = Record<LogColumn, number>;

export interface LogSnapshot {
  columns: LogColumns;
  /** Sheet rows (1-based) of each key read; more than one when a row was pasted twice. */
  rowsByKey: Map<string, number[]>;
  /** The key of each row read ('' for a row with neither campaign id nor email). */
  keyAt: Map<number, string>;
  /** Status, Updated and Detail of a row read. */
  statusAt(row: number): [unknown, unknown, unknown];
}

/** The header's columns; throws, naming the missing ones, before anything is written. */
export function logHeader(s: SheetLike, tab: string): LogColumns | null {
  if (s.getLastRow() === 0) return null;
  const header = s.getRange(1, 1, 1, Math.max(s.getLastColumn(), 1)).getValues()[0] ?? [];
  const columns = logColumns(header);
  if (!columns) throw headerError(header, tab);
  return columns;
}

/**
 * A tab this small is read whole instead of searched: one read of ≤ 8,000 cells costs about what a
 * TextFinder does, and a small sheet's Start sends more in its few seconds. Beyond it the cost stays
 * flat: at most these rows, or what the TextFinder finds.
 */
export const READ_WHOLE_UP_TO_ROWS = 1_000;

/** Every data row of a small tab, or null for a tab worth searching. */
function smallTab(s: SheetLike): number[] | null {
  const last = s.getLastRow();
  return last - 1 <= READ_WHOLE_UP_TO_ROWS
    ? Array.from({ length: Math.max(0, last - 1) }, (_, i) => i + 2)
    : null;
}

/** The data rows whose Campaign ID cell is one of `ids` (whole cell, any case): one TextFinder. */
export function campaignRows(s: SheetLike, columns: LogColumns, ids: readonly string[]): number[] {
  const wanted = ids.map((id) => id.trim()).filter(Boolean);
  if (wanted.length === 0) return [];
  const all = smallTab(s);
  if (all) return all;
  return findRows(s, columns['Campaign ID'] + 1, `\\s*(?:${wanted.map(escapeRegex).join('|')})\\s*`);
}

/** The data rows whose Email cell is one of `emails` (whole cell, any case): one TextFinder. */
export function emailRows(s: SheetLike, columns: LogColumns, emails: readonly string[]): number[] {
  const wanted = [...new Set(emails.map(normaliseEmail))].filter(Boolean);
  if (wanted.length === 0) return [];
  const all = smallTab(s);
  if (all) return all;
  return findRows(s, columns.Email + 1, `\\s*(?:${wanted.map(escapeRegex).join('|')})\\s*`);
}

/** These rows as they are now, one read per block of nearby rows. */
export function readRowsAt(s: SheetLike, rows: readonly number[]): { row: number; values: unknown[] }[] {
  const last = s.getLastRow();
  const width = Math.max(s.getLastColumn(), 1);
  const wanted = new Set(rows);
  const out: { row: number; values: unknown[] }[] = [];
  for (const run of rowRuns(rows, LOG_READ_GAP_ROWS)) {
    const count = Math.min(run.count, last - run.row + 1);
    if (count <= 0 || run.row < 2) continue;
    s.getRange(run.row, 1, count, width)
      .getValues()
      .forEach((values, i) => {
        if (wanted.has(run.row + i)) out.push({ row: run.row + i, values });
      });
  }
  return out;
}

/**
 * The keys these rows hold, reading only the columns from Campaign ID to Email (an append needs the
 * keys, not the statuses: 3 cells a row instead of 8 in the shipped layout).
 */
export function keysAt(s: SheetLike, columns: LogColumns, rows: readonly number[]): Set<string> {
  const first = Math.min(columns['Campaign ID'], columns.Email);
  const width = Math.max(columns['Campaign ID'], columns.Email) - first + 1;
  const last = s.getLastRow();
  const wanted = new Set(rows);
  const keys = new Set<string>();
  for (const run of rowRuns(rows, LOG_READ_GAP_ROWS)) {
    const count = Math.min(run.count, last - run.row + 1);
    if (count <= 0 || run.row < 2) continue;
    s.getRange(run.row, first + 1, count, width)
      .getValues()
      .forEach((r, i) => {
        if (!wanted.has(run.row + i)) return;
        const id = String(r[columns['Campaign ID'] - first] ?? '').trim();
        const email = normaliseEmail(String(r[columns.Email - first] ?? ''));
        if (id || email) keys.add(recipientKey(id, email));
      });
  }
  return keys;
}

/** The rows of these campaigns, parsed (issues name only their rows); empty for a tab without rows. */
export function readCampaignRows(s: SheetLike, tab: string, ids: readonly string[]): LogRead | null {
  const columns = logHeader(s, tab);
  if (!columns) return null;
  const wanted = new Set(ids.map((id) => id.trim()));
  const read = readLogRows(columns, readRowsAt(s, campaignRows(s, columns, ids)), tab);
  // The TextFinder ignores case; a campaign id is exact.
  return { ...read, recipients: read.recipients.filter((r) => wanted.has(r.campaignId)) };
}

/** The rows `locate` finds (plus `alsoRows`), indexed by key, under a header checked first. */
export function readLogSnapshot(
  s: SheetLike,
  tab: string,
  locate: (columns: LogColumns) => number[],
  alsoRows: readonly number[] = [],
  /** The header as read moments ago in the same write (a re-read after writing need not read it again). */
  known?: LogColumns,
): LogSnapshot {
  const columns = known ?? logHeader(s, tab);
  if (!columns) throw new Error(`The "${tab}" tab has no header row.`);
  const rows = readRowsAt(s, [...locate(columns), ...alsoRows]);
  const rowsByKey = new Map<string, number[]>();
  const keyAt = new Map<number, string>();
  const values = new Map<number, unknown[]>();
  for (const { row, values: r } of rows) {
    values.set(row, r);
    const id = String(r[columns['Campaign ID']] ?? '').trim();
    const email = normaliseEmail(String(r[columns.Email] ?? ''));
    const key = id || email ? recipientKey(id, email) : '';
    keyAt.set(row, key);
    if (key) rowsByKey.set(key, [...(rowsByKey.get(key) ?? []), row]);
  }
  return {
    columns,
    rowsByKey,
    keyAt,
    statusAt: (row) => {
      const r = values.get(row) ?? [];
      return [r[columns.Status], r[columns.Updated], r[columns.Detail]];
    },
  };
}
