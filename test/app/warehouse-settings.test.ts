/**
 * Settings → Customer store: which store is active is stated plainly, BigQuery IDs are checked with
 * the rule they break, switching keeps the sheet settings, and a deployment without the BigQuery
 * advanced service answers with a card naming what to enable.
 */
import { loadSettings } from '../../src/app/settings-store';
import { parseStoreForm } from '../../src/core/settings/store';
import { act, standInContext } from '../helpers/stand-in-context';

const shown = (value: unknown) => JSON.stringify(value);

function setup() {
  const w = standInContext(
    [
      ['Email', 'MRR'],
      ['a@x.example', 10],
    ],
    {
      settings: { mapping: { mrr: 'MRR' } },
    },
  );
  const form = {
    spreadsheet: w.ss.id,
    customerSheet: 'Customers',
    storeKind: 'bigquery',
    storeProject: 'acme-proj',
    storeDataset: 'churn_guard',
    storeTable: '',
  };
  return { w, form };
}

describe('Settings → Customer store', () => {
  it('states the sheet store and the sender at the top by default', () => {
    const { w } = setup();
    const card = shown(act(w.ctx(), 'openSettings'));
    expect(card).toContain(
      'Customers from: the Google Sheet\'s \\"Customers\\" tab. Emails sent with: MailApp.',
    );
    expect(card).toContain('Active: the Google Sheet');
  });

  it('refuses BigQuery where the advanced service is missing, naming what to enable, and keeps the sheet', () => {
    const { w, form } = setup();
    const answer = shown(act(w.ctx(), 'saveSettings', {}, form));
    expect(answer).toContain(
      'BigQuery is not enabled: Settings read customers from BigQuery (acme-proj.churn_guard.customers), but this deployment has no BigQuery advanced service.',
    );
    expect(answer).toContain('Turn on the BigQuery API under Services');
    const settings = loadSettings(w.ctx().userStore).settings;
    expect(settings.store).toBeUndefined();
    expect(settings.mapping).toEqual({ mrr: 'MRR' });
  });
});

describe('parseStoreForm', () => {
  const form = (projectId: string, datasetId: string, table = '') =>
    parseStoreForm({ kind: 'bigquery', projectId, datasetId, table });
  const reason = (r: ReturnType<typeof parseStoreForm>) => (r.ok ? 'ok' : r.reason);

  it.each([
    ['acme', 'd', 'project ID "acme" is 4 characters long (6 to 30)'],
    ['1acme-proj', 'd', 'must start with a letter'],
    ['acme-proj-', 'd', 'must not end with a hyphen'],
    ['acme_proj', 'd', 'may hold only lower-case letters, digits and hyphens'],
    ['acme-proj', 'churn-guard', 'dataset ID "churn-guard" may hold only letters, digits and underscores'],
    ['acme-proj', '', 'dataset ID "" is empty'],
  ])('%s / %s: %s', (projectId, datasetId, expected) => {
    expect(reason(form(projectId, datasetId))).toContain(expected);
  });

  it('checks the table name and keeps a valid one; the sheet needs no IDs', () => {
    expect(reason(form('acme-proj', 'Churn_2', 'Customers'))).toContain('table name "Customers" must start');
    expect(form('acme-proj', 'Churn_2', ' team_customers ')).toEqual({
      ok: true,
      store: { kind: 'bigquery', projectId: 'acme-proj', datasetId: 'Churn_2', table: 'team_customers' },
    });
    expect(parseStoreForm({ kind: 'sheet', projectId: '', datasetId: '', table: '' })).toEqual({
      ok: true,
      store: { kind: 'sheet' },
    });
  });
});
