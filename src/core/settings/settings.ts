/**
 * The user's ChurnGuard settings, stored as JSON in their user properties (9 KB a value:
 * src/app/settings-store.ts splits nothing, so this stays small by design).
 * Later capabilities add their own sections; unknown keys are kept, not dropped, so an older
 * build never erases what a newer one saved.
 */
import { z } from 'zod';
import { ColumnMappingSchema } from '../sheet/columns';
import { ScorecardSettingsSchema } from '../risk/settings';
import { PlaybookSettingsSchema } from '../playbooks/settings';

export const SettingsSchema = z
  .object({
    /** The Google Sheet holding the customers; unset until the user connects one. */
    spreadsheetId: z.string().min(20).optional(),
    /** The tab with one row per customer. */
    customerSheet: z.string().min(1).default('Customers'),
    /** Columns the user mapped by hand (field → header); the rest are recognised by name. */
    mapping: ColumnMappingSchema.optional(),
    /** Score weights, band thresholds and the dormancy line; defaults when unset. */
    scorecard: ScorecardSettingsSchema.optional(),
    /** Guard rails for offers: who is valuable enough for a discount or payment relief. */
    playbooks: PlaybookSettingsSchema.optional(),
    /** The daily scan (re-score, history, alerts) and the owners' digest email; off until turned on. */
    watch: z
      .object({
        enabled: z.boolean().default(false),
        digest: z.boolean().default(true),
        /** The scan runs with the first hourly trigger at or after this UTC hour. */
        hourUtc: z.number().int().min(0).max(23).default(5),
      })
      .optional(),
    /** Automatic reactivation emails to customers who went quiet; off until the manager turns it on. */
    reactivation: z
      .object({
        enabled: z.boolean().default(false),
        days: z.number().int().min(90).max(180).default(120),
        template: z.string().trim().min(1).max(120).default('Reactivation'),
      })
      .optional(),
    /** Which score the card shows: the scorecard, the learned model, or a blend of both. */
    riskModel: z
      .object({
        kind: z.enum(['scorecard', 'learned', 'blend']).default('scorecard'),
        blendWeight: z.number().min(0).max(1).default(0.5),
        /** Cross-validated AUC and size of the history the stored model was learned from. */
        auc: z.number().min(0).max(1).optional(),
        rows: z.number().int().optional(),
        fittedAt: z.string().optional(),
        /** Why no model could be learned, shown in Settings. */
        declined: z.string().optional(),
        /** The learner chosen by cross-validated AUC, why, and the stored model's size. */
        learner: z.enum(['logistic', 'trees', 'blend']).optional(),
        learnerReason: z.string().optional(),
        bytes: z.number().int().optional(),
      })
      .optional(),
  })
  .passthrough();

export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/**
 * Settings pointed at another sheet or tab. A column mapping names the old sheet's headers, so it is
 * dropped when the sheet changes: kept, it would send customer look-ups to a column the new sheet does
 * not have, and every "Why" and reply on the new sheet would fail to find the customer.
 */
export function connectSheet(settings: Settings, spreadsheetId: string, customerSheet: string): Settings {
  const same = settings.spreadsheetId === spreadsheetId && settings.customerSheet === customerSheet;
  const { mapping, ...rest } = settings;
  return { ...rest, ...(same && mapping ? { mapping } : {}), spreadsheetId, customerSheet };
}
