/**
 * Issue 21: ChurnGuard's changes written through BigQueryCustomerStore (DML INSERT via Jobs.query)
 * on the BigQuery stand-in, read back through the latest-state views: two teammates editing one
 * customer at once both keep their edit, a retried insert counts once, and the stand-in refuses
 * the DML and DDL BigQuery refuses.
 */
import type { WarehouseChange } from '../../src/core/changes';
import { parseQuery } from '../../src/core/segments';
import { createChangeTablesSql, createViewsSql, insertChangesSql } from '../../src/core/sql';
import { BigQueryCustomerStore, queryRequest } from '../../src/gas/bigquery-customer-store';
import { createBigQueryStandIn, type BigQueryStandInOptions } from '../../src/local/standins/bigquery';
import type { SyncDuckDb } from '../../src/local/standins/duckdb-sync';
import { useWarehouseFile } from '../helpers/warehouse-file';
import { randomFrom } from '../helpers/fuzz/random';
import { MAP } from '../helpers/sql-differential';
import { EXTRA_HEADERS, generateRecords, TODAY } from '../helpers/warehouse-data';

const records = generateRecords(randomFrom(21), 50);
const anna = records[3]!.customer;
let db: SyncDuckDb;
useWarehouseFile(
  'churnguard-bq-changes-',
  async (wh) => {
    await wh.createTables(MAP);
    await wh.load(records, MAP);
  },
  (opened) => (db = opened),
);

const project = { projectId: 'acme-proj', datasetId: 'churnguard' };
const standIn = (extra: Partial<BigQueryStandInOptions> = {}) =>
  createBigQueryStandIn(db, { ...project, ...extra });
const storeOn = (bq: ReturnType<typeof standIn>) =>
  new BigQueryCustomerStore(bq, { ...project, map: MAP, today: () => TODAY });
const count = (sql: string) => Number(db.run(sql, {}).rows[0]?.[0]);
const stamp = (author: string, id: string) => ({ author, atMs: TODAY.getTime(), changeId: id });

describe('two teammates change one customer at once', () => {
  it('keeps both edits, where a sheet cell keeps only the last writer', () => {
    // In a sheet, both read the Tags cell, each writes back what they read plus their tag: the
    // second write silently drops the first teammate's tag.
    const cell = { value: anna.tags.join(', ') };
    const sofiaRead = cell.value;
    const larsRead = cell.value;
    cell.value = [sofiaRead, 'renewal-risk'].filter(Boolean).join(', ');
    expect(cell.value).toContain('renewal-risk');
    cell.value = [larsRead, 'champion'].filter(Boolean).join(', ');
    expect(cell.value).not.toContain('renewal-risk');

    // In the warehouse each edit is its own row, stamped in the same millisecond.
    const sofia = storeOn(standIn());
    const lars = storeOn(standIn());
    const sofiaChanges: WarehouseChange[] = [
      {
        ...stamp('sofia@acme.example', 'sofia-0000000001'),
        kind: 'tag',
        email: anna.email,
        tag: 'renewal-risk',
        op: 'add',
      },
      {
        ...stamp('sofia@acme.example', 'sofia-0000000002'),
        kind: 'field',
        email: anna.email,
        field: 'status',
        value: 'churned',
      },
    ];
    const larsChanges: WarehouseChange[] = [
      {
        ...stamp('lars@acme.example', 'lars-00000000001'),
        kind: 'tag',
        email: anna.email.toUpperCase(),
        tag: 'champion',
        op: 'add',
      },
      {
        ...stamp('lars@acme.example', 'lars-00000000002'),
        kind: 'field',
        email: anna.email,
        field: 'risk_band',
        value: 'Critical',
      },
    ];
    sofia.appendChanges(sofiaChanges);
    lars.appendChanges(larsChanges);

    const both = parseQuery(
      'Tag = "renewal-risk" AND Tag = champion AND Status = churned AND Band = critical',
      EXTRA_HEADERS,
    );
    const reader = storeOn(standIn());
    expect(reader.segmentFigures([both])[0]!.customers).toBe(1);
    expect(reader.topMembers([both])[0]!.map((m) => m.email)).toEqual([anna.email]);
    expect(reader.customerByEmail(anna.email)).toMatchObject({ risk_band: 'Critical' });
  });

  it('a removal after the add wins; the same millisecond is decided by change id', () => {
    const s = storeOn(standIn());
    const vip = parseQuery('Tag = "renewal-risk"', EXTRA_HEADERS);
    expect(s.segmentFigures([vip])[0]!.customers).toBe(1);
    const later = { ...stamp('lars@acme.example', 'lars-00000000003'), atMs: TODAY.getTime() + 1 };
    s.appendChanges([{ ...later, kind: 'tag', email: anna.email, tag: 'Renewal-Risk', op: 'remove' }]);
    expect(s.segmentFigures([vip])[0]!.customers).toBe(0);
    // Same ms as the removal, larger id: the add is newer.
    s.appendChanges([
      {
        ...later,
        changeId: 'zzzz-00000000001',
        kind: 'tag',
        email: anna.email,
        tag: 'renewal-risk',
        op: 'add',
      },
    ]);
    expect(s.segmentFigures([vip])[0]!.customers).toBe(1);
  });
});

describe('a retried insert', () => {
  it('is sent again after a lost answer, stored twice, and counted once', () => {
    let lost = 0;
    const bq = standIn({ loseAnswer: (sql) => sql.includes('`notes`') && lost++ === 0 });
    const note: WarehouseChange = {
      ...stamp('sofia@acme.example', 'note-retry-000001'),
      kind: 'note',
      email: anna.email,
      text: `x'); DROP TABLE notes; -- @p0`,
    };
    storeOn(bq).appendChanges([note]);
    expect(bq.traffic.calls).toBe(2);
    expect(count(`SELECT COUNT(*) FROM notes WHERE change_id = 'note-retry-000001'`)).toBe(2);
    expect(count(`SELECT COUNT(*) FROM notes_current WHERE change_id = 'note-retry-000001'`)).toBe(1);
    // The hostile text travelled as a parameter.
    expect(insertChangesSql([note])[0]!.sql).not.toContain('DROP');
  });
});

describe('the stand-in refuses what BigQuery refuses', () => {
  const run = (sql: string, params: { name: string; type: 'STRING'; value: string }[] = []) =>
    standIn().Jobs.query(queryRequest({ sql, params }, 'acme-proj', 'churnguard'), 'acme-proj');

  it('an INSERT into a view (views are read-only)', () => {
    const insert = insertChangesSql([
      { ...stamp('a@acme.example', 'view-insert-0001'), kind: 'note', email: anna.email, text: 'x' },
    ])[0]!;
    const sql = insert.sql.replace('`notes`', '`notes_current`');
    expect(() =>
      standIn().Jobs.query(queryRequest({ ...insert, sql }, 'acme-proj', 'churnguard'), 'acme-proj'),
    ).toThrow(/is a view; views are read-only/);
  });

  it('a view whose references lack the dataset, or that reads a parameter', () => {
    const [unqualified] = createViewsSql(MAP);
    expect(() => run(unqualified!)).toThrow(/missing dataset/);
    expect(() =>
      run('CREATE VIEW `churnguard`.`v` AS SELECT 1 AS x FROM `churnguard`.`notes` WHERE `text` = @p0', [
        { name: 'p0', type: 'STRING', value: 'x' },
      ]),
    ).toThrow(/parameters/);
  });

  it('runs the qualified DDL the store would send, and UPDATE is not something ChurnGuard sends', () => {
    for (const sql of [
      ...createChangeTablesSql({ dataset: 'churnguard' }),
      ...createViewsSql(MAP, { dataset: 'churnguard' }),
    ])
      expect(run(sql).jobComplete).toBe(true);
    expect(() => run('UPDATE `notes` SET `text` = NULL WHERE TRUE')).toThrow(/only the INSERT and CREATE/);
  });
});

describe('a team’s own customers table', () => {
  it('is read as it is, and a change for it is refused rather than written where no view reads it', () => {
    const own = new BigQueryCustomerStore(standIn(), {
      ...project,
      map: MAP,
      today: () => TODAY,
      table: 'customers_raw',
    });
    expect(() =>
      own.appendChanges([
        { ...stamp('a@acme.example', 'own-table-00001'), kind: 'note', email: anna.email, text: 'x' },
      ]),
    ).toThrow(/not beside customers_raw/);
  });
});
