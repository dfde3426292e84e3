/**
 * A Campaigns tab on the stand-ins made to order, for the bounded-log and archive tests: campaigns of
 * so many rows, ended so many days ago (every row final) or still live (rows pending or recent),
 * executions whose calls can be hooked or killed, and the edits people make (sort, paste over).
 */
import { SETTINGS_KEY } from '../../src/app/settings-store';
import type { AppContext } from '../../src/app/context';
import {
  CAMPAIGNS_ARCHIVE_TAB,
  CAMPAIGNS_TAB,
  LOG_HEADERS,
  type RecipientStatus,
} from '../../src/core/campaigns/log';
import { createContext } from '../../src/gas/runtime';
import { AppsScriptWorld, type Execution } from '../../src/local/standins';

export const NOW = new Date('2026-11-20T12:00:00Z');
export const ME = 'am@nimbus.example';
const DAY_MS = 86_400_000;

export interface CampaignSpec {
  id: string;
  rows: number;
  /** Days since the campaign's rows were last updated. */
  updatedDaysAgo: number;
  /** Status of every row but the first (default sent); the first is `firstStatus` (default: the same). */
  status?: RecipientStatus;
  firstStatus?: RecipientStatus;
}

export function campaignRowsOf(c: CampaignSpec): unknown[][] {
  const at = new Date(NOW.getTime() - c.updatedDaysAgo * DAY_MS);
  return Array.from({ length: c.rows }, (_, i) => {
    const status = i === 0 ? (c.firstStatus ?? c.status ?? 'sent') : (c.status ?? 'sent');
    const group = i % 10 === 9 ? 'holdout' : 'emailed';
    return [
      c.id,
      `Campaign ${c.id}`,
      `r${i}@${c.id}.example`,
      `R ${i}`,
      group,
      group === 'holdout' ? 'holdout' : status,
      at,
      '',
    ];
  });
}

export function campaignLogWorld(campaigns: readonly CampaignSpec[], options: { latency?: boolean } = {}) {
  const world = new AppsScriptWorld(options.latency ? {} : { latency: 'none' });
  world.clock.set(NOW.toISOString());
  const ss = world.spreadsheets.create({
    name: 'Customers',
    sheets: [
      { name: 'Customers', values: [['Email', 'Name']] },
      { name: CAMPAIGNS_TAB, values: [[...LOG_HEADERS], ...campaigns.flatMap(campaignRowsOf)] },
    ],
  });
  world.account(ME).properties.put(SETTINGS_KEY, JSON.stringify({ spreadsheetId: ss.id }));
  const run = (kind: 'card' | 'trigger' = 'trigger'): { ctx: AppContext; exec: Execution } => {
    const exec = world.startExecution({ kind, user: ME });
    return { exec, ctx: { ...createContext(exec.globals), clock: world.clock } };
  };
  const tab = (name = CAMPAIGNS_TAB) => ss.sheet(name)?.toValues() ?? [];
  /** A person's edit: the tab's rows (below the header) replaced by `rows`. */
  const rewrite = (rows: unknown[][], name = CAMPAIGNS_TAB) => {
    const header = tab(name)[0]!;
    ss.sheet(name)!.replaceValues([header, ...rows]);
  };
  return { world, ss, run, tab, rewrite, archive: () => tab(CAMPAIGNS_ARCHIVE_TAB) };
}

/** The key of a log row as the tests compare them. */
export const keyOf = (r: readonly unknown[]) => `${String(r[0])}|${String(r[2])}`;
