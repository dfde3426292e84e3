/**
 * Teammates' card edits piled up in a bench warehouse before it is measured (issue 21): the
 * latest-state views every read goes through add a window over the change rows, so the scan and
 * homepage figures are taken with 0 changes and with some thousands. `CHURNGUARD_BENCH_CHANGES`
 * (default 0) says how many; they are appended through the BigQuery store's own INSERTs
 * (appendChanges, ≤ 200 rows a statement), spread over the whole table: a third statuses (mostly
 * Mark churned), a third tags added or removed, a sixth impact overrides, a sixth notes.
 */
import type { WarehouseChange } from '../src/core/changes';
import { BigQueryCustomerStore } from '../src/gas/bigquery-customer-store';
import type { BigQueryLike } from '../src/gas/bigquery-like';
import type { SyncDuckDb } from '../src/local/standins/duckdb-sync';
import { LOCAL_WAREHOUSE } from '../src/local/workbench/warehouse-store';

export function benchChangeCount(): number {
  const n = Number(process.env.CHURNGUARD_BENCH_CHANGES ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

const TAGS = ['vip', 'renewal-risk', 'champion', 'call-back', 'paused'];
const IMPACTS = ['severe', 'hit', 'stable', 'booming', null] as const;

/** `count` card edits on customers spread over the table, appended. */
export function appendCardEdits(db: SyncDuckDb, bq: BigQueryLike, count: number, atMs: number): void {
  if (count === 0) return;
  const total = Number(db.run('SELECT COUNT(*) FROM customers', {}).rows[0]![0]);
  const customers = Math.min(total, Math.ceil(count / 2));
  const stride = Math.max(1, Math.floor(total / customers));
  const emails = db
    .run('SELECT email FROM customers WHERE row_id % $s = 0 ORDER BY row_id LIMIT $n', {
      s: BigInt(stride),
      n: BigInt(customers),
    })
    .rows.map((r) => String(r[0]));
  const changes: WarehouseChange[] = Array.from({ length: count }, (_, i) => {
    const email = emails[i % emails.length]!;
    const stamp = {
      changeId: `bench-card-${i.toString(36).padStart(8, '0')}`,
      author: 'bench@acme.example',
      atMs: atMs + i,
    };
    switch (i % 6) {
      case 0:
      case 1:
        return { ...stamp, kind: 'field', email, field: 'status', value: i % 5 === 0 ? 'active' : 'churned' };
      case 2:
      case 3:
        return {
          ...stamp,
          kind: 'tag',
          email,
          tag: TAGS[i % TAGS.length]!,
          op: i % 4 === 2 ? 'add' : 'remove',
        };
      case 4:
        return { ...stamp, kind: 'field', email, field: 'impact', value: IMPACTS[i % IMPACTS.length]! };
      default:
        return { ...stamp, kind: 'note', email, text: 'Called, left a message' };
    }
  });
  const store = new BigQueryCustomerStore(bq, { ...LOCAL_WAREHOUSE, today: () => new Date(atMs) });
  store.appendChanges(changes);
}
