/**
 * The risk engine's view of an email: the churn signal plus the one phrase that drives it most,
 * shaped as the scorecard's `emailIntent` context ("Will not renew: “we will not renew”").
 */
import { describeIntent } from './describe';
import { CHURN_SEVERITY } from './score';
import { CHURN_INTENTS, type ChurnIntent, type IntentHit, type IntentResult } from './types';

export interface EmailIntentSignal {
  churnSignal: number;
  phrase: string;
  label: string;
}

const isChurn = (h: IntentHit): h is IntentHit & { intent: ChurnIntent } =>
  (CHURN_INTENTS as readonly string[]).includes(h.intent);

/** The churn intent that contributes most to the churn signal (severity × confidence). */
export function drivingIntent(result: IntentResult): (IntentHit & { intent: ChurnIntent }) | undefined {
  let top: (IntentHit & { intent: ChurnIntent }) | undefined;
  for (const h of result.intents) {
    if (!isChurn(h)) continue;
    if (!top || CHURN_SEVERITY[h.intent] * h.confidence > CHURN_SEVERITY[top.intent] * top.confidence)
      top = h;
  }
  return top;
}

/** Undefined when the email carries no churn intent (a happy or neutral email adds no risk). */
export function emailIntentSignal(result: IntentResult): EmailIntentSignal | undefined {
  const top = drivingIntent(result);
  if (!top || result.churnSignal <= 0) return undefined;
  return {
    churnSignal: result.churnSignal,
    phrase: top.phrase,
    label: describeIntent(top.intent, top.language),
  };
}
