/**
 * Which customer store Settings chose (src/core/settings/store.ts), and the one sentence a card
 * shows for what the BigQuery store cannot do yet, so no card reads the sheet behind the team's back
 * or shows empty figures.
 */
import { SHEET_STORE, storeTableName, type BigQueryStore, type StoreSettings } from '../core/settings/store';
import type { CustomerWarehouse } from '../ports/customer-warehouse';
import type { AppContext } from './context';
import type { KeyValueStore } from '../ports/key-value-store';
import type { Settings } from '../core/settings/settings';
import { loadSettings } from './settings-store';
import { UserFacingError } from './errors';

export function storeOf(settings: Settings): StoreSettings {
  return settings.store ?? SHEET_STORE;
}

export function storeSettings(store: KeyValueStore): StoreSettings {
  return storeOf(loadSettings(store).settings);
}

/** The user-cache key of a dataset's header ↔ column mapping (forgotten when Settings are saved). */
export const layoutCacheKey = (store: { projectId: string; datasetId: string }) =>
  `churnguard.wh.columns:${store.projectId}.${store.datasetId}`;

/** The error card for an action that would read or write the customer tab while BigQuery is the store. */
export function warehouseRefusal(settings: Settings, what: string): UserFacingError {
  const store = storeOf(settings);
  const where = store.kind === 'bigquery' ? storeTableName(store) : 'BigQuery';
  return new UserFacingError(
    'Not available with the BigQuery store yet',
    `${what}. Customers are read from ${where}, and this still needs the customer sheet.`,
    'Switch Settings → Customer store back to the Google Sheet to use it.',
  );
}

/** The warehouse and its settings when Settings chose BigQuery; undefined on the sheet store. */
export function activeWarehouse(
  ctx: AppContext,
  settings: Settings,
): { warehouse: CustomerWarehouse; store: BigQueryStore } | undefined {
  const store = storeOf(settings);
  if (store.kind !== 'bigquery') return undefined;
  const warehouse = ctx.warehouse?.();
  return warehouse ? { warehouse, store } : undefined;
}
