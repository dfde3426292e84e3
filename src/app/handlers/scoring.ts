/**
 * Settings → Scoring and offers. Every number typed is checked by the same zod schemas that guard
 * stored settings, and every problem is listed at once, so nothing half-valid is saved.
 */
import { DEFAULT_PLAYBOOK_SETTINGS, PlaybookSettingsSchema } from '../../core/playbooks/settings';
import {
  DEFAULT_SCORECARD,
  ScorecardSettingsSchema,
  SIGNALS,
  weightsOf,
  type SignalId,
} from '../../core/risk/settings';
import type { Settings } from '../../core/settings/settings';
import type { ActionResponse } from '../../ui/card/types';
import { SCORING_FIELDS, scoringCard, type ScoringState } from '../../ui/cards/scoring';
import type { AppContext } from '../context';
import { formValue, type AddonEvent } from '../events';
import { loadSettings, saveSettings } from '../settings-store';

export const SIGNAL_LABELS: Record<SignalId, string> = {
  inactivity: 'Inactivity',
  usageDrop: 'Falling usage',
  payments: 'Late payments',
  sentiment: 'Low NPS / CSAT',
  support: 'Complaints and tickets',
  renewal: 'Renewal close',
  earlyLife: 'New customer',
  crisisImpact: 'Crisis impact',
  emailIntent: 'What the email says',
};

function stateOf(settings: Settings): ScoringState {
  const scorecard = settings.scorecard ?? DEFAULT_SCORECARD;
  const playbooks = settings.playbooks ?? DEFAULT_PLAYBOOK_SETTINGS;
  const weights = weightsOf(scorecard);
  const t = scorecard.thresholds;
  return {
    weights: SIGNALS.map((signal) => ({
      signal,
      label: SIGNAL_LABELS[signal],
      value: String(weights[signal]),
    })),
    thresholds: { medium: String(t.medium), high: String(t.high), critical: String(t.critical) },
    dormantDays: String(scorecard.dormantDays),
    valueBasis: playbooks.valueBasis,
    discountTopPercent: String(Math.round(playbooks.discountTopShare * 100)),
    reliefTopPercent: String(Math.round(playbooks.reliefTopShare * 100)),
  };
}

/** The form as typed, so a refused save shows the user's own values next to the errors. */
function typedState(event: AddonEvent, errors: string[]): ScoringState {
  const v = (name: string) => formValue(event, name);
  return {
    weights: SIGNALS.map((signal) => ({
      signal,
      label: SIGNAL_LABELS[signal],
      value: v(SCORING_FIELDS.weight(signal)),
    })),
    thresholds: {
      medium: v(SCORING_FIELDS.medium),
      high: v(SCORING_FIELDS.high),
      critical: v(SCORING_FIELDS.critical),
    },
    dormantDays: v(SCORING_FIELDS.dormantDays),
    valueBasis: v(SCORING_FIELDS.valueBasis) === 'revenueToDate' ? 'revenueToDate' : 'mrr',
    discountTopPercent: v(SCORING_FIELDS.discountTop),
    reliefTopPercent: v(SCORING_FIELDS.reliefTop),
    errors,
  };
}

export function openScoring(ctx: AppContext): ActionResponse {
  const card = scoringCard(stateOf(loadSettings(ctx.userStore).settings));
  return { kind: 'navigate', steps: [{ kind: 'push', card }] };
}

/** A typed number, or NaN so the schema reports the field ("1,5" and "12 %" are read as people mean them). */
function typedNumber(event: AddonEvent, name: string): number {
  const text = formValue(event, name).replace(/\s|%/g, '').replace(',', '.');
  return text === '' ? Number.NaN : Number(text);
}

export function saveScoring(ctx: AppContext, event: AddonEvent): ActionResponse {
  const { settings } = loadSettings(ctx.userStore);
  const errors: string[] = [];
  const field = (label: string, name: string): number => {
    const n = typedNumber(event, name);
    if (Number.isNaN(n)) errors.push(`${label}: "${formValue(event, name)}" is not a number.`);
    return n;
  };
  const weights = Object.fromEntries(
    SIGNALS.map((s) => [s, field(SIGNAL_LABELS[s], SCORING_FIELDS.weight(s))]),
  );
  const thresholds = {
    medium: field('Medium', SCORING_FIELDS.medium),
    high: field('High', SCORING_FIELDS.high),
    critical: field('Critical', SCORING_FIELDS.critical),
  };
  const dormantDays = field('Dormant after', SCORING_FIELDS.dormantDays);
  const percent = (label: string, name: string): number => {
    const n = field(label, name);
    if (!Number.isNaN(n) && (n < 1 || n > 100)) errors.push(`${label}: ${n} must be from 1 to 100.`);
    return n / 100;
  };
  const basis = formValue(event, SCORING_FIELDS.valueBasis);
  const scorecard = ScorecardSettingsSchema.safeParse({ weights, thresholds, dormantDays });
  const playbooks = PlaybookSettingsSchema.safeParse({
    ...(settings.playbooks ?? {}),
    valueBasis: basis === 'revenueToDate' ? 'revenueToDate' : 'mrr',
    discountTopShare: percent('Discount top %', SCORING_FIELDS.discountTop),
    reliefTopShare: percent('Relief top %', SCORING_FIELDS.reliefTop),
  });
  if (errors.length === 0 && !scorecard.success)
    errors.push(...scorecard.error.issues.map((i) => `${capitalise(i.message)}.`));
  if (errors.length > 0 || !scorecard.success || !playbooks.success) {
    if (errors.length === 0) errors.push('The offer settings are not valid.');
    return { kind: 'navigate', steps: [{ kind: 'update', card: scoringCard(typedState(event, errors)) }] };
  }
  saveSettings(ctx.userStore, { ...settings, scorecard: scorecard.data, playbooks: playbooks.data });
  return {
    kind: 'navigate',
    steps: [{ kind: 'pop' }],
    notification:
      'Scoring and offers saved. Cards use them from now on; "Score all customers" rewrites the sheet.',
    stateChanged: true,
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
