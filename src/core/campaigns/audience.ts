/**
 * Who a campaign emails: the segment's members minus everyone good practice and the law say not to
 * email, each exclusion counted and listed with its reason, and a stable random holdout group kept
 * back so the campaign's effect on churn can be measured later. Nobody is dropped silently: every
 * member ends up emailed, held out, excluded with a reason, or blocked with the fields to fix.
 */
import { formatDays } from '../text/format';
import type { Customer } from '../customers/customer';
import { isValidEmail, normaliseEmail } from '../email/address';
import { ruleWords, type GuardRailVerdict, type RetentionMove } from '../playbooks';
import { exactCut, heldBack, nominalCut } from './holdout';
import type { LogEntry } from './log';

export type ExclusionReason =
  | 'unsubscribed'
  | 'churned'
  | 'not churned'
  | 'invalid address'
  | 'duplicate address'
  | 'cool-down'
  | 'guard rail'
  | 'blank';

export const EXCLUSION_TEXT: Record<ExclusionReason, string> = {
  unsubscribed: 'Unsubscribed',
  churned: 'Churned (the template is not a win-back)',
  'not churned': 'Still a customer (a win-back email is for customers who left)',
  'invalid address': 'Invalid email address',
  'duplicate address': 'Same address as another member',
  'cool-down': 'Emailed by another campaign recently',
  'guard rail': 'Refused by the offer’s guard rail',
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
  /**
   * The holdout cut (src/core/campaigns/holdout.ts) when this plan is one chunk of a larger audience;
   * without it the plan is the whole audience and its holdout is exactly round(share × eligible).
   */
  holdoutCut?: string;
  /**
   * The offer's guard rail per member (src/core/playbooks/guard-rail.ts): a refused member gets the
   * alternative template, or is excluded with the rule's reason.
   */
  guard?: { offer: RetentionMove; check: (c: Customer) => GuardRailVerdict };
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
  /** Guard-rail outcomes in words: refusals by rule ("below the value line for a payment holiday"), alternatives by template. */
  guardRails: GuardRailCounts;
}

export interface GuardRailCounts {
  excluded: Record<string, number>;
  alternative: Record<string, number>;
}

/** "12 below the value line for a payment holiday; 5 get “Check-in” instead". */
export function guardRailWords(counts: GuardRailCounts): string[] {
  const refused = Object.entries(counts.excluded).map(([words, n]) => `${n} ${words}`);
  const instead = Object.entries(counts.alternative).map(
    ([template, n]) => `${n} get “${template}” instead (the offer’s guard rail refused them)`,
  );
  return [...refused, ...instead];
}

const DAY_MS = 86_400_000;

const HELD_BACK = 'Held back to measure the campaign';

/** Recipients to be emailed the alternative, by template (those held back or excluded get nothing). */
function alternativesOf(entries: readonly LogEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries)
    if (e.status === 'pending' && e.template) out[e.template] = (out[e.template] ?? 0) + 1;
  return out;
}
const insteadDetail = (e: LogEntry) =>
  e.template ? `Gets “${e.template}” instead (the offer’s guard rail refused them)` : '';

/**
 * A whole audience planned in chunks (each against the nominal cut), re-drawn with the exact cut over
 * all its eligible members: the plan a single planAudience of the same members gives ('block' mode).
 * `blanks`: each member whose email would have a blank, with their row and why.
 */
export function withExactHoldout(
  plan: AudiencePlan,
  campaignId: string,
  holdoutPercent: number,
  blanks: ReadonlyMap<string, { row: number; reason: string }>,
): { plan: AudiencePlan; cut: string } {
  const eligible = plan.entries.filter((e) => e.status === 'pending' || e.status === 'holdout');
  const cut = exactCut(
    campaignId,
    eligible.map((e) => e.email),
    holdoutPercent,
  );
  let emailed = 0;
  let holdout = 0;
  const blocked: BlockedMember[] = [];
  const entries = plan.entries.map((e) => {
    if (e.status !== 'pending' && e.status !== 'holdout') return e;
    if (heldBack(campaignId, e.email, cut)) {
      holdout++;
      return { ...e, group: 'holdout' as const, status: 'holdout' as const, detail: HELD_BACK };
    }
    emailed++;
    const blank = blanks.get(e.email);
    if (blank) blocked.push({ email: e.email, row: blank.row, reason: blank.reason });
    return e.status === 'pending'
      ? e
      : { ...e, group: 'emailed' as const, status: 'pending' as const, detail: insteadDetail(e) };
  });
  return {
    plan: {
      ...plan,
      entries,
      emailed,
      holdout,
      blocked,
      guardRails: { ...plan.guardRails, alternative: alternativesOf(entries) },
    },
    cut,
  };
}

/** Kept for callers that test one member: held back under the nominal cut (see holdout.ts). */
export function inHoldout(campaignId: string, email: string, holdoutPercent: number): boolean {
  return heldBack(campaignId, email, nominalCut(holdoutPercent));
}

export function planAudience(input: AudienceInput): AudiencePlan {
  const excluded = Object.fromEntries(Object.keys(EXCLUSION_TEXT).map((k) => [k, 0])) as Record<
    ExclusionReason,
    number
  >;
  const guardRails: GuardRailCounts = { excluded: {}, alternative: {} };
  const entries: LogEntry[] = [];
  const blocked: BlockedMember[] = [];
  const seen = new Set<string>();
  const coolDownMs = input.coolDownDays * DAY_MS;
  const base = { campaignId: input.campaignId, campaign: input.campaign, updated: input.today };
  /** Members who can be emailed: the holdout is drawn among them once all are known. */
  const eligible: { entry: LogEntry; row: number }[] = [];

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
    const verdict = input.guard?.check(c) ?? { kind: 'allowed' };
    if (verdict.kind === 'excluded') {
      const words = ruleWords(verdict.refusal.rule, input.guard!.offer);
      guardRails.excluded[words] = (guardRails.excluded[words] ?? 0) + 1;
      exclude('guard rail', `: ${verdict.refusal.why}`);
      continue;
    }
    const entry: LogEntry = { ...base, email, name, group: 'emailed', status: 'pending', detail: '' };
    if (verdict.kind === 'alternative') {
      entry.template = verdict.template;
      entry.detail = `Gets “${verdict.template}” instead: ${verdict.refusal.why}`;
    }
    entries.push(entry);
    eligible.push({ entry, row: c.row });
  }

  const cut =
    input.holdoutCut ??
    exactCut(
      input.campaignId,
      eligible.map((e) => e.entry.email),
      input.holdoutPercent,
    );
  let emailed = 0;
  let holdout = 0;
  for (const { entry, row } of eligible) {
    if (heldBack(input.campaignId, entry.email, cut)) {
      holdout++;
      entry.group = 'holdout';
      entry.status = 'holdout';
      entry.detail = HELD_BACK;
      continue;
    }
    const problem = input.unmergeable?.get(entry.email);
    if (problem && input.blanks === 'exclude') {
      excluded.blank++;
      entry.status = 'excluded';
      entry.detail = `${EXCLUSION_TEXT.blank} (row ${row}): ${problem}`;
      delete entry.template;
      continue;
    }
    if (problem) blocked.push({ email: entry.email, row, reason: problem });
    emailed++;
  }
  guardRails.alternative = alternativesOf(entries);
  return { entries, emailed, holdout, excluded, blocked, guardRails };
}
