/**
 * The connected spreadsheet's configuration tabs (Impact rules, Segments, Templates, Settings), read
 * together and cached for five minutes: a sidebar open needs the rules and playbooks, and reading
 * four tabs costs about a dozen service calls where the cache costs one. ChurnGuard clears the cache
 * whenever it writes one of these tabs; a person's own edits show within five minutes, or at once
 * with "Refresh" on the homepage.
 */
import type { AppContext } from './context';

export const CONFIG_TABS = {
  impactRules: 'Impact rules',
  segments: 'Segments',
  templates: 'Templates',
  settings: 'Settings',
} as const;
export type ConfigTab = keyof typeof CONFIG_TABS;

/** Each tab's rows (header first), or null when the spreadsheet has no such tab. */
export type RawConfig = Record<ConfigTab, unknown[][] | null>;

const CONFIG_CACHE_SECONDS = 5 * 60;
const cacheKey = (spreadsheetId: string) => `cg.config.${spreadsheetId}`.slice(0, 240);

/** Dates survive the cache as tagged strings, so a cached read equals a fresh one. */
function revive(_key: string, value: unknown): unknown {
  return typeof value === 'string' && value.startsWith('\u0000date:') ? new Date(value.slice(6)) : value;
}
function replace(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Date ? `\u0000date:${raw.toISOString()}` : value;
}

export function loadRawConfig(ctx: AppContext, spreadsheetId: string): RawConfig {
  const cached = ctx.cache.get(cacheKey(spreadsheetId));
  if (cached) {
    try {
      return JSON.parse(cached, revive) as RawConfig;
    } catch {
      // A corrupt entry is read again from the sheet below.
    }
  }
  const tabs = ctx.tabs(spreadsheetId);
  const config = Object.fromEntries(
    (Object.keys(CONFIG_TABS) as ConfigTab[]).map((k) => [k, tabs.read(CONFIG_TABS[k])?.values ?? null]),
  ) as RawConfig;
  ctx.cache.put(cacheKey(spreadsheetId), JSON.stringify(config, replace), CONFIG_CACHE_SECONDS);
  return config;
}

export function forgetRawConfig(ctx: AppContext, spreadsheetId: string): void {
  ctx.cache.remove(cacheKey(spreadsheetId));
}
