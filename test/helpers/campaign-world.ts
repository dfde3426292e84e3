/**
 * A stand-in world with a connected spreadsheet and N customers in a segment, and a way to build
 * the app context of each execution the way src/gas/runtime.ts does, on the world's fake clock.
 */
import type { AppContext } from '../../src/app/context';
import type { ComposerFactory } from '../../src/app/campaigns/run';
import type { Customer } from '../../src/core/customers/customer';
import { DEFAULT_TEAM_SETTINGS } from '../../src/core/settings/team-settings';
import { createContext } from '../../src/gas/runtime';
import { AppsScriptWorld, type Execution } from '../../src/local/standins';
import type { AccountKind } from '../../src/local/standins/world';

export function campaignWorld(
  n: number,
  options: { accountKind?: AccountKind; latency?: 'none' | 'default' } = {},
) {
  const world = new AppsScriptWorld({
    ...(options.latency === 'none' ? { latency: 'none' as const } : {}),
    ...(options.accountKind ? { accountKind: options.accountKind } : {}),
  });
  world.clock.set('2026-11-20T09:00:00Z');
  const ss = world.spreadsheets.create({
    name: 'Customers',
    sheets: [{ name: 'Customers', values: [['Email']] }],
  });
  const members: Customer[] = Array.from({ length: n }, (_, i) => ({
    row: i + 2,
    email: `m${i}@x.example`,
    name: `Member ${i}`,
    tags: [],
    status: 'active',
    unsubscribed: false,
    raw: {},
  }));
  const contextOf = (execution: Execution): AppContext => ({
    ...createContext(execution.globals),
    clock: { now: () => world.clock.now() },
    elapsedMs: () => execution.elapsedMs(),
  });
  const composer: ComposerFactory = () => (r) => ({
    ok: true,
    email: {
      to: r.email,
      subject: `Hello ${r.name}`,
      htmlBody: `<p>Hi ${r.name}</p>`,
      textBody: `Hi ${r.name}`,
    },
  });
  const request = (
    over: Partial<Parameters<typeof import('../../src/app/campaigns/start').startCampaign>[1]> = {},
  ) => ({
    name: 'Relief',
    template: 'Payment holiday',
    segment: 'Hard hit',
    spreadsheetId: ss.id,
    members,
    winBack: false,
    unmergeable: new Map<string, string>(),
    sheetBlockers: [] as readonly string[],
    team: { ...DEFAULT_TEAM_SETTINGS, holdoutPercent: 0 },
    ...over,
  });
  /** How many emails each member got. */
  const received = () => {
    const counts = new Map<string, number>();
    for (const m of world.mail.outbox) for (const to of m.to) counts.set(to, (counts.get(to) ?? 0) + 1);
    return counts;
  };
  return { world, ss, members, contextOf, composer, request, received };
}
