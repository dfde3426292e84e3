/**
 * Differential runs for the month trend, the value lines and the daily scan's comparisons: generated
 * customers (with start dates, tenures and churn dates on month edges, silences and renewals on the
 * scan's thresholds) and generated score histories loaded into DuckDB; each query's figures or
 * events must equal the in-memory functions' (portfolioMetrics, valueLines, detectEvents). Returns
 * the mismatches, so the mutation test can show that a wrong comparison produces some.
 *
 * With `cardChanges`, random card edits (status, score, band, impact, tags: change-log.ts's writers)
 * are appended through the real INSERT statements before the scan and again before the next day's,
 * and the SQL (reading the latest-state views) must equal the in-memory functions over the fold of
 * the log (latestRecords): a customer marked churned from the card leaves the scan, the trend and
 * the value lines, and one marked saved comes back.
 */
import { latestRecords, type WarehouseChange } from '../../src/core/changes';
import type { Customer } from '../../src/core/customers/customer';
import { portfolioMetrics } from '../../src/core/metrics/portfolio';
import type { PlaybookSettings } from '../../src/core/playbooks/settings';
import { DEFAULT_PLAYBOOK_SETTINGS } from '../../src/core/playbooks/settings';
import { valueLines } from '../../src/core/playbooks/value';
import { chunkPartial, emptyPartial, monthsBefore } from '../../src/core/portfolio/snapshot';
import { addValue, emptySketch, sketchValueLines } from '../../src/core/portfolio/value-sketch';
import type { Band, RiskScore } from '../../src/core/risk/risk-score';
import type { SegmentRecord } from '../../src/core/segments';
import {
  insertHistorySql,
  scanEventsFrom,
  scanEventsSql,
  trendFrom,
  trendSql,
  valueLinesFrom,
  valueLinesSql,
  type ReadTables,
  type ScanCursor,
  type SqlValue,
} from '../../src/core/sql';
import type { ScanOptions } from '../../src/core/sql/scan';
import type { TrendOptions } from '../../src/core/sql/trend';
import { calendarDay } from '../../src/core/time/calendar';
import { customerValue } from '../../src/core/playbooks/value';
import {
  decodeState,
  detectEvents,
  encodeState,
  type DangerEvent,
  type ScanState,
  type WatchSettings,
} from '../../src/core/watch';
import type { DuckDbWarehouse } from '../../src/local/standins/duckdb-warehouse';
import { generateBatches } from './change-log';
import { randomFrom, type Random } from './fuzz/random';
import { openLoaded } from './sql-differential';
import { generateRecords, TODAY } from './warehouse-data';

const DAY = 86_400_000;
const BANDS: Band[] = ['Critical', 'High', 'Medium', 'Low', 'Unknown'];
const ZONES = ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Auckland'];
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Instants on the trend's month edges (exactly, and a millisecond either side) and elsewhere. */
function placedInstant(rnd: Random, edges: readonly number[]): number {
  if (rnd.chance(0.5)) return rnd.pick(edges) + rnd.pick([0, 0, -1, 1]);
  return TODAY.getTime() + (rnd.int(900) - 600) * DAY + rnd.int(DAY);
}

export interface ScanWorld {
  records: SegmentRecord[];
  scanToday: Date;
  timeZone: string;
  watch: WatchSettings;
  /** Each customer's last state as the History tab's Last state reads back (rounded score). */
  previous: Map<string, ScanState>;
  /** What the previous scan saw of each customer's silence and renewal, for `onlyNew`. */
  previousFacts: Map<string, Facts>;
  historyRows: Record<string, SqlValue>[];
}

/** A history row's threshold facts: activity and renewal instants and the scan's calendar day number. */
export interface Facts {
  lastActivity: number | null;
  renewal: number | null;
  calendarDay: number | null;
}
const NO_FACTS: Facts = { lastActivity: null, renewal: null, calendarDay: null };

function historyRow(
  email: string,
  s: ScanState,
  writtenMs: number,
  f: Facts = NO_FACTS,
): Record<string, SqlValue> {
  return {
    last_activity_ms: f.lastActivity,
    renewal_ms: f.renewal,
    calendar_day: f.calendarDay,
    email,
    day: s.day,
    score: s.score === undefined ? null : Math.round(s.score),
    band: s.band,
    overdue_invoices: s.overdueInvoices ?? null,
    nps: s.nps ?? null,
    written_ms: writtenMs,
  };
}

/** Customers with lifecycle dates and scan-edge facts, their score history and the scan's settings. */
export function scanWorld(seed: number, customers = 120): ScanWorld {
  const rnd = randomFrom(seed);
  const records = generateRecords(rnd, customers);
  const more = randomFrom(seed * 7919 + 17);
  const scanToday = new Date(TODAY.getTime() + (more.int(24) - 12) * 3_600_000);
  const timeZone = more.pick(ZONES);
  const calToday = calendarDay(scanToday, timeZone).getTime();
  const watch: WatchSettings = more.pick([
    { jumpPoints: 15, inactivityDays: [30, 90, 180], renewalDays: [60, 30] },
    { jumpPoints: 5, inactivityDays: [180, 14, 60, 14], renewalDays: [7] },
    { jumpPoints: 10, inactivityDays: [], renewalDays: [90, 30, 0] },
  ]);
  const edges = [
    ...monthsBefore(TODAY).map((m) => Date.parse(m.start)),
    Date.parse(monthsBefore(TODAY)[5]!.end),
  ];
  const todayIso = isoDay(scanToday.getTime());
  const previous = new Map<string, ScanState>();
  const previousFacts = new Map<string, Facts>();
  const historyRows: Record<string, SqlValue>[] = [];
  for (const r of records) {
    const c = r.customer as Customer & Record<string, unknown>;
    const placed = more.pick(['start', 'start', 'tenure', 'neither'] as const);
    if (placed === 'start') c.startDate = new Date(placedInstant(more, edges));
    else if (placed === 'tenure')
      c.tenureMonths = more.pick([0, 0.5, 1, 2.5, 6, 13, 40, more.int(3000) / 100]);
    // More churn than the segment generator's 15%, so every month loses someone.
    if (more.chance(0.2)) c.status = 'churned';
    if (c.status === 'churned' && more.chance(0.8)) c.churnDate = new Date(placedInstant(more, edges));
    // Silences and renewals on the thresholds' edges, in the sheet's calendar.
    const thresholds = [...watch.inactivityDays, 30];
    if (more.chance(0.4))
      c.lastActivity = new Date(
        calToday - (more.pick(thresholds) + more.pick([-1, 0, 0, 1])) * DAY + more.int(DAY),
      );
    const windows = [...watch.renewalDays, 0];
    if (more.chance(0.4))
      c.renewalDate = new Date(
        calToday + (more.pick(windows) + more.pick([-1, 0, 0, 1])) * DAY + more.int(DAY),
      );
    // Past scans: up to three days before today, the last of them the previous state.
    const days = [
      ...new Set(Array.from({ length: more.pick([0, 1, 1, 2, 3]) }, () => 1 + more.int(40))),
    ].sort((a, b) => b - a);
    let last: ScanState | undefined;
    let lastFacts: Facts = NO_FACTS;
    for (const ago of days) {
      const score = r.score;
      const jumpEdge = score !== undefined && more.chance(0.4);
      const prevScore = jumpEdge
        ? Math.max(0, Math.floor(score) - watch.jumpPoints + more.pick([-1, 0, 1]))
        : more.chance(0.8)
          ? more.int(101)
          : undefined;
      const state: ScanState = {
        day: isoDay(Date.parse(`${todayIso}T00:00:00Z`) - ago * DAY),
        band: more.pick(BANDS),
        ...(prevScore !== undefined ? { score: prevScore } : {}),
        ...(more.chance(0.7) ? { overdueInvoices: more.pick([0, 0, 1, 2]) } : {}),
        ...(more.chance(0.7) ? { nps: more.int(11) } : {}),
      };
      const written = Date.parse(`${state.day}T06:00:00Z`);
      // The facts that scan saw: often today's (the same silence or renewal), sometimes another day's.
      const seen = (today: Date | undefined) =>
        today === undefined || more.chance(0.2)
          ? more.pick([null, calToday - more.int(300) * DAY])
          : today.getTime() + more.pick([0, 0, 0, -DAY]);
      const facts: Facts = {
        lastActivity: seen(c.lastActivity),
        renewal: seen(c.renewalDate),
        calendarDay: more.chance(0.05)
          ? null
          : Date.parse(`${state.day}T00:00:00Z`) / DAY + more.pick([0, 0, 1]),
      };
      // A repeated scan of that day written earlier: the later row wins.
      if (more.chance(0.15))
        historyRows.push(
          historyRow(c.email, { ...state, band: more.pick(BANDS), nps: 0 }, written - 1000, {
            ...facts,
            calendarDay: 0,
          }),
        );
      historyRows.push(historyRow(c.email, state, written, facts));
      last = state;
      lastFacts = facts;
    }
    // A row already written today (a scan repeated today): never the previous state.
    if (more.chance(0.1))
      historyRows.push(
        historyRow(c.email, { day: todayIso, band: 'Critical', score: 0, nps: 9 }, scanToday.getTime()),
      );
    if (last) previous.set(c.email, decodeState(encodeState(last))!);
    previousFacts.set(c.email, lastFacts);
  }
  // Someone no longer in the table.
  historyRows.push(historyRow('gone@example.com', { day: isoDay(calToday - DAY), band: 'Low', score: 1 }, 0));
  return { records, scanToday, timeZone, watch, previous, previousFacts, historyRows };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
const sameRate = (a: number | null, b: number | null) => (a === null || b === null ? a === b : close(a, b));

/** The trend's figures against portfolioMetrics and the snapshot's months. */
async function compareTrend(
  wh: DuckDbWarehouse,
  w: ScanWorld,
  out: string[],
  seed: number,
  options: TrendOptions,
) {
  const customers = w.records.map((r) => r.customer);
  const { query, months } = trendSql(TODAY, options);
  const got = trendFrom(await wh.query(query), months);
  const snapshot = chunkPartial(emptyPartial(TODAY, DEFAULT_PLAYBOOK_SETTINGS), {
    records: w.records,
    reasonOf: () => '',
    issues: 0,
    segments: [],
  }).months;
  got.forEach((g, k) => {
    const m = portfolioMetrics(
      customers,
      { start: new Date(g.start), end: new Date(g.end) },
      { today: TODAY },
    );
    const s = snapshot[k]!;
    const problems: string[] = [];
    if (g.start !== s.start || g.end !== s.end) problems.push(`months ${s.start} vs ${g.start}`);
    for (const [name, a, b] of [
      ['S', m.customersAtStart, g.customersAtStart],
      ['E', m.customersAtEnd, g.customersAtEnd],
      ['N', m.newCustomers, g.newCustomers],
      ['lost', m.lostCustomers, g.lostCustomers],
    ] as const)
      if (a !== b) problems.push(`${name} ${a} vs ${b}`);
    if (!close(m.startingMrr, g.startingMrr))
      problems.push(`starting MRR ${m.startingMrr} vs ${g.startingMrr}`);
    if (!close(m.lostMrr, g.lostMrr)) problems.push(`lost MRR ${m.lostMrr} vs ${g.lostMrr}`);
    if (!sameRate(m.churnRate.value, g.churnRate))
      problems.push(`churn ${m.churnRate.value} vs ${g.churnRate}`);
    if (!sameRate(m.retentionRate.value, g.retentionRate))
      problems.push(`retention ${m.retentionRate.value} vs ${g.retentionRate}`);
    if (!sameRate(m.grossMrrChurn.value, g.grossMrrChurn))
      problems.push(`revenue churn ${m.grossMrrChurn.value} vs ${g.grossMrrChurn}`);
    if (s.customersAtStart !== g.customersAtStart || s.lostCustomers !== g.lostCustomers)
      problems.push(`snapshot month ${JSON.stringify(s)}`);
    if (problems.length) out.push(`seed ${seed}: trend month ${g.start.slice(0, 7)}: ${problems.join('; ')}`);
  });
}

/** Exact value lines against valueLines, and the sketch's line within its 2% below the exact one. */
async function compareValueLines(
  wh: DuckDbWarehouse,
  w: ScanWorld,
  out: string[],
  seed: number,
  rnd: Random,
  tables?: ReadTables,
) {
  const customers = w.records.map((r) => r.customer);
  for (const valueBasis of ['mrr', 'revenueToDate'] as const) {
    const settings: PlaybookSettings = {
      ...DEFAULT_PLAYBOOK_SETTINGS,
      valueBasis,
      discountTopShare: rnd.pick([0.2, 0.01, 0.05, 0.333, 1]),
      reliefTopShare: rnd.pick([0.5, 0.1, 0.99, 0.07]),
    };
    const exact = valueLines(customers, settings, TODAY);
    const got = valueLinesFrom(await wh.query(valueLinesSql(settings, TODAY, tables)), settings, TODAY);
    if (JSON.stringify(exact) !== JSON.stringify(got))
      out.push(
        `seed ${seed}: value lines (${valueBasis}) ${JSON.stringify(exact)} vs ${JSON.stringify(got)}`,
      );
    const sketch = emptySketch();
    for (const c of customers) {
      const v = c.status === 'churned' ? undefined : customerValue(c, valueBasis, TODAY);
      if (v !== undefined) addValue(sketch, v);
    }
    const approx = sketchValueLines(sketch, settings, TODAY);
    for (const k of ['discountMin', 'reliefMin'] as const)
      if (got[k] > 0 && !(approx[k] <= got[k] && approx[k] >= got[k] / 1.02 - 1e-9))
        out.push(`seed ${seed}: sketch ${k} ${approx[k]} is not within 2% below the exact ${got[k]}`);
  }
}

/** The silence and renewal keys the previous scan raised, by detectEvents on what it saw. */
function seenKeys(email: string, f: Facts | undefined, watch: WatchSettings): Set<string> {
  if (!f || f.calendarDay === null) return new Set();
  const customer = {
    row: 0,
    email,
    status: 'active',
    tags: [],
    raw: {},
    ...(f.lastActivity !== null ? { lastActivity: new Date(f.lastActivity) } : {}),
    ...(f.renewal !== null ? { renewalDate: new Date(f.renewal) } : {}),
  } as unknown as Customer;
  const today = new Date(f.calendarDay * DAY + 12 * 3_600_000);
  return new Set(
    detectEvents({ customer, risk: { band: 'Unknown' } as RiskScore, today, timeZone: 'UTC' }, watch)
      .filter((e) => e.kind === 'inactive' || e.kind === 'renewalSoon')
      .map((e) => e.key),
  );
}

function expectedEvents(
  w: ScanWorld,
  today: Date,
  previous: ReadonlyMap<string, ScanState>,
  onlyNewSince?: ReadonlyMap<string, Facts>,
): DangerEvent[] {
  return [...w.records]
    .sort((a, b) => a.customer.row - b.customer.row)
    .flatMap((r) => {
      const prev = previous.get(r.customer.email);
      const seen = onlyNewSince
        ? seenKeys(r.customer.email, onlyNewSince.get(r.customer.email), w.watch)
        : new Set();
      return detectEvents(
        {
          customer: r.customer,
          risk: { band: r.band, ...(r.score !== undefined ? { score: r.score } : {}) } as RiskScore,
          ...(prev ? { previous: prev } : {}),
          today,
          timeZone: w.timeZone,
        },
        w.watch,
      ).filter((e) => !seen.has(e.key));
    });
}

/** Every page of the scan's events (small pages, so the cursor is exercised). */
async function sqlEvents(
  wh: DuckDbWarehouse,
  w: ScanWorld,
  today: Date,
  options: ScanOptions,
  limit: number,
) {
  const events: DangerEvent[] = [];
  let after: ScanCursor | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const { query, inactivity, renewal } = scanEventsSql(today, w.watch, {
      ...options,
      timeZone: w.timeZone,
      limit,
      ...(after ? { after } : {}),
    });
    const page = scanEventsFrom(await wh.query(query), today, { inactivity, renewal }, limit);
    events.push(...page.events);
    if (!page.next) return events;
    after = page.next;
  }
  throw new Error('scan events: the cursor never ended');
}

function compareEvents(expected: DangerEvent[], got: DangerEvent[], what: string, out: string[]) {
  const show = (e: DangerEvent) => `${e.key} — ${e.reason}`;
  const a = expected.map(show);
  const b = got.map(show);
  if (a.join('\n') === b.join('\n')) return;
  const onlyA = a.filter((x) => !b.includes(x)).slice(0, 4);
  const onlyB = b.filter((x) => !a.includes(x)).slice(0, 4);
  out.push(
    `${what}: ${a.length} in memory, ${b.length} in SQL\n  memory only: ${onlyA.join(' | ') || '-'}\n  SQL only: ${onlyB.join(' | ') || '-'}`,
  );
}

export interface ScanDifferentialResult {
  /** Events in memory today and tomorrow. */
  events: number;
  /** Silence and renewal events the previous scan already raised (left out by onlyNew), both days. */
  suppressed: number;
  mismatches: string[];
}

export interface ScanRunOptions {
  customers?: number;
  scan?: ScanOptions;
  trend?: TrendOptions;
  /** Appends random card changes before today's scan and before tomorrow's (see the top). */
  cardChanges?: boolean;
  /** What every query reads (default: the latest-state views); the base tables in the mutation test. */
  tables?: ReadTables;
}

/**
 * One round of card edits: `marks` customers' status set by hand (Mark churned / saved), then
 * random writers' batches on a few customers at a time (collisions, same-millisecond ties, retries).
 */
function cardEdits(
  rnd: Random,
  records: readonly SegmentRecord[],
  marks: readonly [string, 'active' | 'churned'][],
) {
  // An hour after the random writers' clocks (change-log.ts starts them at 09:00), so the marks hold.
  const atMs = Date.UTC(2026, 11, 3, 10);
  const log: WarehouseChange[] = marks.map(([email, value], i) => ({
    changeId: `card-${rnd.int(1e9).toString(36)}-${i}`,
    author: 'card@acme.example',
    atMs: atMs + rnd.int(3),
    kind: 'field',
    email,
    field: 'status',
    value,
  }));
  for (let round = 0; round < 4; round++) {
    const base = Array.from({ length: 5 }, () => rnd.pick(records));
    log.push(...generateBatches(rnd, base, { batches: 12 }).flat());
  }
  return log;
}

/** Card statuses to set: active customers with MRR churned today, and one churned customer saved. */
function statusMarks(w: ScanWorld, rnd: Random): [string, 'active' | 'churned'][] {
  const active = w.records.filter((r) => r.customer.status !== 'churned' && r.customer.mrr !== undefined);
  const churned = w.records.filter((r) => r.customer.status === 'churned');
  const marks: [string, 'active' | 'churned'][] = active.length
    ? Array.from({ length: 3 }, () => [rnd.pick(active).customer.email, 'churned'])
    : [];
  if (churned.length) marks.push([rnd.pick(churned).customer.email, 'active']);
  return marks;
}

/** One seed: trend, value lines, the scan's events today, the history INSERT, and tomorrow's events. */
export async function scanDifferentialRun(
  seed: number,
  options: ScanRunOptions = {},
): Promise<ScanDifferentialResult> {
  const loaded = scanWorld(seed, options.customers ?? 120);
  const wh = await openLoaded(loaded.records);
  const out: string[] = [];
  let events = 0;
  let suppressed = 0;
  let nextAll = 0;
  const tables = options.tables;
  const scanOptions: ScanOptions = { ...options.scan, ...(tables ? { tables } : {}) };
  const cards = randomFrom(seed * 131 + 7);
  const marks = options.cardChanges ? statusMarks(loaded, cards) : [];
  const log: WarehouseChange[] = options.cardChanges ? cardEdits(cards, loaded.records, marks) : [];
  for (const batch of log.length ? [log] : []) await wh.append(batch);
  // What the views hold after today's card edits: the in-memory side compares with these records.
  const w: ScanWorld = { ...loaded, records: latestRecords(loaded.records, log) };
  try {
    await wh.loadHistory(w.historyRows);
    await compareTrend(wh, w, out, seed, { ...options.trend, ...(tables ? { tables } : {}) });
    await compareValueLines(wh, w, out, seed, randomFrom(seed + 99), tables);
    // Small pages for some seeds, so the cursor is exercised; one page for most (the long run's time).
    const limit = seed % 10 === 1 ? 3 + (seed % 7) : 500;
    for (const onlyNew of [false, true]) {
      const expected = expectedEvents(w, w.scanToday, w.previous, onlyNew ? w.previousFacts : undefined);
      if (onlyNew) suppressed += events - expected.length;
      else events += expected.length;
      compareEvents(
        expected,
        await sqlEvents(wh, w, w.scanToday, { ...scanOptions, onlyNew }, onlyNew ? 500 : limit),
        `seed ${seed}: scan${onlyNew ? ' (only new)' : ''}`,
        out,
      );
    }

    // Today's rows: one per customer, once however often the statement runs.
    const before = Number(
      (await wh.query({ sql: 'SELECT COUNT(*) AS n FROM `score_history`', params: [] }))[0]!.n,
    );
    await wh.query(insertHistorySql(w.scanToday, w.timeZone, tables));
    await wh.query(insertHistorySql(w.scanToday, w.timeZone, tables));
    const after = Number(
      (await wh.query({ sql: 'SELECT COUNT(*) AS n FROM `score_history`', params: [] }))[0]!.n,
    );
    const todayIso = isoDay(w.scanToday.getTime());
    const alreadyToday = new Set(w.historyRows.filter((h) => h.day === todayIso).map((h) => h.email));
    const wanted = w.records.filter((r) => !alreadyToday.has(r.customer.email)).length;
    if (after - before !== wanted)
      out.push(`seed ${seed}: history INSERT added ${after - before} rows, not ${wanted}`);

    // Tomorrow compares with today's rows, read back as the History tab would hold today's state.
    const tomorrow = new Date(w.scanToday.getTime() + DAY);
    const previous = new Map(w.previous);
    const facts = new Map<string, Facts>();
    const calendar = calendarDay(w.scanToday, w.timeZone).getTime() / DAY;
    for (const r of w.records) {
      if (alreadyToday.has(r.customer.email)) {
        previous.set(r.customer.email, { day: todayIso, band: 'Critical', score: 0, nps: 9 });
        facts.set(r.customer.email, NO_FACTS);
        continue;
      }
      const c = r.customer;
      // A churned customer's row keeps no threshold facts (history-table.ts), churned by the card too.
      const churned = c.status === 'churned';
      facts.set(c.email, {
        lastActivity: churned ? null : (c.lastActivity?.getTime() ?? null),
        renewal: churned ? null : (c.renewalDate?.getTime() ?? null),
        calendarDay: calendar,
      });
      const state: ScanState = {
        day: todayIso,
        band: r.band,
        ...(r.score !== undefined ? { score: r.score } : {}),
        ...(c.overdueInvoices !== undefined ? { overdueInvoices: c.overdueInvoices } : {}),
        ...(c.nps !== undefined ? { nps: c.nps } : {}),
      };
      previous.set(c.email, decodeState(encodeState(state))!);
    }
    // Tomorrow's card edits: those marked churned today are marked saved again, and more random edits.
    const later = options.cardChanges
      ? cardEdits(
          cards,
          loaded.records,
          marks.map(([email, status]) => [email, status === 'churned' ? 'active' : 'churned']),
        ).map((c) => ({ ...c, atMs: c.atMs + DAY }))
      : [];
    if (later.length) await wh.append(later);
    const tomorrowWorld: ScanWorld = { ...w, records: latestRecords(loaded.records, [...log, ...later]) };
    for (const onlyNew of [false, true]) {
      const next = expectedEvents(tomorrowWorld, tomorrow, previous, onlyNew ? facts : undefined);
      if (onlyNew) suppressed += nextAll - next.length;
      else nextAll = next.length;
      if (!onlyNew) events += next.length;
      compareEvents(
        next,
        await sqlEvents(wh, w, tomorrow, { ...scanOptions, onlyNew }, 50),
        `seed ${seed}: next day${onlyNew ? ' (only new)' : ''}`,
        out,
      );
    }
  } finally {
    wh.close();
  }
  return { events, suppressed, mismatches: out };
}
