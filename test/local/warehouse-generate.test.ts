/**
 * The warehouse generator (`npm run warehouse -- generate`): a DuckDB file of exactly N customers with
 * the sample's columns, each row what the loader makes of the same scored record, deterministic for a
 * seed, and refused or cleaned up rather than left half written.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { customerRow } from '../../src/core/sql';
import { SyncDuckDb } from '../../src/local/standins/duckdb-sync';
import { generateWarehouse } from '../../src/local/warehouse/generate';
import { parseGenerateArgs, progressLine } from '../../src/local/warehouse/main';
import { sampleRecords } from '../../src/local/warehouse/sample-records';
import { META_TABLE, parseWarehouseMeta } from '../../src/local/warehouse/warehouse-file';
import { UsageError } from '../../src/local/cli/args';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-wh-gen-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** More than one DuckDB data chunk (2,048 rows) and a partial last one. */
const N = 2_500;

describe('generateWarehouse', () => {
  const file = path.join(dir, 'a.duckdb');
  let db: SyncDuckDb;
  beforeAll(async () => {
    const progress: number[] = [];
    const report = await generateWarehouse({ customers: N, out: file, onProgress: (d) => progress.push(d) });
    expect(report.customers).toBe(N);
    expect(progress.at(-1)).toBe(N);
    db = new SyncDuckDb(file);
  }, 120_000);
  afterAll(() => db.close());

  it('writes exactly N customers, one row each, with the sample columns and a meta table', () => {
    const count = db.run(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT row_id) AS ids, COUNT(DISTINCT email) AS emails FROM customers',
      {},
    );
    expect(count.rows[0]!.map(Number)).toEqual([N, N, N]);
    const meta = parseWarehouseMeta(db.run(`SELECT key, value FROM ${META_TABLE}`, {}).rows, file);
    expect(meta.ok && meta.meta).toMatchObject({ customers: N, seed: 0, scoredOn: '2026-11-20' });
    expect(meta.ok && meta.meta.headers).toHaveLength(24);
    // A file an older ChurnGuard wrote (no change tables, no latest-state views) is refused with the fix.
    const older = parseWarehouseMeta(
      db
        .run(`SELECT key, value FROM ${META_TABLE}`, {})
        .rows.map(([k, v]) => (String(k) === 'format' ? [k, 'churnguard-warehouse/2'] : [k, v])),
      file,
    );
    expect(older.ok).toBe(false);
    expect(!older.ok && older.message).toMatch(
      /older ChurnGuard \(churnguard-warehouse\/2.*generate --customers N/,
    );
    const views = db.run(`SELECT COUNT(*) FROM customers_current`, {}).rows[0]![0];
    expect(Number(views)).toBe(N);
    const columns = db.run('SELECT * FROM customers LIMIT 0', {}).columns;
    expect(columns).toContain('col_logins_this_month__cmp');
    expect(columns).toContain('col_country__text');
  });

  it('each row is the loader row of the scored record, the first and the last chunk alike', () => {
    const records = sampleRecords().chunk(0, N + 200);
    for (const at of [0, 7, 2_047, 2_048, N - 1]) {
      const record = records[at]!;
      const expected = customerRow(record, sampleRecords().map);
      const got = db.run('SELECT * FROM customers WHERE row_id = $id', { id: BigInt(record.customer.row) });
      expect(got.rows).toHaveLength(1);
      const row = Object.fromEntries(got.columns.map((c, i) => [c, got.rows[0]![i]]));
      for (const [column, value] of Object.entries(expected))
        expect([
          column,
          row[column] === null ? null : typeof value === 'number' ? Number(row[column]) : row[column],
        ]).toEqual([column, value]);
    }
    const scored = db.run("SELECT COUNT(*) FROM customers WHERE risk_band <> 'Unknown'", {}).rows[0]![0];
    expect(Number(scored)).toBeGreaterThan(N / 2);
  });

  it('the same seed gives the same table, another seed another one', async () => {
    // The first 600 customers of a table: a longer table of the same seed starts with the same ones.
    const digest = (f: string) => {
      const other = f === file ? db : new SyncDuckDb(f);
      try {
        return other.run(
          'SELECT SUM(hash(email, industry__text, plan__text, mrr, risk_score, impact)) FROM (SELECT * FROM customers ORDER BY row_id LIMIT 600)',
          {},
        ).rows[0]![0];
      } finally {
        if (other !== db) void other.close();
      }
    };
    const again = path.join(dir, 'again.duckdb');
    const seeded = path.join(dir, 'seed7.duckdb');
    await generateWarehouse({ customers: 600, out: again });
    await generateWarehouse({ customers: 600, out: seeded, seed: 7 });
    expect(digest(again)).toEqual(digest(file));
    expect(digest(seeded)).not.toEqual(digest(file));
  }, 120_000);

  it('refuses to overwrite a file, and leaves no partial file behind', async () => {
    await expect(generateWarehouse({ customers: 10, out: file })).rejects.toThrow(/already exists/);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });
});

describe('npm run warehouse -- generate', () => {
  it('parses its options, relative to the caller’s folder', () => {
    expect(
      parseGenerateArgs(['generate', '--customers', '1000000', '--out', 'w.duckdb'], '/home/me'),
    ).toEqual({
      customers: 1_000_000,
      out: '/home/me/w.duckdb',
      seed: 0,
      force: false,
    });
  });

  it.each([
    [[], /Name a command/],
    [['make'], /Unknown command "make"/],
    [['generate', '--out', 'x'], /--customers N is required/],
    [['generate', '--customers', '0', '--out', 'x'], /whole number from 1/],
    [['generate', '--customers', '2.5', '--out', 'x'], /whole number from 1/],
    [['generate', '--customers', '10'], /--out FILE is required/],
    [['generate', '--customers', '10', '--out', 'x', '--seed', '-1'], /--seed must be a whole number/],
    [['generate', '--customers', '10', '--out', 'x', '--rows', '3'], /Unknown option --rows/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseGenerateArgs(argv, '/tmp')).toThrow(UsageError);
    expect(() => parseGenerateArgs(argv, '/tmp')).toThrow(message);
  });

  it('prints progress with what is left', () => {
    expect(progressLine(250_000, 1_000_000, 40_000)).toBe(
      '250,000 / 1,000,000 customers (25%), 40 s, about 120 s left',
    );
    expect(progressLine(10, 10, 1_000)).toBe('10 / 10 customers (100%), 1 s');
  });
});
