/**
 * How phrase matches become confidences.
 *
 * A phrase starts at its rule's weight (0.9 for "please cancel our subscription" … 0.3 for "does not
 * work"), then: negated → dropped; hedged ("might", "возможно", "belki", "kanskje", "мүмкін") × 0.7;
 * conditional ("if", "если", "eğer", "hvis", "егер") × 0.5; found in the subject × 0.9, or × 0.6
 * when the subject is a reply or forward ("Re: …" may be an old thread's topic).
 *
 * An intent's confidence combines its non-overlapping phrases by noisy-OR, 1 − Π(1 − cᵢ): two
 * independent 0.6 phrases give 0.84, more evidence never lowers it, and it never reaches 1. When
 * every phrase is hedged or conditional, only the strongest counts: two ifs do not make a fact.
 * The churn signal is the noisy-OR of the churn intents, each scaled by how directly it predicts
 * churn (an explicit cancellation counts fully, a complaint less than half); expansion is left out.
 */
import type { ChurnIntent } from './types';

export const HEDGE_FACTOR = 0.7;
export const CONDITION_FACTOR = 0.5;
export const SUBJECT_FACTOR = 0.9;
export const REPLY_SUBJECT_FACTOR = 0.6;
/**
 * Intents below this confidence are not reported, so the card shows only what the detector is sure
 * of: a plain phrase (0.5 and up), a hedged strong one ("we might cancel", 0.63), never a condition
 * ("if prices rise we will cancel", 0.45) or a reply subject's old topic alone.
 */
export const MIN_CONFIDENCE = 0.5;
const MAX_CONFIDENCE = 0.99;

export const CHURN_SEVERITY: Record<ChurnIntent, number> = {
  cancellation: 1,
  nonRenewal: 0.95,
  competitor: 0.8,
  downgrade: 0.6,
  price: 0.5,
  paymentDelay: 0.5,
  complaint: 0.45,
};

export function noisyOr(values: readonly number[]): number {
  let miss = 1;
  for (const v of values) miss *= 1 - Math.max(0, Math.min(1, v));
  return Math.min(MAX_CONFIDENCE, 1 - miss);
}

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
