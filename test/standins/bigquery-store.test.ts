/**
 * The BigQuery customer store through the BigQuery stand-in (DuckDB behind a synchronous bridge):
 * the same figures as the in-memory snapshot, a lookup by email in one call, paged answers joined,
 * and the stand-in refusing what the REST API refuses.
 */
import { DEFAULT_PLAYBOOK_SETTINGS } from '../../src/core/playbooks/settings';
import { chunkPartial, emptyPartial } from '../../src/core/portfolio/snapshot';
import { parseQuery } from '../../src/core/segments';
import { compileMembers } from '../../src/core/sql';
import { BigQueryCustomerStore, queryRequest } from '../../src/gas/bigquery-customer-store';
import { createBigQueryStandIn } from '../../src/local/standins/bigquery';
import type { SyncDuckDb } from '../../src/local/standins/duckdb-sync';
import { useWarehouseFile } from '../helpers/warehouse-file';
import { randomFrom } from '../helpers/fuzz/random';
import { MAP } from '../helpers/sql-differential';
import { EXTRA_HEADERS, generateRecords, TODAY } from '../helpers/warehouse-data';

const records = generateRecords(randomFrom(11), 300);
const SEGMENTS = [
  'Band in High, Critical AND MRR >= 100',
  '"Dormant days" > 30 OR Tag = vip',
  'Country contains "nor" AND NOT Status = churned',
];
const queries = SEGMENTS.map((s) => parseQuery(s, EXTRA_HEADERS));
let db: SyncDuckDb;
useWarehouseFile(
  'churnguard-bq-',
  async (wh) => {
    await wh.createTables(MAP);
    await wh.load(records, MAP);
  },
  (opened) => (db = opened),
);

const store = (pageRows?: number, maxCalls?: number) => {
  const bq = createBigQueryStandIn(db, {
    projectId: 'acme-proj',
    datasetId: 'churnguard',
    ...(pageRows ? { pageRows } : {}),
  });
  return {
    bq,
    store: new BigQueryCustomerStore(bq, {
      projectId: 'acme-proj',
      datasetId: 'churnguard',
      map: MAP,
      today: () => TODAY,
      ...(maxCalls ? { maxCalls } : {}),
    }),
  };
};

describe('BigQueryCustomerStore on the stand-in', () => {
  const expected = chunkPartial(emptyPartial(TODAY, DEFAULT_PLAYBOOK_SETTINGS), {
    records,
    reasonOf: () => '',
    issues: 0,
    segments: queries.map((query, i) => ({ name: `s${i}`, source: SEGMENTS[i]!, query })),
  });

  it('gives the snapshot figures, one call each', () => {
    const { bq, store: s } = store();
    const totals = s.portfolioTotals();
    expect(totals.active).toBe(expected.active);
    expect(totals.atRiskCount).toBe(expected.atRiskCount);
    expect(totals.mrr).toBeCloseTo(expected.mrr, 6);
    expect(totals.impacts).toEqual(expected.impacts);
    const figures = s.segmentFigures(queries);
    figures.forEach((f, i) => {
      const e = expected.segments[`s${i}`]!;
      expect(f.customers).toBe(e.customers);
      expect(f.withoutMrr).toBe(e.withoutMrr);
      expect(f.mrr).toBeCloseTo(e.mrr, 6);
      expect(f.atRiskMrr).toBeCloseTo(e.atRiskMrr, 6);
    });
    expect(s.topMembers(queries).map((list) => list.map((m) => m.row_id))).toEqual(
      queries.map((_, i) => expected.segments[`s${i}`]!.top.map((m) => m.row)),
    );
    expect(s.callFirst().map((m) => m.row_id)).toEqual(expected.callFirst.map((c) => c.row));
    expect(bq.traffic.calls).toBe(4);
  });

  it('looks a customer up by email in one call, and misses cleanly', () => {
    const { bq, store: s } = store();
    const c = records[17]!.customer;
    expect(s.customerByEmail(c.email.toUpperCase())).toMatchObject({ row_id: c.row, email: c.email });
    expect(s.customerByEmail('nobody@example.com')).toBeUndefined();
    expect(bq.traffic.calls).toBe(2);
  });

  it('joins paged answers', () => {
    const { bq, store: s } = store(7, 100);
    const all = s.run(compileMembers(queries[1]!, MAP, TODAY), 'members');
    expect(all.length).toBeGreaterThan(14);
    expect(bq.traffic.calls).toBe(Math.ceil(all.length / 7));
    // A bounded store refuses to page on and on: a card never waits for a whole table.
    expect(() => store(7, 3).store.run(compileMembers(queries[1]!, MAP, TODAY), 'members')).toThrow(
      /did not answer within 3 calls/,
    );
  });
});

describe('the BigQuery stand-in refuses what the API refuses', () => {
  const q = compileMembers(queries[0]!, MAP, TODAY);
  const bq = () => createBigQueryStandIn(db, { projectId: 'acme-proj', datasetId: 'churnguard' });

  it('legacy SQL (the API default), a missing parameter, no default dataset', () => {
    const ok = queryRequest(q, 'acme-proj', 'churnguard');
    const { useLegacySql: _legacy, ...legacy } = ok;
    expect(() => bq().Jobs.query(legacy as typeof ok, 'acme-proj')).toThrow(/legacy SQL/);
    expect(() =>
      bq().Jobs.query({ ...ok, queryParameters: ok.queryParameters!.slice(1) }, 'acme-proj'),
    ).toThrow(/Query parameter 'p\d+' not found/);
    const { defaultDataset: _ds, ...noDataset } = ok;
    expect(() => bq().Jobs.query(noDataset, 'acme-proj')).toThrow(/default dataset/);
    expect(bq().Jobs.query(ok, 'acme-proj').jobComplete).toBe(true);
  });
});
