/**
 * The three learners ChurnGuard can use for a sheet, behind one interface: logistic regression,
 * gradient-boosted trees, and their blend (the mean of their log-odds, so the blend's explanation is
 * the mean of the two and still adds up). Every learner explains a row as a base log-odds plus one
 * log-odds contribution per source column: base + Σ contributions = logit(probability), exactly.
 */
import { rowFromRecord, type Table } from './features';
import { sigmoid } from './linalg';
import {
  baseLogit,
  contributions,
  fitModel,
  predict,
  type ChurnModel,
  type ColumnContribution,
  type FitOptions,
} from './model';
import { fitTrees, treeContributions, treeLogit, type TreeModel } from './trees/tree-model';

export type LearnerKind = 'logistic' | 'trees' | 'blend';
export const LEARNER_KINDS: readonly LearnerKind[] = ['logistic', 'trees', 'blend'];

export const LEARNER_NAMES: Record<LearnerKind, string> = {
  logistic: 'logistic regression',
  trees: 'gradient-boosted trees',
  blend: 'a blend of trees and logistic regression',
};

export type LearnedModel =
  | { kind: 'logistic'; logistic: ChurnModel }
  | { kind: 'trees'; trees: TreeModel }
  | { kind: 'blend'; logistic: ChurnModel; trees: TreeModel };

export interface Explanation {
  /** The log-odds of a row no column moves: the average training row for logistic, the trees' root values. */
  base: number;
  /** Per source column, largest effect first. */
  columns: ColumnContribution[];
}

const logit = (p: number) => {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log(q / (1 - q));
};

export function fitLearner(
  kind: LearnerKind,
  table: Table,
  outcome: string,
  options: FitOptions = {},
): LearnedModel {
  if (kind === 'logistic') return { kind, logistic: fitModel(table, outcome, options) };
  if (kind === 'trees') return { kind, trees: fitTrees(table, outcome, options) };
  return { kind, logistic: fitModel(table, outcome, options), trees: fitTrees(table, outcome, options) };
}

/** The log-odds of churn of a row laid out like the training table, dates counted from `asOf`. */
export function learnedLogit(model: LearnedModel, row: readonly unknown[], asOf?: Date): number {
  if (model.kind === 'logistic') return logit(predict(model.logistic, row, asOf));
  if (model.kind === 'trees') return treeLogit(model.trees, row, asOf);
  return (logit(predict(model.logistic, row, asOf)) + treeLogit(model.trees, row, asOf)) / 2;
}

export const learnedProbability = (model: LearnedModel, row: readonly unknown[], asOf?: Date): number =>
  sigmoid(learnedLogit(model, row, asOf));

function logisticExplanation(model: ChurnModel, row: readonly unknown[], asOf?: Date): Explanation {
  return { base: baseLogit(model), columns: contributions(model, row, asOf) };
}

const byEffect = (a: ColumnContribution, b: ColumnContribution) =>
  Math.abs(b.logit) - Math.abs(a.logit) || a.column.localeCompare(b.column);

/** Why a row scores what it does: base + Σ columns = learnedLogit, to rounding error. */
export function explainLearned(model: LearnedModel, row: readonly unknown[], asOf?: Date): Explanation {
  if (model.kind === 'logistic') return logisticExplanation(model.logistic, row, asOf);
  if (model.kind === 'trees') {
    const t = treeContributions(model.trees, row, asOf);
    return { base: t.base, columns: t.columns.sort(byEffect) };
  }
  const l = logisticExplanation(model.logistic, row, asOf);
  const t = treeContributions(model.trees, row, asOf);
  const sum = new Map<string, number>();
  for (const c of [...l.columns, ...t.columns]) sum.set(c.column, (sum.get(c.column) ?? 0) + c.logit / 2);
  return {
    base: (l.base + t.base) / 2,
    columns: [...sum].map(([column, value]) => ({ column, logit: value })).sort(byEffect),
  };
}

/** The columns a model reads, so a record keyed by column name can be laid out as a row. */
function modelColumns(model: LearnedModel): { column: string; index: number }[] {
  if (model.kind === 'logistic') return model.logistic.spec.columns;
  if (model.kind === 'trees') return model.trees.columns;
  return [...model.logistic.spec.columns, ...model.trees.columns];
}

/** A record keyed by column name laid out for the model (absent columns read as blank). */
export function learnedRow(model: LearnedModel, record: Readonly<Record<string, unknown>>): unknown[] {
  return rowFromRecord({ columns: modelColumns(model) }, record);
}

/** Columns left out of the model, with why. */
export function learnedExclusions(model: LearnedModel): { column: string; reason: string }[] {
  return model.kind === 'trees' ? model.trees.excluded : model.logistic.spec.excluded;
}
