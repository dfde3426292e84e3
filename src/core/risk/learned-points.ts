/**
 * The learned model's share of a score as lines of points that add up to it exactly. The model
 * explains a customer on the log-odds scale (base + Σ column contributions = logit p); points live
 * on the probability scale, so each column gets the same share of (p − p_typical) as it has of
 * (logit p − base): the secant slope of the logistic curve between the two, which is positive, so a
 * column that raises the log-odds always adds points. Small columns are pooled into one line.
 */
import type { Contribution } from './risk-score';

export interface ModelExplanation {
  /** Log-odds of a typical customer (no column moving it). */
  base: number;
  columns: readonly { column: string; logit: number }[];
}

/** Columns listed by name; the rest are one "other columns" line. */
const NAMED_COLUMNS = 5;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const learned = (sentence: string, points: number, severity: number): Contribution => ({
  signal: 'learnedModel',
  severity,
  sentence: `Learned from your history: ${sentence}`,
  points,
});

export function modelLines(
  probability: number,
  share: number,
  options: { auc?: number; learner?: string },
  explanation?: ModelExplanation,
): Contribution[] {
  const quality = [options.learner, options.auc ? `model AUC ${options.auc.toFixed(2)}` : '']
    .filter(Boolean)
    .join(', ');
  const about = quality ? ` (${quality})` : '';
  if (!explanation || explanation.columns.length === 0)
    return [
      learned(`${Math.round(probability * 100)}% likely to churn${about}`, share * probability, probability),
    ];
  const typical = sigmoid(explanation.base);
  const total = explanation.columns.reduce((s, c) => s + c.logit, 0);
  const slope = Math.abs(total) < 1e-9 ? typical * (1 - typical) : (probability - typical) / total;
  const columns = explanation.columns
    .map((c) => ({ column: c.column, points: share * slope * c.logit }))
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  const named = columns.slice(0, NAMED_COLUMNS).filter((c) => Math.abs(c.points) >= 0.5);
  const rest = columns.filter((c) => !named.includes(c)).reduce((s, c) => s + c.points, 0);
  return [
    learned(
      `a typical customer is ${Math.round(typical * 100)}% likely to churn${about}`,
      share * typical,
      typical,
    ),
    ...named.map((c) =>
      learned(`${c.column} ${c.points >= 0 ? 'raises' : 'lowers'} the risk`, c.points, probability),
    ),
    ...(rest !== 0 ? [learned('other columns', rest, probability)] : []),
  ];
}
