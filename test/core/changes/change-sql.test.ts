/**
 * The change writer's guarantees beyond the differential run: a change that cannot be stored is an
 * error naming it, values reach SQL only as parameters, statements are bounded, and the views' DDL
 * holds only fixed words.
 */
import { ChangeError, latestRecords, type WarehouseChange } from '../../../src/core/changes';
import { changeRow, createViewsSql, insertChangesSql, toDuckDbDdl } from '../../../src/core/sql';
import { randomFrom } from '../../helpers/fuzz/random';
import { MAP } from '../../helpers/sql-differential';
import { generateRecords } from '../../helpers/warehouse-data';

const stamp = (id: string, atMs = 1_000) => ({ changeId: id, author: 'sofia@acme.example', atMs });

describe('a change that cannot be stored is refused, naming it', () => {
  it.each([
    [{ ...stamp('short'), kind: 'note', email: 'a@b.c', text: 'x' }, /change id 'short'/],
    [{ ...stamp('has space 123'), kind: 'note', email: 'a@b.c', text: 'x' }, /letters, digits/],
    [{ ...stamp('change-0001', 1.5), kind: 'note', email: 'a@b.c', text: 'x' }, /not epoch milliseconds/],
    [{ ...stamp('change-0002'), kind: 'tag', email: 'a@b.c', tag: '  ', op: 'add' }, /empty tag/],
    [{ ...stamp('change-0003'), kind: 'note', email: ' ', text: 'x' }, /no customer email/],
    [
      { ...stamp('change-0004'), kind: 'field', email: 'a@b.c', field: 'risk_score', value: Number.NaN },
      /not a number/,
    ],
  ] as [WarehouseChange, RegExp][])('%#: %p', (change, message) => {
    expect(() => changeRow(change)).toThrow(ChangeError);
    expect(() => changeRow(change)).toThrow(message);
  });
});

describe('INSERT statements', () => {
  const hostile = "x'); DROP TABLE notes; -- @p0 `text`";

  it('carry every value as a named parameter and NULL as the only keyword', () => {
    const [q] = insertChangesSql([
      { ...stamp('change-0005'), kind: 'note', email: ' Anna@Example.com ', text: hostile },
      { ...stamp('change-0006'), kind: 'note', email: 'b@example.com', text: 'ok' },
    ]);
    expect(q!.sql).not.toContain('DROP');
    expect(q!.sql).not.toContain("'");
    expect(q!.rows).toBe(2);
    expect(q!.params.map((p) => p.value)).toEqual(expect.arrayContaining([hostile, 'anna@example.com']));
    const field = insertChangesSql([
      { ...stamp('change-0007'), kind: 'field', email: 'a@b.c', field: 'impact', value: null },
    ])[0]!;
    expect(field.sql).toContain('NULL');
  });

  it('split a large batch per table and at the row bound', () => {
    const notes: WarehouseChange[] = Array.from({ length: 450 }, (_, i) => ({
      ...stamp(`bulk-note-${i}`),
      kind: 'note',
      email: 'a@b.c',
      text: String(i),
    }));
    const tags: WarehouseChange[] = [
      { ...stamp('bulk-tag-0001'), kind: 'tag', email: 'a@b.c', tag: 'vip', op: 'add' },
    ];
    expect(insertChangesSql([...notes, ...tags]).map((q) => q.rows)).toEqual([200, 200, 50, 1]);
  });
});

describe('the views', () => {
  it('hold fixed lower-case words only, and the DuckDB DDL adapter refuses anything else', () => {
    for (const sql of createViewsSql(MAP)) expect(() => toDuckDbDdl(sql)).not.toThrow();
    expect(() => toDuckDbDdl("SELECT 'Add' AS x")).toThrow(/literals/);
    expect(toDuckDbDdl("SELECT `a` FROM `t` WHERE `op` = 'add'")).toBe(
      `SELECT "a" FROM "t" WHERE "op" = 'add'`,
    );
  });

  it('the fold leaves customers without changes as they are', () => {
    const base = generateRecords(randomFrom(3), 10);
    expect(latestRecords(base, [])).toEqual(base);
  });
});
