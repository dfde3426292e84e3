/**
 * The gradient-boosted tree learner (issue 18): it must learn a planted interaction that a sum of
 * per-column effects cannot, explain every row in log-odds that add up exactly, read back from its
 * stored form to the same predictions, and be chosen over logistic regression where it ranks better.
 */
import { interactionSheet } from '../../../bench/data/synthetic-sheets';
import { labelled, stratifiedFolds, type FitOptions } from '../../../src/core/risk/model/model';
import { rocAuc } from '../../../src/core/risk/model/metrics';
import { explainLearned, learnedLogit, type LearnedModel } from '../../../src/core/risk/model/learner';
import { parseLearned, serialiseLearned } from '../../../src/core/risk/model/learned-json';
import { compareLearners } from '../../../src/core/risk/model/select';
import { fitTrees, treeLogit } from '../../../src/core/risk/model/trees/tree-model';
import type { Table } from '../../../src/core/risk/model/features';

/** Churn only when both flags are on (XOR-free AND), each flag alone meaning nothing. */
function plantedAnd(n: number): Table {
  let s = 99;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const rows = Array.from({ length: n }, () => {
    const a = rand() < 0.5 ? 1 : 0;
    const b = rand() < 0.5 ? 1 : 0;
    const noise = Math.round(rand() * 100);
    const p = a === b ? 0.1 : 0.6; // churn depends on whether the flags agree: no main effects at all
    return [a, b, noise, rand() < p ? 'Yes' : 'No'];
  });
  return { headers: ['Flag A', 'Flag B', 'Noise', 'Churned'], rows };
}

function holdoutAuc(table: Table, outcome: string, fit: (o: FitOptions) => (row: unknown[]) => number) {
  const { rows, y } = labelled(table, outcome);
  const foldOf = stratifiedFolds(rows, y, 4, 1);
  const train = rows.filter((r) => foldOf.get(r) !== 0);
  const test = rows.filter((r) => foldOf.get(r) === 0);
  const score = fit({ rows: train });
  return rocAuc(
    test.map((r) => score(table.rows[r]!)),
    test.map((r) => y[rows.indexOf(r)]!),
  );
}

describe('gradient-boosted trees', () => {
  it('learns a planted interaction that has no main effect', () => {
    const table = plantedAnd(2000);
    const auc = holdoutAuc(table, 'Churned', (o) => {
      const m = fitTrees(table, 'Churned', o);
      return (row) => treeLogit(m, row);
    });
    // Flags that agree churn at 10%, flags that differ at 60%: the best possible AUC is about 0.78.
    expect(auc).toBeGreaterThan(0.72);
  });

  it('explains each row in per-column log-odds that add up, and reads back unchanged', () => {
    const g = interactionSheet(1500, 5);
    const model: LearnedModel = { kind: 'trees', trees: fitTrees(g.table, g.outcome, { asOf: g.asOf }) };
    expect(model.trees.trees.length).toBeGreaterThan(5);
    const back = parseLearned(serialiseLearned(model));
    for (const row of g.table.rows.slice(0, 50)) {
      const e = explainLearned(model, row);
      expect(e.base + e.columns.reduce((s, c) => s + c.logit, 0)).toBeCloseTo(learnedLogit(model, row), 9);
      expect(learnedLogit(back, row)).toBeCloseTo(learnedLogit(model, row), 9);
    }
    expect(() => parseLearned('{"version":3,"kind":"trees"}')).toThrow('unreadable');
  });

  it('is chosen over logistic regression where columns interact, with the reason', () => {
    const g = interactionSheet(2000, 6);
    const c = compareLearners(g.table, g.outcome, { folds: 3, asOf: g.asOf });
    expect(c.auc.trees).toBeGreaterThan(c.auc.logistic + 0.04);
    expect(c.chosen).not.toBe('logistic');
    expect(c.reason).toMatch(/cross-validated AUC/);
  });
});
