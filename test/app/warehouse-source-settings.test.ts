/**
 * Settings → Customer store's source table or view (issue 21, the source sync): typed on the card,
 * checked with the rule it breaks, saved, shown again with the sync's status, and removed by clearing it.
 */
import { loadSettings } from '../../src/app/settings-store';
import { act } from '../helpers/stand-in-context';
import { warehouseRows, warehouseWorlds, type WarehouseWorlds } from '../helpers/warehouse-world';

let w: WarehouseWorlds;
beforeAll(async () => {
  w = await warehouseWorlds(warehouseRows(20));
}, 60_000);
afterAll(() => w.close());

const shown = (value: unknown) => JSON.stringify(value);
const form = (source: string) => ({
  spreadsheet: w.warehouse.spreadsheetId,
  customerSheet: 'Customers',
  storeKind: 'bigquery',
  storeProject: 'acme-proj',
  storeDataset: 'churnguard',
  storeTable: '',
  ...(source ? { storeSource: source } : {}),
});
const savedSource = () => {
  const store = loadSettings(w.warehouse.ctx().userStore).settings.store;
  return store?.kind === 'bigquery' ? store.source : undefined;
};

describe('Settings → Customer store → source table or view', () => {
  it('is saved, shown with the sync status, refused when malformed, and removed when cleared', () => {
    expect(shown(act(w.warehouse.ctx(), 'openSettings'))).toContain('Source table or view (optional)');

    act(w.warehouse.ctx(), 'saveSettings', {}, form('team-data.crm.customers_view'));
    expect(savedSource()).toBe('team-data.crm.customers_view');
    const card = shown(act(w.warehouse.ctx(), 'openSettings'));
    expect(card).toContain('"value":"team-data.crm.customers_view"');
    expect(card).toContain('Not synced yet.');

    const refused = shown(act(w.warehouse.ctx(), 'saveSettings', {}, form('crm.customers_view')));
    expect(refused).toContain('source table or view');
    expect(savedSource()).toBe('team-data.crm.customers_view');

    act(w.warehouse.ctx(), 'saveSettings', {}, form(''));
    expect(savedSource()).toBeUndefined();
    expect(shown(act(w.warehouse.ctx(), 'openSettings'))).not.toContain('Not synced yet.');
  });
});
