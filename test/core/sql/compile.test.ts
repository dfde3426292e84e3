/**
 * The SQL compiler's guarantees beyond the differential run: an unknown column or an RE2-unsafe pattern is an error naming it,
 * user text reaches SQL only as parameters, and the DuckDB adapter changes only syntax.
 */
import { membersOf, parseQuery } from '../../../src/core/segments';
import {
  columnMapFor,
  compileMembers,
  customerByEmailSql,
  identifier,
  missingBuiltIns,
  SqlCompileError,
  toDuckDbSql,
} from '../../../src/core/sql';
import { MAP, openLoaded } from '../../helpers/sql-differential';
import { randomFrom } from '../../helpers/fuzz/random';
import { EXTRA_HEADERS, generateRecords, TODAY } from '../../helpers/warehouse-data';

describe('errors name what is wrong', () => {
  it('a column the warehouse table lacks', () => {
    const q = parseQuery('Region = North AND MRR > 10', [...EXTRA_HEADERS, 'Region']);
    expect(() => compileMembers(q, MAP, TODAY)).toThrow(SqlCompileError);
    expect(() => compileMembers(q, MAP, TODAY)).toThrow(/no column for 'Region'/);
  });

  it.each([
    ['Name matches "^(?=a)"', 'lookahead'],
    ['Name matches "(a)\\1"', 'back-reference'],
    ['Name matches "(?<first>a)"', 'named group'],
    ['Name matches "\\u00e9"', '\\u escape'],
  ])('%s cannot run on RE2', (text, what) => {
    const q = parseQuery(text, EXTRA_HEADERS);
    expect(() => compileMembers(q, MAP, TODAY)).toThrow(what);
  });

  it('every built-in field has its SQL, and identifiers are checked', () => {
    expect(missingBuiltIns()).toEqual([]);
    expect(() => identifier('x`; DROP TABLE customers')).toThrow(/not a safe column name/);
    const map = columnMapFor(['Logins this month', 'Logins-this-month', 'Ünits (€)', '']);
    expect(map.columns).toEqual({
      'Logins this month': 'col_logins_this_month',
      'Logins-this-month': 'col_logins_this_month_2',
      'Ünits (€)': 'col_units',
      '': 'col_column',
    });
  });
});

describe('user text only as parameters', () => {
  const hostile = `x'); DROP TABLE customers; -- @p0 \`name\``;

  it('keeps a hostile value out of the SQL text, and the query still answers as membersOf', async () => {
    const text = `Name = "${hostile}" OR Notes contains "${hostile}" OR Tag in "${hostile}", vip`;
    const q = parseQuery(text, EXTRA_HEADERS);
    const compiled = compileMembers(q, MAP, TODAY);
    expect(compiled.sql).not.toContain('DROP');
    expect(compiled.sql).not.toContain("'");
    expect(compiled.params.map((p) => p.value)).toContain(hostile.toLowerCase());
    const records = generateRecords(randomFrom(7), 60);
    const wh = await openLoaded(records);
    try {
      const got = (await wh.query(compiled)).map((r) => r.row_id);
      expect(got).toEqual(membersOf(q, records, { today: TODAY }).map((r) => r.customer.row));
      expect(got.length).toBeGreaterThan(0); // the vip tag
    } finally {
      wh.close();
    }
  });

  it('looks a customer up by email with one parameter', () => {
    const q = customerByEmailSql('  Anna@Example.com ');
    expect(q.params).toEqual([{ name: 'p0', type: 'STRING', value: 'anna@example.com' }]);
    expect(q.sql).toContain('WHERE c.`email` = @p0');
  });
});

describe('the DuckDB dialect adapter', () => {
  it('changes identifier quotes, parameter marks and type names only', () => {
    expect(toDuckDbSql('SELECT CAST(c.`a_b` AS INT64) FROM `t` WHERE c.`x` = @p1 AND c.`y` > @p10')).toBe(
      'SELECT CAST(c."a_b" AS BIGINT) FROM "t" WHERE c."x" = $p1 AND c."y" > $p10',
    );
    expect(() => toDuckDbSql("SELECT 'literal'")).toThrow(/literals/);
  });
});
