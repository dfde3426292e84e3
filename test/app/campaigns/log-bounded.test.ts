/**
 * Card paths and send runs read only their campaign's rows: with 1,000 or 200,000 rows of other
 * campaigns in the Campaigns tab (above and below), the campaign card, pause, resume, cancel, the
 * campaign list and a send run make the same service calls and read the same cells.
 */
import {
  buildCampaignCard,
  buildCampaignsCard,
  controlCampaign,
} from '../../../src/app/campaigns/campaign-card';
import { continueCampaign } from '../../../src/app/campaigns/run';
import { startCampaign } from '../../../src/app/campaigns/start';
import type { AppContext } from '../../../src/app/context';
import { campaignWorld } from '../../helpers/campaign-world';

type Figures = Record<string, { calls: number; cells: number }>;

function figuresWith(otherRows: number): Figures {
  const w = campaignWorld(60, { latency: 'none' });
  const start = () => {
    const exec = w.world.startExecution({ kind: 'card' });
    const started = startCampaign(w.contextOf(exec), w.request());
    exec.end();
    w.world.clock.advance(60_000);
    if (started.kind !== 'started') throw new Error(started.kind);
    return started.meta.id;
  };
  const a = start();
  const b = start();
  const sheet = w.ss.sheet('Campaigns')!;
  const [header, ...mine] = sheet.toValues();
  const other = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => [
      `cmp-old-${(from + i) % 97}`,
      'Earlier',
      `o${from + i}@y.example`,
      'O',
      'emailed',
      'sent',
      new Date('2026-10-01T00:00:00Z'),
      '',
    ]);
  sheet.replaceValues([header!, ...other(0, otherRows / 2), ...mine, ...other(otherRows / 2, otherRows / 2)]);

  const figures: Figures = {};
  const measure = (name: string, kind: 'card' | 'trigger', action: (ctx: AppContext) => unknown) => {
    const exec = w.world.startExecution({ kind });
    w.world.calls.reset();
    action(w.contextOf(exec));
    const { total, cellsRead } = w.world.calls.snapshot();
    exec.end();
    figures[name] = { calls: total, cells: cellsRead };
  };
  measure('campaign card', 'card', (ctx) => buildCampaignCard(ctx, a));
  measure('pause', 'card', (ctx) => controlCampaign(ctx, a, 'pause'));
  measure('resume', 'card', (ctx) => controlCampaign(ctx, a, 'resume'));
  measure('send run', 'trigger', (ctx) => continueCampaign(ctx, a, 'trigger', w.composer));
  measure('cancel', 'card', (ctx) => controlCampaign(ctx, b, 'cancel'));
  measure('campaign list', 'card', (ctx) => buildCampaignsCard(ctx));
  expect(w.received().size).toBe(60);
  return figures;
}

describe('the Campaigns tab on card paths and send runs', () => {
  it('costs the same calls and cells with 1,000 or 200,000 rows of other campaigns', () => {
    const small = figuresWith(1_000);
    const large = figuresWith(200_000);
    console.log(JSON.stringify({ small, large }));
    expect(large).toEqual(small);
    // The campaign's own rows (60 recipients, 8 columns) and a header, not the tab.
    expect(small['campaign card']!.cells).toBeLessThan(2_000);
    expect(small['send run']!.cells).toBeLessThan(10_000);
  });
});
