/**
 * The user's ChurnGuard settings, stored as JSON in their user properties (9 KB a value:
 * src/app/settings-store.ts splits nothing, so this stays small by design).
 * Later capabilities add their own sections; unknown keys are kept, not dropped, so an older
 * build never erases what a newer one saved.
 */
import { z } from 'zod';

export const SettingsSchema = z
  .object({
    /** The Google Sheet holding the customers; unset until the user connects one. */
    spreadsheetId: z.string().min(20).optional(),
    /** The tab with one row per customer. */
    customerSheet: z.string().min(1).default('Customers'),
  })
  .passthrough();

export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
