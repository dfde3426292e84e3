/**
 * Who a campaign emails: the segment's members minus everyone good practice and the law say not to
 * email, each exclusion counted and listed with its reason, and a stable random holdout group kept
 * back so the campaign's effect on churn can be measured later. Nobody is dropped silently: every
 * member ends up emailed, held out, excluded with a reason, or blocked with the fields to fix.
 */
import { formatDays } from '../text/format';
import type { Customer } from '../customers/customer';
import { isValidEmail, normaliseEmail } from '../email/address';
import type { LogEntry } from './log';

export type ExclusionReason =
  | 'unsubscribed'
  | 'churned'
  | 'not churned'
  | 'invalid address'
  | 'duplicate address'
  | 'cool-down'
  | 'blank';

export const EXCLUSION_TEXT: Record<ExclusionReason, string> = {
  unsubscribed: 'Unsubscribed',
  churned: 'Churned (the template is not a win-back)',
  'not churned': 'Still a customer (a win-back email is for customers who left)',
  'invalid address': 'Invalid email address',
  'duplicate address': 'Same address as another member',
  'cool-down': 'Emailed by another campaign recently',
  blank: 'Their email would have a blank',
};

/** A template named as a win-back ("Win-back", "win back offer") goes to customers who left, and only to them. */
export function isWinBackTemplate(name: string): boolean {
  return /win[\s-]?back/i.test(name);
}

export interface AudienceInput {
  campaignId: string;
  campaign: string;
  members: readonly Customer[];
  /** A win-back template goes to churned customers only; any other never does. */
  winBack: boolean;
  /** Last time each address was sent any campaign email (from the Campaigns tab). */
  lastEmailed: ReadonlyMap<string, Date>;
  coolDownDays: number;
  /** 0-50: share of the audience held back, chosen by a stable hash of campaign and address. */
  holdoutPercent: number;
  today: Date;
  /** Members whose email cannot be merged (missing fields), with why: they block the send. */
  unmergeable?: ReadonlyMap<string, string>;
  /**
   * 'block' (default): an unmergeable member blocks the start, for a plan made before Start.
   * 'exclude': they are excluded with the reason, for an audience written chunk by chunk after Start,
   * where a blank found at row 80,000 cannot stop the rows already written.
   */
  blanks?: 'block' | 'exclude';
}

export interface BlockedMember {
  email: string;
  row: number;
  reason: string;
}

export interface AudiencePlan {
  /** One log row per member: pending, holdout or excluded (with the reason in detail). */
  entries: LogEntry[];
  emailed: number;
  holdout: number;
  excluded: Record<ExclusionReason, number>;
  /** Members that would get an email with a blank in it: the send waits until they are fixed. */
  blocked: BlockedMember[];
}

const DAY_MS = 86_400_000;

/** FNV-1a: a fast, stable hash, so the same person stays in (or out of) the holdout on every re-plan. */
function bucket(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h % 10_000;
}

export function inHoldout(campaignId: string, email: string, holdoutPercent: number): boolean {
  return bucket(`${campaignId}|${normaliseEmail(email)}`) < Math.round(holdoutPercent * 100);
}

export function planAudience(input: AudienceInput): AudiencePlan {
  const excluded = Object.fromEntries(Object.keys(EXCLUSION_TEXT).map((k) => [k, 0])) as Record<
    ExclusionReason,
    number
  >;
  const entries: LogEntry[] = [];
  const blocked: BlockedMember[] = [];
  const seen = new Set<string>();
  let emailed = 0;
  let holdout = 0;
  const coolDownMs = input.coolDownDays * DAY_MS;
  const base = { campaignId: input.campaignId, campaign: input.campaign, updated: input.today };

  for (const c of input.members) {
    const email = normaliseEmail(c.email);
    const name = c.name ?? c.company ?? '';
    const exclude = (reason: ExclusionReason, extra = '') => {
      excluded[reason]++;
      entries.push({
        ...base,
        email,
        name,
        group: 'emailed',
        status: 'excluded',
        detail: `${EXCLUSION_TEXT[reason]}${extra}`,
      });
    };
    if (!isValidEmail(email)) {
      exclude('invalid address', `: '${c.email}' (row ${c.row})`);
      continue;
    }
    if (seen.has(email)) {
      exclude('duplicate address', ` (row ${c.row})`);
      continue;
    }
    seen.add(email);
    if (c.unsubscribed) {
      exclude('unsubscribed');
      continue;
    }
    if (c.status === 'churned' && !input.winBack) {
      exclude('churned');
      continue;
    }
    if (c.status !== 'churned' && input.winBack) {
      exclude('not churned');
      continue;
    }
    const last = input.lastEmailed.get(email);
    if (last && input.today.getTime() - last.getTime() < coolDownMs) {
      exclude(
        'cool-down',
        ` (${last.toISOString().slice(0, 10)}; cool-down ${formatDays(input.coolDownDays)})`,
      );
      continue;
    }
    if (inHoldout(input.campaignId, email, input.holdoutPercent)) {
      holdout++;
      entries.push({
        ...base,
        email,
        name,
        group: 'holdout',
        status: 'holdout',
        detail: 'Held back to measure the campaign',
      });
      continue;
    }
    const problem = input.unmergeable?.get(email);
    if (problem && input.blanks === 'exclude') {
      exclude('blank', ` (row ${c.row}): ${problem}`);
      continue;
    }
    if (problem) blocked.push({ email, row: c.row, reason: problem });
    emailed++;
    entries.push({ ...base, email, name, group: 'emailed', status: 'pending', detail: '' });
  }
  return { entries, emailed, holdout, excluded, blocked };
}
