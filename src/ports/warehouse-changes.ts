/**
 * Writing ChurnGuard's changes to a warehouse store (issue 21): appended, never updated, so two
 * teammates editing one customer at once both keep their edit; the latest-state views say what is
 * current. Implemented over BigQuery DML (src/gas/bigquery-customer-store.ts).
 */
import type { WarehouseChange } from '../core/changes';

export interface WarehouseChanges {
  /**
   * Appends the changes, each with the id its caller made for it. Sending the same changes again
   * (after an error whose cause is unknown) is harmless: the views count a change id once.
   */
  appendChanges(changes: readonly WarehouseChange[]): void;
}
