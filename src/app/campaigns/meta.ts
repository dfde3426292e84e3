/**
 * What ChurnGuard remembers about each campaign besides its recipient rows: which template and
 * segment, its state, and when it may resume. One small user property per campaign (well under
 * the 9 KB limit) plus an index, so listing campaigns never reads the Campaigns tab.
 */
import { z } from 'zod';
import type { KeyValueStore } from '../../ports/key-value-store';

export const CAMPAIGN_STATES = ['sending', 'paused', 'waiting-quota', 'done', 'cancelled'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

export const CampaignMetaSchema = z.object({
  id: z.string().regex(/^cmp-[a-z0-9-]{4,40}$/),
  name: z.string().min(1).max(120),
  template: z.string().min(1).max(120),
  segment: z.string().min(1).max(120),
  spreadsheetId: z.string().min(20),
  createdAt: z.string(),
  createdBy: z.string(),
  state: z.enum(CAMPAIGN_STATES),
  /** When the quota pause ends (ISO); the hourly trigger resumes the campaign after it. */
  resumeAfter: z.string().optional(),
  winBack: z.boolean().default(false),
  holdoutPercent: z.number().min(0).max(50),
  planned: z.object({ emailed: z.number().int(), holdout: z.number().int(), excluded: z.number().int() }),
  /** The last run: when, how many it sent and how long each send took on average. */
  lastRun: z
    .object({ at: z.string(), sent: z.number().int(), msPerSend: z.number(), stopped: z.string() })
    .optional(),
  note: z.string().max(500).optional(),
});

export type CampaignMeta = z.infer<typeof CampaignMetaSchema>;

const INDEX_KEY = 'churnguard.campaigns';
const key = (id: string) => `churnguard.campaign.${id}`;
/** Campaigns kept in the index; older ones keep their rows in the tab but leave the card's list. */
const MAX_LISTED = 30;

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
  store.set(key(meta.id), JSON.stringify(CampaignMetaSchema.parse(meta)));
  const ids = readIndex(store);
  if (!ids.includes(meta.id)) {
    const next = [meta.id, ...ids];
    for (const old of next.slice(MAX_LISTED)) store.delete(key(old));
    store.set(INDEX_KEY, JSON.stringify(next.slice(0, MAX_LISTED)));
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
      c.state === 'sending' ||
      (c.state === 'waiting-quota' && (!c.resumeAfter || new Date(c.resumeAfter).getTime() <= now.getTime())),
  );
}
