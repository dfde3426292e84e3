/**
 * The differential test can fail: each operator in turn is compiled as a plausible wrong one (the
 * compiler takes its operator table as an option), and the same seeds that agree with the real
 * table must then show mismatches.
 */
import { OPERATOR_SQL, type HitSql } from '../../../src/core/sql';
import type { PositiveOperator } from '../../../src/core/sql/where';
import { differentialRun } from '../../helpers/sql-differential';

const WRONG: [PositiveOperator, string, HitSql][] = [
  ['=', 'contains', OPERATOR_SQL.contains],
  ['>', '>=', OPERATOR_SQL['>=']],
  ['>=', '>', OPERATOR_SQL['>']],
  ['<', '<=', OPERATOR_SQL['<=']],
  ['<=', '<', OPERATOR_SQL['<']],
  ['between', '>=', (ref, value, params) => OPERATOR_SQL['>='](ref, value.split('..')[0]!, params)],
  ['contains', 'starts with', OPERATOR_SQL['starts with']],
  ['starts with', 'contains', OPERATOR_SQL.contains],
  ['ends with', 'contains', OPERATOR_SQL.contains],
  [
    'in',
    'the first item only',
    (ref, value, params) => OPERATOR_SQL['='](ref, value.split(',')[0]!.replace(/"/g, ''), params),
  ],
  ['matches', 'contains', OPERATOR_SQL.contains],
  ['is empty', 'is not empty', (ref) => `${ref.text} IS NOT NULL`],
];

describe('a wrong operator is caught by the differential test', () => {
  it.each(WRONG)(
    "'%s' compiled as %s gives mismatches",
    async (op, _as, wrong) => {
      const operators = { ...OPERATOR_SQL, [op]: wrong };
      let mismatches = 0;
      // Stops at the first seed that shows the bug: the point is that one does.
      for (const seed of [1, 2, 3, 4]) {
        mismatches += (await differentialRun(seed, { options: { operators } })).mismatches.length;
        if (mismatches > 0) break;
      }
      expect(mismatches).toBeGreaterThan(0);
    },
    120_000,
  );

  it('the same seeds with the real operators give none', async () => {
    for (const seed of [1, 2, 3, 4]) expect((await differentialRun(seed)).mismatches).toEqual([]);
  }, 120_000);
});
