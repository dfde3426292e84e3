/**
 * The workbench's user settings when it runs on a warehouse file: Settings → Customer store set to
 * BigQuery, naming the local project and dataset the stand-in answers as, as a user would choose it.
 * The connected sheet stays: its other tabs (Segments, Templates, Notes…) are still the team's
 * configuration. Set on every start, so `--store` always wins over what an earlier run saved.
 */
import { loadSettings, saveSettings } from '../../app/settings-store';
import type { StoreSettings } from '../../core/settings/store';
import type { Workbench } from './backend';
import { LOCAL_WAREHOUSE } from './warehouse-store';

export const WORKBENCH_WAREHOUSE_STORE: StoreSettings = { kind: 'bigquery', ...LOCAL_WAREHOUSE };

function userSettings(backend: Workbench) {
  const properties = backend.world.userProperties;
  const store = {
    get: (k: string) => properties.values.get(k) ?? null,
    set: (k: string, v: string) => properties.put(k, v),
    delete: (k: string) => void properties.values.delete(k),
  };
  return { store, settings: loadSettings(store).settings };
}

export function useWarehouseStore(backend: Workbench): void {
  const { store, settings } = userSettings(backend);
  saveSettings(store, { ...settings, store: WORKBENCH_WAREHOUSE_STORE });
  backend.saveState();
}

/**
 * A start without `--store` goes back to the sheet when the saved settings still name the local
 * warehouse of an earlier `--store` run: there is no BigQuery in this world to read it from.
 */
export function leaveWarehouseStore(backend: Workbench): void {
  const { store, settings } = userSettings(backend);
  if (settings.store?.kind !== 'bigquery' || settings.store.projectId !== LOCAL_WAREHOUSE.projectId) return;
  saveSettings(store, { ...settings, store: { kind: 'sheet' } });
  backend.saveState();
}
