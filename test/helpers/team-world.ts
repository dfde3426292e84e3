/**
 * Two account managers on one customer sheet, running build/Code.js on the stand-ins. Each has their
 * own user properties, user lock and hourly trigger; both write the shared tabs. Every action is a
 * separate execution of the bundle, as Apps Script runs them, and any of them can be killed at a
 * service call or have the other user's action run between two of its calls.
 */
import { SETTINGS_KEY } from '../../src/app/settings-store';
import { DEFAULT_TEMPLATES } from '../../src/core/templates';
import { gmailEvent } from '../../src/local/gmail-events';
import { AppsScriptWorld, createCardService, type Execution } from '../../src/local/standins';
import type { ExecutionKind } from '../../src/local/standins/world';
import { callGlobal, loadBundle, readBundle } from './bundle-vm';

export const ALICE = 'alice@nimbus.example';
export const BOB = 'bob@nimbus.example';
export const USERS = [ALICE, BOB] as const;
export type User = (typeof USERS)[number];

/** Each user's customers: Alice owns the hotels, Bob the clinics. */
export const SEGMENT_OF: Record<User, string> = { [ALICE]: 'Hotels', [BOB]: 'Clinics' };

const CODE = readBundle();
const cardService = createCardService();
/**
 * One bundle context per user, loaded once per test file and reused by every world: each call sets
 * the context's services to its own execution's, and the bundle keeps no state between calls beyond
 * pure caches (compiled intent rules, folded text), so reuse changes nothing but the load time.
 */
const contexts = new Map<string, Record<string, unknown>>();
const contextOf = (user: string) => {
  let context = contexts.get(user);
  if (!context) contexts.set(user, (context = loadBundle({ CardService: cardService }, CODE)));
  return context;
};

export function teamWorld(perOwner = 12) {
  const world = new AppsScriptWorld();
  world.clock.set('2026-11-20T09:00:00Z');
  const header = ['Email', 'Name', 'Company', 'Industry', 'MRR', 'Status', 'Owner', 'Last activity', 'NPS'];
  const rows: unknown[][] = [];
  for (let i = 0; i < perOwner; i++) {
    const old = new Date(Date.parse('2026-11-20T09:00:00Z') - (100 + i) * 86_400_000);
    rows.push([
      `h${i}@hotel${i}.example`,
      `Hana ${i}`,
      `Hotel ${i}`,
      'Hotels',
      100 + i,
      'Active',
      ALICE,
      old,
      3,
    ]);
    rows.push([
      `c${i}@clinic${i}.example`,
      `Cole ${i}`,
      `Clinic ${i}`,
      'Clinics',
      200 + i,
      'Active',
      BOB,
      old,
      4,
    ]);
  }
  const ss = world.spreadsheets.create({
    name: 'Team customers',
    sheets: [
      { name: 'Customers', values: [header, ...rows] },
      {
        name: 'Segments',
        values: [
          ['Segment', 'Query', 'Playbook'],
          ['Hotels', 'Industry = Hotels', 'Payment holiday'],
          ['Clinics', 'Industry = Clinics', 'Payment holiday'],
        ],
      },
      { name: 'Templates', values: DEFAULT_TEMPLATES.map((r) => [...r]) },
      {
        name: 'Settings',
        values: [
          ['Setting', 'Value'],
          ['Holdout %', '0'],
        ],
      },
    ],
  });
  for (const user of USERS) {
    world.addUser(user);
    world
      .account(user)
      .properties.put(
        SETTINGS_KEY,
        JSON.stringify({ spreadsheetId: ss.id, watch: { enabled: true, hourUtc: 0 } }),
      );
  }
  // Watch on: each user's Settings installed their own hourly trigger.
  for (const user of USERS)
    world
      .startExecution({ user })
      .run((g) => g.ScriptApp.newTrigger('onHourlyTrigger').timeBased().everyHours(1).create());
  const call = (user: User, exec: Execution, name: string, event: unknown) => {
    const context = contextOf(user);
    Object.assign(context, exec.globals, { CardService: cardService });
    return callGlobal(context, name, event);
  };
  const execution = (user: User, kind: ExecutionKind = 'card') => world.startExecution({ user, kind });
  const action = (user: User, exec: Execution, parameters: Record<string, string>) =>
    call(user, exec, 'onCardAction', gmailEvent({ parameters }));
  const members = (user: User) => rows.filter((r) => r[6] === user).map((r) => String(r[0]));
  return { world, ss, call, action, execution, members };
}

export type TeamWorld = ReturnType<typeof teamWorld>;
