/**
 * The stored form of a learned model: JSON with the learner's kind, the logistic part in the
 * compact form serialiseModel writes, and trees as flat arrays (children of a node are always
 * allocated as a pair, so only the left child is kept). Read back through a schema (zod), so a
 * damaged or foreign value is refused with one sentence rather than half-parsed. A logistic model
 * saved before trees existed reads as a logistic learner.
 */
import * as z from '../../zod';
import type { LearnedModel } from './learner';
import { parseModel, serialiseModel } from './model';
import type { Tree } from './trees/tree';
import type { TreeModel } from './trees/tree-model';

const UNREADABLE = 'Saved churn model is unreadable; fit it again from Settings.';

/** [features, thresholds, missing-left flags, left children, values] per tree. */
type CompactTree = [number[], number[], number[], number[], number[]];

function compactTree(t: Tree): CompactTree {
  return [t.feature, t.threshold, t.missingLeft, t.left, t.value];
}

function expandTree([feature, threshold, missingLeft, left, value]: CompactTree): Tree {
  return { feature, threshold, missingLeft, left, right: left.map((l) => (l < 0 ? -1 : l + 1)), value };
}

const numbers = z.array(z.number());
const TreeModelSchema = z.object({
  version: z.literal(1),
  outcome: z.string(),
  columns: z.array(
    z.union([
      z.object({
        kind: z.literal('numeric'),
        column: z.string(),
        index: z.int(),
        parse: z.enum(['number', 'date', 'boolean']),
      }),
      z.object({
        kind: z.literal('categorical'),
        column: z.string(),
        index: z.int(),
        order: z.array(z.string()),
      }),
    ]),
  ),
  init: z.number(),
  trees: z.array(z.tuple([numbers, numbers, numbers, numbers, numbers])),
  excluded: z.array(z.object({ column: z.string(), reason: z.string() })),
  locale: z.string(),
  asOf: z.string(),
});

const StoredSchema = z.object({
  version: z.literal(3),
  kind: z.enum(['logistic', 'trees', 'blend']),
  logistic: z.optional(z.unknown()),
  trees: z.optional(TreeModelSchema),
});

export function serialiseLearned(model: LearnedModel): string {
  const logistic = model.kind === 'trees' ? undefined : JSON.parse(serialiseModel(model.logistic));
  const trees =
    model.kind === 'logistic' ? undefined : { ...model.trees, trees: model.trees.trees.map(compactTree) };
  return JSON.stringify({
    version: 3,
    kind: model.kind,
    ...(logistic ? { logistic } : {}),
    ...(trees ? { trees } : {}),
  });
}

function readTrees(stored: z.infer<typeof TreeModelSchema>): TreeModel {
  const model: TreeModel = { ...stored, trees: stored.trees.map(expandTree) };
  for (const t of model.trees)
    for (let i = 0; i < t.feature.length; i++) {
      const f = t.feature[i] as number;
      const l = t.left[i] as number;
      if (f >= model.columns.length || (f >= 0 && (l <= i || l + 1 >= t.feature.length)))
        throw new Error(UNREADABLE);
    }
  return model;
}

export function parseLearned(json: string): LearnedModel {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error(UNREADABLE);
  }
  if ((raw as { version?: unknown })?.version !== 3) return { kind: 'logistic', logistic: parseModel(json) };
  const stored = StoredSchema.safeParse(raw);
  if (!stored.success) throw new Error(UNREADABLE);
  const { kind } = stored.data;
  const logistic = () => parseModel(JSON.stringify(stored.data.logistic));
  const trees = () => {
    if (!stored.data.trees) throw new Error(UNREADABLE);
    return readTrees(stored.data.trees);
  };
  if (kind === 'logistic') return { kind, logistic: logistic() };
  if (kind === 'trees') return { kind, trees: trees() };
  return { kind, logistic: logistic(), trees: trees() };
}
