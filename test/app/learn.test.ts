/** Learning from the sheet's history, end to end on the stand-ins with the bundled sample sheet. */
import * as path from 'node:path';
import { dispatchAction } from '../../src/app/dispatcher';
import { parseAddonEvent } from '../../src/app/events';
import { customerStateFor } from '../../src/app/handlers/message';
import { MODEL_KEY, runRequestedLearning } from '../../src/app/handlers/learn';
import { LEARN_REQUEST_KEY } from '../../src/app/learn-request';
import { hasBackgroundWork } from '../../src/app/campaigns/run';
import { loadSettings, SETTINGS_KEY } from '../../src/app/settings-store';
import { createContext } from '../../src/gas/runtime';
import { AppsScriptWorld } from '../../src/local/standins';
import { readTableFile } from '../../src/local/table/table-file';

const SAMPLE = path.resolve(__dirname, '../../sample/customers.csv');

function contextOn(values: unknown[][]) {
  const world = new AppsScriptWorld({ latency: 'none' });
  world.clock.set('2026-11-20T12:00:00Z');
  const ss = world.spreadsheets.create({ name: 'Customers', sheets: [{ name: 'Customers', values }] });
  world.userProperties.put(SETTINGS_KEY, JSON.stringify({ spreadsheetId: ss.id }));
  const ctx = { ...createContext(world.startExecution({ kind: 'trigger' }).globals), clock: world.clock };
  return { world, ctx };
}

const act = (
  ctx: Parameters<typeof dispatchAction>[0],
  action: string,
  params: Record<string, string> = {},
) => dispatchAction(ctx, parseAddonEvent({ commonEventObject: { parameters: { action, ...params } } }));

describe('learn from history', () => {
  it('fits, stores and blends the model on the sample sheet', () => {
    const { world, ctx } = contextOn(readTableFile(SAMPLE).sheets[0]!.values);
    const r = act(ctx, 'learnFromHistory');
    // Settings is rebuilt with the learned model, the result in the toast.
    expect(r.kind === 'navigate' && r.notification).toMatch(
      /^Learned from 400 customers: 5-fold cross-validated AUC 0\.\d\d with (logistic regression|gradient-boosted trees|a blend of trees and logistic regression)\./,
    );
    const { settings } = loadSettings(ctx.userStore);
    expect(settings.riskModel).toMatchObject({ kind: 'blend', blendWeight: 0.5, rows: 400 });
    expect(settings.riskModel!.auc!).toBeGreaterThan(0.7);
    expect((world.userProperties.values.get(MODEL_KEY) ?? '').length).toBeLessThan(9 * 1024);

    const values = readTableFile(SAMPLE).sheets[0]!.values;
    const email = String(values[1]![0]);
    const found = customerStateFor(ctx, { email, name: '' })!;
    expect(found.state.risk.reasons.some((x) => x.sentence.startsWith('Learned from your history:'))).toBe(
      true,
    );
    const total = found.state.risk.reasons.reduce((s, x) => s + x.points, 0);
    // Whole points per reason, column by column for the model, add up to the card's whole score.
    expect(total).toBe(Math.round(found.state.risk.score!));
  });

  it('declines with the reason when there is too little history, and keeps the scorecard', () => {
    const values: unknown[][] = [['Email', 'Status', 'NPS']];
    for (let i = 0; i < 250; i++) values.push([`c${i}@x.example`, i < 12 ? 'Churned' : 'Active', i % 11]);
    const { ctx } = contextOn(values);
    const r = act(ctx, 'learnFromHistory');
    expect(r).toMatchObject({
      kind: 'navigate',
      notification:
        'Only 12 churned customers in the sheet; the learned model needs at least 30. Scores keep using the scorecard.',
    });
    expect(loadSettings(ctx.userStore).settings.riskModel).toMatchObject({
      kind: 'scorecard',
      declined: expect.stringContaining('Only 12'),
    });
  });

  it('reads the stored model once per card, not once per customer', () => {
    const { world, ctx } = contextOn(readTableFile(SAMPLE).sheets[0]!.values);
    act(ctx, 'learnFromHistory');
    const parts = JSON.parse(world.userProperties.values.get(MODEL_KEY) ?? '{}').parts ?? 0;
    world.calls.reset();
    // Refresh rescores the sheet (one chunk for the sample): the model is read for the chunk's records
    // and once more to explain the call-first list, not once per customer.
    expect(act(ctx, 'refreshHome').kind).toBe('navigate');
    const refresh = world.calls.get('Properties.getProperty');
    world.calls.reset();
    expect(act(ctx, 'homePage', { page: '0' }).kind).toBe('navigate');
    const page = world.calls.get('Properties.getProperty');
    // The homepage itself reads the snapshot, not the model: settings, the job, the stale mark,
    // the campaign list and replies.
    expect(page).toBeLessThanOrEqual(8);
    // The job: settings, its head and partial pieces (twice: before and after the lock), the model twice.
    expect(refresh).toBeLessThanOrEqual(16 + 2 * (1 + parts));
  });

  it('learns in the hourly trigger when a large sheet asked for it, once', () => {
    const { world, ctx } = contextOn(readTableFile(SAMPLE).sheets[0]!.values);
    expect(runRequestedLearning(ctx)).toBeNull();
    world.userProperties.put(LEARN_REQUEST_KEY, '2026-11-20T12:00:00Z');
    expect(hasBackgroundWork(ctx)).toBe(true);
    expect(runRequestedLearning(ctx)).toMatch(/^Learned from 400 customers/);
    expect(world.userProperties.values.has(LEARN_REQUEST_KEY)).toBe(false);
    expect(loadSettings(ctx.userStore).settings.riskModel?.learnerReason).toMatch(/cross-validated AUC/);
  });
});
