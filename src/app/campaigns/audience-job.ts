/**
 * A segment campaign's audience, written to the Campaigns tab in bounded chunks after Start, by the
 * hourly trigger (and by Start's one short step, so a small sheet starts sending at once).
 *
 * Each chunk of the customer tab (src/app/jobs/sheet-walk.ts) becomes SegmentRecords, the segment's
 * members, and their log rows: pending, holdout (a stable hash of campaign id and email, so every
 * chunk and every retry draws the same people) or excluded with the reason (cool-down, unsubscribed,
 * win-back rules, an email that would have a blank). The rows are appended by key, then the cursor
 * is saved: a run killed between the two re-reads the chunk and its append adds nothing twice. When
 * the sheet moved between executions the walk starts over, and rows already written stay.
 *
 * The Campaigns tab is read once per run, for the cool-down; when the walk is done, the campaign's
 * rows are counted and checksummed (confirmStart) and it moves to "sending".
 */
import { planAudience, type AudiencePlan } from '../../core/campaigns/audience';
import { nominalCut } from '../../core/campaigns/holdout';
import { lastEmailedAt, type LogEntry } from '../../core/campaigns/log';
import { sheetGate } from '../../core/campaigns/sheet-gate';
import { membersOf } from '../../core/segments';
import type { Segment } from '../../core/segments/segments-tab';
import type { Settings } from '../../core/settings/settings';
import type { TeamSettings } from '../../core/settings/team-settings';
import { findTemplate, type Template } from '../../core/templates';
import type { ValueLines } from '../../core/playbooks';
import { storedValueLines } from '../value-lines';
import { audienceGuard, blanksFor, recipientTemplate } from './audience-guard';
import {
  countChoice,
  emptyTally,
  type LanguageTally,
  type VariantChoice,
} from '../../core/templates/variants';
import { variantPicker, type VariantPicker } from './variant-picker';
import type { MergeCause } from '../../core/templates/merge';
import { normaliseEmail } from '../../core/email/address';
import type { CustomerSheet } from '../../ports/customer-sheet';
import type { AppContext } from '../context';
import { readChunk, startWalk, walkDone, walkStillValid, type WalkChunk } from '../jobs/sheet-walk';
import { mergeContextFor, teamConfigFrom } from '../retention-reply';
import { segmentConfig, segmentRecords, type SegmentConfig } from '../segments/portfolio';
import { loadSettings } from '../settings-store';
import { confirmStart } from './confirm-start';
import { saveCampaign, type CampaignMeta, type Prep } from './meta';

/**
 * Rows collected over chunks before one keyed append and cursor save: each append reads the
 * Campaigns tab's keys once, which grows with the tab, so a 100k-row walk appends a few times per run
 * rather than 40; a kill loses at most the chunks since the last append, which the next run re-reads.
 */
export const APPEND_EVERY_ROWS = 5_000;

export const NOBODY_NOTE =
  'Nobody in the segment could be put in this campaign (the segment was empty when its audience was written). Nothing was sent.';

/** What planning a chunk needs, loaded once per run: the sheet, the segment, the template. */
export interface AudienceSource {
  settings: Settings;
  sheet: CustomerSheet;
  config: SegmentConfig;
  segment: Segment;
  template: Template;
  /** Every template, for the guard rail's alternative. */
  templates: readonly Template[];
  team: TeamSettings;
  /** Value lines stored by the last whole-sheet read (one property read per run), for the guard rails. */
  lines?: ValueLines;
  /** Each recipient's language variant of the template (variant-picker.ts). */
  variantOf: VariantPicker;
}

export function audienceSource(
  ctx: AppContext,
  spreadsheetId: string,
  segmentName: string,
  templateName: string,
  /** The warehouse store's customers: its (refusing) sheet and its header row, instead of the tab's. */
  from?: { sheet: CustomerSheet; headers: readonly string[] },
): AudienceSource | { problem: string } {
  const { settings } = loadSettings(ctx.userStore);
  const sheet = from?.sheet ?? ctx.customerSheet(spreadsheetId, settings.customerSheet);
  const config = segmentConfig(ctx, spreadsheetId, from ? [...from.headers] : sheet.readHeaders());
  const wanted = segmentName.trim().toLowerCase();
  const segment = config.segments.find((s) => s.name.toLowerCase() === wanted);
  if (!segment)
    return {
      problem: `The Segments tab has no segment named "${segmentName}" any more (or its query has a problem).`,
    };
  const team = teamConfigFrom(config.raw);
  const found = findTemplate(team, templateName);
  if (!found.ok) return { problem: `The template "${templateName}" cannot be used: ${found.reason}` };
  const lines = storedValueLines(ctx, settings);
  return {
    settings,
    sheet,
    config,
    segment,
    template: found.template,
    templates: team.templates,
    team: team.team,
    ...(lines ? { lines } : {}),
    variantOf: variantPicker(ctx, spreadsheetId, team.team.defaultLanguage),
  };
}

export interface AudienceJob {
  id: string;
  name: string;
  winBack: boolean;
  holdoutPercent: number;
  /** The holdout cut fixed for the campaign (src/core/campaigns/holdout.ts); nominal when absent. */
  holdoutCut?: string;
  coolDownDays: number;
}

/** One chunk's members and their log rows; blanks are exclusions here, since earlier chunks are written. */
export function planChunk(
  ctx: AppContext,
  src: AudienceSource,
  job: AudienceJob,
  chunk: Pick<WalkChunk, 'all' | 'read'>,
  lastEmailed: ReadonlyMap<string, Date>,
  blanks: 'block' | 'exclude' = 'exclude',
): AudiencePlan & {
  members: number;
  causes: Map<string, MergeCause[]>;
  /** Every member whose email would have a blank (held back or not), with row and why. */
  blanks: Map<string, { row: number; reason: string }>;
  /** The language variant of every recipient planned (emailed or held out), by email. */
  choices: Map<string, VariantChoice>;
  languages: LanguageTally;
} {
  const today = ctx.clock.now();
  const records = segmentRecords(ctx, src.settings, src.config, chunk.read.customers, chunk.all.timeZone);
  const members = membersOf(src.segment.query, records, { today }).map((r) => r.customer);
  const context = mergeContextFor(ctx, src.team, chunk.all);
  const guard = audienceGuard(
    {
      settings: src.settings,
      templates: src.templates,
      template: src.template.name,
      today,
      ...(src.lines ? { lines: src.lines } : {}),
    },
    records,
  );
  // Each member merged as they will be sent (their template, in their language): a blank in the
  // Kazakh text of the alternative blocks like any other.
  const blocked = blanksFor(src.template, src.templates, members, guard, context, src.variantOf);
  const unmergeable = new Map(blocked.map((b) => [b.customer.email, b.reason]));
  const causes = new Map(blocked.map((b) => [normaliseEmail(b.customer.email), b.causes]));
  const blanksByEmail = new Map(
    blocked.map((b) => [normaliseEmail(b.customer.email), { row: b.customer.row, reason: b.reason }]),
  );
  const plan = planAudience({
    campaignId: job.id,
    campaign: job.name,
    members,
    winBack: job.winBack,
    lastEmailed,
    coolDownDays: job.coolDownDays,
    holdoutPercent: job.holdoutPercent,
    // A chunk never sees the whole audience: every chunk tests its members against one cut.
    holdoutCut: job.holdoutCut ?? nominalCut(job.holdoutPercent),
    today,
    unmergeable,
    blanks,
    ...(guard ? { guard } : {}),
  });
  const byEmail = new Map(members.map((c) => [normaliseEmail(c.email), c]));
  const choices = new Map<string, VariantChoice>();
  for (const e of plan.entries) {
    const c = byEmail.get(e.email);
    if (c && (e.status === 'pending' || e.status === 'holdout'))
      choices.set(e.email, src.variantOf(c, recipientTemplate(src.template, src.templates, e.template)));
  }
  const { entries, languages } = withLanguages(plan.entries, choices);
  return { ...plan, entries, members: members.length, causes, blanks: blanksByEmail, choices, languages };
}

/**
 * Each emailed entry's Language (the variant it will be sent in), counted for the audience check.
 * Run again after the exact holdout moves recipients between emailed and held out.
 */
export function withLanguages(
  planned: readonly LogEntry[],
  choices: ReadonlyMap<string, VariantChoice>,
): { entries: LogEntry[]; languages: LanguageTally } {
  const languages = emptyTally();
  const entries = planned.map((e) => {
    const choice = e.status === 'pending' ? choices.get(e.email) : undefined;
    const { language: _dropped, ...rest } = e;
    if (!choice) return rest;
    countChoice(languages, choice);
    return { ...rest, language: choice.language };
  });
  return { entries, languages };
}

const excludedOf = (plan: AudiencePlan) => Object.values(plan.excluded).reduce((a, b) => a + b, 0);

/** A walk from the top again, counts cleared: rows already in the tab stay and are found by key. */
function restarted(prep: Prep, sheet: CustomerSheet): Prep {
  return {
    ...prep,
    // The chunk size chosen at Start is kept (a wider tab since then only gets smaller chunks).
    walk: (({ chunkRows, ...rest }) => ({ ...rest, chunkRows: Math.min(chunkRows, prep.walk.chunkRows) }))(
      startWalk(sheet),
    ),
    restarts: prep.restarts + 1,
    members: 0,
    emailed: 0,
    holdout: 0,
    excluded: 0,
  };
}

export function closed(ctx: AppContext, meta: CampaignMeta, note: string): CampaignMeta {
  const { prep: _done, ...rest } = meta;
  const next: CampaignMeta = { ...rest, state: 'cancelled', note: note.slice(0, 500) };
  saveCampaign(ctx.userStore, next);
  return next;
}

/**
 * Writes the audience chunk by chunk until the walk is done (then confirms the campaign: "sending")
 * or the execution's elapsed time passes `untilMs`. The caller holds the user's lock.
 */
/** The campaign as the audience planner sees it (either store), with the cool-down it planned with. */
export function audienceJobOf(meta: CampaignMeta, coolDownDays: number): AudienceJob {
  return {
    id: meta.id,
    name: meta.name,
    winBack: meta.winBack,
    holdoutPercent: meta.holdoutPercent,
    ...(meta.holdoutCut !== undefined ? { holdoutCut: meta.holdoutCut } : {}),
    coolDownDays,
  };
}

export function prepareAudience(ctx: AppContext, start: CampaignMeta, untilMs: number): CampaignMeta {
  if (start.state !== 'preparing' || !start.prep) return start;
  let meta = start;
  let prep: Prep = start.prep;
  const log = ctx.campaignLog(meta.spreadsheetId);
  if (!walkDone(prep.walk)) {
    const src = audienceSource(ctx, meta.spreadsheetId, meta.segment, meta.template);
    if ('problem' in src) return closed(ctx, meta, `${src.problem} Nothing was sent.`);
    const job = audienceJobOf(meta, prep.coolDownDays);
    // Once per run: every other campaign's sends, for the cool-down.
    const lastEmailed = lastEmailedAt(log.readAll().recipients);
    let buffered: LogEntry[] = [];
    // A sort between executions that left the anchor row as it was would skip and repeat customers.
    // Once per execution (it reads the Email column): a sort since the last run starts the walk over.
    if (!walkStillValid(src.sheet, src.settings, prep.walk)) prep = restarted(prep, src.sheet);
    /** The rows first (keyed: a repeat adds nothing), then the cursor that says they are written. */
    const flush = () => {
      if (buffered.length > 0) log.append(buffered);
      buffered = [];
      meta = { ...meta, prep };
      saveCampaign(ctx.userStore, meta);
    };
    while (!walkDone(prep.walk) && ctx.elapsedMs() < untilMs) {
      const chunk = readChunk(src.sheet, src.settings, prep.walk);
      const blockers = sheetGate(chunk.read).blockers;
      if (blockers.length > 0) {
        // Nothing more is written while the Email column is ambiguous; the next run tries again.
        flush();
        meta = {
          ...meta,
          note: `Waiting: ${blockers.join('; ')}. Fix the customer sheet; ChurnGuard continues by itself.`.slice(
            0,
            500,
          ),
        };
        saveCampaign(ctx.userStore, meta);
        return meta;
      }
      const plan = planChunk(ctx, src, job, chunk, lastEmailed);
      buffered.push(...plan.entries);
      prep = {
        ...prep,
        walk: chunk.next,
        members: prep.members + plan.members,
        emailed: prep.emailed + plan.emailed,
        holdout: prep.holdout + plan.holdout,
        excluded: prep.excluded + excludedOf(plan),
      };
      if (buffered.length >= prep.appendEvery) flush();
    }
    flush();
  }
  if (!walkDone(prep.walk)) return meta;
  const { prep: _done, note: _waiting, ...rest } = meta;
  return confirmStart(ctx, { ...rest, state: 'starting' }, 'start', NOBODY_NOTE);
}
