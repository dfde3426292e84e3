/**
 * Campaigns end to end on the stand-ins, with their latency model and real execution budgets:
 * a 1,500-recipient campaign across a card run and hourly trigger runs, a quota pause on a consumer
 * account, a run that finds the lock taken, and executions killed mid-send.
 */
import { changeCampaignState, settleReview } from '../../../src/app/campaigns/control';
import { loadCampaign } from '../../../src/app/campaigns/meta';
import { continueCampaign, HOURLY_HANDLER, runHourly } from '../../../src/app/campaigns/run';
import { startCampaign } from '../../../src/app/campaigns/start';
import { campaignWorld } from '../../helpers/campaign-world';

const HOUR = 3_600_000;

function triggerUntilDone(w: ReturnType<typeof campaignWorld>, id: string, maxHours = 72) {
  let runs = 0;
  for (let h = 0; h < maxHours; h++) {
    const meta = loadCampaign(w.contextOf(w.world.startExecution()).userStore, id)!;
    if (meta.state === 'done' || meta.state === 'cancelled') return runs;
    w.world.clock.advance(HOUR);
    for (const run of w.world.runDueTriggers((fn, execution) => {
      expect(fn).toBe(HOURLY_HANDLER);
      runHourly(w.contextOf(execution), w.composer);
    })) {
      if (run.error) throw run.error;
      runs++;
    }
  }
  throw new Error('campaign did not finish');
}

describe('campaigns on the stand-ins', () => {
  it('sends 1,500 recipients exactly once across a card run and hourly trigger runs, then removes the trigger', () => {
    const w = campaignWorld(1500);
    const card = w.world.startExecution({ kind: 'card' });
    const started = startCampaign(w.contextOf(card), w.request());
    expect(started.kind).toBe('started');
    const id = started.kind === 'started' ? started.meta.id : '';
    const first = continueCampaign(w.contextOf(card), id, 'card', w.composer);
    card.end();
    expect(first.kind).toBe('ran');
    const sentByCard = first.kind === 'ran' ? first.result.sent : 0;
    expect(sentByCard).toBeGreaterThan(0);
    expect(sentByCard).toBeLessThan(1500);
    expect(w.world.triggers.triggers.map((t) => t.functionName)).toEqual([HOURLY_HANDLER]);

    const runs = triggerUntilDone(w, id);
    expect(runs).toBeGreaterThanOrEqual(1);
    const received = w.received();
    expect(received.size).toBe(1500);
    expect([...received.values()].every((n) => n === 1)).toBe(true);
    expect(w.world.triggers.triggers).toHaveLength(0);
    const rows = w.ss.sheet('Campaigns')!.rows.slice(1);
    expect(rows.filter((r) => r[5] === 'sent')).toHaveLength(1500);
  });

  it('pauses at the consumer quota of 100 a day and finishes the next days by itself', () => {
    const w = campaignWorld(250, { accountKind: 'consumer' });
    const exec = w.world.startExecution();
    const started = startCampaign(w.contextOf(exec), w.request());
    const id = started.kind === 'started' ? started.meta.id : '';
    const first = continueCampaign(w.contextOf(exec), id, 'card', w.composer);
    exec.end();
    expect(first.kind === 'ran' && first.result.stopped).not.toBe('done');
    triggerUntilDone(w, id);
    const meta = loadCampaign(w.contextOf(w.world.startExecution()).userStore, id)!;
    expect(meta.state).toBe('done');
    expect(w.received().size).toBe(250);
    expect([...w.received().values()].every((n) => n === 1)).toBe(true);
    // 250 at 100 a day: the last email cannot leave before the third day.
    const last = w.world.mail.outbox[w.world.mail.outbox.length - 1]!.sentAt.getTime();
    expect(last - new Date('2026-11-20T09:00:00Z').getTime()).toBeGreaterThan(2 * 24 * HOUR - HOUR);
  });

  it('does not send while another execution holds the lock', () => {
    const w = campaignWorld(20, { latency: 'none' });
    const holder = w.world.startExecution();
    const started = startCampaign(w.contextOf(holder), w.request());
    const id = started.kind === 'started' ? started.meta.id : '';
    const lock = holder.globals.LockService.getUserLock();
    expect(lock.tryLock(1000)).toBe(true);
    const other = w.world.startExecution();
    expect(continueCampaign(w.contextOf(other), id, 'card', w.composer)).toEqual({ kind: 'busy' });
    expect(w.world.mail.outbox).toHaveLength(0);
    lock.releaseLock();
    expect(continueCampaign(w.contextOf(other), id, 'card', w.composer).kind).toBe('ran');
    expect(w.world.mail.outbox).toHaveLength(20);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'seed %i: an execution killed right after a send leaves that recipient for review, never re-sent',
    (seed) => {
      const w = campaignWorld(60, { latency: 'none' });
      const exec = w.world.startExecution();
      const started = startCampaign(w.contextOf(exec), w.request());
      const id = started.kind === 'started' ? started.meta.id : '';
      let sends = 0;
      const killAt = 3 + ((seed * 7) % 40);
      w.world.mail.onAfterSend = () => {
        // Apps Script stops a script outright: the execution is over, nothing after the send runs.
        if (++sends !== killAt) return;
        exec.end();
        throw new Error('Exceeded maximum execution time');
      };
      expect(() => continueCampaign(w.contextOf(exec), id, 'card', w.composer)).toThrow();
      w.world.mail.onAfterSend = undefined;
      const again = w.world.startExecution();
      const second = continueCampaign(w.contextOf(again), id, 'card', w.composer);
      expect(second.kind === 'ran' && second.result.markedForReview).toBeGreaterThan(0);
      const counts = w.received();
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      const rows = w.ss.sheet('Campaigns')!.rows.slice(1);
      const review = rows.filter((r) => r[5] === 'review').map((r) => String(r[2]));
      expect(review).toContain(`m${killAt - 1}@x.example`);
      // Every member is accounted for: sent, or in review.
      expect(rows.filter((r) => r[5] === 'sent').length + review.length).toBe(60);
      // A person settles the review: the one that went is marked sent, the others are sent now.
      const ctx = w.contextOf(w.world.startExecution());
      for (const email of review) settleReview(ctx, id, email, counts.has(email));
      continueCampaign(ctx, id, 'card', w.composer);
      expect(w.received().size).toBe(60);
      expect([...w.received().values()].every((n) => n === 1)).toBe(true);
    },
  );

  it('pauses, resumes and cancels, marking the unsent as cancelled', () => {
    const w = campaignWorld(30, { latency: 'none' });
    const ctx = () => w.contextOf(w.world.startExecution());
    const started = startCampaign(ctx(), w.request());
    const id = started.kind === 'started' ? started.meta.id : '';
    expect(changeCampaignState(ctx(), id, 'pause').state).toBe('paused');
    expect(continueCampaign(ctx(), id, 'card', w.composer).kind).toBe('idle');
    expect(w.world.triggers.triggers).toHaveLength(0);
    expect(changeCampaignState(ctx(), id, 'resume').state).toBe('sending');
    expect(w.world.triggers.triggers).toHaveLength(1);
    expect(changeCampaignState(ctx(), id, 'cancel').state).toBe('cancelled');
    const rows = w.ss.sheet('Campaigns')!.rows.slice(1);
    expect(rows.every((r) => r[5] === 'cancelled' && r[7] === 'Campaign cancelled')).toBe(true);
    expect(() => changeCampaignState(ctx(), id, 'resume')).toThrow('Cannot resume this campaign');
  });

  it('leaves recently emailed customers out of the next campaign, and blocks a send with blanks', () => {
    const w = campaignWorld(10, { latency: 'none' });
    const ctx = () => w.contextOf(w.world.startExecution());
    const first = startCampaign(ctx(), w.request({ members: w.members.slice(0, 4) }));
    continueCampaign(ctx(), first.kind === 'started' ? first.meta.id : '', 'card', w.composer);
    w.world.clock.advance(HOUR);
    const second = startCampaign(ctx(), w.request({ name: 'Upsell' }));
    expect(second.kind === 'started' && second.plan.excluded['cool-down']).toBe(4);
    const blocked = startCampaign(
      ctx(),
      w.request({ unmergeable: new Map([['m7@x.example', 'no value for {{First name}}']]) }),
    );
    expect(blocked).toMatchObject({
      kind: 'blocked',
      blocked: [{ email: 'm7@x.example', row: 9, reason: 'no value for {{First name}}' }],
    });
  });
});
