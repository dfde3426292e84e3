/**
 * Scorecard weights and band thresholds: settings with defaults drawn from customer-success practice
 * (payment trouble, silence and falling usage predict churn best; sentiment and tickets next).
 */
import { z } from 'zod';

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

const threshold = (band: string) =>
  z
    .number({ error: `${band} threshold must be a number from 0 to 100` })
    .min(0, `${band} threshold must be from 0 to 100`)
    .max(100, `${band} threshold must be from 0 to 100`);

export const ScorecardSettingsSchema = z
  .object({
    weights: z
      .object(
        Object.fromEntries(
          SIGNALS.map((s) => [
            s,
            z.number({ error: `weight of ${s} must be a number` }).min(0, `weight of ${s} must be 0 or more`),
          ]),
        ) as Record<SignalId, z.ZodNumber>,
      )
      .partial()
      .default({}),
    /** Scores at or above each threshold fall in that band. */
    thresholds: z
      .object({
        medium: threshold('medium'),
        high: threshold('high'),
        critical: threshold('critical'),
      })
      .default({ medium: 25, high: 50, critical: 75 }),
    /** Days without activity after which a customer counts as dormant. */
    dormantDays: z.number().int().min(30).max(365).default(90),
  })
  .superRefine((s, ctx) => {
    const { medium, high, critical } = s.thresholds;
    if (!(medium < high && high < critical)) {
      ctx.addIssue({
        code: 'custom',
        path: ['thresholds'],
        message: `band thresholds must increase: medium ${medium} < high ${high} < critical ${critical}`,
      });
    }
    const weights = { ...DEFAULT_WEIGHTS, ...s.weights };
    if (Object.values(weights).every((w) => w === 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['weights'],
        message: 'at least one signal needs a weight above 0',
      });
    }
  });

export type ScorecardSettings = z.infer<typeof ScorecardSettingsSchema>;
export const DEFAULT_SCORECARD: ScorecardSettings = ScorecardSettingsSchema.parse({});

export function weightsOf(settings: ScorecardSettings): Record<SignalId, number> {
  return { ...DEFAULT_WEIGHTS, ...settings.weights } as Record<SignalId, number>;
}
