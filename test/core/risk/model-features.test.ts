import type { Table } from '../../../src/core/risk/model/features';
import { buildFeatureSpec, splineTerms } from '../../../src/core/risk/model/features';
import { calibration, rocAuc } from '../../../src/core/risk/model/metrics';
import {
  baseLogit,
  contributions,
  crossValidate,
  fitModel,
  labelled,
  learnModel,
  parseModel,
  predict,
  predictRecord,
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

const logit = (p: number) => Math.log(p / (1 - p));

/**
 * Churn that is high at both ends of "Seats" (U-shaped: a straight line cannot rank it), plus a plan
 * effect, a free-text notes column and, optionally, a column filled in only once a customer churned.
 */
function uShaped(n: number, seed = 11, leaky = false): Table {
  const rand = seeded(seed);
  const rows: unknown[][] = [];
  const notes = ['Called about the invoice and asked', 'Wants a demo of the new reports next week'];
  for (let i = 0; i < n; i++) {
    const seats = Math.floor(rand() * 100);
    const plan = ['Basic', 'Pro'][Math.floor(rand() * 2)] as string;
    const z = ((seats - 50) / 18) ** 2 - 2 + (plan === 'Basic' ? 0.7 : 0);
    const churned = rand() < 1 / (1 + Math.exp(-z));
    const row: unknown[] = [seats, plan, `${notes[i % 2]} (${i})`, churned ? 'Yes' : 'No'];
    if (leaky) row.splice(3, 0, churned ? ['Price', 'Moved', 'Service'][i % 3] : '');
    rows.push(row);
  }
  const headers = leaky
    ? ['Seats', 'Plan', 'Notes', 'Churn reason', 'Churned']
    : ['Seats', 'Plan', 'Notes', 'Churned'];
  return { headers, rows };
}

describe('generic feature engineering', () => {
  it('learns a U-shaped effect through the spline terms', () => {
    const table = uShaped(2000);
    const cv = crossValidate(table, 'Churned', { folds: 5 });
    expect(cv.auc).toBeGreaterThan(0.8);
    // The same data with Seats as its linear term only would rank barely better than chance.
    const { rows, y } = labelled(table, 'Churned');
    const seats = rows.map((r) => table.rows[r]![0] as number);
    expect(Math.abs(rocAuc(seats, y) - 0.5)).toBeLessThan(0.06);
  });

  it('puts the spline terms at zero below the first knot and keeps them linear beyond the last', () => {
    const knots = [0, 10, 20, 30];
    expect(splineTerms(-5, knots)).toEqual([0, 0]);
    const slope = (x: number) => splineTerms(x + 1, knots).map((t, k) => t - splineTerms(x, knots)[k]!);
    const far = slope(100);
    slope(200).forEach((s, k) => expect(s).toBeCloseTo(far[k]!, 9));
  });

  it('reports free text as free text, and excludes a column that gives the outcome away', () => {
    const table = uShaped(600, 3, true);
    const { rows, y } = labelled(table, 'Churned');
    const spec = buildFeatureSpec(table, rows, new Set(['Churned']), y);
    expect(spec.excluded).toEqual([
      { column: 'Notes', reason: 'free text (600 different entries in 600 rows)' },
      {
        column: 'Churn reason',
        reason:
          'gives the outcome away: its value separates churned from retained rows (AUC 1.000), so it was probably filled in after the fact',
      },
    ]);
    // Without outcomes (a spec for scoring only) nothing can be judged a leak.
    expect(buildFeatureSpec(table, rows, new Set(['Churned'])).excluded).toHaveLength(1);
  });

  it('excludes a numeric column whose blanks give the outcome away', () => {
    const rand = seeded(8);
    const rows = Array.from({ length: 300 }, (_, i) => {
      const churned = rand() < 0.3;
      return [i % 7, churned ? String(1 + Math.floor(rand() * 40)) : '', churned ? 'Yes' : 'No'];
    });
    const table: Table = { headers: ['Seats', 'Days since cancel', 'Churned'], rows };
    const model = fitModel(table, 'Churned');
    expect(model.spec.excluded.map((e) => e.column)).toEqual(['Days since cancel']);
    expect(model.spec.excluded[0]!.reason).toContain('whether it is blank separates churned from retained');
  });
});

describe('per-customer explanations', () => {
  const table = uShaped(1500);
  const model = fitModel(table, 'Churned');

  it('measures each column against the average customer: contributions sum to logit(p) − baseLogit', () => {
    for (const row of table.rows.slice(0, 20)) {
      const sum = contributions(model, row).reduce((s, c) => s + c.logit, 0);
      expect(sum).toBeCloseTo(logit(predict(model, row)) - baseLogit(model), 9);
    }
    // Averaged over the training rows, each column pushes neither way.
    const mean = new Map<string, number>();
    for (const row of table.rows)
      for (const c of contributions(model, row)) mean.set(c.column, (mean.get(c.column) ?? 0) + c.logit);
    for (const total of mean.values()) expect(total / table.rows.length).toBeCloseTo(0, 9);
  });

  it('says an extreme seat count pushes risk up and a middling one pulls it down', () => {
    const seats = (row: unknown[]) => contributions(model, row).find((c) => c.column === 'Seats')!.logit;
    expect(seats([2, 'Pro', '', ''])).toBeGreaterThan(1);
    expect(seats([50, 'Pro', '', ''])).toBeLessThan(-0.5);
  });

  it('scores a record by column name, whatever the column order', () => {
    const row = table.rows[7]!;
    expect(predictRecord(model, { Plan: row[1], Seats: row[0], Other: 'x' })).toBeCloseTo(
      predict(model, row),
      12,
    );
    // Absent columns read as blank: the mean for numerics, "(missing)" for categoricals.
    expect(predictRecord(model, {})).toBeGreaterThan(0);
  });
});

describe('saving the model', () => {
  it('stores no feature names (they follow from the columns) and reads the first format too', () => {
    const table = uShaped(800);
    const model = fitModel(table, 'Churned');
    const json = serialiseModel(model);
    expect(json).not.toContain('spline1(Seats)');
    const back = parseModel(json);
    expect(back.spec.names).toEqual(model.spec.names);
    expect(back.spec.sources).toEqual(model.spec.sources);
    const row = table.rows[3]!;
    expect(predict(back, row)).toBeCloseTo(predict(model, row), 5);
    expect(contributions(back, row)[0]!.logit).toBeCloseTo(contributions(model, row)[0]!.logit, 4);
    const v1 = JSON.stringify({
      version: 1,
      outcome: 'Churned',
      spec: { ...model.spec },
      intercept: model.intercept,
      weights: model.weights,
    });
    expect(predict(parseModel(v1), row)).toBeCloseTo(predict(model, row), 9);
    expect(() => parseModel('not json')).toThrow('unreadable');
    expect(() => parseModel(JSON.stringify({ version: 2, columns: [], weights: [1] }))).toThrow('unreadable');
  });
});

describe('learnModel', () => {
  it('declines below the history minimum with a sentence for the UI', () => {
    const few: Table = {
      headers: ['Seats', 'Churned'],
      rows: Array.from({ length: 400 }, (_, i) => [i % 50, i < 12 ? 'Yes' : 'No']),
    };
    expect(learnModel(few, 'Churned')).toEqual({
      ok: false,
      reason: 'Only 12 churned customers in the sheet; the learned model needs at least 30.',
    });
    const small: Table = {
      headers: ['Seats', 'Churned'],
      rows: Array.from({ length: 150 }, (_, i) => [i % 50, i % 3 === 0 ? 'Yes' : 'No']),
    };
    expect(learnModel(small, 'Churned')).toEqual({
      ok: false,
      reason: 'Only 150 customers with a known outcome; the learned model needs at least 200.',
    });
  });

  it('cross-validates, fits and serialises, saying how big the JSON is', () => {
    const learned = learnModel(uShaped(1000), 'Churned');
    if (!learned.ok) throw new Error(learned.reason);
    expect(learned.cv.folds).toBe(5);
    expect(learned.cv.auc).toBeGreaterThan(0.8);
    expect(learned.bytes).toBe(learned.json.length);
    expect(learned.bytes).toBeLessThan(2048);
    expect(learned.maxLevels).toBe(20);
  });

  it('keeps fewer levels per column when that is what it takes to fit in a user property', () => {
    const rand = seeded(13);
    const headers = [...Array.from({ length: 12 }, (_, j) => `Segment label ${j}`), 'Churned'];
    const rows = Array.from({ length: 3000 }, () => {
      const row: unknown[] = headers
        .slice(0, -1)
        .map(() => `a rather long category name number ${Math.floor(rand() * 25)}`);
      row.push(rand() < 0.3 ? 'Yes' : 'No');
      return row;
    });
    const table: Table = { headers, rows };
    const learned = learnModel(table, 'Churned', { folds: 2 });
    if (!learned.ok) throw new Error(learned.reason);
    expect(learned.maxLevels).toBeLessThan(20);
    expect(learned.bytes).toBeLessThanOrEqual(9 * 1024);
    expect(
      learned.model.spec.columns.every(
        (c) => c.kind !== 'categorical' || c.levels.length <= learned.maxLevels,
      ),
    ).toBe(true);
    const tiny = learnModel(table, 'Churned', { folds: 2, maxBytes: 500 });
    expect(tiny.ok).toBe(false);
    expect(!tiny.ok && tiny.reason).toMatch(
      /^The learned model takes \d+ bytes even with 2 values per column; a user property holds 500\. Leave out some columns and learn again\.$/,
    );
  });
});

describe('quality figures', () => {
  it('gives calibration slope ≈ 1 and intercept ≈ 0 for calibrated predictions, slope < 1 for overconfident ones', () => {
    const rand = seeded(21);
    const p: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const q = 0.02 + 0.96 * rand();
      p.push(q);
      y.push(rand() < q ? 1 : 0);
    }
    const fair = calibration(p, y);
    expect(fair.slope).toBeGreaterThan(0.93);
    expect(fair.slope).toBeLessThan(1.07);
    expect(Math.abs(fair.intercept)).toBeLessThan(0.05);
    expect(fair.ece).toBeLessThan(0.02);
    const extreme = p.map((q) => 1 / (1 + Math.exp(-2 * logit(q))));
    expect(calibration(extreme, y).slope).toBeCloseTo(0.5, 1);
  });

  it('deals stratified folds of equal size (±1) as well as equal churn (±1)', () => {
    const rows = Array.from({ length: 103 }, (_, i) => i);
    const y = rows.map((i) => (i % 4 === 0 ? 1 : 0));
    const folds = stratifiedFolds(rows, y, 5, 1);
    const sizes = [0, 0, 0, 0, 0];
    for (const f of folds.values()) sizes[f]!++;
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });
});
