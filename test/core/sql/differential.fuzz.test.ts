/**
 * Issue 21: compiled segment SQL run on DuckDB selects exactly the members `membersOf` selects, and
 * the portfolio aggregates give the snapshot's figures. Five seeds × 100 queries under `npm test`,
 * 1,000 seeds under `npm run test:long`.
 */
import { seeds } from '../../helpers/seeds';
import { differentialRun } from '../../helpers/sql-differential';

describe('segments compiled to SQL against the in-memory evaluator (DuckDB)', () => {
  it.each(seeds(5, 1000))(
    'seed %i: same members and figures',
    async (seed) => {
      const r = await differentialRun(seed);
      expect(r.queries).toBeGreaterThan(20);
      expect(r.selective).toBeGreaterThan(r.queries / 5);
      expect(r.mismatches).toEqual([]);
    },
    60_000,
  );
});
