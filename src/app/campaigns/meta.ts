/**
 * What ChurnGuard remembers about each campaign besides its recipient rows: which template and
 * segment, its state, and when it may resume. One small user property per campaign (well under
 * the 9 KB limit) plus an index, so listing campaigns never reads the Campaigns tab.
 */
import * as z from '../../core/zod';
import { SheetWalkSchema } from '../jobs/walk-schema';
import type { KeyValueStore } from '../../ports/key-value-store';

/**
 * 'preparing': Start recorded a segment campaign and installed the trigger; its audience is being
 * written to the Campaigns tab chunk by chunk (the cursor is in `prep`), and nothing is sent yet.
 * 'starting': Start recorded the campaign and installed the trigger but has not yet confirmed its
 * recipient rows; a retry of Start, or the next run, finishes it.
 */
export const CAMPAIGN_STATES = [
  'preparing',
  'starting',
  'sending',
  'paused',
  'waiting-quota',
  'done',
  'cancelled',
] as const;
/** States that still have work: never evicted from the list, and they keep the hourly trigger. */
export const UNFINISHED_STATES: ReadonlySet<CampaignState> = new Set([
  'preparing',
  'starting',
  'sending',
  'paused',
  'waiting-quota',
]);
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

/**
 * A segment campaign's audience being written: the walk over the customer tab, what the chunks
 * walked so far produced (reset when the sheet moved and the walk starts over; rows already in the
 * tab stay, found by key), and the team settings the audience is planned with, fixed at Start.
 */
export const PrepSchema = z.object({
  walk: SheetWalkSchema,
  restarts: z.int().check(z.gte(0)),
  members: z.int().check(z.gte(0)),
  emailed: z.int().check(z.gte(0)),
  holdout: z.int().check(z.gte(0)),
  excluded: z.int().check(z.gte(0)),
  coolDownDays: z.number().check(z.gte(0)),
  /** Rows collected over chunks before one keyed append (each append reads the tab's keys once). */
  appendEvery: z._default(z.int().check(z.gte(1)), 5_000),
});
export type Prep = z.infer<typeof PrepSchema>;

/**
 * A warehouse segment campaign's audience being written: the members read so far end at row_id
 * `afterRowId` (JSON-safe, resumable), with the counts so far; `done` once a page came back short.
 */
export const WarehousePrepSchema = z.object({
  afterRowId: z.int().check(z.gte(0)),
  done: z.boolean(),
  pages: z.int().check(z.gte(0)),
  members: z.int().check(z.gte(0)),
  emailed: z.int().check(z.gte(0)),
  holdout: z.int().check(z.gte(0)),
  excluded: z.int().check(z.gte(0)),
  coolDownDays: z.number().check(z.gte(0)),
  /** Members a page reads (PAGE_MEMBERS; tests make it small). */
  pageMembers: z._default(z.int().check(z.gte(1)), 2_000),
});
export type WarehousePrep = z.infer<typeof WarehousePrepSchema>;

export const CampaignMetaSchema = z.object({
  id: z.string().check(z.regex(/^cmp-[a-z0-9-]{4,40}$/)),
  name: z.string().check(z.minLength(1), z.maxLength(120)),
  template: z.string().check(z.minLength(1), z.maxLength(120)),
  segment: z.string().check(z.minLength(1), z.maxLength(120)),
  spreadsheetId: z.string().check(z.minLength(20)),
  createdAt: z.string(),
  createdBy: z.string(),
  state: z.enum(CAMPAIGN_STATES),
  /** When the quota pause ends (ISO); the hourly trigger resumes the campaign after it. */
  resumeAfter: z.optional(z.string()),
  winBack: z._default(z.boolean(), false),
  holdoutPercent: z.number().check(z.gte(0), z.lte(50)),
  /**
   * The holdout cut computed over the whole audience by the check before Start (exact: round(share ×
   * eligible)); absent for a sheet too large to check whole, whose chunks use the nominal cut.
   */
  holdoutCut: z.optional(z.string().check(z.maxLength(400))),
  planned: z.object({ emailed: z.int(), holdout: z.int(), excluded: z.int() }),
  /** The last run: when, how many it sent and how long each send took on average. */
  lastRun: z.optional(
    z.object({ at: z.string(), sent: z.int(), msPerSend: z.number(), stopped: z.string() }),
  ),
  note: z.optional(z.string().check(z.maxLength(500))),
  /** The count and checksum of the campaign's recipient keys, checked before every run. */
  logBaseline: z.optional(z.object({ rows: z.int(), checksum: z.string() })),
  /** While 'preparing': the audience cursor and counts. */
  prep: z.optional(PrepSchema),
  /** 'bigquery': the audience is a warehouse segment and the recipient log is campaign_log (issue 21). */
  store: z.optional(z.literal('bigquery')),
  /** While a warehouse campaign is 'preparing': its page cursor and counts. */
  warehousePrep: z.optional(WarehousePrepSchema),
  /** Why the campaign is paused by ChurnGuard: what a person changed in the tab and how to repair it. */
  problem: z.optional(
    z.object({
      /** 'sender': the email service refused every send (key, From address, scope); the rest are tab repairs. */
      kind: z.enum(['header', 'duplicate', 'missing', 'changed', 'sender']),
      what: z.string(),
      repair: z.string(),
    }),
  ),
});

export type CampaignMeta = z.infer<typeof CampaignMetaSchema>;

const INDEX_KEY = 'churnguard.campaigns';
const ARCHIVE_KEY = 'churnguard.campaigns.archive';
const key = (id: string) => `churnguard.campaign.${id}`;
/**
 * Finished campaigns listed before the oldest are archived. An unfinished campaign is never
 * archived, however many there are: its record is what lets the trigger finish it.
 */
export const MAX_LISTED = 30;
/** Archived campaigns remembered (name, state, date): about 100 bytes each, under the 9 KB value limit. */
const MAX_ARCHIVED = 60;

export const ArchivedCampaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(CAMPAIGN_STATES),
  createdAt: z.string(),
});
export type ArchivedCampaign = z.infer<typeof ArchivedCampaignSchema>;

export function listCampaigns(store: KeyValueStore): CampaignMeta[] {
  const ids = readIndex(store);
  return ids.map((id) => loadCampaign(store, id)).filter((c): c is CampaignMeta => c !== null);
}

function readIndex(store: KeyValueStore): string[] {
  try {
    const parsed = z.array(z.string()).safeParse(JSON.parse(store.get(INDEX_KEY) ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function loadCampaign(store: KeyValueStore, id: string): CampaignMeta | null {
  const raw = store.get(key(id));
  if (!raw) return null;
  try {
    const parsed = CampaignMetaSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveCampaign(store: KeyValueStore, meta: CampaignMeta): void {
  const value = JSON.stringify(CampaignMetaSchema.parse(meta));
  // The index first: an execution killed between the two writes leaves an id without a record (listed
  // as nothing), never a record the index misses, which the hourly trigger would never continue.
  const ids = readIndex(store);
  if (!ids.includes(meta.id)) store.set(INDEX_KEY, JSON.stringify(archiveFinished(store, [meta.id, ...ids])));
  store.set(key(meta.id), value);
}

/** Moves the oldest finished campaigns past MAX_LISTED to the archive; returns the ids still listed. */
function archiveFinished(store: KeyValueStore, ids: string[]): string[] {
  let excess = ids.length - MAX_LISTED;
  if (excess <= 0) return ids;
  const archived: ArchivedCampaign[] = [];
  const kept: string[] = [];
  for (const id of [...ids].reverse()) {
    const meta = loadCampaign(store, id);
    if (excess > 0 && (!meta || !UNFINISHED_STATES.has(meta.state))) {
      excess--;
      if (meta) archived.push({ id, name: meta.name, state: meta.state, createdAt: meta.createdAt });
      store.delete(key(id));
      continue;
    }
    kept.push(id);
  }
  if (archived.length > 0)
    store.set(
      ARCHIVE_KEY,
      JSON.stringify([...archived.reverse(), ...listArchived(store)].slice(0, MAX_ARCHIVED)),
    );
  return kept.reverse();
}

/** Finished campaigns moved out of the list, newest first; their rows stay in the Campaigns tab. */
export function listArchived(store: KeyValueStore): ArchivedCampaign[] {
  try {
    const parsed = z.array(ArchivedCampaignSchema).safeParse(JSON.parse(store.get(ARCHIVE_KEY) ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** A new campaign id: time-ordered and readable in the sheet ("cmp-20261120-0930-k3f"). */
export function newCampaignId(now: Date, random: () => number = Math.random): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 13).replace('T', '-');
  const tail = Math.floor(random() * 36 ** 3)
    .toString(36)
    .padStart(3, '0');
  return `cmp-${stamp}-${tail}`.toLowerCase();
}

/** Campaigns the hourly trigger should continue now. */
export function campaignsToContinue(store: KeyValueStore, now: Date): CampaignMeta[] {
  return listCampaigns(store).filter(
    (c) =>
      c.state === 'preparing' ||
      c.state === 'starting' ||
      c.state === 'sending' ||
      (c.state === 'waiting-quota' && (!c.resumeAfter || new Date(c.resumeAfter).getTime() <= now.getTime())),
  );
}
