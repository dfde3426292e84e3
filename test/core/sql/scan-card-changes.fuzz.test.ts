/**
 * Issue 21: the month trend, the value lines, the scan's events and the score history INSERT read the
 * latest-state views, so card edits count. Random card changes (Mark churned / saved, score, band,
 * impact, tags, with same-millisecond rivals and retries) are appended through the real INSERT
 * statements before the scan and again before the next day's; the SQL must equal the in-memory
 * functions over the fold of the log (latestRecords). Three seeds under `npm test`, 50 under
 * `npm run test:long` (95 s for the 50 at load ~8 on the 2-core machine; 5.9 s a seed at load 13).
 */
import { BASE_TABLES } from '../../../src/core/sql';
import { seeds } from '../../helpers/seeds';
import { scanDifferentialRun } from '../../helpers/sql-scan-differential';

describe('trend, value lines and scan events over card changes against the fold (DuckDB)', () => {
  it.each(seeds(3, 50))(
    'seed %i: same figures and events as the folded customers',
    async (seed) => {
      const r = await scanDifferentialRun(seed, { cardChanges: true });
      expect(r.events).toBeGreaterThan(20);
      expect(r.mismatches).toEqual([]);
    },
    60_000,
  );

  it('can fail: the same queries over the base tables miss the card changes', async () => {
    // The marks churn three active customers with MRR: the value lines count them, at least.
    const r = await scanDifferentialRun(1, { cardChanges: true, tables: BASE_TABLES });
    expect(r.mismatches.some((m) => m.includes('value lines'))).toBe(true);
    expect(r.mismatches.some((m) => m.includes('scan') || m.includes('next day'))).toBe(true);
  }, 60_000);
});
