/**
 * The daily scan through the bundle's onHourlyTrigger on the stand-ins: 1k / 10k / 100k customers,
 * the first scan (creates History) and the next day's (reads and extends it, raises alerts). Service
 * calls must stay constant; modelled time must fit the 6-minute trigger budget.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SETTINGS_KEY } from '../src/app/settings-store';
import { connectedWorld, measuredCall } from './sidebar.bench';
import { round } from './stats';

const TRIGGER_BUDGET_MS = 6 * 60_000;

export function scanBench(sizes = [1_000, 10_000, 100_000]): Record<string, unknown>[] {
  const code = fs.readFileSync(path.resolve(__dirname, '../build/Code.js'), 'utf8');
  const rows: Record<string, unknown>[] = [];
  for (const n of sizes) {
    const world = connectedWorld(n);
    const settings = JSON.parse(world.userProperties.values.get(SETTINGS_KEY) ?? '{}') as Record<
      string,
      unknown
    >;
    world.userProperties.put(
      SETTINGS_KEY,
      JSON.stringify({ ...settings, watch: { enabled: true, digest: true, hourUtc: 0 } }),
    );
    world.clock.set('2026-11-20T06:00:00Z');
    for (const day of ['first', 'next']) {
      if (day === 'next') world.clock.set('2026-11-21T06:00:00Z');
      const { wallMs, modelledMs } = measuredCall(
        world,
        code,
        'onHourlyTrigger',
        {},
        {
          kind: 'trigger',
          worldDate: true,
        },
      );
      rows.push({
        customers: n,
        scan: day,
        getValues: world.calls.get('Range.getValues'),
        setValues: world.calls.get('Range.setValues'),
        totalCalls: world.calls.total(),
        cellsRead: world.calls.cellsRead,
        cellsWritten: world.calls.cellsWritten,
        'modelled s': round(modelledMs / 1000, 1),
        'of 6 min': `${round((100 * modelledMs) / TRIGGER_BUDGET_MS, 1)}%`,
        'CPU ms here': round(wallMs),
      });
    }
  }
  return rows;
}
