/**
 * Issue 21: the month trend, the value lines and the daily scan's events computed in SQL on DuckDB
 * equal portfolioMetrics, valueLines and detectEvents over the same generated customers and score
 * history. Five seeds under `npm test`, 1,000 under `npm run test:long`.
 */
import { seeds } from '../../helpers/seeds';
import { scanDifferentialRun } from '../../helpers/sql-scan-differential';

describe('trend, value lines and scan events in SQL against the in-memory functions (DuckDB)', () => {
  it.each(seeds(5, 1000))(
    'seed %i: same figures and events',
    async (seed) => {
      const r = await scanDifferentialRun(seed);
      expect(r.events).toBeGreaterThan(20);
      expect(r.suppressed).toBeGreaterThan(0);
      expect(r.mismatches).toEqual([]);
    },
    60_000,
  );
});
