/**
 * Kill test for the Campaigns archive: over many seeds, hourly runs die at a random service call
 * (mid-scan, mid-read, right after an archive append, between two row deletions), and between runs
 * people sort the Campaigns tab and the archive and delete a live campaign's row. Once a run
 * finishes, every row of every ended campaign is in the archive exactly once and gone from the tab,
 * every other row is in the tab exactly once and unchanged, and no row is lost or duplicated.
 * Small batches and scan windows make one campaign cross many steps and windows.
 */
import { archiveCampaignsStep, campaignArchiveRun } from '../../../src/app/campaigns/log-archive';
import {
  campaignLogWorld,
  campaignRowsOf,
  keyOf,
  NOW,
  type CampaignSpec,
} from '../../helpers/campaign-log-world';
import { shuffled } from '../../helpers/alerts-world';
import { killAt } from '../../helpers/archive-kill';
import { rng } from '../../helpers/campaign-faults';
import { seeds } from '../../helpers/seeds';

const fired = { kills: 0, afterAppend: 0, sorted: 0, deleted: 0 };

describe.each(seeds(6, 1_000))('Campaigns archive killed at random calls, seed %i', (seed) => {
  it('moves every ended campaign row exactly once and loses none', () => {
    const random = rng(seed);
    const count = 3 + Math.floor(random() * 6);
    const specs: CampaignSpec[] = Array.from({ length: count }, (_, i) => {
      const kind = random();
      return {
        id: `cmp-${seed}-${i}`,
        rows: 1 + Math.floor(random() * 40),
        updatedDaysAgo: kind < 0.6 ? 31 + Math.floor(random() * 60) : Math.floor(random() * 29),
        ...(kind < 0.6 && random() < 0.25 ? { firstStatus: 'pending' as const } : {}),
      };
    });
    const w = campaignLogWorld([]);
    // Campaigns interleaved, as teammates' runs append them.
    w.rewrite(shuffled(specs.flatMap(campaignRowsOf), seed));
    const original = new Map(
      w
        .tab()
        .slice(1)
        .map((r) => [keyOf(r), r]),
    );
    const ended = new Set(
      specs
        .filter((s) => s.updatedDaysAgo >= 31 && !s.firstStatus)
        .flatMap((s) => campaignRowsOf(s).map(keyOf)),
    );
    const deletedByPerson = new Set<string>();
    const batch = 1 + Math.floor(random() * 9);
    const windowRows = 1 + Math.floor(random() * 30);

    const killedRuns = 2 + Math.floor(random() * 6);
    let finished = false;
    for (let attempt = 0; attempt < 400 && !finished; attempt++) {
      const { ctx, exec } = w.run();
      const archiveRows = () => Math.max(0, w.archive().length - 1);
      const before = archiveRows();
      if (attempt < killedRuns || random() < 0.3)
        killAt(
          exec,
          random() < 0.3 ? 'afterAppend' : 1 + Math.floor(random() * 60),
          () => archiveRows() > before,
          fired,
        );
      try {
        const run = campaignArchiveRun(NOW, 14, { batch, windowRows });
        const tabs = ctx.tabs(w.ss.id);
        for (let steps = 0; ; steps++) {
          expect(steps).toBeLessThan(2_000);
          if (!archiveCampaignsStep(ctx, tabs, run).more) break;
        }
        finished = true;
      } catch (error) {
        expect(String(error)).toMatch(/Exceeded maximum execution time|ended/);
      }
      exec.end();
      if (finished) break;

      const r = random();
      if (r < 0.25) {
        fired.sorted++;
        w.rewrite(shuffled(w.tab().slice(1), seed * 31 + attempt));
        if (archiveRows() > 2) w.rewrite(shuffled(w.archive().slice(1), attempt), 'Campaigns archive');
      } else if (r < 0.35) {
        // A row of a campaign that stays (deleting its one pending row would end it, and rightly archive it).
        const live = w
          .tab()
          .slice(1)
          .filter((row) => !ended.has(keyOf(row)) && row[5] !== 'pending');
        const victim = live[Math.floor(random() * live.length)];
        if (victim) {
          fired.deleted++;
          deletedByPerson.add(keyOf(victim));
          w.rewrite(
            w
              .tab()
              .slice(1)
              .filter((row) => keyOf(row) !== keyOf(victim)),
          );
        }
      }
    }
    expect(finished).toBe(true);

    const archived = w.archive().slice(1).map(keyOf);
    const kept = w.tab().slice(1).map(keyOf);
    expect(new Set(archived).size).toBe(archived.length);
    expect(new Set(kept).size).toBe(kept.length);
    expect(new Set(archived)).toEqual(ended);
    const expectedKept = [...original.keys()].filter((k) => !ended.has(k) && !deletedByPerson.has(k));
    expect(new Set(kept)).toEqual(new Set(expectedKept));
    for (const row of [...w.tab().slice(1), ...w.archive().slice(1)])
      expect(row.map(String)).toEqual(original.get(keyOf(row))!.map(String));
  });
});

describe('the Campaigns archive kill test exercised what it claims', () => {
  it('killed runs, some right after an archive append, with sorts and deletions between', () => {
    console.log(JSON.stringify(fired));
    expect(fired.kills).toBeGreaterThan(0);
    expect(fired.afterAppend).toBeGreaterThan(0);
    expect(fired.sorted).toBeGreaterThan(0);
  });
});
