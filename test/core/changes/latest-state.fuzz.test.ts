/**
 * Issue 21: the warehouse's latest-state views, fed by the real INSERT statements on DuckDB, give
 * the same state as the in-memory fold of the same change log (src/core/changes/latest.ts), for
 * random logs from three interleaved writers with same-millisecond changes and retried batches; and
 * segments and portfolio figures read through the views match `membersOf` and the snapshot over the
 * folded customers. A few seeds under `npm test`, 1,000 under `npm run test:long`.
 */
import { randomFrom } from '../../helpers/fuzz/random';
import { changeRun } from '../../helpers/change-log';
import { seeds } from '../../helpers/seeds';

describe('latest-state views against the fold of the change log (DuckDB)', () => {
  it.each(seeds(4, 1000))(
    'seed %i: same customers, tags, notes, alerts, campaign log, members and figures',
    async (seed) => {
      const r = await changeRun(seed, randomFrom(seed));
      expect(r.changes).toBeGreaterThan(40);
      expect(r.ties).toBeGreaterThan(0);
      expect(r.queries).toBeGreaterThan(10);
      expect(r.mismatches).toEqual([]);
    },
    60_000,
  );
});
