/**
 * The guard rails good retention practice insists on, as settings: who is valuable enough for a
 * discount or for payment relief. Shares, not amounts, so the line follows the portfolio as it grows.
 */
import * as z from '../zod';

const share = (what: string) =>
  z
    .number({ error: `${what} must be a share from 0.01 to 1 (e.g. 0.2 for the top 20%)` })
    .check(
      z.gte(0.01, `${what} must be at least 0.01 (the top 1%)`),
      z.lte(1, `${what} must be at most 1 (everyone)`),
    );

export const PlaybookSettingsSchema = z.object({
  /** What "value" means: current MRR, or revenue to date (MRR x months as a customer). */
  valueBasis: z._default(z.enum(['mrr', 'revenueToDate']), 'mrr'),
  /** Discounts only for the top share of active customers by value (0.2 = top 20%). */
  discountTopShare: z._default(share('discountTopShare'), 0.2),
  /** Payment holiday and installments for the top share by value among hit customers (0.5 = top half). */
  reliefTopShare: z._default(share('reliefTopShare'), 0.5),
  /** Usage falling by this share or more since last period reads as silent decline (0.3 = 30%). */
  fallingUsageShare: z._default(z.number().check(z.gte(0.05), z.lte(0.95)), 0.3),
});

export type PlaybookSettings = z.infer<typeof PlaybookSettingsSchema>;
export const DEFAULT_PLAYBOOK_SETTINGS: PlaybookSettings = PlaybookSettingsSchema.parse({});
