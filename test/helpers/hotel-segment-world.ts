/**
 * The world the chunked-job fault tests share: a customer tab on the stand-ins (no latency), the
 * clock at 2026-11-20 09:00 UTC, an Impact rule that makes hotels "Hit" and a "Hurt hotels" segment
 * of them, the sheet connected, and a context per execution that sees that execution's clock and
 * elapsed time (so a kill inside it is an Apps Script kill, not a test artefact).
 */
import type { AppContext } from '../../src/app/context';
import { SETTINGS_KEY } from '../../src/app/settings-store';
import { createContext } from '../../src/gas/runtime';
import { AppsScriptWorld, type Execution } from '../../src/local/standins';
import { standInContext } from './stand-in-context';

/** The Impact rule every hotel world shares: a hotel is hit by the crisis. */
const HOTELS_HIT: unknown[][] = [
  ['Rule name', 'Column', 'Operator', 'Value', 'Impact'],
  ['Hotels', 'Industry', 'contains', 'hotel', 'Hit'],
];

/** A Segments tab with one segment of the hit customers and its playbook. */
const hitSegment = (segment: string, playbook: string): unknown[][] => [
  ['Segment', 'Query', 'Playbook'],
  [segment, 'Impact = Hit', playbook],
];

/**
 * The campaign tests' world on {@link standInContext}: hotels hit by the crisis, one segment of them
 * with its playbook, the given templates and Settings rows, the clock at 2026-11-20 09:00 UTC.
 */
export function hotelCampaignContext(
  customers: unknown[][],
  options: {
    segment: string;
    playbook: string;
    templates: unknown[][];
    settingsRows: unknown[][];
    settings?: Record<string, unknown>;
  },
) {
  return standInContext(customers, {
    now: '2026-11-20T09:00:00Z',
    ...(options.settings ? { settings: options.settings } : {}),
    tabs: {
      'Impact rules': HOTELS_HIT,
      Segments: hitSegment(options.segment, options.playbook),
      Templates: options.templates,
      Settings: [['Setting', 'Value'], ...options.settingsRows],
    },
  });
}

export function hotelSegmentWorld(
  customers: unknown[][],
  extraTabs: { name: string; values: unknown[][] }[] = [],
) {
  const world = new AppsScriptWorld({ latency: 'none' });
  world.clock.set('2026-11-20T09:00:00Z');
  const ss = world.spreadsheets.create({
    name: 'Customers',
    sheets: [
      { name: 'Customers', values: customers },
      { name: 'Impact rules', values: HOTELS_HIT },
      { name: 'Segments', values: hitSegment('Hurt hotels', 'Payment holiday') },
      ...extraTabs,
    ],
  });
  world.userProperties.put(SETTINGS_KEY, JSON.stringify({ spreadsheetId: ss.id }));
  const contextOf = (e: Execution): AppContext => ({
    ...createContext(e.globals),
    clock: { now: () => world.clock.now() },
    elapsedMs: () => e.elapsedMs(),
  });
  return { world, ss, contextOf };
}
