/**
 * A campaign card left open while the campaign finished (the hourly run, "Send more now" on another
 * card): Pause or Cancel on it brings the card up to date instead of an error card.
 */
import { controlCampaign } from '../../../src/app/campaigns/campaign-card';
import { loadCampaign } from '../../../src/app/campaigns/meta';
import { continueCampaign } from '../../../src/app/campaigns/run';
import { startCampaign } from '../../../src/app/campaigns/start';
import { campaignWorld } from '../../helpers/campaign-world';

describe('Pause or Cancel on a finished campaign', () => {
  it.each(['pause', 'cancel'] as const)(
    '%s answers with the updated card and says it has finished',
    (change) => {
      const w = campaignWorld(12, { latency: 'none' });
      const ctx = w.contextOf(w.world.startExecution());
      const started = startCampaign(ctx, w.request());
      const id = started.kind === 'started' ? started.meta.id : '';
      continueCampaign(ctx, id, 'trigger', w.composer);
      expect(loadCampaign(ctx.userStore, id)!.state).toBe('done');
      const response = controlCampaign(ctx, id, change);
      expect(response).toMatchObject({ kind: 'navigate', notification: '"Relief" has already finished.' });
      expect(loadCampaign(ctx.userStore, id)!.state).toBe('done');
      expect(w.received().size).toBe(12);
    },
  );
});
