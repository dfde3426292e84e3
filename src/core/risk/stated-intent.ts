/**
 * How what the customer writes combines with the score the sheet gives (the scorecard, the learned
 * model or their blend), decided in issue 18:
 *
 *  1. The email and the sheet are two separate pieces of evidence, and either alone can mean the
 *     customer leaves, so they combine like independent causes (a noisy-OR on the 0-100 scale):
 *       risk = 100 − (100 − sheet) × (1 − weight × strength),
 *     where strength is the detector's churn signal (0-1) and weight = the emailIntent weight / 25
 *     (0.6 by default, at most 1). An email never lowers risk, and a customer already near 100 stays there.
 *  2. An explicit churn decision (cancellation, non-renewal or a switch to another supplier, not
 *     hedged or conditional) puts the customer at least at the High threshold, whatever the sheet
 *     or the learned model says: the model learned from the sheet's columns, and a customer who
 *     writes "please cancel" has told us more than any column can.
 *  3. The email's line carries exactly the points it adds (risk − sheet), so "Why this score" still
 *     adds up, and for an explicit decision it is the first reason.
 * The learned model never sees emails, so its probability is the "sheet" above like the scorecard.
 */
import type { DetectedIntent } from '../intent/detect';
import type { ChurnIntent } from '../intent/types';
import { bandOf, type Contribution, type RiskScore } from './risk-score';
import { DEFAULT_SCORECARD, weightsOf, type ScorecardSettings } from './settings';
import type { EmailIntent } from './signals';

/** Intents that state a decision to leave rather than a problem that might lead there. */
export const DECISION_INTENTS: readonly ChurnIntent[] = ['cancellation', 'nonRenewal', 'competitor'];
/** Below this confidence a decision phrase is too uncertain to override the sheet. */
const DECISION_CONFIDENCE = 0.5;
/** The emailIntent weight that makes an email count fully (weight = setting / this, capped at 1). */
const FULL_WEIGHT_AT = 25;

/** Whether a detected intent is an explicit decision to leave. */
export function isChurnDecision(intent: DetectedIntent): boolean {
  return (
    (DECISION_INTENTS as readonly string[]).includes(intent.intent) &&
    !intent.hedged &&
    intent.confidence >= DECISION_CONFIDENCE
  );
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/** The sentence of the email's line, as the scorecard's signal wrote it. */
export const intentSentence = (intent: EmailIntent): string =>
  `${intent.label ?? 'Email says'}: “${intent.phrase}”`;

/** A score with the open email's stated intent folded in (see the module comment). */
export function withStatedIntent(
  risk: RiskScore,
  intent: EmailIntent | undefined,
  settings: ScorecardSettings = DEFAULT_SCORECARD,
): RiskScore {
  if (!intent || (intent.churnSignal <= 0 && !intent.explicit)) return risk;
  const sheet = risk.score ?? 0;
  const weight = clamp01(weightsOf(settings).emailIntent / FULL_WEIGHT_AT);
  let score = 100 - (100 - sheet) * (1 - weight * clamp01(intent.churnSignal));
  if (intent.explicit) score = Math.max(score, settings.thresholds.high);
  const line: Contribution = {
    signal: 'emailIntent',
    severity: clamp01(intent.churnSignal),
    sentence: intentSentence(intent),
    points: score - sheet,
  };
  const others = risk.contributions.filter((c) => c.signal !== 'emailIntent');
  const contributions = intent.explicit
    ? [line, ...others]
    : [...others, line].sort((a, b) => b.points - a.points);
  const { reason: _noScoreReason, ...rest } = risk;
  return {
    ...rest,
    score,
    band: bandOf(score, settings),
    basedOn: risk.basedOn.includes('emailIntent') ? risk.basedOn : [...risk.basedOn, 'emailIntent'],
    contributions,
  };
}
