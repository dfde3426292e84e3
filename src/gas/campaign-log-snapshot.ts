/**
 * One read of the whole Campaigns tab, indexed by key, taken under the shared lock just before a
 * write: where each recipient's row is now, and what its status cells hold.
 */
import { readLog, recipientKey, type LogRead } from '../core/campaigns/log';
import { normaliseEmail } from '../core/email/address';
import type { SheetLike } from './services';

export interface LogSnapshot {
  columns: LogRead['columns'];
  /** Sheet rows (1-based) of each key; more than one when a row was pasted twice. */
  rowsByKey: Map<string, number[]>;
  /** The key of each data row ('' for a row with neither campaign id nor email). */
  keyAt: Map<number, string>;
  /** Status, Updated and Detail of a row. */
  statusAt(row: number): [unknown, unknown, unknown];
}

export function readLogSnapshot(s: SheetLike, tab: string): LogSnapshot {
  const last = s.getLastRow();
  const values = last === 0 ? [] : s.getRange(1, 1, last, Math.max(s.getLastColumn(), 1)).getValues();
  // readLog checks the header and throws, naming the missing columns, before anything is written.
  const { columns } = readLog(values, tab);
  const rowsByKey = new Map<string, number[]>();
  const keyAt = new Map<number, string>();
  values.slice(1).forEach((r, i) => {
    const row = i + 2;
    const id = String(r[columns['Campaign ID']] ?? '').trim();
    const email = normaliseEmail(String(r[columns.Email] ?? ''));
    const key = id || email ? recipientKey(id, email) : '';
    keyAt.set(row, key);
    if (key) rowsByKey.set(key, [...(rowsByKey.get(key) ?? []), row]);
  });
  return {
    columns,
    rowsByKey,
    keyAt,
    statusAt: (row) => {
      const r = values[row - 1] ?? [];
      return [r[columns.Status], r[columns.Updated], r[columns.Detail]];
    },
  };
}
