/**
 * A bulk tag on the warehouse store as one INSERT … SELECT (src/core/sql/bulk-tag.ts), run on DuckDB:
 * after it, the latest-state tags equal the in-memory change (every member of the segment has the
 * tag, or no longer has it; everyone else untouched), the preview's counts say so beforehand, a
 * retried statement appends nothing, and Undo reverses exactly the batch, keeping a teammate's later
 * edit of the same tag.
 */
import {
  membersOf,
  parseQuery,
  QueryError,
  type Query,
  type SegmentRecord,
} from '../../../src/core/segments';
import { tagShadows, type SqlQuery } from '../../../src/core/sql';
import {
  bulkTagCountSql,
  bulkTagExamplesSql,
  bulkTagInsertSql,
  bulkTagUndoSql,
  type BulkTagRequest,
  type TagOperation,
} from '../../../src/core/sql/bulk-tag';
import type { DuckDbWarehouse } from '../../../src/local/standins/duckdb-warehouse';
import { randomFrom } from '../../helpers/fuzz/random';
import { MAP, openLoaded } from '../../helpers/sql-differential';
import {
  EXTRA_HEADERS,
  generateQuery,
  generateRecords,
  TODAY,
  valuePool,
} from '../../helpers/warehouse-data';

const folded = (tag: string) => String(tagShadows(tag).text);

/** Each customer's tags as the views hold them, folded: row → sorted tags. */
async function tagsNow(wh: DuckDbWarehouse): Promise<Map<number, string[]>> {
  const rows = await wh.query({
    sql: 'SELECT row_id, tag__text FROM customer_tags_current ORDER BY row_id, tag__text',
    params: [],
  });
  const out = new Map<number, string[]>();
  for (const r of rows)
    out.set(Number(r.row_id), [...(out.get(Number(r.row_id)) ?? []), String(r.tag__text)]);
  return out;
}

/** The same change in memory: members gain (or lose) the folded tag. */
function expectedAfter(
  before: Map<number, string[]>,
  members: readonly SegmentRecord[],
  tag: string,
  op: TagOperation,
): Map<number, string[]> {
  const after = new Map([...before].map(([k, v]) => [k, [...v]]));
  const t = folded(tag)!;
  for (const m of members) {
    const had = after.get(m.customer.row) ?? [];
    const rest = had.filter((x) => x !== t);
    after.set(m.customer.row, op === 'add' ? [...rest, t].sort() : rest);
  }
  for (const [k, v] of after) if (v.length === 0) after.delete(k);
  return after;
}

const changeRows = async (wh: DuckDbWarehouse) =>
  Number((await wh.query({ sql: 'SELECT COUNT(*) AS n FROM tag_changes', params: [] }))[0]!.n);

const stamp = (batchId: string, atMs: number) => ({ batchId, author: 'sofia@acme.example', atMs });

async function one(wh: DuckDbWarehouse, q: SqlQuery) {
  return (await wh.query(q))[0]!;
}

describe('a bulk tag as one statement on the warehouse', () => {
  let wh: DuckDbWarehouse;
  let records: SegmentRecord[];
  beforeEach(async () => {
    records = generateRecords(randomFrom(7), 150);
    wh = await openLoaded(records);
  });
  afterEach(() => wh.close());

  const request = (query: Query, tag: string, operation: TagOperation): BulkTagRequest => ({
    query,
    map: MAP,
    today: TODAY,
    tag,
    operation,
  });

  it('previews, applies, ignores a retry and undoes, keeping a teammate’s later edit', async () => {
    const query = parseQuery('MRR >= 200', EXTRA_HEADERS);
    const members = membersOf(query, records, { today: TODAY });
    expect(members.length).toBeGreaterThan(20);
    const before = await tagsNow(wh);
    const tag = 'Crisis-Relief 2026';
    const r = request(query, tag, 'add');
    const hadIt = members.filter((m) => (before.get(m.customer.row) ?? []).includes(folded(tag)!)).length;

    const counts = await one(wh, bulkTagCountSql(r));
    expect(Number(counts.members)).toBe(members.length);
    expect(Number(counts.changes)).toBe(members.length - hadIt);
    const examples = await wh.query(bulkTagExamplesSql(r));
    expect(examples.map((e) => Number(e.row_id))).toEqual(
      members
        .filter((m) => !(before.get(m.customer.row) ?? []).includes(folded(tag)!))
        .map((m) => m.customer.row)
        .slice(0, 5),
    );

    await wh.query(bulkTagInsertSql(r, stamp('bulk-aaaa1111', 5_000)));
    const after = await tagsNow(wh);
    expect(after).toEqual(expectedAfter(before, members, tag, 'add'));
    const written = await changeRows(wh);
    expect(written).toBe(members.length - hadIt);
    // The answer was lost and the card sends it again: nothing more is appended.
    await wh.query(bulkTagInsertSql(r, stamp('bulk-aaaa1111', 5_000)));
    expect(await changeRows(wh)).toBe(written);

    // A teammate removes the tag from one member after the bulk change.
    const edited = members.find((m) => !(before.get(m.customer.row) ?? []).includes(folded(tag)!))!;
    await wh.append([
      {
        kind: 'tag',
        changeId: 'teammate-0001',
        author: 'daniel@acme.example',
        atMs: 6_000,
        email: edited.customer.email,
        tag: 'crisis-relief 2026',
        op: 'remove',
      },
    ]);
    const undo = bulkTagUndoSql('bulk-aaaa1111', stamp('undo-bbbb2222', 7_000));
    const plan = await one(wh, undo.count);
    expect(Number(plan.rows_in_batch)).toBe(written);
    expect(Number(plan.kept)).toBe(1);
    await wh.query(undo.insert);
    // Everyone is back as before, except the teammate's member, who keeps their edit (tag removed).
    const undone = await tagsNow(wh);
    expect(undone).toEqual(before);
    const rows = await changeRows(wh);
    expect(rows).toBe(written + 1 + (written - 1));
    await wh.query(undo.insert);
    expect(await changeRows(wh)).toBe(rows);
  });

  it('removes a tag whatever its case, from members only, and undoes it', async () => {
    const query = parseQuery('Band in High, Critical', EXTRA_HEADERS);
    const members = membersOf(query, records, { today: TODAY });
    const before = await tagsNow(wh);
    const common = [...before.values()]
      .flat()
      .sort()
      .find((t, i, all) => all[i + 1] === t)!;
    expect(common).toBeDefined();
    const r = request(query, common.toUpperCase(), 'remove');
    await wh.query(bulkTagInsertSql(r, stamp('bulk-cccc3333', 5_000)));
    expect(await tagsNow(wh)).toEqual(expectedAfter(before, members, common, 'remove'));
    const undo = bulkTagUndoSql('bulk-cccc3333', stamp('undo-dddd4444', 6_000));
    await wh.query(undo.insert);
    expect(await tagsNow(wh)).toEqual(before);
  });

  it('agrees with the evaluator on random segments and tags', async () => {
    const rnd = randomFrom(11);
    const pool = valuePool(records);
    let applied = 0;
    for (let i = 0; applied < 6 && i < 60; i++) {
      let query: Query;
      try {
        query = parseQuery(generateQuery(rnd, pool), EXTRA_HEADERS);
      } catch (e) {
        if (e instanceof QueryError) continue;
        throw e;
      }
      const members = membersOf(query, records, { today: TODAY });
      if (members.length === 0 || members.length === records.length) continue;
      // A fresh table each time: a segment may name Tag, and the evaluator reads the loaded records.
      const fresh = await openLoaded(records);
      try {
        const before = await tagsNow(fresh);
        const tags = [...before.values()].flat();
        const tag = rnd.int(2) === 0 && tags.length ? tags[rnd.int(tags.length)]! : `new-${i}`;
        const op: TagOperation = rnd.int(2) === 0 ? 'add' : 'remove';
        await fresh.query(bulkTagInsertSql(request(query, tag, op), stamp(`bulk-rand${i}xx`, 10_000 + i)));
        expect(await tagsNow(fresh)).toEqual(expectedAfter(before, members, tag, op));
      } finally {
        fresh.close();
      }
      applied++;
    }
    expect(applied).toBe(6);
    // Six fresh DuckDB tables: about 4 s idle.
  }, 60_000);

  it('carries the tag and the author only as parameters', () => {
    const hostile = "x'); DROP TABLE tag_changes; -- @p0";
    const q = bulkTagInsertSql(request(parseQuery('MRR > 1', []), hostile, 'add'), {
      batchId: 'bulk-eeee5555',
      author: hostile,
      atMs: 1,
    });
    expect(q.sql).not.toContain('DROP');
    expect(q.sql).not.toContain("'");
    expect(q.params.map((p) => p.value)).toEqual(expect.arrayContaining([hostile]));
    expect(() => bulkTagUndoSql('bad id', stamp('undo-ffff6666', 1))).toThrow(/bulk change id 'bad id'/);
  });
});
