/**
 * Settings live as one JSON value in the user's properties. A stored value that no longer parses
 * (edited by hand, or written by a newer build) is reported, and left in place until the user saves.
 */
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../core/settings/settings';
import type { KeyValueStore } from '../ports/key-value-store';
import { utf8Length } from '../core/text/utf8';
import { PROPERTY_VALUE_MAX_BYTES } from '../core/text/byte-budget';

export const SETTINGS_KEY = 'churnguard.settings';
/** PropertiesService rejects values over 9 KB; keep a margin for growth. */
export const MAX_SETTINGS_BYTES = PROPERTY_VALUE_MAX_BYTES;

export type LoadedSettings = { settings: Settings; problem?: string };

export function loadSettings(store: KeyValueStore): LoadedSettings {
  const raw = store.get(SETTINGS_KEY);
  if (raw === null) return { settings: DEFAULT_SETTINGS };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return {
      settings: DEFAULT_SETTINGS,
      problem: 'Your saved settings are not valid JSON; defaults are shown.',
    };
  }
  const parsed = SettingsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      settings: DEFAULT_SETTINGS,
      problem: `Saved setting ${issue?.path.join('.') ?? ''} is invalid (${issue?.message ?? 'unknown'}); defaults are shown.`,
    };
  }
  return { settings: parsed.data };
}

export function saveSettings(store: KeyValueStore, settings: Settings): void {
  const value = JSON.stringify(SettingsSchema.parse(settings));
  const bytes = utf8Length(value);
  if (bytes > MAX_SETTINGS_BYTES) {
    throw new Error(
      `Settings are ${bytes} bytes; Apps Script properties hold at most ${MAX_SETTINGS_BYTES} bytes a value.`,
    );
  }
  store.set(SETTINGS_KEY, value);
}
