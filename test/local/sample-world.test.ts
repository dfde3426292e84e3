import { readAlerts } from '../../src/core/watch/alerts';
import { SETTINGS_KEY } from '../../src/app/settings-store';
import { SAMPLE_DIR, sampleSheet, sampleWorld } from '../../src/local/sample-world';
import { readTableFile } from '../../src/local/table/table-file';

describe('the sample grown to N customers', () => {
  const sample = readTableFile(SAMPLE_DIR);
  const sampleCustomers = sample.sheets.find((s) => s.name === 'Customers')!.values;
  const grown = sampleSheet({ rows: 2_500 });
  const customers = grown.sheets.find((s) => s.name === 'Customers')!.values;
  const header = customers[0]!;
  const col = (name: string) => header.indexOf(name);

  it('keeps the sample header (24 columns) and has exactly N customers with unique emails', () => {
    expect(header).toEqual(sampleCustomers[0]);
    expect(header).toHaveLength(24);
    expect(customers).toHaveLength(2_501);
    expect(new Set(grown.emails).size).toBe(2_500);
    expect(grown.emails[0]).toBe(sampleCustomers[1]![col('Email')]);
  });

  it('varies industries, owners, MRR and dates beyond the sample rows', () => {
    const copies = customers.slice(sampleCustomers.length);
    const distinct = (name: string) => new Set(copies.map((r) => String(r[col(name)]))).size;
    expect(distinct('Industry')).toBeGreaterThan(10);
    expect(distinct('Owner')).toBeGreaterThan(2);
    expect(distinct('MRR')).toBeGreaterThan(200);
    expect(distinct('Last activity')).toBeGreaterThan(100);
  });

  it('keeps each row coherent: a churn date only on churned rows, activity after the start', () => {
    for (const r of customers.slice(1)) {
      if (r[col('Churn date')] !== '') expect(r[col('Status')]).toBe('Churned');
      const start = r[col('Start date')];
      const last = r[col('Last activity')];
      if (start instanceof Date && last instanceof Date)
        expect(last.getTime()).toBeGreaterThanOrEqual(start.getTime());
    }
  });

  it('keeps the other tabs and adds open and closed alerts', () => {
    for (const tab of ['Impact rules', 'Segments', 'Templates', 'Settings'])
      expect(grown.sheets.find((s) => s.name === tab)?.values).toEqual(
        sample.sheets.find((s) => s.name === tab)?.values,
      );
    const alerts = readAlerts(grown.sheets.find((s) => s.name === 'Alerts')!.values).alerts;
    expect(
      alerts
        .filter((a) => a.status === 'open')
        .map((a) => a.key)
        .sort(),
    ).toEqual([...grown.openAlertKeys].sort());
    expect(alerts.filter((a) => a.status === 'done')).toHaveLength(50);
  });

  it('is connected in the user settings of a stand-in world', () => {
    const w = sampleWorld({ rows: 10 });
    const settings = JSON.parse(w.world.userProperties.values.get(SETTINGS_KEY)!) as Record<string, unknown>;
    expect(settings.spreadsheetId).toBe(w.spreadsheetId);
    expect(w.emails).toHaveLength(10);
  });
});
