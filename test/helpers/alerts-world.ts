/**
 * An Alerts tab on the stand-ins for the bounded-tab tests: alerts made to order (open, snoozed,
 * seen or done, closed so many days ago), executions per teammate whose calls can be hooked or
 * killed, and the hand edits people make (sort, delete a row, paste over the tab).
 */
import { SETTINGS_KEY } from '../../src/app/settings-store';
import type { AppContext } from '../../src/app/context';
import { ALERT_HEADERS, ALERTS_ARCHIVE_TAB, ALERTS_TAB, type AlertStatus } from '../../src/core/watch/alerts';
import { createContext } from '../../src/gas/runtime';
import { AppsScriptWorld, type Execution } from '../../src/local/standins';

export const TODAY = '2026-11-20';
export const ME = 'am@nimbus.example';
export const TEAMMATE = 'other@nimbus.example';

const dayBefore = (days: number) =>
  new Date(Date.parse(`${TODAY}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

export interface AlertSpec {
  key: string;
  status?: AlertStatus;
  owner?: string;
  /** Days since it was raised (default 1). */
  raisedDaysAgo?: number;
  /** Days since a person closed it; omitted for open ones. */
  closedDaysAgo?: number;
}

export function alertValues(a: AlertSpec): unknown[] {
  const email = `${a.key.replace(/[^a-z0-9]/gi, '')}@co.example`;
  return [
    a.key,
    dayBefore(a.raisedDaysAgo ?? 1),
    `Customer ${a.key}`,
    email,
    a.owner ?? ME,
    'inactive',
    `Reason for ${a.key}`,
    'Check-in call',
    a.status ?? 'open',
    '',
    a.closedDaysAgo === undefined ? '' : dayBefore(a.closedDaysAgo),
  ];
}

export function alertsWorld(alerts: readonly AlertSpec[], options: { latency?: boolean } = {}) {
  const world = new AppsScriptWorld(options.latency ? {} : { latency: 'none' });
  world.clock.set(`${TODAY}T12:00:00Z`);
  const ss = world.spreadsheets.create({
    name: 'Customers',
    sheets: [
      { name: 'Customers', values: [['Email', 'Name', 'MRR', 'Owner']] },
      { name: ALERTS_TAB, values: [[...ALERT_HEADERS], ...alerts.map(alertValues)] },
    ],
  });
  for (const user of [ME, TEAMMATE])
    world.account(user).properties.put(SETTINGS_KEY, JSON.stringify({ spreadsheetId: ss.id }));
  /** A fresh execution (one card action or trigger run) as `user`, with its AppContext. */
  const run = (user = ME, kind: 'card' | 'trigger' = 'card'): { ctx: AppContext; exec: Execution } => {
    const exec = world.startExecution({ kind, user });
    return { exec, ctx: { ...createContext(exec.globals), clock: world.clock } };
  };
  const tab = (name = ALERTS_TAB) => ss.sheet(name)?.toValues() ?? [];
  /** A person's edit: the tab's rows (below the header) replaced by `rows`. */
  const rewrite = (rows: unknown[][], name = ALERTS_TAB) => {
    const header = tab(name)[0]!;
    ss.sheet(name)!.replaceValues([header, ...rows]);
  };
  const statusOf = (key: string) => tab().find((r) => r[0] === key)?.[8];
  return { world, ss, run, tab, rewrite, statusOf, archive: () => tab(ALERTS_ARCHIVE_TAB) };
}

/** A fixed shuffle (seeded), as a person's sort by some other column would leave the rows. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = (seed * 2654435761) >>> 0;
  const random = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
