/**
 * The Alerts archive on the hourly trigger: closed alerts move out once closed for two weeks, open
 * and recently closed ones stay, a column people added travels with its alert, the run resumes in
 * the next trigger when it runs out of time, and the scan still counts archived keys as raised.
 */
import { hasBackgroundWork } from '../../src/app/campaigns/trigger-upkeep';
import { raisedAlertKeys } from '../../src/app/watch/alert-rows';
import { archiveAlertsStep, ARCHIVE_BATCH } from '../../src/app/watch/alert-archive';
import { runTabUpkeep, TAB_UPKEEP_PENDING_KEY } from '../../src/app/watch/tab-upkeep';
import { ALERT_HEADERS, ALERTS_TAB, ARCHIVE_AFTER_DAYS } from '../../src/core/watch/alerts';
import { alertsWorld, alertValues, type AlertSpec } from '../helpers/alerts-world';

const old = (i: number): AlertSpec => ({
  key: `old-${i}`,
  status: i % 2 ? 'done' : 'acknowledged',
  closedDaysAgo: ARCHIVE_AFTER_DAYS + (i % 5),
  raisedDaysAgo: 40,
});
const stays: AlertSpec[] = [
  { key: 'open-1', raisedDaysAgo: 90 },
  { key: 'snoozed-1', status: 'snoozed', raisedDaysAgo: 90 },
  { key: 'done-recently', status: 'done', closedDaysAgo: ARCHIVE_AFTER_DAYS - 1, raisedDaysAgo: 90 },
];
const keysOf = (rows: unknown[][]) => rows.slice(1).map((r) => String(r[0]));

describe('archiving closed alerts', () => {
  it('moves alerts closed two weeks ago in bounded steps and leaves the rest', () => {
    const w = alertsWorld([...Array.from({ length: 250 }, (_, i) => old(i)), ...stays]);
    // A tab from before the Closed column: a seen alert raised long ago counts from its raised day.
    w.rewrite([
      ...w.tab().slice(1),
      [...alertValues({ key: 'legacy', status: 'acknowledged', raisedDaysAgo: 30 }).slice(0, 10), ''],
    ]);
    const report = runTabUpkeep(w.run(undefined, 'trigger').ctx);
    // Three steps of alerts and one that finds none left, then one step each of the Campaigns archive
    // and bulk changes with nothing due.
    expect(report).toEqual({
      steps: Math.ceil(251 / ARCHIVE_BATCH) + 3,
      archivedAlerts: 251,
      archivedCampaignRows: 0,
      compactedBulkRows: 0,
      finished: true,
    });
    expect(keysOf(w.tab()).sort()).toEqual(['done-recently', 'open-1', 'snoozed-1']);
    const archive = w.archive();
    expect(archive[0]).toEqual([...ALERT_HEADERS]);
    expect(new Set(keysOf(archive)).size).toBe(251);
    const row = archive.find((r) => r[0] === 'old-3')!;
    expect(row.slice(6, 11)).toEqual(['Reason for old-3', 'Check-in call', 'done', '', '2026-11-03']);
    // Nothing left: the next run is one step of each job, finding nothing.
    expect(runTabUpkeep(w.run(undefined, 'trigger').ctx)).toEqual({
      steps: 3,
      archivedAlerts: 0,
      archivedCampaignRows: 0,
      compactedBulkRows: 0,
      finished: true,
    });
  });

  it('carries a column people added to the Alerts tab into the archive', () => {
    const w = alertsWorld([]);
    w.ss.sheet(ALERTS_TAB)!.replaceValues([
      [...ALERT_HEADERS, 'Notes'],
      [...alertValues(old(1)), 'called, fine now'],
      [...alertValues({ key: 'open-1' }), 'waiting'],
    ]);
    archiveAlertsStep(w.run().ctx, w.ss.id);
    expect(w.archive()[0]).toEqual([...ALERT_HEADERS, 'Notes']);
    expect(w.archive()[1]![11]).toBe('called, fine now');
    expect(w.tab()).toEqual([
      [...ALERT_HEADERS, 'Notes'],
      [...alertValues({ key: 'open-1' }), 'waiting'],
    ]);
  });

  it('stops when the run is out of time and keeps the trigger until a later run finishes', () => {
    const w = alertsWorld(Array.from({ length: 150 }, (_, i) => old(i)));
    const first = runTabUpkeep(w.run(undefined, 'trigger').ctx, -1);
    expect(first).toEqual({
      steps: 0,
      archivedAlerts: 0,
      archivedCampaignRows: 0,
      compactedBulkRows: 0,
      finished: false,
    });
    expect(w.world.account('am@nimbus.example').properties.get(TAB_UPKEEP_PENDING_KEY)).not.toBeNull();
    expect(hasBackgroundWork(w.run().ctx)).toBe(true);
    expect(runTabUpkeep(w.run(undefined, 'trigger').ctx).finished).toBe(true);
    expect(w.world.account('am@nimbus.example').properties.get(TAB_UPKEEP_PENDING_KEY)).toBeNull();
    expect(hasBackgroundWork(w.run().ctx)).toBe(false);
    expect(keysOf(w.archive())).toHaveLength(150);
  });

  it('counts archived keys as raised, so the scan does not raise an archived event again', () => {
    const w = alertsWorld([old(1), { key: 'open-1' }]);
    runTabUpkeep(w.run(undefined, 'trigger').ctx);
    expect(keysOf(w.tab())).toEqual(['open-1']);
    expect([...raisedAlertKeys(w.run().ctx.tabs(w.ss.id))].sort()).toEqual(['old-1', 'open-1']);
  });
});
