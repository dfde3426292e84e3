/**
 * Chooses a sheet's learner by cross-validated AUC: logistic regression, gradient-boosted trees and
 * their blend are fitted on the same stratified folds (features learned on each training split
 * only) and scored on the held-out fold. The best mean AUC wins, but a simpler learner within
 * SIMPLER_WITHIN of it is preferred: logistic regression's explanations are smooth and it needs
 * less history, so trees must earn their place.
 */
import type { Table } from './features';
import { LEARNER_KINDS, LEARNER_NAMES, type LearnerKind } from './learner';
import { fitModel, foldSplit, labelled, predict, stratifiedFolds, type FitOptions } from './model';
import { rocAuc } from './metrics';
import { fitTrees, treeLogit } from './trees/tree-model';

/** A simpler learner within this much mean AUC of the best is chosen instead. */
export const SIMPLER_WITHIN = 0.001;
/** Simplest first. */
const SIMPLICITY: readonly LearnerKind[] = ['logistic', 'trees', 'blend'];

export interface LearnerComparison {
  rows: number;
  folds: number;
  /** Mean ROC AUC over the folds, per learner. */
  auc: Record<LearnerKind, number>;
  aucByFold: Record<LearnerKind, number[]>;
  chosen: LearnerKind;
  /** One sentence for Settings: what was chosen and why. */
  reason: string;
}

const logit = (p: number) => Math.log(Math.max(1e-12, p) / Math.max(1e-12, 1 - p));
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

export function chooseLearner(auc: Record<LearnerKind, number>): LearnerKind {
  const best = Math.max(...LEARNER_KINDS.map((k) => auc[k]));
  return SIMPLICITY.find((k) => auc[k] >= best - SIMPLER_WITHIN) ?? 'logistic';
}

export function describeChoice(auc: Record<LearnerKind, number>, chosen: LearnerKind, folds: number): string {
  const others = LEARNER_KINDS.filter((k) => k !== chosen)
    .map((k) => `${auc[k].toFixed(3)} for ${LEARNER_NAMES[k]}`)
    .join(' and ');
  const figures = `${folds}-fold cross-validated AUC ${auc[chosen].toFixed(3)}, against ${others}`;
  const best = Math.max(...LEARNER_KINDS.map((k) => auc[k]));
  const name = LEARNER_NAMES[chosen];
  const why =
    chosen === 'logistic'
      ? auc[chosen] >= best
        ? 'it ranks customers best, and each column moves risk one way'
        : 'the others rank customers no better by more than the noise, and it is simpler'
      : chosen === 'trees'
        ? 'your columns act together (one matters more when another is high), which a straight line misses'
        : 'trees catch how columns act together and the linear model steadies them';
  return `${name[0]!.toUpperCase()}${name.slice(1)}: ${figures}; ${why}.`;
}

/** Cross-validates every learner on the same folds and picks one (see the module comment). */
export function compareLearners(
  table: Table,
  outcome: string,
  options: FitOptions & { folds?: number; seed?: number } = {},
): LearnerComparison {
  const folds = options.folds ?? 5;
  const { rows, y } = labelled(table, outcome, options.rows);
  const foldOf = stratifiedFolds(rows, y, folds, options.seed ?? 42);
  const aucByFold: Record<LearnerKind, number[]> = { logistic: [], trees: [], blend: [] };
  for (let f = 0; f < folds; f++) {
    const { train, test, ys } = foldSplit(rows, y, foldOf, f);
    const fit = { ...options, rows: train };
    const linear = fitModel(table, outcome, fit);
    const trees = fitTrees(table, outcome, fit);
    const zLinear = test.map((r) => logit(predict(linear, table.rows[r] ?? [])));
    const zTrees = test.map((r) => treeLogit(trees, table.rows[r] ?? []));
    aucByFold.logistic.push(rocAuc(zLinear, ys));
    aucByFold.trees.push(rocAuc(zTrees, ys));
    aucByFold.blend.push(
      rocAuc(
        zLinear.map((z, i) => (z + (zTrees[i] as number)) / 2),
        ys,
      ),
    );
  }
  const auc = {
    logistic: mean(aucByFold.logistic),
    trees: mean(aucByFold.trees),
    blend: mean(aucByFold.blend),
  };
  const chosen = chooseLearner(auc);
  return { rows: rows.length, folds, auc, aucByFold, chosen, reason: describeChoice(auc, chosen, folds) };
}
