/**
 * `npm start -- --store duckdb:FILE`: the option's errors say what is wrong and how to make a file;
 * the opened warehouse refuses DuckDB files that are not ChurnGuard's; the Apps Script world gets a
 * `BigQuery` global only then, counted like any service call; and the workbench's sidebar shows a
 * customer's risk read from the warehouse, with Settings set to the BigQuery store.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parseWorkbenchArgs, UsageError } from '../../src/local/workbench/args';
import { startWorkbench } from '../../src/local/workbench/main';
import { openWarehouseStore, WarehouseFileError } from '../../src/local/workbench/warehouse-store';
import { AppsScriptWorld } from '../../src/local/standins';
import { loadSettings, SETTINGS_KEY } from '../../src/app/settings-store';
import { copySampleSheet, SAMPLE_INBOX } from '../helpers/workbench-http';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-wb-wh-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const ROOT = path.resolve(__dirname, '../..');

describe('--store duckdb:FILE', () => {
  const parse = (...argv: string[]) => parseWorkbenchArgs(argv, {}, '/repo', dir);

  it('names a missing file and how to generate one, or generates it with --generate', () => {
    expect(() => parse('--store', 'duckdb:nope.duckdb')).toThrow(UsageError);
    expect(() => parse('--store', 'duckdb:nope.duckdb')).toThrow(
      new RegExp(
        `${path.join(dir, 'nope.duckdb')} does not exist\\.\\nGenerate one: npm run warehouse -- generate --customers 1000000 --out`,
      ),
    );
    expect(parse('--store', 'duckdb:new.duckdb', '--generate', '500').warehouse).toEqual({
      file: path.join(dir, 'new.duckdb'),
      generate: 500,
    });
    expect(parse().warehouse).toBeUndefined();
    expect(parse('--store=sheet').warehouse).toBeUndefined();
  });

  it.each([
    [['--store', 'bigquery'], /--store must be "sheet" \(the default\) or "duckdb:FILE"/],
    [['--store'], /--store needs a value/],
    [['--store', 'duckdb:'], /--store must be/],
    [['--generate', '10'], /--generate needs --store duckdb:FILE/],
    [['--store', 'duckdb:x.duckdb', '--generate', 'many'], /--generate must be a whole number of customers/],
    [['--store', 'duckdb:x.duckdb', '--generate', '0'], /--generate must be a whole number of customers/],
  ])('refuses %j', (argv, message) => {
    expect(() => parse(...argv)).toThrow(UsageError);
    expect(() => parse(...argv)).toThrow(message);
  });

  it('refuses a folder and a file that is not a DuckDB database', () => {
    expect(() => parse('--store', `duckdb:${dir}`)).toThrow(/needs a file; .* is a folder/);
    const csv = path.join(dir, 'customers.csv');
    fs.writeFileSync(csv, 'Email\nann@x.io\n');
    expect(() => parse('--store', 'duckdb:customers.csv')).toThrow(
      /is not a DuckDB database\.\nGenerate one/,
    );
  });

  it('refuses a DuckDB database without ChurnGuard’s tables, naming the missing table', async () => {
    const other = path.join(dir, 'other.duckdb');
    const instance = await DuckDBInstance.create(other);
    const connection = await instance.connect();
    await connection.run('CREATE TABLE t (x INTEGER)');
    connection.closeSync();
    instance.closeSync();
    expect(parse('--store', 'duckdb:other.duckdb').warehouse).toEqual({ file: other });
    await expect(openWarehouseStore({ file: other })).rejects.toThrow(WarehouseFileError);
    await expect(openWarehouseStore({ file: other })).rejects.toThrow(
      /is a DuckDB database but not a ChurnGuard warehouse: it has no churnguard_warehouse table/,
    );
  }, 60_000);
});

describe('the BigQuery global of the stand-in world', () => {
  it('exists only when the world has a warehouse, and each call is counted and timed', () => {
    const world = new AppsScriptWorld();
    expect(world.startExecution().globals.BigQuery).toBeUndefined();
    const seen: string[] = [];
    world.bigQuery = {
      Jobs: {
        query: (r) => (seen.push(r.query), { jobComplete: true }),
        getQueryResults: (_p, job) => (seen.push(job), { jobComplete: true }),
      },
    };
    const execution = world.startExecution();
    const before = world.clock.nowMs();
    execution.globals.BigQuery!.Jobs.query({ query: 'SELECT 1', useLegacySql: false }, 'p');
    execution.globals.BigQuery!.Jobs.getQueryResults('p', 'job_1');
    expect(seen).toEqual(['SELECT 1', 'job_1']);
    expect(world.calls.snapshot().calls).toMatchObject({
      'BigQuery.Jobs.query': 1,
      'BigQuery.Jobs.getQueryResults': 1,
    });
    expect(world.clock.nowMs() - before).toBe(1_300);
    execution.end();
    expect(() =>
      execution.globals.BigQuery!.Jobs.query({ query: 'SELECT 1', useLegacySql: false }, 'p'),
    ).toThrow(/ended|no longer/i);
  });
});

describe('npm start -- --store duckdb:FILE on a generated warehouse', () => {
  it('opens a customer’s email with their risk from the warehouse, with Settings on the BigQuery store', async () => {
    const state = path.join(dir, 'state');
    // The sheet keeps its Segments, Templates and Impact rules tabs but no customers: a card that read
    // the customer tab instead of the warehouse would find nobody.
    const sheetPath = copySampleSheet(fs.mkdtempSync(path.join(dir, 'sheet-')));
    const customers = path.join(sheetPath, 'customers.csv');
    fs.writeFileSync(customers, `${fs.readFileSync(customers, 'utf8').split('\n')[0]}\n`);
    const workbench = await startWorkbench({
      port: 0,
      sheetPath,
      inboxPath: SAMPLE_INBOX,
      stateDir: state,
      warehouse: { file: path.join(dir, 'generated.duckdb'), generate: 400 },
    });
    try {
      expect(workbench.warehouse?.meta.customers).toBe(400);
      const saved = JSON.parse(fs.readFileSync(path.join(state, 'user-properties.json'), 'utf8')) as Record<
        string,
        string
      >;
      const settings = loadSettings({
        get: (k) => saved[k] ?? null,
        set: () => undefined,
        delete: () => undefined,
      });
      expect(saved[SETTINGS_KEY]).toBeDefined();
      expect(settings.settings.store).toEqual({
        kind: 'bigquery',
        projectId: 'churnguard-local',
        datasetId: 'churnguard',
      });
      const message = workbench.backend
        .inbox()
        .find((m) => m.fromEmail === 'chloe.turner@bluebird-live.example')!;
      const before = workbench.warehouse!.bigQuery.traffic.calls;
      const opened = workbench.backend.message(message.id)!;
      if (opened.kind !== 'cards') throw new Error(`the message opened as ${opened.kind}`);
      const card = opened.cards[0]!;
      expect(card.name).toBe('customer');
      expect(card.html.replace(/<[^>]+>/g, '')).toMatch(
        /Churn risk\d+ \/ 100 · (Low|Medium|High|Critical) risk/,
      );
      expect(workbench.warehouse!.bigQuery.traffic.calls).toBeGreaterThan(before);
    } finally {
      await workbench.close();
    }
  }, 120_000);
});

it('the README documents --store and --generate in the workbench options', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('The local workbench')) ?? '';
  expect(section).toContain('`--store duckdb:FILE`');
  expect(section).toContain('`--generate N`');
});
