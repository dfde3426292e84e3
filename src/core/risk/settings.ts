/**
 * Scorecard weights and band thresholds: settings with defaults drawn from customer-success practice
 * (payment trouble, silence and falling usage predict churn best; sentiment and tickets next).
 */
import * as z from '../zod';

export const SIGNALS = [
  'inactivity',
  'usageDrop',
  'payments',
  'sentiment',
  'support',
  'renewal',
  'earlyLife',
  'crisisImpact',
  'emailIntent',
] as const;
export type SignalId = (typeof SIGNALS)[number];

export const DEFAULT_WEIGHTS: Record<SignalId, number> = {
  inactivity: 20,
  usageDrop: 15,
  payments: 18,
  sentiment: 12,
  support: 8,
  renewal: 10,
  earlyLife: 5,
  crisisImpact: 7,
  emailIntent: 15,
};

const DEFAULT_THRESHOLDS = { medium: 25, high: 50, critical: 75 };

const threshold = (band: keyof typeof DEFAULT_THRESHOLDS) =>
  z._default(
    z
      .number({ error: `${band} threshold must be a number from 0 to 100` })
      .check(
        z.gte(0, `${band} threshold must be from 0 to 100`),
        z.lte(100, `${band} threshold must be from 0 to 100`),
      ),
    DEFAULT_THRESHOLDS[band],
  );

const signalList = SIGNALS.join(', ');

const dormantDaysMessage = 'dormantDays must be a whole number of days from 30 to 365';

export const ScorecardSettingsSchema = z
  .object({
    /** Relative weights (any scale); a signal left out keeps its default, 0 switches it off. */
    weights: z._default(
      z.strictObject(
        Object.fromEntries(
          SIGNALS.map((s) => [
            s,
            z.optional(
              z
                .number({ error: `weight of ${s} must be a number` })
                .check(z.gte(0, `weight of ${s} must be 0 or more`)),
            ),
          ]),
        ) as Record<SignalId, z.ZodMiniOptional<z.ZodMiniNumber>>,
        {
          error: (issue) =>
            issue.code === 'unrecognized_keys'
              ? `unknown signal ${issue.keys.map((k) => `"${k}"`).join(', ')}; signals are ${signalList}`
              : 'weights must be an object of signal: number',
        },
      ),
      {},
    ),
    /** Scores at or above each threshold fall in that band; one left out keeps its default. */
    thresholds: z._default(
      z.object(
        { medium: threshold('medium'), high: threshold('high'), critical: threshold('critical') },
        { error: 'thresholds must be an object of medium, high and critical' },
      ),
      DEFAULT_THRESHOLDS,
    ),
    /** Days without activity after which a customer counts as dormant (full severity at twice that). */
    dormantDays: z._default(
      z
        .number({ error: dormantDaysMessage })
        .check(z.int(dormantDaysMessage), z.gte(30, dormantDaysMessage), z.lte(365, dormantDaysMessage)),
      90,
    ),
  })
  .check(
    z.superRefine((s, ctx) => {
      const { medium, high, critical } = s.thresholds;
      if (!(medium < high && high < critical)) {
        ctx.addIssue({
          code: 'custom',
          path: ['thresholds'],
          message: `band thresholds must increase: medium ${medium} < high ${high} < critical ${critical}`,
        });
      }
      if (Object.values(mergedWeights(s.weights)).every((w) => w === 0)) {
        ctx.addIssue({
          code: 'custom',
          path: ['weights'],
          message: 'at least one signal needs a weight above 0',
        });
      }
    }),
  );

export type ScorecardSettings = z.infer<typeof ScorecardSettingsSchema>;
export const DEFAULT_SCORECARD: ScorecardSettings = ScorecardSettingsSchema.parse({});

function mergedWeights(weights: Partial<Record<SignalId, number | undefined>>): Record<SignalId, number> {
  const out = { ...DEFAULT_WEIGHTS };
  for (const signal of SIGNALS) {
    const w = weights[signal];
    if (w !== undefined) out[signal] = w;
  }
  return out;
}

/** Every signal's weight: the settings' where given, the default otherwise. */
export function weightsOf(settings: ScorecardSettings): Record<SignalId, number> {
  return mergedWeights(settings.weights);
}
