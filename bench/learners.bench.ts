/**
 * The learners side by side (issue 18): 5-fold CV ROC AUC of logistic regression, boosted trees and
 * their blend, beside baselines of our own (the base rate, the best single column) on Telco; beside
 * the generator's true probabilities (the oracle) on messy SaaS sheets and on a sheet with
 * interactions, also on a held-out sheet (HELD_OUT_SEED) fitted from a development sheet and never
 * tuned on; and fit time and stored size at 10k and 100k rows, with a whole "Learn from history"
 * run (three learners × 5 folds + the final fit) against the 6-minute trigger budget.
 */
import {
  HELD_OUT_SEED,
  interactionSheet,
  messySaasSheet,
  type GeneratedSheet,
} from './data/synthetic-sheets';
import { telcoTable } from './risk.bench';
import { crossValidate, labelled } from '../src/core/risk/model/model';
import { rocAuc } from '../src/core/risk/model/metrics';
import { fitLearner, learnedLogit, type LearnerKind } from '../src/core/risk/model/learner';
import { compareLearners } from '../src/core/risk/model/select';
import { serialiseLearned } from '../src/core/risk/model/learned-json';
import { learnChurnModel } from '../src/core/risk/model/learn-sheet';
import { utf8Length } from '../src/core/text/utf8';
import { round } from './stats';

const seconds = (from: bigint) => round(Number(process.hrtime.bigint() - from) / 1e9, 2);

/**
 * Wall and CPU seconds of a call. On a shared machine the wall clock also counts other processes;
 * CPU seconds (this process, user + system) are what the work itself costs.
 */
function timed<T>(run: () => T): { value: T; wall: number; cpu: number } {
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, wall: seconds(wall), cpu: round((used.user + used.system) / 1e6, 2) };
}

/** Telco: the three learners and two baselines, 5-fold CV on the same folds. */
export function telcoLearnersBench() {
  const table = telcoTable();
  if (!table) return null;
  const started = process.hrtime.bigint();
  const c = compareLearners(table, 'Churn', { folds: 5, exclude: ['customerID'] });
  const columns = table.headers.filter((h) => h !== 'Churn' && h !== 'customerID');
  let best = { column: '', auc: 0 };
  for (const column of columns) {
    const cv = crossValidate(table, 'Churn', {
      folds: 5,
      exclude: columns.filter((x) => x !== column).concat('customerID'),
    });
    if (cv.auc > best.auc) best = { column, auc: cv.auc };
  }
  return [
    { learner: 'base rate (every customer alike)', auc: 0.5 },
    { learner: `best single column (${best.column}, logistic)`, auc: round(best.auc, 4) },
    ...(['logistic', 'trees', 'blend'] as LearnerKind[]).map((k) => ({
      learner: k + (k === c.chosen ? ' (chosen)' : ''),
      auc: round(c.auc[k], 4),
    })),
    { learner: 'scikit-learn logistic regression (issue 18)', auc: 0.846 },
    { learner: `all of the above, seconds`, auc: seconds(started) },
  ];
}

function oracleAuc(sheet: GeneratedSheet): number {
  const { y } = labelled(sheet.table, sheet.outcome);
  return rocAuc(sheet.truth, Array.from(y));
}

/** A generated sheet: CV AUC per learner beside the oracle, and a held-out sheet scored by the chosen learner. */
function generatedRow(name: string, make: (n: number, seed: number) => GeneratedSheet, n: number) {
  const dev = make(n, 1);
  const started = process.hrtime.bigint();
  const c = compareLearners(dev.table, dev.outcome, { folds: 5, asOf: dev.asOf });
  const oracle = oracleAuc(dev);
  const model = fitLearner(c.chosen, dev.table, dev.outcome, { asOf: dev.asOf });
  const held = make(n, HELD_OUT_SEED);
  const { rows, y } = labelled(held.table, held.outcome);
  const heldAuc = rocAuc(
    rows.map((r) => learnedLogit(model, held.table.rows[r] ?? [], held.asOf)),
    Array.from(y),
  );
  const heldOracle = oracleAuc(held);
  return {
    sheet: name,
    rows: n,
    logistic: round(c.auc.logistic, 4),
    trees: round(c.auc.trees, 4),
    blend: round(c.auc.blend, 4),
    chosen: c.chosen,
    oracle: round(oracle, 4),
    chosenVsOracle: round(c.auc[c.chosen] / oracle, 4),
    heldOutAuc: round(heldAuc, 4),
    heldOutOracle: round(heldOracle, 4),
    heldOutVsOracle: round(heldAuc / heldOracle, 4),
    seconds: seconds(started),
  };
}

export function generatedLearnersBench() {
  return [
    generatedRow('messy SaaS (money, dates, %, yes/no as typed)', messySaasSheet, 2_000),
    generatedRow('messy SaaS (money, dates, %, yes/no as typed)', messySaasSheet, 10_000),
    generatedRow('interactions (age × activity, products)', interactionSheet, 10_000),
  ];
}

/** One fit of each learner on the messy sheet at a size, and the stored model's size. */
export function fitSizeBench(sizes: readonly number[] = [10_000, 100_000]) {
  const out: Record<string, unknown>[] = [];
  for (const n of sizes) {
    const sheet = messySaasSheet(n, 1);
    // The first fit parses the typed columns (cached per table for every later fit).
    const parsing = timed(() => fitLearner('logistic', sheet.table, sheet.outcome, { asOf: sheet.asOf }));
    for (const kind of ['logistic', 'trees'] as const) {
      const fit = timed(() => fitLearner(kind, sheet.table, sheet.outcome, { asOf: sheet.asOf }));
      const bytes = utf8Length(serialiseLearned(fit.value));
      out.push({
        rows: n,
        learner: kind,
        fitCpuSeconds: fit.cpu,
        fitWallSeconds: fit.wall,
        firstFitWithParsingCpuSeconds: kind === 'logistic' ? parsing.cpu : '',
        trees: fit.value.kind === 'trees' ? fit.value.trees.trees.length : '',
        storedBytes: bytes,
        propertyValues: bytes <= 8 * 1024 ? 1 : 1 + Math.ceil(bytes / (8 * 1024)),
      });
    }
  }
  return out;
}

/** A whole "Learn from history" (choice by 5-fold CV + final fit) at a size: what the hourly trigger runs. */
export function learnRunBench(sizes: readonly number[] = [10_000, 100_000]) {
  return sizes.map((n) => {
    const sheet = messySaasSheet(n, 1);
    const run = timed(() => learnChurnModel(sheet.table, sheet.outcome, { asOf: sheet.asOf }));
    const learned = run.value;
    return {
      rows: n,
      chosen: learned.ok ? learned.comparison.chosen : learned.reason,
      storedBytes: learned.ok ? learned.bytes : '',
      cpuSeconds: run.cpu,
      wallSeconds: run.wall,
      cpuShareOfTriggerBudget: `${round((100 * run.cpu) / 360, 1)}%`,
    };
  });
}
