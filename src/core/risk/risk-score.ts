/** What a risk score is, whichever way it was made (scorecard, learned model, stated intent), and its bands. */
import { DEFAULT_SCORECARD, type ScorecardSettings, type SignalId } from './settings';

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
