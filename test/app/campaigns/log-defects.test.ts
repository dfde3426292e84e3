/**
 * Issue 14, defects 6 and 7: a person edits the Campaigns tab. A pasted duplicate row or a deleted
 * pending row pauses the campaign with what changed and how to repair it (nothing is sent on a
 * doubtful log); a sort between a run's read and its status write never misplaces a status.
 */
import { acceptCampaignLog, changeCampaignState } from '../../../src/app/campaigns/control';
import { buildCampaignCard } from '../../../src/app/campaigns/campaign-card';
import { continueCampaign } from '../../../src/app/campaigns/run';
import { validateCard } from '../../../src/ui/card/validate';
import { campaignWorld } from '../../helpers/campaign-world';
import {
  campaignState,
  onCall,
  rng,
  runTriggers,
  setTab,
  shuffleTab,
  tabValues,
  tally,
  expectEveryoneOnce,
  startNow,
} from '../../helpers/campaign-faults';

const MEMBERS = 40;
const ID = 'cmp-20261120-0900-log';

function started() {
  const w = campaignWorld(MEMBERS, { latency: 'none' });
  startNow(w, ID);
  return w;
}

describe('a Campaigns tab a person edited', () => {
  it('defect 6: a pasted duplicate row pauses the campaign instead of emailing that person twice', () => {
    const w = started();
    const values = tabValues(w);
    setTab(w, [...values, [...values[5]!]]);
    runTriggers(w, 2);
    const meta = campaignState(w, ID);
    expect(meta?.state).toBe('paused');
    expect(meta?.problem?.kind).toBe('duplicate');
    expect(meta?.problem?.what).toMatch(/Campaigns rows 6 and 42 all hold m4@x\.example/);
    expect(w.world.mail.outbox).toHaveLength(0);
    // The card says what changed and how to repair it, and offers Resume.
    const card = buildCampaignCard(w.contextOf(w.world.startExecution()), ID);
    expect(() => validateCard(card)).not.toThrow();
    expect(JSON.stringify(card)).toMatch(/How to repair it: .*Delete the extra rows/);
    expect(JSON.stringify(card)).toMatch(/Resume after the repair/);
    // The person deletes the pasted row and resumes.
    setTab(w, values);
    changeCampaignState(w.contextOf(w.world.startExecution()), ID, 'resume');
    runTriggers(w, 24);
    expectEveryoneOnce(w);
    expect(campaignState(w, ID)?.state).toBe('done');
  });

  it('defect 6: a deleted pending row pauses the campaign, never "Finished" without that person', () => {
    const w = started();
    const values = tabValues(w);
    setTab(
      w,
      values.filter((_, i) => i !== 7),
    );
    runTriggers(w, 24);
    const meta = campaignState(w, ID);
    expect(meta?.state).toBe('paused');
    expect(meta?.problem).toMatchObject({ kind: 'missing' });
    expect(meta?.problem?.what).toMatch(/39 recipient rows for this campaign; it started with 40/);
    expect(w.world.mail.outbox).toHaveLength(0);
    // Resuming before the repair keeps it paused and says why.
    expect(() => changeCampaignState(w.contextOf(w.world.startExecution()), ID, 'resume')).toThrow(
      /still needs a repair/,
    );
    // Undo brings the row back; resume sends everyone once.
    setTab(w, values);
    changeCampaignState(w.contextOf(w.world.startExecution()), ID, 'resume');
    runTriggers(w, 24);
    expectEveryoneOnce(w);
  });

  it('defect 6: a person may accept a deliberate deletion; the campaign notes who and when', () => {
    const w = started();
    setTab(
      w,
      tabValues(w).filter((_, i) => i !== 7),
    );
    runTriggers(w, 1);
    const meta = acceptCampaignLog(w.contextOf(w.world.startExecution()), ID);
    expect(meta.state).toBe('sending');
    expect(meta.note).toMatch(/accepted the Campaigns tab with 39 rows/);
    runTriggers(w, 24);
    const { duplicates, missed } = tally(w);
    expect({ duplicates, missed }).toEqual({ duplicates: 0, missed: ['m6@x.example'] });
  });

  it('defect 7: a sort between the read of the rows and the status write misplaces nothing', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const w = started();
      const random = rng(seed);
      for (let run = 0; run < 12 && campaignState(w, ID)?.state !== 'done'; run++) {
        const exec = w.world.startExecution();
        // The person sorts the tab once, just before one of the run's status writes lands.
        const at = 1 + Math.floor(random() * 3);
        onCall(exec, (method, n) => {
          if (method === 'Range.setValues' && n === at) shuffleTab(w, random);
        });
        continueCampaign(w.contextOf(exec), ID, 'card', w.composer);
        exec.end();
      }
      const got = w.received();
      const rows = tabValues(w).filter((r) => r[0] === ID);
      // Every row that says "sent" belongs to someone who got exactly one email.
      const sentWithoutEmail = rows.filter((r) => r[5] === 'sent' && got.get(String(r[2])) !== 1);
      expect({ seed, sentWithoutEmail }).toEqual({ seed, sentWithoutEmail: [] });
      const { duplicates, missed } = tally(w);
      expect({ seed, duplicates, missed }).toEqual({ seed, duplicates: 0, missed: [] });
      expect(rows.every((r) => r[5] === 'sent')).toBe(true);
    }
  });
});
