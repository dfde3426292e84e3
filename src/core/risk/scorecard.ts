/**
 * The transparent health scorecard: a weighted mean of signal severities, scaled to 0-100. Signals
 * without data are dropped and the remaining weights re-normalised, so a sparse sheet still gets a
 * fair score, and the result says how many signals it rests on. Every point is explained.
 */
import type { CrisisImpact, Customer } from '../customers/customer';
import { DEFAULT_SCORECARD, SIGNALS, weightsOf, type ScorecardSettings, type SignalId } from './settings';
import { SIGNAL_READERS, type EmailIntent, type SignalContext } from './signals';

/**
 * What scoring needs besides the customer: the day to measure from, optionally the open email, and
 * optionally the crisis impact of the customer's segment (overrides `customer.impact` when given).
 */
export interface ScoreContext {
  today: Date;
  emailIntent?: EmailIntent;
  segmentImpact?: CrisisImpact;
}

export const NO_USABLE_DATA = 'No usable data';

export type Band = 'Low' | 'Medium' | 'High' | 'Critical' | 'Unknown';

export interface Contribution {
  signal: SignalId | 'learnedModel';
  points: number;
  severity: number;
  sentence: string;
}

export interface RiskScore {
  /** 0-100, undefined when no signal has data. */
  score?: number;
  band: Band;
  /** Signals with data, in SIGNALS order. */
  basedOn: SignalId[];
  /** Every signal with data, largest contribution first; points sum to the score. */
  contributions: Contribution[];
  churned: boolean;
  /** Why there is no score ("No usable data"); set only when band is Unknown. */
  reason?: string;
}

export function bandOf(score: number | undefined, settings: ScorecardSettings = DEFAULT_SCORECARD): Band {
  if (score === undefined) return 'Unknown';
  const t = settings.thresholds;
  if (score >= t.critical) return 'Critical';
  if (score >= t.high) return 'High';
  if (score >= t.medium) return 'Medium';
  return 'Low';
}

export function scoreCustomer(
  customer: Customer,
  context: ScoreContext,
  settings: ScorecardSettings = DEFAULT_SCORECARD,
): RiskScore {
  const weights = weightsOf(settings);
  const ctx: SignalContext = {
    today: context.today,
    dormantDays: settings.dormantDays,
    emailIntent: context.emailIntent,
    segmentImpact: context.segmentImpact,
  };
  const readings: { signal: SignalId; severity: number; sentence: string; weight: number }[] = [];
  for (const signal of SIGNALS) {
    const weight = weights[signal];
    if (weight <= 0) continue;
    const reading = SIGNAL_READERS[signal](customer, ctx);
    if (reading) readings.push({ signal, weight, ...reading });
  }
  const churned = customer.status === 'churned';
  const totalWeight = readings.reduce((s, r) => s + r.weight, 0);
  if (readings.length === 0 || totalWeight === 0) {
    return { band: 'Unknown', basedOn: [], contributions: [], churned, reason: NO_USABLE_DATA };
  }
  const contributions = readings
    .map((r) => ({
      signal: r.signal,
      severity: r.severity,
      sentence: r.sentence,
      points: (100 * r.weight * r.severity) / totalWeight,
    }))
    .sort((a, b) => b.points - a.points || SIGNALS.indexOf(a.signal) - SIGNALS.indexOf(b.signal));
  const score = contributions.reduce((s, c) => s + c.points, 0);
  return {
    score,
    band: bandOf(score, settings),
    basedOn: readings.map((r) => r.signal),
    contributions,
    churned,
  };
}

/** The reasons worth showing first: signals that add points, largest first. */
export function topReasons(result: RiskScore, n = 3): Contribution[] {
  return result.contributions.filter((c) => c.points >= 0.5).slice(0, n);
}

/**
 * Scores a whole sheet. `context` is a ScoreContext or just the day (kept for older callers); an
 * emailIntent in the context applies to every customer, so pass one only when that is meant.
 */
export function scoreAll(
  customers: readonly Customer[],
  context: ScoreContext | Date,
  settings: ScorecardSettings = DEFAULT_SCORECARD,
): RiskScore[] {
  const ctx: ScoreContext = context instanceof Date ? { today: context } : context;
  return customers.map((c) => scoreCustomer(c, ctx, settings));
}

/**
 * A blend of the scorecard and the learned model: w × scorecard + (1 − w) × 100 × probability.
 * The scorecard explains; the model corrects for what this company's history shows.
 */
export function blendScore(scorecard: number | undefined, probability: number, weight: number): number {
  if (scorecard === undefined) return 100 * probability;
  weight = Math.max(0, Math.min(1, weight));
  return weight * scorecard + (1 - weight) * 100 * probability;
}

/** The blend under the name the risk API documents: `blend(scorecardScore, probability, w)`. */
export const blend = blendScore;

/**
 * Folds the learned model into a score so the explanation still adds up: the scorecard's points are
 * scaled by its weight and the model's share becomes one more line.
 */
export function withModel(
  risk: RiskScore,
  probability: number,
  options: { kind: 'learned' | 'blend'; weight: number; auc?: number },
  settings: ScorecardSettings = DEFAULT_SCORECARD,
): RiskScore {
  const w = options.kind === 'learned' || risk.score === undefined ? 0 : options.weight;
  const sentence = `Learned from your history: ${Math.round(probability * 100)}% likely to churn${
    options.auc ? ` (model AUC ${options.auc.toFixed(2)})` : ''
  }`;
  const contributions = [
    ...risk.contributions.map((c) => ({ ...c, points: c.points * w })),
    { signal: 'learnedModel' as const, severity: probability, sentence, points: (1 - w) * 100 * probability },
  ].sort((a, b) => b.points - a.points);
  const score = blendScore(risk.score, probability, w);
  return { ...risk, score, band: bandOf(score, settings), contributions };
}
