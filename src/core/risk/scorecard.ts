/**
 * The transparent health scorecard: a weighted mean of signal severities, scaled to 0-100. Signals
 * without data are dropped and the remaining weights re-normalised, so a sparse sheet still gets a
 * fair score, and the result says how many signals it rests on. Every point is explained.
 */
import type { CrisisImpact, Customer } from '../customers/customer';
import { DEFAULT_SCORECARD, SIGNALS, weightsOf, type ScorecardSettings, type SignalId } from './settings';
import { SIGNAL_READERS, type EmailIntent, type SignalContext } from './signals';
import { bandOf, NO_USABLE_DATA, type Contribution, type RiskScore } from './risk-score';
import { withStatedIntent } from './stated-intent';
import { calendarDay } from '../time/calendar';
import { modelLines, type ModelExplanation } from './learned-points';

/**
 * What scoring needs besides the customer: the day to measure from, optionally the open email, and
 * optionally the crisis impact of the customer's segment (overrides `customer.impact` when given).
 */
export interface ScoreContext {
  /** Now, or any instant of the scoring day: days are counted in `timeZone`'s calendar. */
  today: Date;
  /** The spreadsheet's time zone (default UTC): what "today" is, for every day count. */
  timeZone?: string;
  emailIntent?: EmailIntent;
  segmentImpact?: CrisisImpact;
}

export { NO_USABLE_DATA, bandOf, type Band, type Contribution, type RiskScore } from './risk-score';

export function scoreCustomer(
  customer: Customer,
  context: ScoreContext,
  settings: ScorecardSettings = DEFAULT_SCORECARD,
): RiskScore {
  const weights = weightsOf(settings);
  const ctx: SignalContext = {
    today: calendarDay(context.today, context.timeZone),
    dormantDays: settings.dormantDays,
    emailIntent: context.emailIntent,
    segmentImpact: context.segmentImpact,
  };
  const readings: { signal: SignalId; severity: number; sentence: string; weight: number }[] = [];
  for (const signal of SIGNALS) {
    const weight = weights[signal];
    // The email is not one more weighted signal: it combines with the sheet's score (stated-intent.ts).
    if (weight <= 0 || signal === 'emailIntent') continue;
    const reading = SIGNAL_READERS[signal](customer, ctx);
    if (reading) readings.push({ signal, weight, ...reading });
  }
  const churned = customer.status === 'churned';
  const totalWeight = readings.reduce((s, r) => s + r.weight, 0);
  if (readings.length === 0 || totalWeight === 0) {
    const none: RiskScore = {
      band: 'Unknown',
      basedOn: [],
      contributions: [],
      churned,
      reason: NO_USABLE_DATA,
    };
    return context.emailIntent ? withStatedIntent(none, context.emailIntent, settings) : none;
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
  const sheet: RiskScore = {
    score,
    band: bandOf(score, settings),
    basedOn: readings.map((r) => r.signal),
    contributions,
    churned,
  };
  return withStatedIntent(sheet, context.emailIntent, settings);
}

/** The sheet's score alone, without the open email: what a learned model is blended with first. */
export function scoreSheetOnly(
  customer: Customer,
  context: ScoreContext,
  settings: ScorecardSettings = DEFAULT_SCORECARD,
): RiskScore {
  const { emailIntent: _email, ...sheetOnly } = context;
  return scoreCustomer(customer, sheetOnly, settings);
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
 * scaled by its weight and the model's share becomes lines of its own (see learned-points.ts): one
 * line, or with the model's per-column explanation, a typical customer's risk plus the columns that
 * move this customer's risk up or down.
 */
export function withModel(
  risk: RiskScore,
  probability: number,
  options: { kind: 'learned' | 'blend'; weight: number; auc?: number; learner?: string },
  settings: ScorecardSettings = DEFAULT_SCORECARD,
  explanation?: ModelExplanation,
): RiskScore {
  const w = options.kind === 'learned' || risk.score === undefined ? 0 : options.weight;
  const contributions = [
    ...risk.contributions.map((c) => ({ ...c, points: c.points * w })),
    ...modelLines(probability, (1 - w) * 100, options, explanation),
  ].sort((a, b) => b.points - a.points);
  const score = blendScore(risk.score, probability, w);
  return { ...risk, score, band: bandOf(score, settings), contributions };
}
