/**
 * The experiment behind leaving a learned component out of the intent detector (see README, "What
 * this email says"). A logistic regression per intent over hashed character 3- to 5-grams of the
 * folded text the rules read, class-weighted, trained on the labelled corpus's development split:
 *
 * - alone, by 5-fold cross-validation on the development split;
 * - beside the rules, adding an intent the rules missed when the model is confident, or vetoing a
 *   rule's intent the model finds unlikely, trained on the whole development split and measured on
 *   the test split.
 *
 * The weights would ship in the bundle: `buckets` one-byte weights per intent.
 */
import { detectIntents, INTENT_IDS, unquotedRanges, type IntentId } from '../src/core/intent';
import { foldText } from '../src/core/intent/fold';
import { labelledEmails, type LabelledEmail } from '../test/core/intent/labelled/corpus';
import { measure, type Detector } from '../test/core/intent/labelled/measure';

const BUCKETS = 1 << 11;
type Features = Map<number, number>;
type Model = (x: Features) => number;

/** L2-normalised counts of hashed character 3-, 4- and 5-grams (FNV-1a). */
function features(e: LabelledEmail): Features {
  const text = ` ${foldText(e.subject).text} ${foldText(e.body, unquotedRanges(e.body)).text} `;
  const counts: Features = new Map();
  for (let n = 3; n <= 5; n++)
    for (let i = 0; i + n <= text.length; i++) {
      let h = 2166136261;
      for (let k = 0; k < n; k++) h = Math.imul(h ^ text.charCodeAt(i + k), 16777619);
      const j = (h >>> 0) % BUCKETS;
      counts.set(j, (counts.get(j) ?? 0) + 1);
    }
  let norm = 0;
  for (const v of counts.values()) norm += v * v;
  for (const [k, v] of counts) counts.set(k, v / Math.sqrt(norm));
  return counts;
}

/** Stochastic gradient descent on the class-weighted log loss with L2. */
function train(xs: Features[], ys: boolean[], epochs = 40, rate = 1, l2 = 1e-4): Model {
  const w = new Float64Array(BUCKETS);
  let bias = 0;
  const positives = ys.filter(Boolean).length;
  const positiveWeight = (ys.length - positives) / Math.max(1, positives);
  const score = (x: Features) => {
    let z = bias;
    for (const [k, v] of x) z += (w[k] ?? 0) * v;
    return 1 / (1 + Math.exp(-z));
  };
  for (let epoch = 0; epoch < epochs; epoch++)
    xs.forEach((x, i) => {
      const gradient = (score(x) - (ys[i] ? 1 : 0)) * (ys[i] ? positiveWeight : 1);
      for (const [k, v] of x) w[k] = (w[k] ?? 0) - rate * (gradient * v + l2 * (w[k] ?? 0));
      bias -= rate * gradient;
    });
  return score;
}

function trainAll(emails: LabelledEmail[], cache: Map<string, Features>): Record<IntentId, Model> {
  const xs = emails.map((e) => cache.get(e.id) as Features);
  const models = {} as Record<IntentId, Model>;
  for (const intent of INTENT_IDS)
    models[intent] = train(
      xs,
      emails.map((e) => e.intents.includes(intent)),
    );
  return models;
}

const rules = (e: LabelledEmail) =>
  detectIntents({ subject: e.subject, plainBody: e.body }).intents.map((i) => i.intent);

function combined(
  models: Record<IntentId, Model>,
  cache: Map<string, Features>,
  add: number,
  veto: number,
): Detector {
  return (e) => {
    const x = cache.get(e.id) as Features;
    const found = rules(e).filter((i) => models[i](x) >= veto);
    for (const i of INTENT_IDS) if (!found.includes(i) && models[i](x) >= add) found.push(i);
    return found;
  };
}

export function intentLearnedBench() {
  const dev = labelledEmails('dev');
  const test = labelledEmails('test');
  const cache = new Map([...dev, ...test].map((e) => [e.id, features(e)]));
  const rows: Record<string, unknown>[] = [];

  // Alone, 5-fold cross-validation on the development split.
  for (const threshold of [0.3, 0.5, 0.7]) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let fold = 0; fold < 5; fold++) {
      const models = trainAll(
        dev.filter((_, i) => i % 5 !== fold),
        cache,
      );
      const held = dev.filter((_, i) => i % 5 === fold);
      const m = measure(held, (e) =>
        INTENT_IDS.filter((i) => models[i](cache.get(e.id) as Features) >= threshold),
      );
      tp += m.overall.truePositives;
      fp += m.overall.falsePositives;
      fn += m.overall.falseNegatives;
    }
    const precision = tp / Math.max(1, tp + fp);
    const recall = tp / Math.max(1, tp + fn);
    rows.push({
      setup: `model alone, p ≥ ${threshold}`,
      measuredOn: 'dev, 5-fold CV',
      precision: precision.toFixed(3),
      recall: recall.toFixed(3),
      microF1: ((2 * precision * recall) / Math.max(1e-9, precision + recall)).toFixed(3),
    });
  }

  // Beside the rules, trained on all of dev, measured on test.
  const models = trainAll(dev, cache);
  const setups: Array<[string, Detector]> = [
    ['rules alone', rules],
    ['rules + model adds at p ≥ 0.9', combined(models, cache, 0.9, 0)],
    ['rules + model adds at p ≥ 0.7', combined(models, cache, 0.7, 0)],
    ['rules, model vetoes at p < 0.05', combined(models, cache, 2, 0.05)],
  ];
  for (const [setup, detect] of setups) {
    const m = measure(test, detect).overall;
    rows.push({
      setup,
      measuredOn: 'test',
      precision: m.precision.toFixed(3),
      recall: m.recall.toFixed(3),
      microF1: m.f1.toFixed(3),
    });
  }
  return { rows, bundleBytes: BUCKETS * INTENT_IDS.length };
}
