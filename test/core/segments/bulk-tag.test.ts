/** Bulk tagging: the preview plan, the batched column write, and undo after the sheet moved. */
import type { Customer } from '../../../src/core/customers/customer';
import {
  applyToColumn,
  BULK_LOG_HEADERS,
  bulkLogRows,
  cleanTag,
  lastOpenChange,
  planBulkTag,
  planUndo,
} from '../../../src/core/segments';

const member = (row: number, email: string, tags: string): Customer => ({
  row,
  email,
  tags: tags ? tags.split(', ') : [],
  status: 'active',
  unsubscribed: false,
  raw: { Tags: tags },
});

describe('bulk tagging', () => {
  const members = [member(2, 'a@x', ''), member(3, 'b@x', 'vip'), member(5, 'c@x', 'key, VIP')];

  it('plans only the rows that change, and counts the rest', () => {
    const add = planBulkTag(members, 'vip', 'add', 'Tags');
    expect(add.changes).toEqual([{ row: 2, email: 'a@x', before: '', after: 'vip' }]);
    expect(add.unchanged).toBe(2);
    const remove = planBulkTag(members, 'VIP', 'remove', 'Tags');
    expect(remove.changes).toEqual([
      { row: 3, email: 'b@x', before: 'vip', after: '' },
      { row: 5, email: 'c@x', before: 'key, VIP', after: 'key' },
    ]);
  });

  it('applies the plan to the column in one block, skipping cells edited since the preview', () => {
    const plan = planBulkTag(members, 'crisis-2026', 'add', 'Tags');
    const column = ['', 'vip', 'untouched', 'key, VIP edited'];
    const { values, applied, skipped } = applyToColumn(column, plan);
    expect(values).toEqual([['crisis-2026'], ['vip, crisis-2026'], ['untouched'], ['key, VIP edited']]);
    expect(applied.map((c) => c.row)).toEqual([2, 3]);
    expect(skipped.map((c) => c.row)).toEqual([5]);
  });

  it('undoes the last change by email after the rows were sorted, keeping cells edited since', () => {
    const plan = planBulkTag(members, 'crisis', 'add', 'Tags');
    const older = bulkLogRows(
      { id: 'c1', at: new Date('2026-11-19T10:00:00Z'), by: 'am@x', column: 'Tags' },
      [{ row: 9, email: 'z@x', before: '', after: 'old' }],
    );
    const log = [
      BULK_LOG_HEADERS,
      ...older,
      ...bulkLogRows(
        { id: 'c2', at: new Date('2026-11-20T10:00:00Z'), by: 'am@x', column: 'Tags' },
        plan.changes,
      ),
    ];
    const last = lastOpenChange(log)!;
    expect(last.id).toBe('c2');
    expect(last.cells.map((c) => c.logRow)).toEqual([3, 4, 5]);
    // Sorted: a@x moved to row 7; b@x edited its tags; c@x deleted.
    const now: Record<string, { row: number; value: string }> = {
      'a@x': { row: 7, value: 'crisis' },
      'b@x': { row: 2, value: 'vip, crisis, renewal' },
    };
    const undo = planUndo(last, (email) => now[email]);
    expect(undo.restores).toEqual([{ row: 7, value: '', email: 'a@x' }]);
    expect(undo.conflicts).toEqual([
      "b@x (row 2): tags edited since ('vip, crisis, renewal'), kept",
      'c@x: no longer in the sheet',
    ]);
    // Once c2 is marked undone, c1 is the one to undo next.
    const marked = log.map((r, i) => (i >= 2 ? [...r.slice(0, 8), '2026-11-20'] : r));
    expect(lastOpenChange(marked)?.id).toBe('c1');
    expect(lastOpenChange([BULK_LOG_HEADERS])).toBeNull();
  });

  it('refuses tags that would split into several', () => {
    expect(cleanTag('  crisis   2026 ')).toEqual({ ok: true, tag: 'crisis 2026' });
    expect(cleanTag('a, b').ok).toBe(false);
    expect(cleanTag('a|b').ok).toBe(false);
    expect(cleanTag(' ').ok).toBe(false);
  });
});
