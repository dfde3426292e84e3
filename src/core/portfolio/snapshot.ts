/**
 * The portfolio snapshot: what the homepage and the segments cards show, built a chunk of customers
 * at a time so no card has to read a 100k-row sheet. A partial is plain JSON (it is saved between
 * executions); `addChunk` folds a chunk in, `mergePartials` joins two partials in either order, and
 * `finishSnapshot` turns the partial into the snapshot the cards read.
 *
 * Everything in a partial is either a sum (counts and MRR, by band, by month, by segment), a bounded
 * top list (ordered by a total order with the sheet row as the last key, so the kept entries do not
 * depend on how the sheet was split) or the mergeable value sketch. Size bound: the fixed lists
 * (CALL_FIRST_KEPT call-first entries, MEMBERS_KEPT members per saved segment), TREND_MONTHS months,
 * five bands, five impacts and the sketch (< 1,300 buckets); nothing grows with the number of customers.
 *
 * Known difference from a whole read: a duplicate email in two different chunks is counted twice
 * (readCustomers drops duplicates within what it reads, and a chunk cannot see the other chunks).
 */
import type { Customer } from '../customers/customer';
import type { Band } from '../risk/risk-score';
import { portfolioMetrics } from '../metrics/portfolio';
import { matches, type Query, type SegmentRecord } from '../segments';
import { customerValue, type ValueLines } from '../playbooks/value';
import type { PlaybookSettings } from '../playbooks/settings';
import { addValue, emptySketch, mergeSketches, sketchValueLines, type ValueSketch } from './value-sketch';

export const BANDS: readonly Band[] = ['Critical', 'High', 'Medium', 'Low', 'Unknown'];
/** Five pages of the homepage's call-first list (eight a page). */
export const CALL_FIRST_KEPT = 40;
/** The segment card shows ten members. */
export const MEMBERS_KEPT = 10;
export const TREND_MONTHS = 6;
export const SNAPSHOT_VERSION = 1;

export interface CallFirstEntry {
  row: number;
  email: string;
  name: string;
  band: Band;
  score: number;
  mrr: number;
  /** The largest contribution's sentence. */
  reason: string;
  /** Risk (0-1) × MRR, the order of the list. */
  loss: number;
}

export interface MemberEntry {
  row: number;
  email: string;
  name: string;
  company?: string;
  band: Band;
  score?: number;
  mrr?: number;
  impact?: string;
  /** Score × MRR, the order the segment card lists members in. */
  weight: number;
}

export interface SegmentTotals {
  /** The query as written: a changed query means these figures are not its figures. */
  source: string;
  customers: number;
  mrr: number;
  atRiskMrr: number;
  withoutMrr: number;
  top: MemberEntry[];
}

export interface MonthCounts {
  /** ISO start of the month [start, end). */
  start: string;
  end: string;
  customersAtStart: number;
  newCustomers: number;
  lostCustomers: number;
  startingMrr: number;
  lostMrr: number;
}

export interface PortfolioPartial {
  v: number;
  /** The day the job started: months and segment fields ("days since") are counted from it. */
  today: string;
  /** Customers (records) folded in. */
  customers: number;
  active: number;
  mrr: number;
  byBand: Record<Band, { customers: number; mrr: number }>;
  /** Active customers in High or Critical, all of them (the list keeps only the first ones). */
  atRiskCount: number;
  callFirst: CallFirstEntry[];
  /** Oldest first; the last is last month. */
  months: MonthCounts[];
  segments: Record<string, SegmentTotals>;
  /** Active customers by effective impact (unknown = none). */
  impacts: Record<string, number>;
  /** Cell issues in the rows read. */
  issues: number;
  /**
   * What campaign outcomes ("what works") need of each campaign recipient, by email: [row, churned
   * (1/0), churn date ms or null, last activity ms or null]. Bounded by the Campaigns log, not the sheet.
   */
  outcomeCustomers: Record<string, OutcomeCustomer>;
  value: { settings: PlaybookSettings; sketch: ValueSketch };
}

export type OutcomeCustomer = [number, 0 | 1, number | null, number | null];

export interface PortfolioSnapshot extends Omit<PortfolioPartial, 'value'> {
  asOf: string;
  valueLines: ValueLines;
  /** The spreadsheet's locale, for writing money as the sheet does (the app adds it; older snapshots lack it). */
  locale?: string;
}

export interface ChunkInput {
  records: readonly SegmentRecord[];
  /** The risk's first sentence, asked only for call-first candidates (so only they are explained). */
  reasonOf: (record: SegmentRecord) => string;
  issues: number;
  segments: readonly { name: string; source: string; query: Query }[];
  /** Campaign recipients' emails (lower case), whose outcome fields the snapshot keeps. */
  outcomeEmails?: ReadonlySet<string>;
}

/** The TREND_MONTHS whole UTC months before today's, oldest first, with zero counts. */
export function monthsBefore(today: Date): MonthCounts[] {
  return Array.from({ length: TREND_MONTHS }, (_, k) => {
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - k, 1));
    const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, 1));
    return {
      start: start.toISOString(),
      end: end.toISOString(),
      customersAtStart: 0,
      newCustomers: 0,
      lostCustomers: 0,
      startingMrr: 0,
      lostMrr: 0,
    };
  }).reverse();
}

export function emptyPartial(today: Date, valueSettings: PlaybookSettings): PortfolioPartial {
  return {
    v: SNAPSHOT_VERSION,
    today: today.toISOString(),
    customers: 0,
    active: 0,
    mrr: 0,
    byBand: Object.fromEntries(BANDS.map((b) => [b, { customers: 0, mrr: 0 }])) as PortfolioPartial['byBand'],
    atRiskCount: 0,
    callFirst: [],
    months: monthsBefore(today),
    segments: {},
    impacts: {},
    issues: 0,
    outcomeCustomers: {},
    value: { settings: valueSettings, sketch: emptySketch() },
  };
}

/** Largest expected loss first, then higher score, then sheet order: a total order. */
export const callFirstOrder = (a: CallFirstEntry, b: CallFirstEntry) =>
  b.loss - a.loss || b.score - a.score || a.row - b.row;

/** Largest score × MRR first, then higher score, then sheet order (the segment card's order). */
export const memberOrder = (a: MemberEntry, b: MemberEntry) =>
  b.weight - a.weight || (b.score ?? 0) - (a.score ?? 0) || a.row - b.row;

function topOf<T>(a: readonly T[], b: readonly T[], order: (x: T, y: T) => number, keep: number): T[] {
  return [...a, ...b].sort(order).slice(0, keep);
}

function memberEntry(r: SegmentRecord): MemberEntry {
  const c = r.customer;
  return {
    row: c.row,
    email: c.email,
    name: c.name ?? c.company ?? '',
    ...(c.company ? { company: c.company } : {}),
    band: r.band,
    ...(r.score !== undefined ? { score: r.score } : {}),
    ...(c.mrr !== undefined ? { mrr: c.mrr } : {}),
    ...(r.impact ? { impact: r.impact } : {}),
    weight: (r.score ?? 0) * (c.mrr ?? 0),
  };
}

/** A partial of one chunk alone; `addChunk` merges it into the running one. */
export function chunkPartial(base: PortfolioPartial, chunk: ChunkInput): PortfolioPartial {
  const today = new Date(base.today);
  const p = emptyPartial(today, base.value.settings);
  const customers: Customer[] = chunk.records.map((r) => r.customer);
  p.customers = chunk.records.length;
  p.issues = chunk.issues;
  const callFirst: CallFirstEntry[] = [];
  for (const r of chunk.records) {
    const c = r.customer;
    if (chunk.outcomeEmails?.has(c.email)) keepOutcomeCustomer(p.outcomeCustomers, c);
    if (c.status === 'churned') continue;
    const mrr = c.mrr ?? 0;
    p.active++;
    p.mrr += mrr;
    p.byBand[r.band].customers++;
    p.byBand[r.band].mrr += mrr;
    const impact = r.impact ?? 'unknown';
    p.impacts[impact] = (p.impacts[impact] ?? 0) + 1;
    const value = customerValue(c, p.value.settings.valueBasis, today);
    if (value !== undefined) addValue(p.value.sketch, value);
    if (r.band === 'High' || r.band === 'Critical') {
      p.atRiskCount++;
      callFirst.push({
        row: c.row,
        email: c.email,
        name: c.name || c.company || c.email,
        band: r.band,
        score: r.score ?? 0,
        mrr,
        reason: '',
        loss: ((r.score ?? 0) / 100) * mrr,
      });
    }
  }
  // Explain only the entries that can make the list: a risk's sentences are the costly part.
  p.callFirst = callFirst
    .sort(callFirstOrder)
    .slice(0, CALL_FIRST_KEPT)
    .map((e) => ({ ...e, reason: chunk.reasonOf(chunk.records.find((r) => r.customer.row === e.row)!) }));
  p.months = p.months.map((m) => {
    const metrics = portfolioMetrics(
      customers,
      { start: new Date(m.start), end: new Date(m.end) },
      { today },
    );
    return {
      ...m,
      customersAtStart: metrics.customersAtStart,
      newCustomers: metrics.newCustomers,
      lostCustomers: metrics.lostCustomers,
      startingMrr: metrics.startingMrr,
      lostMrr: metrics.lostMrr,
    };
  });
  for (const s of chunk.segments) {
    const totals: SegmentTotals = {
      source: s.source,
      customers: 0,
      mrr: 0,
      atRiskMrr: 0,
      withoutMrr: 0,
      top: [],
    };
    const members: MemberEntry[] = [];
    for (const r of chunk.records) {
      if (!matches(s.query, r, { today })) continue;
      totals.customers++;
      const v = r.customer.mrr;
      if (v === undefined) totals.withoutMrr++;
      else {
        totals.mrr += v;
        if (r.band === 'High' || r.band === 'Critical') totals.atRiskMrr += v;
      }
      members.push(memberEntry(r));
    }
    totals.top = members.sort(memberOrder).slice(0, MEMBERS_KEPT);
    p.segments[s.name] = totals;
  }
  return p;
}

/** The first row of an email wins, as in computeOutcomes, whatever order the chunks come in. */
function keepOutcomeCustomer(into: Record<string, OutcomeCustomer>, c: Customer): void {
  const have = into[c.email];
  if (have && have[0] <= c.row) return;
  into[c.email] = [
    c.row,
    c.status === 'churned' ? 1 : 0,
    c.churnDate ? c.churnDate.getTime() : null,
    c.lastActivity ? c.lastActivity.getTime() : null,
  ];
}

/** Adds the numeric fields of two records of one shape; other fields keep `a`'s value. */
function addCounts<T extends object>(a: T, b: T): T {
  const out = { ...a } as Record<string, unknown>;
  for (const [k, v] of Object.entries(b))
    if (typeof v === 'number') out[k] = ((a as Record<string, unknown>)[k] as number) + v;
  return out as T;
}

/**
 * Joins two partials of disjoint rows started on the same day with the same settings. Commutative
 * and associative (sums, minimums, and top lists under a total order).
 */
export function mergePartials(a: PortfolioPartial, b: PortfolioPartial): PortfolioPartial {
  const segments: Record<string, SegmentTotals> = { ...a.segments };
  for (const [name, t] of Object.entries(b.segments)) {
    const have = segments[name];
    // A segment whose query changed mid-job keeps the newer query's figures only.
    segments[name] =
      have && have.source === t.source
        ? {
            source: t.source,
            customers: have.customers + t.customers,
            mrr: have.mrr + t.mrr,
            atRiskMrr: have.atRiskMrr + t.atRiskMrr,
            withoutMrr: have.withoutMrr + t.withoutMrr,
            top: topOf(have.top, t.top, memberOrder, MEMBERS_KEPT),
          }
        : t;
  }
  const outcomeCustomers = { ...a.outcomeCustomers };
  for (const [email, o] of Object.entries(b.outcomeCustomers)) {
    const have = outcomeCustomers[email];
    if (!have || o[0] < have[0]) outcomeCustomers[email] = o;
  }
  const impacts = { ...a.impacts };
  for (const [k, n] of Object.entries(b.impacts)) impacts[k] = (impacts[k] ?? 0) + n;
  return {
    v: SNAPSHOT_VERSION,
    today: a.today,
    customers: a.customers + b.customers,
    active: a.active + b.active,
    mrr: a.mrr + b.mrr,
    byBand: Object.fromEntries(
      BANDS.map((band) => [band, addCounts(a.byBand[band], b.byBand[band])]),
    ) as PortfolioPartial['byBand'],
    atRiskCount: a.atRiskCount + b.atRiskCount,
    callFirst: topOf(a.callFirst, b.callFirst, callFirstOrder, CALL_FIRST_KEPT),
    months: a.months.map((m, i) => addCounts(m, b.months[i]!)),
    segments,
    impacts,
    issues: a.issues + b.issues,
    outcomeCustomers,
    value: { settings: a.value.settings, sketch: mergeSketches(a.value.sketch, b.value.sketch) },
  };
}

export function addChunk(partial: PortfolioPartial, chunk: ChunkInput): PortfolioPartial {
  return mergePartials(partial, chunkPartial(partial, chunk));
}

/** The snapshot the cards read: the partial without the sketch, with the value lines it gave. */
export function finishSnapshot(partial: PortfolioPartial, asOf: Date): PortfolioSnapshot {
  const { value, ...rest } = partial;
  return {
    ...rest,
    asOf: asOf.toISOString(),
    valueLines: sketchValueLines(value.sketch, value.settings, new Date(partial.today)),
  };
}

/** A month's churn figures as portfolioMetrics defines them (n/a when nobody was there at the start). */
export function monthRates(m: MonthCounts): { churnRate: number | null; grossMrrChurn: number | null } {
  return {
    churnRate: m.customersAtStart === 0 ? null : m.lostCustomers / m.customersAtStart,
    grossMrrChurn: m.startingMrr === 0 ? null : m.lostMrr / m.startingMrr,
  };
}
