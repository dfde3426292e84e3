/**
 * The spreadsheet's own Settings tab: values the whole team shares (the currency merge fields use,
 * who retention emails come from, campaign cool-down and holdout), as "Setting | Value | Meaning"
 * rows a person can edit. Personal choices (which sheet, weights) stay in the add-on's Settings.
 * Unknown settings and bad values are reported with their cell; the defaults fill in for them.
 */
import * as z from '../zod';
import { normaliseHeader } from '../sheet/columns';
import { LANGUAGE_CODES, parseLanguage, type LanguageCode } from '../templates/languages';

export const TEAM_SETTINGS_TAB = 'Settings';
export const TEAM_SETTINGS_HEADERS = ['Setting', 'Value', 'Meaning'];

const percent = z
  .coerceNumber({ error: 'must be a percent from 0 to 50' })
  .check(z.gte(0, 'must be a percent from 0 to 50'), z.lte(50, 'must be a percent from 0 to 50'));

/** Each setting: its label in the tab, schema, default and the sentence shown beside it. */
const SPECS = {
  currency: {
    label: 'Currency',
    schema: z
      .string()
      .check(
        z.trim(),
        z.toUpperCase(),
        z.regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as USD, EUR or KZT'),
      ),
    fallback: 'USD',
    meaning: 'ISO code used by {{MRR|currency}} and other money merge fields.',
  },
  senderName: {
    label: 'Sender name',
    schema: z.string().check(z.trim(), z.maxLength(100, 'must be at most 100 characters')),
    fallback: '',
    meaning: 'Shown as the From name of campaign emails; empty uses your Google account name.',
  },
  companyName: {
    label: 'Our company',
    schema: z.string().check(z.trim(), z.maxLength(100, 'must be at most 100 characters')),
    fallback: '',
    meaning: 'Your company, for the {{Our company}} merge field in templates.',
  },
  coolDownDays: {
    label: 'Cool-down days',
    schema: z
      .coerceNumber({ error: 'must be a whole number of days from 0 to 365' })
      .check(
        z.int('must be a whole number of days from 0 to 365'),
        z.gte(0, 'must be a whole number of days from 0 to 365'),
        z.lte(365, 'must be a whole number of days from 0 to 365'),
      ),
    fallback: 14,
    meaning: 'A customer emailed by one campaign is left out of others for this many days.',
  },
  holdoutPercent: {
    label: 'Holdout %',
    schema: percent,
    fallback: 10,
    meaning: 'Share of each campaign audience not emailed, so the campaign’s effect can be measured.',
  },
  defaultLanguage: {
    label: 'Default language',
    schema: z.pipe(
      z
        .string()
        .check(
          z.refine(
            (v) => parseLanguage(v) !== null,
            `must be a language code (${LANGUAGE_CODES.join(', ')})`,
          ),
        ),
      z.transform((v) => parseLanguage(v) as LanguageCode),
    ),
    fallback: 'en' as LanguageCode,
    meaning: 'The language of templates without a Language, and the fallback.',
  },
} as const;

export type TeamSettingKey = keyof typeof SPECS;
export interface TeamSettings {
  currency: string;
  senderName: string;
  companyName: string;
  coolDownDays: number;
  holdoutPercent: number;
  defaultLanguage: LanguageCode;
}

export const DEFAULT_TEAM_SETTINGS: TeamSettings = {
  currency: SPECS.currency.fallback,
  senderName: SPECS.senderName.fallback,
  companyName: SPECS.companyName.fallback,
  coolDownDays: SPECS.coolDownDays.fallback,
  holdoutPercent: SPECS.holdoutPercent.fallback,
  defaultLanguage: SPECS.defaultLanguage.fallback,
};

const KEYS = Object.keys(SPECS) as TeamSettingKey[];
const BY_LABEL = new Map(KEYS.map((k) => [normaliseHeader(SPECS[k].label), k]));

export interface TeamSettingsRead {
  settings: TeamSettings;
  /** "Settings!B4 (Cool-down days): must be a whole number of days from 0 to 365, not 'two weeks'". */
  issues: string[];
}

const show = (v: unknown) => `'${String(v)}'`;

/** Reads the tab's rows (header first); a missing tab is `null` and gives the defaults. */
export function readTeamSettings(values: unknown[][] | null, tab = TEAM_SETTINGS_TAB): TeamSettingsRead {
  const settings: TeamSettings = { ...DEFAULT_TEAM_SETTINGS };
  const issues: string[] = [];
  if (!values) return { settings, issues };
  const seen = new Map<TeamSettingKey, number>();
  values.slice(1).forEach((row, i) => {
    const rowNumber = i + 2;
    const label = String(row[0] ?? '').trim();
    if (!label) return;
    const key = BY_LABEL.get(normaliseHeader(label));
    if (!key) {
      issues.push(
        `${tab}!A${rowNumber}: unknown setting ${show(label)}; settings are ${KEYS.map((k) => SPECS[k].label).join(', ')}`,
      );
      return;
    }
    const before = seen.get(key);
    if (before !== undefined) {
      issues.push(`${tab}!A${rowNumber} (${SPECS[key].label}): set again; row ${before} is used`);
      return;
    }
    seen.set(key, rowNumber);
    const raw = row[1] ?? '';
    if (String(raw).trim() === '') return;
    const parsed = SPECS[key].schema.safeParse(raw);
    if (!parsed.success) {
      issues.push(
        `${tab}!B${rowNumber} (${SPECS[key].label}): ${parsed.error.issues[0]?.message ?? 'invalid'}, not ${show(raw)}`,
      );
      return;
    }
    (settings as unknown as Record<string, unknown>)[key] = parsed.data;
  });
  return { settings, issues };
}

/** The tab a new spreadsheet is created with: every setting at its default, with what it means. */
export function defaultTeamSettingsRows(): unknown[][] {
  return [TEAM_SETTINGS_HEADERS, ...KEYS.map((k) => [SPECS[k].label, SPECS[k].fallback, SPECS[k].meaning])];
}
