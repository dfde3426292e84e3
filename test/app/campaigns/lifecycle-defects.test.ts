/**
 * Issue 14, defects 5, 8, 9 and 10: the campaign's lifecycle around the sending loop. No eviction of
 * unfinished campaigns; trigger upkeep inside the lock; MailApp errors told apart by whether the
 * email may have gone, with bounded retries and a card button for the failed; and a campaign card
 * that renders with exactly one failure.
 */
import { settleReview } from '../../../src/app/campaigns/control';
import { listArchived, listCampaigns } from '../../../src/app/campaigns/meta';
import { continueCampaign } from '../../../src/app/campaigns/run';
import { startCampaign } from '../../../src/app/campaigns/start';
import { buildCampaignCard } from '../../../src/app/campaigns/campaign-card';
import { dispatchAction } from '../../../src/app/dispatcher';
import { parseAddonEvent } from '../../../src/app/events';
import { AppsScriptError } from '../../../src/local/standins/errors';
import { validateCard } from '../../../src/ui/card/validate';
import { campaignWorld } from '../../helpers/campaign-world';
import {
  campaignState,
  Killed,
  onCall,
  runTriggers,
  settleReviews,
  survive,
  tabValues,
  tally,
  expectEveryoneOnce,
  startNow,
} from '../../helpers/campaign-faults';

const ID = 'cmp-20261120-0900-life';
const statusOf = (w: ReturnType<typeof campaignWorld>, email: string) =>
  tabValues(w).find((r) => r[0] === ID && r[2] === email)?.[5];

describe('campaign lifecycle', () => {
  it('defect 5: a 31st campaign never evicts one still waiting for quota; finished ones are archived', () => {
    const w = campaignWorld(181, { latency: 'none', accountKind: 'consumer' });
    const audience = w.members.slice(0, 150);
    startCampaign(w.contextOf(w.world.startExecution()), w.request({ id: ID, members: audience }));
    runTriggers(w, 2); // 100 sent, then the consumer quota is used up for the day
    expect(campaignState(w, ID)?.state).toBe('waiting-quota');
    for (let i = 0; i < 30; i++) {
      // Thirty one-person campaigns, each started and finished (or waiting) in turn.
      const ctx = w.contextOf(w.world.startExecution());
      const one = [w.members[150 + i]!];
      expect(startCampaign(ctx, w.request({ id: `cmp-20261120-0900-o${i}`, members: one })).kind).toBe(
        'started',
      );
    }
    expect(listCampaigns(w.contextOf(w.world.startExecution()).userStore)).toHaveLength(31);
    expect(campaignState(w, ID)).not.toBeNull();
    for (let h = 0; h < 24 * 4 && campaignState(w, ID)?.state !== 'done'; h++) runTriggers(w, 1);
    runTriggers(w, 1);
    const rows = tabValues(w).filter((r) => r[0] === ID);
    expect(rows).toHaveLength(150);
    expect(rows.every((r) => r[5] === 'sent')).toBe(true);
    const { duplicates, missed } = tally(w);
    expect({ duplicates, missed }).toEqual({ duplicates: 0, missed: ['m180@x.example'] });
    expect(campaignState(w, ID)?.state).toBe('done');
    // Once finished, it may leave the list: the next start archives the oldest finished campaigns.
    const last = [w.members[180]!];
    startCampaign(
      w.contextOf(w.world.startExecution()),
      w.request({ id: 'cmp-20261124-0900-new', members: last }),
    );
    const store = w.contextOf(w.world.startExecution()).userStore;
    expect(listCampaigns(store)).toHaveLength(30);
    expect(listArchived(store).map((a) => a.id)).toContain(ID);
  });

  it('defect 8: "Send it" while a finishing run removes the trigger never leaves a campaign without one', () => {
    const w = campaignWorld(3, { latency: 'none' });
    startNow(w, ID);
    // A run dies just before its first send: m0 is left "sending" (it did not go).
    const dying = w.world.startExecution();
    onCall(dying, (method) => {
      if (method !== 'MailApp.sendEmail') return;
      dying.end();
      throw new Killed();
    });
    survive(() => continueCampaign(w.contextOf(dying), ID, 'card', w.composer));
    // The next run finishes the campaign; as it removes the trigger, the person presses "Send it".
    const finishing = w.world.startExecution({ kind: 'trigger' });
    let clicked: unknown = 'not clicked';
    onCall(finishing, (method) => {
      if (method !== 'ScriptApp.deleteTrigger' || clicked !== 'not clicked') return;
      try {
        clicked = settleReview(w.contextOf(w.world.startExecution()), ID, 'm0@x.example', false);
      } catch (error) {
        clicked = error;
      }
    });
    continueCampaign(w.contextOf(finishing), ID, 'trigger', w.composer);
    finishing.end();
    expect(clicked).not.toBe('not clicked');
    if (clicked instanceof Error) {
      // The click waited for the run's lock and was told to try again; the person does.
      expect(clicked.message).toMatch(/sending right now/);
      settleReview(w.contextOf(w.world.startExecution()), ID, 'm0@x.example', false);
    }
    const hourly = w.world.triggers.forUser(w.world.user).filter((t) => t.functionName === 'onHourlyTrigger');
    expect({ state: campaignState(w, ID)?.state, triggers: hourly.length }).toEqual({
      state: 'sending',
      triggers: 1,
    });
    settleReviews(w, ID); // m1 and m2 were in the same killed batch
    runTriggers(w, 3);
    expectEveryoneOnce(w);
  });

  it('defect 9: a transient MailApp error is retried with backoff, not made a permanent failure', () => {
    const w = campaignWorld(5, { latency: 'none' });
    startNow(w, ID);
    w.world.mail.failNextSend(new AppsScriptError('Service invoked too many times in a short time: email'));
    continueCampaign(w.contextOf(w.world.startExecution()), ID, 'card', w.composer);
    expectEveryoneOnce(w);
    expect(w.world.calls.get('Utilities.sleep')).toBe(1);
  });

  it('defect 9: still unavailable after the retries: "failed", and "Retry failed" on the card sends it', () => {
    const w = campaignWorld(5, { latency: 'none' });
    startNow(w, ID);
    for (let i = 0; i < 3; i++) w.world.mail.failNextSend();
    continueCampaign(w.contextOf(w.world.startExecution()), ID, 'card', w.composer);
    expect(statusOf(w, 'm0@x.example')).toBe('failed');
    expect(campaignState(w, ID)?.state).toBe('done');
    const card = buildCampaignCard(w.contextOf(w.world.startExecution()), ID);
    expect(JSON.stringify(card)).toMatch(/Retry 1 failed/);
    dispatchAction(
      w.contextOf(w.world.startExecution()),
      parseAddonEvent({ commonEventObject: { parameters: { action: 'retryFailed', id: ID } } }),
    );
    runTriggers(w, 2);
    expectEveryoneOnce(w);
  });

  it('defect 9: an error after MailApp may have sent is "review", not "failed"', () => {
    const w = campaignWorld(5, { latency: 'none' });
    startNow(w, ID);
    let thrown = false;
    w.world.mail.onAfterSend = () => {
      if (thrown) return;
      thrown = true;
      throw new AppsScriptError('We are sorry, a server error occurred. Please wait a bit and try again.');
    };
    continueCampaign(w.contextOf(w.world.startExecution()), ID, 'card', w.composer);
    w.world.mail.onAfterSend = undefined;
    expect(statusOf(w, 'm0@x.example')).toBe('review');
    expect(tabValues(w).find((r) => r[2] === 'm0@x.example')?.[7]).toMatch(/may have sent/);
    expectEveryoneOnce(w);
  });

  it('defect 10: the campaign card renders when exactly one recipient failed, with its review buttons', () => {
    const w = campaignWorld(5, { latency: 'none' });
    startNow(w, ID);
    w.world.mail.failNextSend(new AppsScriptError('Invalid email: m0@x.example'));
    continueCampaign(w.contextOf(w.world.startExecution()), ID, 'card', w.composer);
    expect(statusOf(w, 'm0@x.example')).toBe('failed');
    const card = buildCampaignCard(w.contextOf(w.world.startExecution()), ID);
    expect(() => validateCard(card)).not.toThrow();
    const failed = card.sections.find((s) => s.header === 'Failed')!;
    expect(failed.uncollapsibleWidgets ?? 0).toBeLessThanOrEqual(failed.widgets.length);
  });
});
