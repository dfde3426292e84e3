/**
 * The sidebar on the BigQuery store: the real handlers through the dispatcher, the customer looked
 * up in the warehouse (the BigQuery stand-in on DuckDB) and read by the sheet parser, so the card is
 * the same as the sheet's; at most two BigQuery calls an action, one once the column mapping is cached.
 */
import { act } from '../helpers/stand-in-context';
import { shownCard } from '../helpers/shown-card';
import { warehouseRows, warehouseWorlds, type WarehouseWorlds } from '../helpers/warehouse-world';
import type { Card } from '../../src/ui/card/types';
import { loadSettings } from '../../src/app/settings-store';

let w: WarehouseWorlds;

beforeAll(async () => {
  w = await warehouseWorlds(warehouseRows(200));
}, 60_000);

afterAll(() => w.close());

/** The card without what only a sheet has: the "Open row in sheet" link. */
function comparable(card: Card): unknown {
  const copy = JSON.parse(JSON.stringify(card)) as Card;
  for (const section of copy.sections)
    for (const widget of section.widgets)
      if (widget.kind === 'buttonSet')
        widget.buttons = widget.buttons.filter((b) => b.text !== 'Open row in sheet');
  return copy;
}

const emailAt = (i: number) => String(w.rows[i]![0]);

describe('the customer card from the BigQuery store', () => {
  it('shows the same who, risk score, reasons and next move as the sheet row', () => {
    let compared = 0;
    for (const i of [0, 3, 17, 42, 99, 150, 199]) {
      const email = emailAt(i);
      const fromSheet = shownCard(act(w.sheet.ctx(), 'showCustomer', { email }));
      const fromWarehouse = shownCard(act(w.warehouse.ctx(), 'showCustomer', { email }));
      expect(comparable(fromWarehouse)).toEqual(comparable(fromSheet));
      // A real customer card, with the score's band, not two equal error cards.
      expect(JSON.stringify(fromWarehouse)).toContain(email);
      expect(JSON.stringify(fromWarehouse)).toMatch(/Critical|High|Medium|Low/);
      const why = { email };
      expect(comparable(shownCard(act(w.warehouse.ctx(), 'explainRisk', why)))).toEqual(
        comparable(shownCard(act(w.sheet.ctx(), 'explainRisk', why))),
      );
      compared++;
    }
    expect(compared).toBe(7);
  });

  it('makes two BigQuery calls on the first lookup (the column mapping, then the row), one after', () => {
    const before = w.warehouse.traffic.calls;
    act(w.warehouse.ctx(), 'showCustomer', { email: emailAt(5) });
    const first = w.warehouse.traffic.calls - before;
    act(w.warehouse.ctx(), 'showCustomer', { email: emailAt(6) });
    const second = w.warehouse.traffic.calls - before - first;
    expect(first).toBeLessThanOrEqual(2);
    expect(second).toBe(1);
  });

  it('an email not in the table matches a colleague at the same company, as the sheet does, in two calls', () => {
    const email = 'someone.new@nimbus.example';
    const fromSheet = shownCard(act(w.sheet.ctx(), 'showCustomer', { email }));
    const before = w.warehouse.traffic.calls;
    const fromWarehouse = shownCard(act(w.warehouse.ctx(), 'showCustomer', { email }));
    expect(w.warehouse.traffic.calls - before).toBe(2);
    expect(JSON.stringify(fromWarehouse)).toContain('Matched by domain');
    expect(comparable(fromWarehouse)).toEqual(comparable(fromSheet));
  });

  it('an address at no customer\'s company is "not found"; the stale customer tab is never read', () => {
    expect(() => act(w.warehouse.ctx(), 'showCustomer', { email: 'nobody@gmail.com' })).toThrow(
      /nobody@gmail\.com is no longer/,
    );
  });

  // Tags, status and notes are appended to the change tables (warehouse-edits.test.ts); a customer
  // is added where the team loads the table from (warehouse-card-edits.test.ts).
  it('adding a customer from the card says where the customers table is loaded from', () => {
    expect(() => act(w.warehouse.ctx(), 'addCustomer', { email: 'new@nimbus.example', name: 'New' })).toThrow(
      /To add new@nimbus\.example, add them where your team loads acme-proj\.churnguard\.customers from/,
    );
  });
  // Last: switching to the (empty) sheet tab computes that sheet's portfolio on the way.
  it('Settings says BigQuery is active; switching to the sheet and back keeps the sheet settings', () => {
    const card = JSON.stringify(act(w.warehouse.ctx(), 'openSettings'));
    expect(card).toContain('Active: BigQuery acme-proj.churnguard.customers.');
    expect(card).toContain(
      'Customers from: BigQuery acme-proj.churnguard.customers. Emails sent with: MailApp.',
    );
    const form = {
      spreadsheet: w.warehouse.spreadsheetId,
      customerSheet: 'Customers',
      storeKind: 'sheet',
      storeProject: 'acme-proj',
      storeDataset: 'churnguard',
      storeTable: '',
    };
    act(w.warehouse.ctx(), 'saveSettings', {}, form);
    expect(loadSettings(w.warehouse.ctx().userStore).settings).toMatchObject({
      store: { kind: 'sheet' },
      spreadsheetId: w.warehouse.spreadsheetId,
    });
    const back = JSON.stringify(
      act(w.warehouse.ctx(), 'saveSettings', {}, { ...form, storeKind: 'bigquery' }),
    );
    expect(back).toContain('customers from BigQuery acme-proj.churnguard.customers');
    expect(loadSettings(w.warehouse.ctx().userStore).settings).toMatchObject({
      store: { kind: 'bigquery', projectId: 'acme-proj', datasetId: 'churnguard' },
      spreadsheetId: w.warehouse.spreadsheetId,
    });
  });
});
