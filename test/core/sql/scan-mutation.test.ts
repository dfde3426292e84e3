/**
 * The trend and scan differential tests can fail: each figure's or event's comparison in turn is
 * compiled as a plausible wrong one (an edge included or excluded, a clause dropped), and the seeds
 * that agree with the real SQL must then show mismatches.
 */
import { SCAN_SQL, THRESHOLD_SQL, TREND_SQL } from '../../../src/core/sql';
import { scanDifferentialRun, type ScanRunOptions } from '../../helpers/sql-scan-differential';

const TREND_WRONG: [string, ScanRunOptions][] = [
  [
    'at start: joined before the month taken as joined by its first instant',
    {
      trend: {
        conditions: { at_start: (s) => `(t.j IS NULL OR t.j <= ${s}) AND (t.l IS NULL OR t.l >= ${s})` },
      },
    },
  ],
  [
    'at end: a churn on the end instant kept',
    {
      trend: {
        conditions: { at_end: (_s, e) => `(t.j IS NULL OR t.j < ${e}) AND (t.l IS NULL OR t.l > ${e})` },
      },
    },
  ],
  [
    'new: a start on the end instant counted',
    { trend: { conditions: { new: (s, e) => `t.j IS NOT NULL AND t.j >= ${s} AND t.j <= ${e}` } } },
  ],
  [
    'lost: a churn on the end instant counted',
    {
      trend: {
        conditions: {
          lost: (s, e) => `t.l IS NOT NULL AND t.l >= ${s} AND t.l <= ${e} AND (t.j IS NULL OR t.j <= t.l)`,
        },
      },
    },
  ],
  [
    'lost: churned before joining counted',
    { trend: { conditions: { lost: (s, e) => `t.l IS NOT NULL AND t.l >= ${s} AND t.l < ${e}` } } },
  ],
  [
    'starting MRR: a churn on the start instant left out',
    {
      trend: {
        conditions: { starting_mrr: (s) => `(t.j IS NULL OR t.j < ${s}) AND (t.l IS NULL OR t.l > ${s})` },
      },
    },
  ],
  [
    'lost MRR: a churn on the start instant left out',
    {
      trend: {
        conditions: {
          lost_mrr: (s, e) => `t.l IS NOT NULL AND t.l > ${s} AND t.l < ${e} AND (t.j IS NULL OR t.j <= t.l)`,
        },
      },
    },
  ],
];

const ROSE = '(e.rank_now > e.rank_before AND e.rank_now >= 2)';
const SCAN_WRONG: [string, ScanRunOptions][] = [
  [
    'bandUp: a rise into Medium',
    {
      scan: {
        conditions: {
          bandUp: () =>
            'e.previous_day IS NOT NULL AND e.score IS NOT NULL AND e.rank_now > e.rank_before AND e.rank_now >= 1',
        },
      },
    },
  ],
  [
    'bandUp: a band that stayed High',
    {
      scan: {
        conditions: {
          bandUp: () =>
            'e.previous_day IS NOT NULL AND e.score IS NOT NULL AND e.rank_now >= e.rank_before AND e.rank_now >= 2',
        },
      },
    },
  ],
  [
    'scoreJump: exactly the jump left out',
    {
      scan: {
        conditions: {
          scoreJump: ({ jump }) =>
            `e.previous_day IS NOT NULL AND e.score IS NOT NULL AND NOT ${ROSE} AND e.previous_score IS NOT NULL AND e.score - e.previous_score > ${jump}`,
        },
      },
    },
  ],
  [
    'scoreJump: also raised beside a bandUp',
    {
      scan: {
        conditions: {
          scoreJump: ({ jump }) =>
            `e.previous_day IS NOT NULL AND e.score IS NOT NULL AND e.previous_score IS NOT NULL AND e.score - e.previous_score >= ${jump}`,
        },
      },
    },
  ],
  [
    'paymentOverdue: an unknown previous count not taken as 0',
    {
      scan: {
        conditions: {
          paymentOverdue: () =>
            'e.previous_day IS NOT NULL AND COALESCE(e.overdue, 0) > 0 AND e.previous_overdue = 0',
        },
      },
    },
  ],
  [
    'paymentOverdue: raised on the first scan',
    {
      scan: {
        conditions: {
          paymentOverdue: () => 'COALESCE(e.overdue, 0) > 0 AND COALESCE(e.previous_overdue, 0) = 0',
        },
      },
    },
  ],
  [
    'npsDetractor: 6 not a detractor',
    {
      scan: {
        conditions: {
          npsDetractor: () =>
            'e.previous_day IS NOT NULL AND e.nps IS NOT NULL AND e.nps < 6 AND e.previous_nps IS NOT NULL AND e.previous_nps >= 7',
        },
      },
    },
  ],
  [
    'inactive: the threshold day itself left out',
    { scan: { thresholds: { crossed: (idle, t) => `${idle} > ${t}` } } },
  ],
  [
    'renewalSoon: a renewal today left out',
    { scan: { thresholds: { within: (left, w) => `${left} > 0 AND ${left} <= ${w}` } } },
  ],
  [
    "renewalSoon: the window's last day left out",
    { scan: { thresholds: { within: (left, w) => `${left} >= 0 AND ${left} < ${w}` } } },
  ],
  [
    'only new: a silence of another day taken as the one already raised',
    { scan: { seenBefore: { inactive: 'e.previous_inactive_at = e.inactive_at' } } },
  ],
  [
    'only new: a renewal window crossed since taken as already raised',
    { scan: { seenBefore: { renewalSoon: 'e.previous_renewal_day = e.renewal_day' } } },
  ],
];

describe('a wrong trend or scan comparison is caught by the differential test', () => {
  it.each([...TREND_WRONG, ...SCAN_WRONG])(
    '%s gives mismatches',
    async (_what, options) => {
      let mismatches = 0;
      // Stops at the first seed that shows the bug: the point is that one does.
      for (const seed of [2, 3, 4, 6, 7, 8]) {
        mismatches += (await scanDifferentialRun(seed, options)).mismatches.length;
        if (mismatches > 0) break;
      }
      expect(mismatches).toBeGreaterThan(0);
    },
    120_000,
  );

  it('the real tables are the ones the mutations start from', () => {
    // Guards the copies above: each wrong entry differs from a real one in one comparison.
    expect(SCAN_SQL.bandUp({ jump: '@j' })).toContain(ROSE);
    expect(THRESHOLD_SQL.crossed('i', 't')).toBe('i >= t');
    expect(TREND_SQL.lost.when('s', 'e')).toBe(
      't.l IS NOT NULL AND t.l >= s AND t.l < e AND (t.j IS NULL OR t.j <= t.l)',
    );
  });
});
