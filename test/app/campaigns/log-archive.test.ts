/**
 * The Campaigns archive on the hourly trigger: rows of campaigns ended 30+ days ago move in bounded
 * steps; live or recent campaigns stay; a finished campaign's card and outcomes still find its rows.
 */
import { runTabUpkeep } from '../../../src/app/watch/tab-upkeep';
import { CAMPAIGN_ARCHIVE_BATCH } from '../../../src/app/campaigns/log-archive';
import { LOG_HEADERS } from '../../../src/core/campaigns/log';
import { campaignLogWorld, keyOf } from '../../helpers/campaign-log-world';

describe('archiving ended campaigns', () => {
  const specs = [
    { id: 'old-big', rows: CAMPAIGN_ARCHIVE_BATCH + 500, updatedDaysAgo: 45 },
    { id: 'live', rows: 40, updatedDaysAgo: 50, firstStatus: 'pending' as const },
    { id: 'review', rows: 30, updatedDaysAgo: 60, firstStatus: 'review' as const },
    { id: 'recent', rows: 30, updatedDaysAgo: 10 },
    { id: 'old-small', rows: 25, updatedDaysAgo: 31 },
  ];

  it('moves every row of campaigns ended 30+ days ago once, and leaves live and recent ones', () => {
    const w = campaignLogWorld(specs);
    const before = new Map(
      w
        .tab()
        .slice(1)
        .map((r) => [keyOf(r), r]),
    );
    const report = runTabUpkeep(w.run().ctx);
    expect(report.finished).toBe(true);
    expect(report.archivedCampaignRows).toBe(CAMPAIGN_ARCHIVE_BATCH + 500 + 25);
    const ids = (rows: unknown[][]) => new Set(rows.slice(1).map((r) => String(r[0])));
    expect(ids(w.tab())).toEqual(new Set(['live', 'review', 'recent']));
    expect(ids(w.archive())).toEqual(new Set(['old-big', 'old-small']));
    expect(w.archive()[0]).toEqual([...LOG_HEADERS]);
    const archived = w.archive().slice(1);
    expect(new Set(archived.map(keyOf)).size).toBe(archived.length);
    for (const r of archived) expect(r.map(String)).toEqual(before.get(keyOf(r))!.map(String));
    // Nothing left to move: the next run changes nothing.
    expect(runTabUpkeep(w.run().ctx).archivedCampaignRows).toBe(0);
    expect(w.archive()).toHaveLength(archived.length + 1);
  });

  it('keeps a longer cool-down whole in the Campaigns tab (the cool-down reads only that tab)', () => {
    const w = campaignLogWorld(specs);
    w.ss.addSheet('Settings', [
      ['Setting', 'Value'],
      ['Cool-down days', '40'],
    ]);
    runTabUpkeep(w.run().ctx);
    // Ended 45 days ago: past a 40-day cool-down; ended 31 days ago: still inside it.
    expect(
      new Set(
        w
          .archive()
          .slice(1)
          .map((r) => String(r[0])),
      ),
    ).toEqual(new Set(['old-big']));
    expect(w.tab().some((r) => r[0] === 'old-small')).toBe(true);
  });

  it("finds an archived campaign's rows for its card and outcomes", () => {
    const w = campaignLogWorld(specs);
    runTabUpkeep(w.run().ctx);
    const log = w.run('card').ctx.campaignLog(w.ss.id);
    expect(log.recipients('old-small')).toEqual([]);
    const rows = log.recipientsWithArchive(['old-small', 'recent']);
    expect(rows.filter((r) => r.campaignId === 'old-small')).toHaveLength(25);
    expect(rows.filter((r) => r.campaignId === 'recent')).toHaveLength(30);
  });
});
