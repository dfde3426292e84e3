/**
 * The workbench's user settings when it runs on a warehouse file: the BigQuery store chosen, naming the
 * local project and dataset the stand-in answers as, as a user would in Settings.
 */
import type { Workbench } from './backend';
import type { OpenWarehouse } from './warehouse-store';

export function useWarehouseStore(backend: Workbench, warehouse: OpenWarehouse): void {
  // The settings shape of the BigQuery store comes with issue 21's cards (branch issue-21-cards);
  // until it is merged the world only gets the BigQuery global.
  void backend;
  void warehouse;
}
