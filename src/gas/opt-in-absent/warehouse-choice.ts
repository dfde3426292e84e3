/**
 * Stands in for ../warehouse-choice.ts in a deployment built without the BigQuery opt-in (the
 * default: `npm run build`). That deployment's manifest has neither the bigquery scope nor the
 * BigQuery advanced service, so the store could never run there; leaving the SQL compiler and the
 * store out keeps about 30 KB off the file Apps Script parses on every card click
 * (scripts/lib/bundle.ts, `leaveOutOptIns`). Same export and signature as the real module.
 */
import { UserFacingError } from '../../app/errors';
import { storeSettings } from '../../app/store-choice';
import { storeTableName } from '../../core/settings/store';
import type { CustomerWarehouse } from '../../ports/customer-warehouse';
import type { AppContext } from '../../app/context';
import type { ExpiringCache } from '../../ports/expiring-cache';
import type { KeyValueStore } from '../../ports/key-value-store';
import type { BigQueryLike, BlobLike } from '../bigquery-like';

/** No source sync without the BigQuery store (../warehouse-choice.ts has it). */
export const hourlySourceSync: ((ctx: AppContext) => unknown) | undefined = undefined;

export function chosenWarehouse(
  settingsStore: KeyValueStore,
  _cache: ExpiringCache,
  _bigQuery: () => BigQueryLike | undefined,
  _today: () => Date,
  _sleep: (ms: number) => void,
  _newBlob?: (text: string) => BlobLike,
): () => CustomerWarehouse | undefined {
  return () => {
    const store = storeSettings(settingsStore);
    if (store.kind !== 'bigquery') return undefined;
    throw new UserFacingError(
      'This deployment has no BigQuery store',
      `Settings read customers from BigQuery (${storeTableName(store)}), but this version of ChurnGuard was deployed without the BigQuery opt-in.`,
      'Deploy it with npm run deploy -- --with bigquery (it adds the bigquery scope and the BigQuery service), or switch Settings → Customer store back to the Google Sheet.',
    );
  };
}
