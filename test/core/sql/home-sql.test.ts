/**
 * The homepage's combined queries (src/core/sql/home-sql.ts): parameters renamed apart so two
 * compiled queries share one statement, and the UNION ALL's rows split back by part, the call-first
 * list put back in its order whatever order the rows arrive in (BigQuery promises none).
 */
import { homeLiveFrom, homeLiveSql, renameParams } from '../../../src/core/sql/home-sql';
import { callFirstSql } from '../../../src/core/sql/aggregates';

describe('renameParams', () => {
  it('renames every reference and parameter, and nothing else', () => {
    const q = {
      sql: 'SELECT @p1 AS a, @p10 AS b, @p1 + 1 AS c FROM t',
      params: [
        { name: 'p1', type: 'INT64' as const, value: 1 },
        { name: 'p10', type: 'STRING' as const, value: 'x' },
      ],
    };
    const r = renameParams(q, 'm');
    expect(r.sql).toBe('SELECT @mp1 AS a, @mp10 AS b, @mp1 + 1 AS c FROM t');
    expect(r.params.map((p) => p.name)).toEqual(['mp1', 'mp10']);
  });

  it('gives the combined live query distinct names for both parts', () => {
    const q = homeLiveSql(undefined, true);
    const names = q.params.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(q.sql).toContain(`@${name}`);
    expect(names.length).toBe(callFirstSql().params.length);
  });
});

describe('homeLiveFrom', () => {
  const member = (row: number, score: number, mrr: number) => ({
    part: '1',
    m_row_id: String(row),
    m_email: `c${row}@x.com`,
    m_name: null,
    m_company: null,
    m_mrr: String(mrr),
    m_risk_score: String(score),
    m_risk_band: 'High',
    m_impact: null,
  });
  const totals = (band: string, customers: number, mrr: number) => ({
    part: '0',
    t_status: 'active',
    t_band: band,
    t_impact: 'hit',
    t_customers: String(customers),
    t_mrr: String(mrr),
  });

  it('splits the parts and orders call first by expected loss, score, then source row', () => {
    const rows = [
      member(9, 80, 100), // loss 80
      totals('High', 3, 300),
      member(4, 50, 400), // loss 200
      { part: '2', c_changed_ms: '1700000000000' },
      member(7, 90, 100), // loss 90
      member(2, 80, 100), // loss 80, same score as row 9: source order
      totals('Low', 2, 50),
    ];
    const live = homeLiveFrom(rows, true);
    expect(live.callFirst.map((m) => m.row_id)).toEqual([4, 7, 2, 9]);
    expect(live.totals.active).toBe(5);
    expect(live.totals.byBand.High).toEqual({ customers: 3, mrr: 300 });
    expect(live.totals.atRiskCount).toBe(3);
    expect(live.changedMs).toBe(1_700_000_000_000);
    expect(
      homeLiveFrom(
        rows.filter((r) => r.part !== '2'),
        true,
      ).changedMs,
    ).toBeNull();
    expect('changedMs' in homeLiveFrom(rows, false)).toBe(false);
  });

  it('refuses a row of the wrong shape, naming the part', () => {
    expect(() => homeLiveFrom([{ ...member(1, 50, 10), m_risk_band: 'Purple' }], false)).toThrow(
      /call first/,
    );
  });
});
