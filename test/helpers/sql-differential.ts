/**
 * One differential run: generated customers loaded into DuckDB, random segment queries compiled to
 * SQL and run there, each member list compared with `membersOf`, and the portfolio aggregates
 * compared with the in-memory snapshot of the same records. Returns the mismatches (not thrown) so a
 * test can also check that a broken compiler produces some.
 */
import { DEFAULT_PLAYBOOK_SETTINGS } from '../../src/core/playbooks/settings';
import { chunkPartial, emptyPartial, type PortfolioPartial } from '../../src/core/portfolio/snapshot';
import { membersOf, parseQuery, QueryError, type Query, type SegmentRecord } from '../../src/core/segments';
import {
  callFirstSql,
  columnMapFor,
  compileMembers,
  membersFrom,
  segmentTotalsFrom,
  segmentTotalsSql,
  topMembersFrom,
  topMembersSql,
  totalsFrom,
  totalsSql,
} from '../../src/core/sql';
import type { CompileOptions } from '../../src/core/sql/where';
import { DuckDbWarehouse } from '../../src/local/standins/duckdb-warehouse';
import { randomFrom, type Random } from './fuzz/random';
import { EXTRA_HEADERS, generateQuery, generateRecords, TODAY, valuePool } from './warehouse-data';

export interface DifferentialResult {
  queries: number;
  /** Queries whose members were neither nobody nor everybody: the ones that can tell a bug. */
  selective: number;
  mismatches: string[];
}

const HEADERS = EXTRA_HEADERS;
export const MAP = columnMapFor(HEADERS);

export async function openLoaded(records: readonly SegmentRecord[]): Promise<DuckDbWarehouse> {
  const wh = await DuckDbWarehouse.open();
  await wh.createTables(MAP);
  await wh.load(records, MAP);
  return wh;
}

function differ(a: readonly number[], b: readonly number[]): string {
  const sa = new Set(a);
  const sb = new Set(b);
  const onlyA = a.filter((x) => !sb.has(x)).slice(0, 5);
  const onlyB = b.filter((x) => !sa.has(x)).slice(0, 5);
  return `in memory only rows ${onlyA.join(',') || '-'}; SQL only rows ${onlyB.join(',') || '-'}`;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

async function compareAggregates(
  wh: DuckDbWarehouse,
  records: readonly SegmentRecord[],
  segments: { text: string; query: Query }[],
  options: CompileOptions,
  out: string[],
  seed: number,
): Promise<void> {
  const expected: PortfolioPartial = chunkPartial(emptyPartial(TODAY, DEFAULT_PLAYBOOK_SETTINGS), {
    records,
    reasonOf: () => '',
    issues: 0,
    segments: segments.map((s, i) => ({ name: `s${i}`, source: s.text, query: s.query })),
  });
  const totals = totalsFrom(await wh.query(totalsSql()));
  for (const k of ['customers', 'active', 'atRiskCount'] as const)
    if (totals[k] !== expected[k])
      out.push(`seed ${seed}: ${k} ${expected[k]} in memory, ${totals[k]} in SQL`);
  if (!close(totals.mrr, expected.mrr)) out.push(`seed ${seed}: MRR ${expected.mrr} vs ${totals.mrr}`);
  for (const [band, v] of Object.entries(expected.byBand)) {
    const got = totals.byBand[band as keyof typeof totals.byBand];
    if (got.customers !== v.customers || !close(got.mrr, v.mrr))
      out.push(`seed ${seed}: band ${band} ${JSON.stringify(v)} vs ${JSON.stringify(got)}`);
  }
  if (JSON.stringify(sortKeys(totals.impacts)) !== JSON.stringify(sortKeys(expected.impacts)))
    out.push(
      `seed ${seed}: impacts ${JSON.stringify(expected.impacts)} vs ${JSON.stringify(totals.impacts)}`,
    );

  const queries = segments.map((s) => s.query);
  if (queries.length > 0) {
    const figures = segmentTotalsFrom(
      await wh.query(segmentTotalsSql(queries, MAP, TODAY, options)),
      queries.length,
    );
    const tops = topMembersFrom(await wh.query(topMembersSql(queries, MAP, TODAY, options)), queries.length);
    segments.forEach((s, i) => {
      const e = expected.segments[`s${i}`]!;
      const f = figures[i]!;
      if (
        e.customers !== f.customers ||
        e.withoutMrr !== f.withoutMrr ||
        !close(e.mrr, f.mrr) ||
        !close(e.atRiskMrr, f.atRiskMrr)
      )
        out.push(`seed ${seed}: segment totals for ${s.text}: ${JSON.stringify(e)} vs ${JSON.stringify(f)}`);
      const eTop = e.top.map((m) => m.row);
      const gTop = tops[i]!.map((m) => m.row_id);
      if (eTop.join() !== gTop.join()) out.push(`seed ${seed}: top members of ${s.text}: ${eTop} vs ${gTop}`);
    });
  }
  const callFirst = membersFrom(await wh.query(callFirstSql()), 'call first').map((m) => m.row_id);
  const eCall = expected.callFirst.map((c) => c.row);
  if (eCall.join() !== callFirst.join()) out.push(`seed ${seed}: call first ${eCall} vs ${callFirst}`);
}

function sortKeys(o: Record<string, number>): [string, number][] {
  return Object.entries(o).sort(([a], [b]) => a.localeCompare(b));
}

/** Runs `queries` random queries over `customers` generated customers from `seed`. */
export async function differentialRun(
  seed: number,
  { customers = 120, queries = 100, options = {} as CompileOptions } = {},
): Promise<DifferentialResult> {
  const rnd = randomFrom(seed);
  const records = generateRecords(rnd, customers);
  const wh = await openLoaded(records);
  try {
    return await queryDifferential(wh, records, rnd, seed, { queries, options });
  } finally {
    wh.close();
  }
}

/**
 * Random queries on a loaded warehouse against `membersOf` over `records` (the records the
 * warehouse should hold: the loaded ones, or those with a change log folded in).
 */
export async function queryDifferential(
  wh: DuckDbWarehouse,
  records: readonly SegmentRecord[],
  rnd: Random,
  seed: number,
  { queries = 100, options = {} as CompileOptions } = {},
): Promise<DifferentialResult> {
  const mismatches: string[] = [];
  const parsed: { text: string; query: Query }[] = [];
  let selective = 0;
  const pool = valuePool(records);
  // Refused queries (a blank "contains", an ordered operator on a word field) do not count: draw
  // until `queries` have parsed, so a seed with many refusals still compares as many as asked.
  for (let drawn = 0; parsed.length < queries && drawn < queries * 5; drawn++) {
    const text = generateQuery(rnd, pool);
    let query: Query;
    try {
      query = parseQuery(text, HEADERS);
    } catch (e) {
      if (e instanceof QueryError) continue; // e.g. "contains" with a blank value: refused by both
      throw e;
    }
    parsed.push({ text, query });
    const expected = membersOf(query, records, { today: TODAY }).map((r) => r.customer.row);
    const sql = compileMembers(query, MAP, TODAY, options);
    // With a broken operator table, only the queries it changes can show it: skip the others.
    if (options.operators && sql.sql === compileMembers(query, MAP, TODAY).sql) continue;
    const got = (await wh.query(sql)).map((r) => Number(r.row_id));
    if (expected.length > 0 && expected.length < records.length) selective++;
    if (expected.join() !== got.join())
      mismatches.push(`seed ${seed}: ${text}\n  ${differ(expected, got)}\n  SQL: ${sql.sql}`);
  }
  await compareAggregates(wh, records, parsed.slice(0, 4), options, mismatches, seed);
  return { queries: parsed.length, selective, mismatches };
}
