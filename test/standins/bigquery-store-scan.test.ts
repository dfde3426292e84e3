/**
 * The warehouse's month trend, value lines and daily scan through BigQueryCustomerStore and the
 * BigQuery stand-in: one call each, answers parsed from the API's all-strings rows, the same figures
 * and events as the in-memory functions, and the history INSERT sent as a parameterised statement.
 */
import { portfolioMetrics } from '../../src/core/metrics/portfolio';
import { DEFAULT_PLAYBOOK_SETTINGS } from '../../src/core/playbooks/settings';
import { valueLines } from '../../src/core/playbooks/value';
import type { RiskScore } from '../../src/core/risk/risk-score';
import { detectEvents, type DangerEvent } from '../../src/core/watch';
import { BigQueryCustomerStore } from '../../src/gas/bigquery-customer-store';
import { createBigQueryStandIn } from '../../src/local/standins/bigquery';
import type { SyncDuckDb } from '../../src/local/standins/duckdb-sync';
import { useWarehouseFile } from '../helpers/warehouse-file';
import { MAP } from '../helpers/sql-differential';
import { scanWorld } from '../helpers/sql-scan-differential';

const world = scanWorld(2, 200);
let db: SyncDuckDb;
useWarehouseFile(
  'churnguard-bq-scan-',
  async (wh) => {
    await wh.createTables(MAP);
    await wh.load(world.records, MAP);
    await wh.loadHistory(world.historyRows);
  },
  (opened) => (db = opened),
);

const open = (today: Date) => {
  const bq = createBigQueryStandIn(db, { projectId: 'acme-proj', datasetId: 'churnguard' });
  return {
    bq,
    store: new BigQueryCustomerStore(bq, {
      projectId: 'acme-proj',
      datasetId: 'churnguard',
      map: MAP,
      today: () => today,
    }),
  };
};

const customers = world.records.map((r) => r.customer);

describe('the trend, value lines and scan through the BigQuery stand-in', () => {
  it('gives the month trend and the exact value lines in one call each', () => {
    const { bq, store } = open(world.scanToday);
    const trend = store.monthTrend();
    expect(trend).toHaveLength(6);
    for (const m of trend) {
      const e = portfolioMetrics(
        customers,
        { start: new Date(m.start), end: new Date(m.end) },
        { today: world.scanToday },
      );
      expect([m.customersAtStart, m.customersAtEnd, m.newCustomers, m.lostCustomers]).toEqual([
        e.customersAtStart,
        e.customersAtEnd,
        e.newCustomers,
        e.lostCustomers,
      ]);
      expect(m.lostMrr).toBeCloseTo(e.lostMrr, 6);
      expect(m.churnRate).toBeCloseTo(e.churnRate.value!, 9);
      expect(m.retentionRate).toBeCloseTo(e.retentionRate.value!, 9);
    }
    const settings = { ...DEFAULT_PLAYBOOK_SETTINGS, valueBasis: 'revenueToDate' as const };
    expect(store.valueLines(settings)).toEqual(valueLines(customers, settings, world.scanToday));
    expect(bq.traffic.calls).toBe(2);
  });

  it("pages today's events, then records today's history so tomorrow compares with it", () => {
    const { bq, store } = open(world.scanToday);
    const expected: DangerEvent[] = [...world.records]
      .sort((a, b) => a.customer.row - b.customer.row)
      .flatMap((r) => {
        const previous = world.previous.get(r.customer.email);
        const risk = { band: r.band, ...(r.score !== undefined ? { score: r.score } : {}) } as RiskScore;
        return detectEvents(
          {
            customer: r.customer,
            risk,
            ...(previous ? { previous } : {}),
            today: world.scanToday,
            timeZone: world.timeZone,
          },
          world.watch,
        );
      });
    const got: DangerEvent[] = [];
    let page = store.scanEvents(world.watch, { timeZone: world.timeZone });
    got.push(...page.events);
    while (page.next) {
      page = store.scanEvents(world.watch, { timeZone: world.timeZone, after: page.next });
      got.push(...page.events);
    }
    expect(got.length).toBeGreaterThan(100);
    expect(got).toEqual(expected);
    // A few hundred events a page: the calls grow with the events, never with the customers.
    expect(bq.traffic.calls).toBe(Math.ceil((expected.length + 1) / 500));

    const count = () => Number(db.run('SELECT COUNT(*) AS n FROM "score_history"', {}).rows[0]![0]);
    const before = count();
    store.recordScan(world.timeZone);
    store.recordScan(world.timeZone);
    expect(count() - before).toBeGreaterThan(world.records.length * 0.8);
    expect(count() - before).toBeLessThanOrEqual(world.records.length);
    // Tomorrow compares with today's rows: nobody's score moved since, so the only change events
    // are those of customers whose row for today was already there (a different state, kept).
    const tomorrow = open(new Date(world.scanToday.getTime() + 86_400_000)).store;
    const today = world.scanToday.toISOString().slice(0, 10);
    const hadRow = new Set(world.historyRows.filter((h) => h.day === today).map((h) => h.email));
    const changed = tomorrow
      .scanEvents(world.watch, { timeZone: world.timeZone })
      .events.filter((e) => ['bandUp', 'scoreJump', 'paymentOverdue', 'npsDetractor'].includes(e.kind));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.filter((e) => !hadRow.has(e.email))).toEqual([]);
    // Only new: today's scan raised the silences and renewals it saw; what is left crossed a threshold
    // overnight (the generated book puts many on the edges) or had no facts in today's row.
    const all = tomorrow.scanEvents(world.watch, { timeZone: world.timeZone, limit: 5_000 }).events;
    const fresh = tomorrow.scanEvents(world.watch, { timeZone: world.timeZone, limit: 5_000, onlyNew: true });
    const persistent = (e: DangerEvent) => e.kind === 'inactive' || e.kind === 'renewalSoon';
    expect(fresh.events.filter(persistent).length).toBeLessThan(all.filter(persistent).length / 2);
    expect(fresh.events.filter((e) => !persistent(e))).toEqual(all.filter((e) => !persistent(e)));
  });
});
