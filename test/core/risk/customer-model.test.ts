/** The learned model on Customers: derived features plus the sheet's own other columns. */
import type { Customer } from '../../../src/core/customers/customer';
import {
  CHURNED,
  customerFeatureRow,
  customerRecord,
  customerTable,
  explainCustomer,
  predictCustomer,
  rawFeatureColumns,
} from '../../../src/core/risk/model/customer-features';
import { fitModel, learnModel, predict } from '../../../src/core/risk/model/model';
import { readCustomers } from '../../../src/core/sheet/read-customers';

const today = new Date('2026-11-20T00:00:00Z');
const DAY = 86_400_000;

function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

/**
 * A sheet read the way the add-on reads it: churn driven by idle days and by Region, a column no
 * customer field takes; plus a free-text Notes column and a Tier column the user mapped to `plan`,
 * which leaves the sheet's own "Plan" column (a legacy label) as a raw column.
 */
function sheet(n: number, seed = 4) {
  const rand = seeded(seed);
  const headers = ['Email', 'Tier', 'Plan', 'Last login', 'NPS', 'Region', 'Notes', 'Status', 'Churn date'];
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const idle = Math.floor(rand() * 120);
    const region = ['North', 'South', 'East', 'West'][Math.floor(rand() * 4)]!;
    const z = (idle - 60) / 25 + (region === 'South' ? 2 : region === 'North' ? -1 : 0) - 0.5;
    const churned = rand() < 1 / (1 + Math.exp(-z));
    const churnDay = new Date(today.getTime() - Math.floor(rand() * 60) * DAY);
    const asOf = churned ? churnDay : today;
    rows.push([
      `c${i}@x${i % 37}.example`,
      ['Starter', 'Pro'][i % 2],
      ['Legacy A', 'Legacy B'][Math.floor(rand() * 2)],
      new Date(asOf.getTime() - idle * DAY).toISOString().slice(0, 10),
      Math.floor(rand() * 11),
      region,
      `Spoke with them on call ${i} about the roadmap and pricing`,
      churned ? 'Churned' : 'Active',
      churned ? churnDay.toISOString().slice(0, 10) : '',
    ]);
  }
  const mapping = { plan: 'Tier' };
  return {
    customers: readCustomers({ sheetName: 'Customers', headers, rows, mapping, today }).customers,
    mapping,
  };
}

describe('customer features with the sheet’s own columns', () => {
  const { customers, mapping } = sheet(900);

  it('adds only the columns no field took, renaming one that clashes with a derived feature', () => {
    expect(rawFeatureColumns(customers, mapping)).toEqual([
      { raw: 'Plan', header: 'Plan (sheet)' },
      { raw: 'Region', header: 'Region' },
      { raw: 'Notes', header: 'Notes' },
    ]);
    const table = customerTable(customers, today, { rawColumns: true, mapping });
    expect(table.headers.slice(-4)).toEqual([CHURNED, 'Plan (sheet)', 'Region', 'Notes']);
    expect(customerTable(customers, today).headers).toEqual(table.headers.slice(0, -3));
  });

  it('learns from a raw column, reports free text, and scores a customer by column name', () => {
    const table = customerTable(customers, today, { rawColumns: true, mapping });
    const learned = learnModel(table, CHURNED);
    if (!learned.ok) throw new Error(learned.reason);
    expect(learned.cv.auc).toBeGreaterThan(0.8);
    expect(learned.model.spec.excluded).toContainEqual({
      column: 'Notes',
      reason: 'free text (900 different entries in 900 rows)',
    });
    // The derived fields this sheet has no column for are reported empty, nothing else.
    expect(learned.model.spec.excluded.filter((e) => e.reason !== 'empty').map((e) => e.column)).toEqual([
      'Notes',
    ]);
    const names = learned.model.spec.columns.map((c) => c.column);
    expect(names).toContain('Region');
    expect(names).not.toContain('Status');
    expect(names).not.toContain('Churn date');

    const model = learned.model;
    const south = customers.find((c) => c.raw.Region === 'South' && c.status === 'active')!;
    const row = table.rows[customers.indexOf(south)]!;
    expect(predictCustomer(model, south, today)).toBeCloseTo(predict(model, row), 12);
    const region = explainCustomer(model, south, today).find((c) => c.column === 'Region')!;
    expect(region.logit).toBeGreaterThan(0.5);
  });

  it('keeps the derived-only table and row in step, for models learned without raw columns', () => {
    const model = fitModel(customerTable(customers, today), CHURNED);
    const c = customers[5]!;
    expect(predictCustomer(model, c, today)).toBeCloseTo(predict(model, customerFeatureRow(c, today)), 12);
    expect(customerRecord(c, today)['Plan (sheet)']).toBe(c.raw.Plan);
  });

  it('adds no raw columns when the headers cannot be mapped', () => {
    const bare: Customer = {
      row: 2,
      email: 'a@x',
      tags: [],
      status: 'active',
      unsubscribed: false,
      raw: { A: 1 },
    };
    expect(rawFeatureColumns([bare])).toEqual([]);
  });
});
