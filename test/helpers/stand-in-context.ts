/** An AppContext on the Apps Script stand-ins, with a customer spreadsheet already connected. */
import { dispatchAction } from '../../src/app/dispatcher';
import { appEntry, type HourlyReport } from '../../src/app/entry';
import { parseAddonEvent } from '../../src/app/events';
import { SETTINGS_KEY } from '../../src/app/settings-store';
import { createContext } from '../../src/gas/runtime';
import { AppsScriptWorld } from '../../src/local/standins';

const HOUR_MS = 3_600_000;

export function standInContext(
  customers: unknown[][],
  options: { tabs?: Record<string, unknown[][]>; settings?: Record<string, unknown>; now?: string } = {},
) {
  const world = new AppsScriptWorld({ latency: 'none' });
  world.clock.set(options.now ?? '2026-11-20T12:00:00Z');
  const ss = world.spreadsheets.create({
    name: 'Customers',
    sheets: [
      { name: 'Customers', values: customers },
      ...Object.entries(options.tabs ?? {}).map(([name, values]) => ({ name, values })),
    ],
  });
  world.userProperties.put(SETTINGS_KEY, JSON.stringify({ spreadsheetId: ss.id, ...options.settings }));
  /** A fresh execution each time, as every card action is one. */
  const ctx = () => ({
    ...createContext(world.startExecution({ kind: 'trigger' }).globals),
    clock: world.clock,
  });
  return { world, ss, ctx };
}

/** Calls an action through the single dispatcher with parameters and form inputs, as Gmail would. */
export function act(
  ctx: Parameters<typeof dispatchAction>[0],
  action: string,
  params: Record<string, string> = {},
  form: Record<string, string | string[]> = {},
) {
  const formInputs = Object.fromEntries(
    Object.entries(form).map(([k, v]) => [k, { stringInputs: { value: Array.isArray(v) ? v : [v] } }]),
  );
  return dispatchAction(
    ctx,
    parseAddonEvent({ commonEventObject: { parameters: { action, ...params }, formInputs } }),
  );
}

/** One trigger run: the function the trigger named and what the hourly entry point reported. */
export interface HourlyTriggerRun {
  fn: string;
  report: HourlyReport;
}

/**
 * Advances the clock hour by hour and runs each due trigger through the hourly entry point, as Apps
 * Script would. The stand-in world records a failed run instead of throwing (as Apps Script does), so
 * a run that threw is thrown again here: a test cannot pass over a failing hourly run unseen.
 */
export function runHourlyTriggers(w: ReturnType<typeof standInContext>, hours: number): HourlyTriggerRun[] {
  const out: HourlyTriggerRun[] = [];
  for (let h = 0; h < hours; h++) {
    w.world.clock.advance(HOUR_MS);
    const runs = w.world.runDueTriggers((fn, execution) => {
      const report = appEntry(
        () => ({ ...createContext(execution.globals), clock: w.world.clock }),
        (e) => {
          throw e;
        },
      ).hourly();
      out.push({ fn, report });
    });
    const failed = runs.find((r) => !r.skipped && r.error !== undefined);
    if (failed) throw failed.error;
  }
  return out;
}
