/**
 * The audience as a card can afford to see it: the customer tab from the top, chunk by chunk, for a
 * few seconds. A sheet that fits (the bundled sample, a few thousand rows) is checked whole and the
 * figures are exact, as the audience written after Start will be. A larger sheet is checked only as
 * far as the time allows and the card says so ("first 5,000 of 100,000 rows"): the exact audience is
 * written after Start, in the background, and the campaign card shows it growing before anything is
 * sent. The Campaigns tab is read for the cool-down only while it is small enough for a card.
 */
import { withExactHoldout, type AudiencePlan, type ExclusionReason } from '../../core/campaigns/audience';
import { lastEmailedAt } from '../../core/campaigns/log';
import { sheetGate, type SheetGate } from '../../core/campaigns/sheet-gate';
import type { Customer } from '../../core/customers/customer';
import type { MergeCause } from '../../core/templates/merge';
import type { AppContext } from '../context';
import type { LanguageTally, VariantChoice } from '../../core/templates/variants';
import { UserFacingError } from '../errors';
import { readChunk, startWalk, walkDone, walkProgress } from '../jobs/sheet-walk';
import { audienceSource, planChunk, withLanguages, type AudienceSource } from './audience-job';
import { CARD_STEP_CHUNKS, LOG_ROWS_ON_CARD } from './start';

export interface CheckedAudience {
  src: AudienceSource;
  plan: AudiencePlan;
  /** Segment members in the rows checked. */
  members: number;
  /** Members by email, for the email preview. */
  customers: Map<string, Customer>;
  sheet: { locale: string; timeZone: string; sheetName: string };
  gate: SheetGate;
  /** Why each blocked member's email cannot be merged, by cause (for the grouped lines). */
  causes: Map<string, MergeCause[]>;
  /** Customer rows checked and in all; equal when the figures are exact. */
  checked: { done: number; total: number };
  /** The Campaigns tab was too large for a card, so nobody was excluded for the cool-down here. */
  coolDownUnchecked: boolean;
  /** The holdout share this check used (the team's, or 0 when the wizard turned the holdout off). */
  holdoutPercent: number;
  /** The exact holdout cut, when every row was checked: Start fixes it for the campaign. */
  holdoutCut?: string;
  /** Which language variant the emailed recipients get, and the fallbacks to the default language. */
  languages: LanguageTally;
}

export interface AudienceCheckJob {
  id: string;
  name: string;
  segment: string;
  template: string;
  winBack: boolean;
  /** The wizard's "no holdout" choice: 0 instead of the team's share. */
  holdoutPercent?: number;
}

/**
 * Reads chunks from the top until the tab is done, CARD_STEP_CHUNKS are read (one on a larger tab),
 * or the execution passes `untilMs`; one chunk at least.
 */
export function checkAudienceBounded(
  ctx: AppContext,
  spreadsheetId: string,
  job: AudienceCheckJob,
  untilMs: number,
): CheckedAudience {
  const src = audienceSource(ctx, spreadsheetId, job.segment, job.template);
  if ('problem' in src)
    throw new UserFacingError(
      'This campaign cannot be planned',
      src.problem,
      'Fix it in the Segments or Templates tab, or pick another.',
    );
  const log = ctx.campaignLog(spreadsheetId);
  const coolDownUnchecked = log.rowCount() > LOG_ROWS_ON_CARD;
  const lastEmailed = coolDownUnchecked ? new Map<string, Date>() : lastEmailedAt(log.readAll().recipients);
  const excluded = {} as Record<ExclusionReason, number>;
  let plan: AudiencePlan = {
    entries: [],
    emailed: 0,
    holdout: 0,
    excluded,
    blocked: [],
    guardRails: { excluded: {}, alternative: {} },
  };
  const holdoutPercent = job.holdoutPercent ?? src.team.holdoutPercent;
  const blanks = new Map<string, { row: number; reason: string }>();
  const customers = new Map<string, Customer>();
  const gate: SheetGate = { blockers: [], leftOut: [] };
  let sheet = { locale: 'en_US', timeZone: 'UTC', sheetName: '' };
  const causes = new Map<string, MergeCause[]>();
  let members = 0;
  const choices = new Map<string, VariantChoice>();
  let walk = startWalk(src.sheet);
  // A tab of a couple of chunks is checked whole (exact figures); a larger one by its first chunk
  // only: the time bound alone would not do, since a card's JavaScript time grows with the rows too.
  const maxChunks = walk.endRow - 1 <= CARD_STEP_CHUNKS * walk.chunkRows ? CARD_STEP_CHUNKS : 1;
  let chunks = 0;
  const seen = new Set<string>();
  do {
    if (walkDone(walk)) break;
    const chunk = readChunk(src.sheet, src.settings, walk);
    sheet = chunk.all;
    const chunkGate = sheetGate(chunk.read);
    if (gate.blockers.length === 0) gate.blockers.push(...chunkGate.blockers);
    gate.leftOut.push(...chunkGate.leftOut);
    const part = planChunk(
      ctx,
      src,
      { ...job, holdoutPercent, coolDownDays: src.team.coolDownDays },
      chunk,
      lastEmailed,
      'block',
    );
    for (const c of chunk.read.customers) if (!customers.has(c.email)) customers.set(c.email, c);
    members += part.members;
    // An address already planned in an earlier chunk is the same recipient (the log keeps one row).
    for (const e of part.entries) {
      if (seen.has(e.email)) continue;
      seen.add(e.email);
      plan.entries.push(e);
    }
    plan.emailed += part.emailed;
    plan.holdout += part.holdout;
    for (const [reason, n] of Object.entries(part.excluded) as [ExclusionReason, number][])
      excluded[reason] = (excluded[reason] ?? 0) + n;
    plan.blocked.push(...part.blocked);
    for (const [email, b] of part.blanks) blanks.set(email, b);
    for (const kind of ['excluded', 'alternative'] as const)
      for (const [words, n] of Object.entries(part.guardRails[kind]))
        plan.guardRails[kind][words] = (plan.guardRails[kind][words] ?? 0) + n;
    for (const [email, choice] of part.choices) if (!choices.has(email)) choices.set(email, choice);
    for (const [email, c] of part.causes) causes.set(email, c);
    walk = chunk.next;
    chunks++;
  } while (chunks < maxChunks && ctx.elapsedMs() < untilMs);
  const progress = walkProgress(walk);
  // Every row seen: the holdout is drawn exactly over the whole audience, and Start keeps that cut.
  let holdoutCut: string | undefined;
  if (walkDone(walk) && !coolDownUnchecked)
    ({ plan, cut: holdoutCut } = withExactHoldout(plan, job.id, holdoutPercent, blanks));
  // Languages are counted on the final plan: the exact holdout moves recipients in and out of it.
  const { entries, languages } = withLanguages(plan.entries, choices);
  plan = { ...plan, entries };
  return {
    src,
    plan,
    members,
    customers,
    sheet,
    gate,
    causes,
    checked: walkDone(walk) ? { done: progress.total, total: progress.total } : progress,
    coolDownUnchecked,
    holdoutPercent,
    ...(holdoutCut !== undefined ? { holdoutCut } : {}),
    languages,
  };
}

export const isExact = (a: CheckedAudience) => a.checked.done === a.checked.total && !a.coolDownUnchecked;
