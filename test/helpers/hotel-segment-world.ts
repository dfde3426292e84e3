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
      {
        name: 'Impact rules',
        values: [
          ['Rule name', 'Column', 'Operator', 'Value', 'Impact'],
          ['Hotels', 'Industry', 'contains', 'hotel', 'Hit'],
        ],
      },
      {
        name: 'Segments',
        values: [
          ['Segment', 'Query', 'Playbook'],
          ['Hurt hotels', 'Impact = Hit', 'Payment holiday'],
        ],
      },
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
