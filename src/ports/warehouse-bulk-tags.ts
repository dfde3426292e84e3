/**
 * A tag given to (or taken from) a whole segment on a warehouse store: a few statements whatever the
 * segment's size (src/core/sql/bulk-tag.ts), appended as tag changes like a teammate's own edits.
 */
import type { Query } from '../core/segments';
import type { BulkTagStamp, TagOperation } from '../core/sql/bulk-tag';

export interface BulkTagPreview {
  /** The segment's members today. */
  members: number;
  /** Members the change would change (an add leaves out who already has the tag). */
  changes: number;
  /** The first few of those, by source row. */
  examples: { rowId: number; email: string }[];
}

export interface WarehouseBulkTags {
  bulkTagPreview(segment: Query, tag: string, operation: TagOperation, today?: Date): BulkTagPreview;
  /** Appends the change for every member it would change, as batch `stamp.batchId`; returns how many. */
  bulkTag(segment: Query, tag: string, operation: TagOperation, stamp: BulkTagStamp, today?: Date): number;
  /** Reverses batch `batchId` where nobody changed the same tag since; `kept` counts those left as they are. */
  undoBulkTag(batchId: string, undo: BulkTagStamp): { restored: number; kept: number };
}
