import type { Customer } from '../../../src/core/customers/customer';
import { customerTable, CHURNED } from '../../../src/core/risk/model/customer-features';
import type { Table } from '../../../src/core/risk/model/features';
import { buildFeatureSpec } from '../../../src/core/risk/model/features';
import {
  chooseLambda,
  crossValidate,
  fitModel,
  labelled,
  LAMBDA_GRID,
  parseModel,
  predict,
  serialiseModel,
  stratifiedFolds,
} from '../../../src/core/risk/model/model';

function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

/** A sheet with a running row number, a numeric account ID, blanks, a skewed column and a planted signal. */
function sheet(n: number, seed = 5): Table {
  const rand = seeded(seed);
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const idle = Math.floor(rand() * 200);
    const spend = Math.floor(Math.exp(rand() * 8)); // skewed, non-negative
    const region = ['North', 'South', 'East', 'West'][Math.floor(rand() * 4)] as string;
    const churned = rand() < 1 / (1 + Math.exp(-(idle - 100) / 25));
    rows.push([
      i + 1,
      100_000 + Math.floor(rand() * 1e6) * 10 + (i % 10),
      rand() < 0.1 ? ' ' : idle,
      spend,
      region,
      churned ? 'churned' : 'active',
    ]);
  }
  return { headers: ['Row', 'Account ID', 'Idle', 'Spend', 'Region', 'Status'], rows };
}

describe('feature building', () => {
  const table = sheet(300);
  const { rows } = labelled(table, 'Status');
  const spec = buildFeatureSpec(table, rows, new Set(['Status']));

  it('excludes numeric row identifiers and reports why', () => {
    expect(spec.excluded.map((e) => e.column)).toEqual(['Row', 'Account ID']);
    expect(spec.excluded[0]!.reason).toContain('identifies rows');
  });

  it('imputes blanks with a missing indicator, adds log1p for skewed columns and splines for many-valued ones, one-hots categoricals', () => {
    expect(spec.names.slice(0, 8)).toEqual([
      'Idle',
      'spline1(Idle)',
      'spline2(Idle)',
      'Idle missing',
      'Spend',
      'log1p(Spend)',
      'spline1(Spend)',
      'spline2(Spend)',
    ]);
    expect([...spec.names.slice(8)].sort()).toEqual([
      'Region=(missing)',
      'Region=(other)',
      'Region=East',
      'Region=North',
      'Region=South',
      'Region=West',
    ]);
    expect(spec.sources.slice(0, 8)).toEqual([
      'Idle',
      'Idle',
      'Idle',
      'Idle',
      'Spend',
      'Spend',
      'Spend',
      'Spend',
    ]);
    const idle = spec.columns.find((c) => c.column === 'Idle');
    expect(idle).toMatchObject({ kind: 'numeric', missing: true });
  });
});

describe('cross-validation and the L2 strength', () => {
  const table = sheet(400);

  it('is deterministic for a seed, with repeats and pooled quality figures', () => {
    const a = crossValidate(table, 'Status', { folds: 4, seed: 3 });
    const b = crossValidate(table, 'Status', { folds: 4, seed: 3 });
    expect(a.aucByFold).toEqual(b.aucByFold);
    expect(a.aucByFold).toHaveLength(4);
    expect(a.auc).toBeGreaterThan(0.8);
    const twice = crossValidate(table, 'Status', { folds: 4, repeats: 2 });
    expect(twice.aucByFold).toHaveLength(8);
    expect(twice.calibration.bins).toHaveLength(10);
    expect(twice.logLoss).toBeGreaterThan(0);
    expect(twice.brier).toBeLessThan(0.25);
  });

  it('chooses lambda from the grid by inner CV, and records it in the model', () => {
    const choice = chooseLambda(table, 'Status');
    expect(choice.aucByLambda.map((c) => c.lambda)).toEqual([...LAMBDA_GRID]);
    expect(LAMBDA_GRID).toContain(choice.lambda);
    const model = fitModel(table, 'Status', { lambda: 'auto' });
    expect(model.lambda).toBe(choice.lambda);
    const back = parseModel(serialiseModel(model));
    expect(back.lambda).toBe(choice.lambda);
    expect(predict(back, table.rows[0]!)).toBeCloseTo(predict(model, table.rows[0]!), 5);
    expect(fitModel(table, 'Status').lambda).toBe(1);
  });
});

describe('stratified folds', () => {
  it('gives every fold the same share of churned rows, the same way for the same seed', () => {
    const rows = Array.from({ length: 103 }, (_, i) => i);
    const y = rows.map((i) => (i % 4 === 0 ? 1 : 0)); // 26 churned, 77 retained
    const folds = stratifiedFolds(rows, y, 5, 9);
    const churnedPerFold = [0, 0, 0, 0, 0];
    const perFold = [0, 0, 0, 0, 0];
    rows.forEach((r) => {
      const f = folds.get(r)!;
      perFold[f]!++;
      if (y[r] === 1) churnedPerFold[f]!++;
    });
    expect(Math.max(...churnedPerFold) - Math.min(...churnedPerFold)).toBeLessThanOrEqual(1);
    expect(perFold.reduce((a, b) => a + b)).toBe(103);
    expect(stratifiedFolds(rows, y, 5, 9)).toEqual(folds);
    expect(stratifiedFolds(rows, y, 5, 10)).not.toEqual(folds);
  });
});

describe('customerTable', () => {
  const today = new Date('2026-11-20T00:00:00Z');
  const DAY = 86_400_000;
  const base = { tags: [], unsubscribed: false, raw: {} };

  it('measures churned customers as of their churn date, active ones as of today', () => {
    const customers: Customer[] = [
      {
        ...base,
        row: 2,
        email: 'a@x',
        status: 'active',
        lastActivity: new Date(today.getTime() - 10 * DAY),
        activityThisPeriod: 50,
        activityLastPeriod: 100,
        plan: 'Pro',
      },
      {
        ...base,
        row: 3,
        email: 'b@x',
        status: 'churned',
        churnDate: new Date(today.getTime() - 100 * DAY),
        lastActivity: new Date(today.getTime() - 130 * DAY),
        tenureMonths: 5,
      },
    ];
    const t = customerTable(customers, today);
    const col = (name: string) => t.headers.indexOf(name);
    expect(t.rows[0]![col('days since activity')]).toBe(10);
    expect(t.rows[0]![col('usage change')]).toBe(-0.5);
    expect(t.rows[0]![col(CHURNED)]).toBe('no');
    expect(t.rows[1]![col('days since activity')]).toBe(30);
    expect(t.rows[1]![col('usage change')]).toBe('');
    expect(t.rows[1]![col('tenure months')]).toBeCloseTo(5);
    expect(t.rows[1]![col(CHURNED)]).toBe('yes');
  });
});
