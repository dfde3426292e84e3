/**
 * The open email's stated intent, carried by the "Why this score" button as one action parameter,
 * so the explanation scores the customer exactly as the card did without reading the message
 * again. Validated on the way back in (zod): an action parameter is input like any other.
 */
import * as z from '../core/zod';
import type { IntentReading } from '../core/intent/detect';
import type { EmailIntent } from '../core/risk/signals';
import { isChurnDecision } from '../core/risk/stated-intent';

const EmailIntentSchema = z.object({
  churnSignal: z.number().check(z.gte(0), z.lte(1)),
  phrase: z.string().check(z.maxLength(500)),
  label: z.optional(z.string().check(z.maxLength(200))),
  explicit: z.optional(z.boolean()),
});

/**
 * What an email says, as the risk score takes it: the churn signal, and the phrase to quote, which
 * is an explicit decision to leave when there is one (it becomes the first reason), else the
 * strongest churn intent.
 */
export function statedIntentOf(reading: IntentReading | undefined): EmailIntent | undefined {
  if (!reading) return undefined;
  const decision = reading.intents.find(isChurnDecision);
  const shown = decision ?? reading.strongest;
  if (!shown) return undefined;
  return {
    churnSignal: reading.churnSignal,
    phrase: shown.phrase,
    label: shown.label,
    ...(decision ? { explicit: true } : {}),
  };
}

export const encodeStatedIntent = (intent: EmailIntent): string => JSON.stringify(intent);

/** The intent a button carried, or undefined when it carried none or something unreadable. */
export function decodeStatedIntent(param: string | undefined): EmailIntent | undefined {
  if (!param) return undefined;
  try {
    const parsed = EmailIntentSchema.safeParse(JSON.parse(param));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
