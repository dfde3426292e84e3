/**
 * Rows from the warehouse parsed at the boundary (zod) into the snapshot's shapes. BigQuery returns
 * every cell as a string and DuckDB as numbers, so numbers are coerced; a row of the wrong shape is
 * an error naming the query it came from, never a silently wrong figure.
 */
import * as z from '../zod';
import type { Band } from '../risk/risk-score';
import type { PortfolioPartial, SegmentTotals } from '../portfolio/snapshot';
import { BANDS } from '../portfolio/snapshot';

const count = z.coerceNumber().check(z.int(), z.nonnegative());
const amount = z.coerceNumber();
const text = z.nullable(z.string());
const BandSchema = z.enum(['Critical', 'High', 'Medium', 'Low', 'Unknown']);

export function parseRows<T>(schema: z.ZodMiniType<T>, rows: readonly unknown[], what: string): T[] {
  return rows.map((row, i) => {
    const r = schema.safeParse(row);
    if (!r.success)
      throw new Error(`${what}: row ${i + 1} is not what the query selects: ${r.error.message}`);
    return r.data;
  });
}

const TotalsRow = z.object({
  status: z.enum(['active', 'churned']),
  band: BandSchema,
  impact: text,
  customers: count,
  mrr: amount,
});

export type PortfolioTotals = Pick<
  PortfolioPartial,
  'customers' | 'active' | 'mrr' | 'byBand' | 'atRiskCount' | 'impacts'
>;

/** totalsSql's rows folded into the snapshot's totals (active customers only, as chunkPartial counts). */
export function totalsFrom(rows: readonly unknown[]): PortfolioTotals {
  const out: PortfolioTotals = {
    customers: 0,
    active: 0,
    mrr: 0,
    byBand: Object.fromEntries(BANDS.map((b) => [b, { customers: 0, mrr: 0 }])) as Record<
      Band,
      { customers: number; mrr: number }
    >,
    atRiskCount: 0,
    impacts: {},
  };
  for (const r of parseRows(TotalsRow, rows, 'portfolio totals')) {
    out.customers += r.customers;
    if (r.status !== 'active') continue;
    out.active += r.customers;
    out.mrr += r.mrr;
    out.byBand[r.band].customers += r.customers;
    out.byBand[r.band].mrr += r.mrr;
    if (r.band === 'High' || r.band === 'Critical') out.atRiskCount += r.customers;
    const impact = r.impact ?? 'unknown';
    out.impacts[impact] = (out.impacts[impact] ?? 0) + r.customers;
  }
  return out;
}

export type SegmentFigures = Omit<SegmentTotals, 'source' | 'top'>;

/** segmentTotalsSql's one row, split per segment. */
export function segmentTotalsFrom(rows: readonly unknown[], segments: number): SegmentFigures[] {
  if (rows.length !== 1) throw new Error(`segment totals: expected one row, got ${rows.length}`);
  const shape: Record<string, typeof count | typeof amount> = {};
  for (let i = 0; i < segments; i++) {
    shape[`s${i}_customers`] = count;
    shape[`s${i}_mrr`] = amount;
    shape[`s${i}_at_risk_mrr`] = amount;
    shape[`s${i}_without_mrr`] = count;
  }
  const [row] = parseRows(z.object(shape), rows, 'segment totals');
  return Array.from({ length: segments }, (_, i) => ({
    customers: row![`s${i}_customers`]!,
    mrr: row![`s${i}_mrr`]!,
    atRiskMrr: row![`s${i}_at_risk_mrr`]!,
    withoutMrr: row![`s${i}_without_mrr`]!,
  }));
}

const MemberRow = z.object({
  row_id: count,
  email: z.string(),
  name: text,
  company: text,
  mrr: z.nullable(amount),
  risk_score: z.nullable(amount),
  risk_band: BandSchema,
  impact: text,
});
export type WarehouseMember = z.infer<typeof MemberRow>;

/** Member or call-first rows, in the order the query gave them. */
export function membersFrom(rows: readonly unknown[], what: string): WarehouseMember[] {
  return parseRows(MemberRow, rows, what);
}

/** topMembersSql's rows grouped by segment index. */
export function topMembersFrom(rows: readonly unknown[], segments: number): WarehouseMember[][] {
  const out: WarehouseMember[][] = Array.from({ length: segments }, () => []);
  const Tagged = z.object({ segment: count });
  rows.forEach((row, i) => {
    const { segment } = parseRows(Tagged, [row], 'segment members')[0]!;
    const list = out[segment];
    if (!list) throw new Error(`segment members: row ${i + 1} names segment ${segment} of ${segments}`);
    list.push(membersFrom([row], 'segment members')[0]!);
  });
  // UNION ALL keeps no order between or within its parts: sorted again by the card's order.
  const weight = (m: WarehouseMember) => (m.risk_score ?? 0) * (m.mrr ?? 0);
  for (const list of out)
    list.sort(
      (a, b) => weight(b) - weight(a) || (b.risk_score ?? 0) - (a.risk_score ?? 0) || a.row_id - b.row_id,
    );
  return out;
}
