/**
 * The user's ChurnGuard settings, stored as JSON in their user properties (9 KB a value:
 * src/app/settings-store.ts splits nothing, so this stays small by design).
 * Later capabilities add their own sections; unknown keys are kept, not dropped, so an older
 * build never erases what a newer one saved.
 */
import * as z from '../zod';
import { ColumnMappingSchema } from '../sheet/columns';
import { ScorecardSettingsSchema } from '../risk/settings';
import { PlaybookSettingsSchema } from '../playbooks/settings';
import { SenderSettingsSchema } from './sender';
import { StoreSettingsSchema } from './store';

export const SettingsSchema = z.looseObject({
  /** The Google Sheet holding the customers; unset until the user connects one. */
  spreadsheetId: z.optional(z.string().check(z.minLength(20))),
  /** The tab with one row per customer. */
  customerSheet: z._default(z.string().check(z.minLength(1)), 'Customers'),
  /** Columns the user mapped by hand (field → header); the rest are recognised by name. */
  mapping: z.optional(ColumnMappingSchema),
  /** Score weights, band thresholds and the dormancy line; defaults when unset. */
  scorecard: z.optional(ScorecardSettingsSchema),
  /** Guard rails for offers: who is valuable enough for a discount or payment relief. */
  playbooks: z.optional(PlaybookSettingsSchema),
  /** The daily scan (re-score, history, alerts) and the owners' digest email; off until turned on. */
  watch: z.optional(
    z.object({
      enabled: z._default(z.boolean(), false),
      digest: z._default(z.boolean(), true),
      /** The scan runs with the first hourly trigger at or after this UTC hour. */
      hourUtc: z._default(z.int().check(z.gte(0), z.lte(23)), 5),
    }),
  ),
  /** Automatic reactivation emails to customers who went quiet; off until the manager turns it on. */
  reactivation: z.optional(
    z.object({
      enabled: z._default(z.boolean(), false),
      days: z._default(z.int().check(z.gte(90), z.lte(180)), 120),
      template: z._default(z.string().check(z.trim(), z.minLength(1), z.maxLength(120)), 'Reactivation'),
    }),
  ),
  /** Who sends campaign emails: MailApp (default) or an email service (src/core/settings/sender.ts). */
  sender: z.optional(SenderSettingsSchema),
  /** Where customers are read from: the sheet (default) or a BigQuery table (src/core/settings/store.ts). */
  store: z.optional(StoreSettingsSchema),
  /** Which score the card shows: the scorecard, the learned model, or a blend of both. */
  riskModel: z.optional(
    z.object({
      kind: z._default(z.enum(['scorecard', 'learned', 'blend']), 'scorecard'),
      blendWeight: z._default(z.number().check(z.gte(0), z.lte(1)), 0.5),
      /** Cross-validated AUC and size of the history the stored model was learned from. */
      auc: z.optional(z.number().check(z.gte(0), z.lte(1))),
      rows: z.optional(z.int()),
      fittedAt: z.optional(z.string()),
      /** Why no model could be learned, shown in Settings. */
      declined: z.optional(z.string()),
      /** The learner chosen by cross-validated AUC, why, and the stored model's size. */
      learner: z.optional(z.enum(['logistic', 'trees', 'blend'])),
      learnerReason: z.optional(z.string()),
      bytes: z.optional(z.int()),
    }),
  ),
});

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
