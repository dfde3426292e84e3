/** Who is in a segment, and what it is worth: size, MRR, and the MRR at high or critical risk. */
import type { FieldContext, SegmentRecord } from './fields';
import { matches, type Query } from './query';

export interface SegmentStats {
  customers: number;
  mrr: number;
  /** MRR of members at High or Critical risk. */
  atRiskMrr: number;
  /** Members with no MRR in the sheet, so the MRR figure is a floor. */
  withoutMrr: number;
}

export function membersOf(
  query: Query,
  records: readonly SegmentRecord[],
  ctx: FieldContext,
): SegmentRecord[] {
  return records.filter((r) => matches(query, r, ctx));
}

export function statsOf(members: readonly SegmentRecord[]): SegmentStats {
  let mrr = 0;
  let atRiskMrr = 0;
  let withoutMrr = 0;
  for (const m of members) {
    const v = m.customer.mrr;
    if (v === undefined) {
      withoutMrr++;
      continue;
    }
    mrr += v;
    if (m.band === 'High' || m.band === 'Critical') atRiskMrr += v;
  }
  return { customers: members.length, mrr, atRiskMrr, withoutMrr };
}

/** The first segment (in tab order) naming a playbook that the customer belongs to. */
export function playbookSegmentOf<S extends { name: string; query: Query; playbook?: string }>(
  record: SegmentRecord,
  segments: readonly S[],
  ctx: FieldContext,
): S | undefined {
  return segments.find((s) => s.playbook && matches(s.query, record, ctx));
}
