/**
 * The two customer fields the card writes on the warehouse besides status: the hand-set crisis
 * impact, whose null withdraws the override so the loaded impact shows again (not "no impact"),
 * and the churn date, an INT64 column that travels in value_float and comes back as the same
 * integer. The views on DuckDB against the fold, deterministically (the fuzz run draws these too).
 */
import { ChangeError, latestRecords, type WarehouseChange } from '../../../src/core/changes';
import type { SegmentRecord } from '../../../src/core/segments';
import { changeRow } from '../../../src/core/sql';
import { openLoaded } from '../../helpers/sql-differential';

const DAY = Date.UTC(2026, 11, 3);
const base: SegmentRecord[] = [0, 1].map((i) => ({
  customer: {
    row: i + 2,
    email: `c${i}@acme.example`,
    tags: [],
    status: 'active',
    unsubscribed: false,
    raw: {},
  },
  band: 'Low',
  impact: 'stable',
}));
let n = 0;
const field = (email: string, f: 'impact' | 'churn_ms', value: unknown, atMs: number): WarehouseChange =>
  ({
    changeId: `card-field-${n++}`,
    author: 'sofia@acme.example',
    atMs,
    kind: 'field',
    email,
    field: f,
    value,
  }) as WarehouseChange;

describe('impact override and churn date in the change tables', () => {
  it('an override shows, its withdrawal shows the loaded impact; the churn date is set and cleared', async () => {
    const wh = await openLoaded(base);
    try {
      const read = async () =>
        (
          await wh.query({
            sql: 'SELECT email, impact, impact__text, churn_ms FROM customers_current ORDER BY email',
            params: [],
          })
        ).map((r) => [r.impact, r.impact__text, r.churn_ms]);
      const log = [
        field('c0@acme.example', 'impact', 'severe', 1),
        field('c1@acme.example', 'churn_ms', DAY, 1),
      ];
      await wh.append(log);
      expect(await read()).toEqual([
        ['severe', 'severe', null],
        ['stable', 'stable', DAY],
      ]);
      const more = [
        field('c0@acme.example', 'impact', null, 2),
        field('c1@acme.example', 'churn_ms', null, 2),
      ];
      await wh.append(more);
      expect(await read()).toEqual([
        ['stable', 'stable', null],
        ['stable', 'stable', null],
      ]);
      const folded = latestRecords(base, [...log, ...more]);
      expect(folded.map((r) => [r.impact, r.customer.churnDate ?? null])).toEqual([
        ['stable', null],
        ['stable', null],
      ]);
    } finally {
      wh.close();
    }
  });

  it('a churn date that is not whole epoch milliseconds is refused, naming it', () => {
    expect(() => changeRow(field('c0@acme.example', 'churn_ms', 1.5, 1))).toThrow(ChangeError);
    expect(() => changeRow(field('c0@acme.example', 'churn_ms', 1.5, 1))).toThrow(/churn date 1.5/);
  });
});
