/**
 * Bulk tags on the BigQuery store: the preview counts who would change (2 queries), Apply appends a
 * tag change for each of them in one statement, Undo appends the reverse where nobody has changed
 * that tag since. Nothing is written over a shared cell, so a teammate's tag saved at the same time
 * stays, and the whole segment is done within the card whatever its size.
 *
 * The last batch is remembered per user (user properties, a few hundred bytes) so the Segments card
 * can offer Undo for it.
 */
import * as z from '../../core/zod';
import type { Query } from '../../core/segments';
import type { TagOperation } from '../../core/sql/bulk-tag';
import { count } from '../../core/text/format';
import type { CustomerWarehouse } from '../../ports/customer-warehouse';
import type { Card } from '../../ui/card/types';
import { bulkTagPreviewCard } from '../../ui/cards/segments';
import type { AppContext } from '../context';

const LAST_BATCH_KEY = 'churnguard.warehouseBulkTag';

const LastBatchSchema = z.object({
  batchId: z.string(),
  segment: z.string(),
  tag: z.string(),
  operation: z.enum(['add', 'remove']),
  customers: z.int().check(z.nonnegative()),
  at: z.string(),
  by: z.string(),
});
type LastBatch = z.infer<typeof LastBatchSchema>;

function lastBatch(ctx: AppContext): LastBatch | undefined {
  const raw = ctx.userStore.get(LAST_BATCH_KEY);
  if (!raw) return undefined;
  try {
    const parsed = LastBatchSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A new batch id: 8-24 of [A-Za-z0-9_-], unique enough across a team's users and retries. */
function batchStamp(ctx: AppContext, prefix: 'bt' | 'un') {
  const atMs = ctx.clock.now().getTime();
  const random = Math.floor(Math.random() * 2 ** 40).toString(36);
  return {
    batchId: `${prefix}-${atMs.toString(36)}-${random}`,
    author: ctx.session.email() || 'unknown',
    atMs,
  };
}

export function warehouseBulkTagPreview(
  ctx: AppContext,
  warehouse: CustomerWarehouse,
  segment: { name: string; query: Query },
  tag: string,
  operation: TagOperation,
): Card {
  const p = warehouse.bulkTagPreview(segment.query, tag, operation, ctx.clock.now());
  return bulkTagPreviewCard({
    segment: segment.name,
    tag,
    operation,
    changes: [],
    unchanged: p.members - p.changes,
    counted: { changes: p.changes, examples: p.examples.map((e) => ({ row: e.rowId, email: e.email })) },
  });
}

/** Apply: one statement; returns the notification. A repeat (the first answer lost) changes nobody. */
export function warehouseBulkTagApply(
  ctx: AppContext,
  warehouse: CustomerWarehouse,
  segment: { name: string; query: Query },
  tag: string,
  operation: TagOperation,
): string {
  const stamp = batchStamp(ctx, 'bt');
  const changed = warehouse.bulkTag(segment.query, tag, operation, stamp, ctx.clock.now());
  const verb = operation === 'add' ? 'added to' : 'removed from';
  if (changed === 0)
    return `Nobody in ${segment.name} needed “${tag}” ${operation === 'add' ? 'added' : 'removed'}.`;
  const record: LastBatch = {
    batchId: stamp.batchId,
    segment: segment.name,
    tag,
    operation,
    customers: changed,
    at: new Date(stamp.atMs).toISOString(),
    by: stamp.author,
  };
  ctx.userStore.set(LAST_BATCH_KEY, JSON.stringify(record));
  return `Tag “${tag}” ${verb} ${count(changed, 'customer')}. Undo is on the Segments card.`;
}

/** The Segments card's "Last bulk change" line, when there is one to undo. */
export function warehouseUndoText(ctx: AppContext): string | undefined {
  const last = lastBatch(ctx);
  if (!last) return undefined;
  const verb = last.operation === 'add' ? 'added to' : 'removed from';
  return `“${last.tag}” ${verb} ${count(last.customers, 'customer')} in ${last.segment}, ${last.at.slice(0, 16).replace('T', ' ')} UTC by ${last.by}`;
}

export function warehouseBulkTagUndo(ctx: AppContext, warehouse: CustomerWarehouse): string {
  const last = lastBatch(ctx);
  if (!last) return 'There is no bulk change to undo.';
  const { restored, kept } = warehouse.undoBulkTag(last.batchId, batchStamp(ctx, 'un'));
  // Forgotten once undone: a second Undo would find every row already reversed anyway.
  ctx.userStore.delete(LAST_BATCH_KEY);
  return (
    `Restored ${count(restored, 'customer')}` +
    (kept ? `; kept ${count(kept, 'customer')} whose “${last.tag}” a teammate changed since` : '')
  );
}
