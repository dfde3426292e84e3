import type { Table } from '../../../src/core/risk/model/features';
import { fitLogistic } from '../../../src/core/risk/model/logistic';
import { calibration, rocAuc } from '../../../src/core/risk/model/metrics';
import {
  contributions,
  crossValidate,
  fitModel,
  historyShortfall,
  outcomeOf,
  parseModel,
  predict,
  serialiseModel,
} from '../../../src/core/risk/model/model';

function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

/** Customers whose churn depends on idle days and plan (planted signal), plus columns of pure noise. */
function syntheticTable(n: number, signal: boolean, seed = 1): Table {
  const rand = seeded(seed);
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const idle = Math.floor(rand() * 200);
    const plan = ['Starter', 'Growth', 'Business'][Math.floor(rand() * 3)] as string;
    const noise = rand() * 100;
    const z = signal ? (idle - 100) / 30 + (plan === 'Starter' ? 1 : 0) : 0;
    const churned = rand() < 1 / (1 + Math.exp(-z));
    rows.push([`id-${i}`, idle, plan, noise, churned ? 'Yes' : 'No']);
  }
  return { headers: ['id', 'Idle days', 'Plan', 'Noise', 'Churned'], rows };
}

describe('metrics', () => {
  it('computes AUC with ties as a hand-worked example', () => {
    // Positives 0.8, 0.4, 0.4; negatives 0.4, 0.1. Pairs: (0.8>0.4)(0.8>0.1)(0.4=0.4 → ½)(0.4>0.1)(0.4=0.4 → ½)(0.4>0.1) = 5/6.
    expect(rocAuc([0.8, 0.4, 0.4, 0.4, 0.1], [1, 1, 1, 0, 0])).toBeCloseTo(5 / 6, 12);
    expect(rocAuc([0.1, 0.9], [1, 0])).toBe(0);
    expect(rocAuc([0.5, 0.5], [1, 1])).toBeNaN();
  });

  it('bins calibration by predicted deciles', () => {
    const c = calibration([0.1, 0.1, 0.9, 0.9], [0, 0, 1, 1], 2);
    expect(c.bins).toEqual([
      { predicted: 0.1, observed: 0, count: 2 },
      { predicted: 0.9, observed: 1, count: 2 },
    ]);
    expect(c.ece).toBeCloseTo(0.1);
  });
});

describe('logistic regression', () => {
  it('recovers a known coefficient', () => {
    const rand = seeded(3);
    const n = 5000;
    const x = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = rand() * 4 - 2;
      y[i] = rand() < 1 / (1 + Math.exp(-(0.5 + 1.5 * (x[i] as number)))) ? 1 : 0;
    }
    const fit = fitLogistic(x, y, n, 1, 0.001);
    expect(fit.intercept).toBeCloseTo(0.5, 0);
    expect(fit.weights[0]).toBeGreaterThan(1.3);
    expect(fit.weights[0]).toBeLessThan(1.7);
  });

  it('reaches the penalised optimum (zero gradient) on sparse one-hot and dense columns alike', () => {
    const rand = seeded(8);
    const n = 3000;
    const p = 6; // two dense columns, then a four-level one-hot
    const x = new Float64Array(n * p);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const a = rand() * 2 - 1;
      const b = rand() * 2 - 1;
      const level = Math.floor(rand() * 4);
      x.set([a, b, 0, 0, 0, 0], i * p);
      x[i * p + 2 + level] = 1;
      y[i] = rand() < 1 / (1 + Math.exp(-(2 * a - b + (level === 0 ? 1 : 0) - 0.5))) ? 1 : 0;
    }
    const lambda = 2;
    const fit = fitLogistic(x, y, n, p, lambda);
    expect(fit.iterations).toBeLessThan(10);
    const gradient: number[] = new Array(p + 1).fill(0);
    for (let i = 0; i < n; i++) {
      let z = fit.intercept;
      for (let j = 0; j < p; j++) z += fit.weights[j]! * x[i * p + j]!;
      const r = y[i]! - 1 / (1 + Math.exp(-z));
      gradient[0]! += r;
      for (let j = 0; j < p; j++) gradient[j + 1]! += r * x[i * p + j]!;
    }
    for (let j = 0; j < p; j++) gradient[j + 1]! -= lambda * fit.weights[j]!;
    for (const gj of gradient) expect(Math.abs(gj)).toBeLessThan(1e-6);
  });
});

describe('the learned churn model', () => {
  it('learns a planted signal and finds nothing in noise', () => {
    const planted = crossValidate(syntheticTable(1000, true), 'Churned', { folds: 5 });
    expect(planted.auc).toBeGreaterThan(0.8);
    expect(planted.excluded).toEqual([
      { column: 'id', reason: 'identifies rows (800 distinct values in 800 rows)' },
    ]);
    const noise = crossValidate(syntheticTable(1000, false), 'Churned', { folds: 5 });
    expect(Math.abs(noise.auc - 0.5)).toBeLessThan(0.07);
  });

  it('explains a prediction by column and survives a JSON round trip under 9 KB', () => {
    const table = syntheticTable(800, true);
    const model = fitModel(table, 'Churned');
    const idle = [...table.rows].find((r) => (r[1] as number) > 190)!;
    expect(contributions(model, idle)[0]!.column).toBe('Idle days');
    const json = serialiseModel(model);
    expect(json.length).toBeLessThan(9 * 1024);
    const back = parseModel(json);
    expect(predict(back, idle)).toBeCloseTo(predict(model, idle), 5);
    expect(() => parseModel('{"version":2}')).toThrow('unreadable');
  });

  it('reads outcomes and refuses to learn from too little history', () => {
    expect([
      outcomeOf('Yes'),
      outcomeOf('churned'),
      outcomeOf(0),
      outcomeOf('Active'),
      outcomeOf(''),
    ]).toEqual([1, 1, 0, 0, null]);
    expect(historyShortfall(new Uint8Array(300).fill(0).map((_, i) => (i < 12 ? 1 : 0)))).toBe(
      'Only 12 churned customers in the sheet; the learned model needs at least 30.',
    );
    expect(historyShortfall(new Uint8Array(300).map((_, i) => (i < 60 ? 1 : 0)))).toBeNull();
    expect(() => fitModel(syntheticTable(10, true), 'Outcome')).toThrow('No outcome column "Outcome"');
  });
});

// The Telco data set tests live in telco.test.ts.
