/**
 * The customer warehouse Settings → Customer store chose, built at first use in an execution (so a
 * card on the sheet store never reads the BigQuery global, which needs its own scope). The header ↔
 * column mapping is kept in the user's cache for 6 hours: a lookup is then one BigQuery call.
 * BigQuery's refusals become cards that name what to enable, not stack traces.
 */
import { layoutFrom, type WarehouseLayout } from '../core/sql';
import { storeTableName, type BigQueryStore } from '../core/settings/store';
import { UserFacingError } from '../app/errors';
import { layoutCacheKey, storeSettings } from '../app/store-choice';
import type { CustomerWarehouse } from '../ports/customer-warehouse';
import type { AppContext } from '../app/context';
import type { ExpiringCache } from '../ports/expiring-cache';
import type { KeyValueStore } from '../ports/key-value-store';
import { BigQueryCustomerStore } from './bigquery-customer-store';
import { hourlySync } from '../app/jobs/source-sync-job';

/** The hourly run's source sync (src/app/jobs/source-sync-job.ts): reached only from this opt-in module. */
export const hourlySourceSync: ((ctx: AppContext) => unknown) | undefined = hourlySync;
import type { BigQueryLike, BlobLike } from './bigquery-like';

const LAYOUT_SECONDS = 6 * 3600;

/** What a BigQuery error means for the person looking at the card. */
export function explainBigQueryError(error: unknown, store: BigQueryStore): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const where = storeTableName(store);
  if (/insufficient authentication scopes|auth\/bigquery|permission to call BigQuery/i.test(message))
    return new UserFacingError(
      'BigQuery is not allowed yet',
      `Settings read customers from BigQuery (${where}), but this deployment was not granted the BigQuery scope.`,
      'Deploy the version of ChurnGuard with https://www.googleapis.com/auth/bigquery in its manifest and authorise it again, or switch Settings → Customer store back to the Google Sheet.',
    );
  if (/Access Denied|bigquery\.jobs\.create|does not have .*permission/i.test(message))
    return new UserFacingError(
      'No access to the BigQuery project',
      `BigQuery refused the query in ${store.projectId}: ${message}`,
      'Ask the project’s owner for the BigQuery Job User role on the project and Data Viewer on the dataset.',
    );
  if (/Not found: (Table|Dataset)|was not found/i.test(message))
    return new UserFacingError(
      'Customer table not found',
      `${message} (Settings read customers from ${where}).`,
      'Load the customers with ChurnGuard’s loader (it writes customers, customer_tags and customer_columns), or fix the project, dataset and table in Settings → Customer store.',
    );
  return error;
}

export function chosenWarehouse(
  settingsStore: KeyValueStore,
  cache: ExpiringCache,
  bigQuery: () => BigQueryLike | undefined,
  today: () => Date,
  sleep: (ms: number) => void,
  newBlob?: (text: string) => BlobLike,
): () => CustomerWarehouse | undefined {
  let chosen: { warehouse: CustomerWarehouse | undefined } | undefined;
  return () => {
    if (chosen) return chosen.warehouse;
    const store = storeSettings(settingsStore);
    if (store.kind !== 'bigquery') return (chosen = { warehouse: undefined }).warehouse;
    const service = bigQuery();
    if (!service)
      throw new UserFacingError(
        'BigQuery is not enabled',
        `Settings read customers from BigQuery (${storeTableName(store)}), but this deployment has no BigQuery advanced service.`,
        'Turn on the BigQuery API under Services in the Apps Script project (with the bigquery scope), or switch Settings → Customer store back to the Google Sheet.',
      );
    const key = layoutCacheKey(store);
    const warehouse = new BigQueryCustomerStore(service, {
      projectId: store.projectId,
      datasetId: store.datasetId,
      ...(store.table ? { table: store.table } : {}),
      today,
      sleep,
      ...(newBlob ? { newBlob } : {}),
      explain: (error) => explainBigQueryError(error, store),
      cachedLayout: () => {
        const json = cache.get(key);
        if (!json) return undefined;
        try {
          return layoutFrom(JSON.parse(json) as unknown[]);
        } catch {
          return undefined;
        }
      },
      remember: (layout: WarehouseLayout) =>
        cache.put(
          key,
          JSON.stringify(
            layout.headers.map((header, i) => ({
              position: i + 1,
              header,
              column_name: layout.map.columns[header],
            })),
          ),
          LAYOUT_SECONDS,
        ),
    });
    return (chosen = { warehouse }).warehouse;
  };
}
