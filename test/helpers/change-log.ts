/**
 * A random change log from several interleaved writers, and the comparison of the warehouse's
 * latest-state views (run on DuckDB through the real INSERT statements) with the in-memory fold of
 * the same log (src/core/changes/latest.ts, the specification). The log is built to hit the hard
 * cases: few customers and keys so writers collide, clocks that advance 0-1 ms so many changes
 * share a millisecond, retries that re-send a whole batch (duplicate change ids), emails in another
 * case or padded, tags differing only in case, an email the table lacks, and notes with quotes.
 */
import {
  latestAlerts,
  latestCampaignLog,
  latestNotes,
  latestRecords,
  type WarehouseChange,
} from '../../src/core/changes';
import { RECIPIENT_STATUSES } from '../../src/core/campaigns/log';
import type { SegmentRecord } from '../../src/core/segments';
import { customerColumns, customerRow, tagRows, type ViewOptions } from '../../src/core/sql';
import { ALERT_STATUSES } from '../../src/core/watch/alerts';
import type { DuckDbWarehouse } from '../../src/local/standins/duckdb-warehouse';
import type { Random } from './fuzz/random';
import { MAP, openLoaded, queryDifferential, type DifferentialResult } from './sql-differential';
import { generateRecords } from './warehouse-data';

const T0 = Date.UTC(2026, 11, 3, 9);
const TAGS = [
  'vip',
  'VIP',
  'Paused',
  'paused ',
  'crisis-hit',
  'hotel',
  '2026-01-15',
  '1,500',
  'Café',
  'cafe',
];
const NOTES = [
  'Called, no answer',
  `said "no" and it's final`,
  'ÉTÉ',
  '@p0 `x`',
  "x'); DROP TABLE notes; --",
];

function changeId(rnd: Random): string {
  // uuid-like: random hex, so the tie-break order has nothing to do with the writer.
  return Array.from({ length: 16 }, () => '0123456789abcdef'[rnd.int(16)]).join('');
}

function emailOf(rnd: Random, keys: readonly string[]): string {
  if (rnd.chance(0.03)) return 'nobody@example.com';
  const e = rnd.pick(keys);
  return rnd.pick([e, e, e.toUpperCase(), ` ${e} `]);
}

function oneChange(rnd: Random, emails: readonly string[], author: string, atMs: number): WarehouseChange {
  const stamp = { changeId: changeId(rnd), author, atMs };
  const email = emailOf(rnd, emails);
  switch (
    rnd.pick(['field', 'field', 'field', 'tag', 'tag', 'tag', 'note', 'alert', 'alertState', 'campaign'])
  ) {
    case 'field':
      switch (rnd.pick(['status', 'risk_score', 'risk_band', 'impact', 'churn_ms'] as const)) {
        case 'churn_ms':
          // A day (what Mark churned records), an instant, or cleared (Mark saved).
          return {
            ...stamp,
            kind: 'field',
            email,
            field: 'churn_ms',
            value: rnd.pick([null, T0 - rnd.int(400) * 86_400_000, T0 + rnd.int(86_400_000)]),
          };
        case 'status':
          return { ...stamp, kind: 'field', email, field: 'status', value: rnd.pick(['active', 'churned']) };
        case 'risk_score':
          return {
            ...stamp,
            kind: 'field',
            email,
            field: 'risk_score',
            value: rnd.pick([null, rnd.int(101), rnd.int(10000) / 100]),
          };
        case 'risk_band':
          return {
            ...stamp,
            kind: 'field',
            email,
            field: 'risk_band',
            value: rnd.pick(['Critical', 'High', 'Medium', 'Low', 'Unknown']),
          };
        case 'impact':
          return {
            ...stamp,
            kind: 'field',
            email,
            field: 'impact',
            value: rnd.pick([null, 'severe', 'hit', 'stable', 'booming']),
          };
      }
      break;
    case 'tag':
      return { ...stamp, kind: 'tag', email, tag: rnd.pick(TAGS), op: rnd.chance(0.6) ? 'add' : 'remove' };
    case 'note':
      return { ...stamp, kind: 'note', email, text: rnd.pick(NOTES) };
    case 'alert':
      return {
        ...stamp,
        kind: 'alert',
        alertId: `alert-${rnd.int(4)}`,
        email,
        alertKind: rnd.pick(['dormant', 'renewal']),
        reason: rnd.pick(NOTES),
      };
    case 'alertState':
      return {
        ...stamp,
        kind: 'alertState',
        alertId: `alert-${rnd.int(5)}`,
        state: rnd.pick(ALERT_STATUSES),
        snoozedUntilMs: rnd.chance(0.3) ? T0 + rnd.int(10) * 86_400_000 : null,
      };
  }
  return {
    ...stamp,
    kind: 'campaign',
    campaignId: rnd.pick(['camp-a', 'camp-b']),
    email,
    status: rnd.pick(RECIPIENT_STATUSES),
    group: rnd.chance(0.9) ? 'emailed' : 'holdout',
    detail: rnd.pick(['', ...NOTES]),
  };
}

/** Another writer's change to the same key in the same millisecond ("at once"), with another value. */
function rival(rnd: Random, c: WarehouseChange, author: string): WarehouseChange {
  const same = { changeId: changeId(rnd), author, atMs: c.atMs };
  switch (c.kind) {
    case 'field':
      return c.field === 'status'
        ? { ...c, ...same, value: c.value === 'active' ? 'churned' : 'active' }
        : c.field === 'risk_score'
          ? { ...c, ...same, value: rnd.int(101) }
          : c.field === 'risk_band'
            ? { ...c, ...same, value: c.value === 'High' ? 'Low' : 'High' }
            : c.field === 'churn_ms'
              ? { ...c, ...same, value: c.value === null ? T0 : null }
              : { ...c, ...same, value: c.value === 'hit' ? null : 'hit' };
    case 'tag':
      return { ...c, ...same, op: c.op === 'add' ? 'remove' : 'add', tag: c.tag.toUpperCase() };
    case 'alertState':
      return { ...c, ...same, state: c.state === 'done' ? 'snoozed' : 'done' };
    case 'campaign':
      return { ...c, ...same, status: c.status === 'sent' ? 'review' : 'sent' };
    default:
      return { ...c, ...same };
  }
}

/**
 * The batches writers send, in the order they reach the warehouse (a retry re-sends a batch whose
 * answer was lost, so its rows arrive twice). Each writer's clock is its own and may lag.
 */
export function generateBatches(
  rnd: Random,
  base: readonly SegmentRecord[],
  { writers = 3, batches = 40 } = {},
): WarehouseChange[][] {
  const emails = base.slice(0, 5).map((r) => r.customer.email);
  const clocks = Array.from({ length: writers }, () => T0 + rnd.int(2));
  const sent: WarehouseChange[][] = [];
  for (let b = 0; b < batches; b++) {
    if (sent.length > 0 && rnd.chance(0.15)) {
      sent.push(rnd.pick(sent)); // a retry, possibly long after the first try
      continue;
    }
    const w = rnd.int(writers);
    const batch = Array.from({ length: 1 + rnd.int(4) }, () => {
      clocks[w]! += rnd.int(2);
      return oneChange(rnd, emails, `writer${w}@acme.example`, clocks[w]!);
    });
    sent.push(batch);
    if (writers > 1 && rnd.chance(0.3)) {
      const other = (w + 1 + rnd.int(writers - 1)) % writers;
      sent.push([rival(rnd, rnd.pick(batch), `writer${other}@acme.example`)]);
    }
  }
  return sent;
}

const json = (v: unknown) => JSON.stringify(v);
const sortedRows = (rows: readonly Record<string, unknown>[], cols: readonly string[]) =>
  rows.map((r) => json(cols.map((c) => r[c] ?? null))).sort();

function compareSets(what: string, expected: string[], got: string[], out: string[]): void {
  const e = expected.join('\n');
  const g = got.join('\n');
  if (e === g) return;
  const onlyE = expected.filter((x) => !got.includes(x)).slice(0, 3);
  const onlyG = got.filter((x) => !expected.includes(x)).slice(0, 3);
  out.push(`${what}: fold only ${onlyE.join(' | ') || '-'}; SQL only ${onlyG.join(' | ') || '-'}`);
}

/** Every latest-state view against the fold of the same log. */
export async function compareLatest(
  wh: DuckDbWarehouse,
  base: readonly SegmentRecord[],
  log: readonly WarehouseChange[],
): Promise<string[]> {
  const out: string[] = [];
  const folded = latestRecords(base, log);
  const cols = customerColumns(MAP).map((c) => c.name);
  const rows = await wh.query({ sql: 'SELECT * FROM customers_current', params: [] });
  compareSets(
    'customers_current',
    sortedRows(
      folded.map((r) => customerRow(r, MAP)),
      cols,
    ),
    sortedRows(rows, cols),
    out,
  );

  const tagCols = Object.keys(tagRows({ ...base[0]!, customer: { ...base[0]!.customer, tags: ['x'] } })[0]!);
  const tags = await wh.query({ sql: 'SELECT * FROM customer_tags_current', params: [] });
  compareSets(
    'customer_tags_current',
    sortedRows(folded.flatMap(tagRows), tagCols),
    sortedRows(tags, tagCols),
    out,
  );

  const notes = await wh.query({ sql: 'SELECT * FROM notes_current', params: [] });
  compareSets(
    'notes_current',
    latestNotes(log)
      .map((n) => json([n.changeId, n.email, n.text, n.author, n.atMs]))
      .sort(),
    sortedRows(notes, ['change_id', 'email', 'text', 'author', 'at_ms']),
    out,
  );

  const alerts = await wh.query({ sql: 'SELECT * FROM alerts_current', params: [] });
  compareSets(
    'alerts_current',
    [...latestAlerts(log).entries()]
      .map(([id, a]) =>
        json([
          id,
          a.raise.email,
          a.raise.alertKind,
          a.raise.reason,
          a.raise.author,
          a.raise.atMs,
          a.state,
          a.snoozedUntilMs,
        ]),
      )
      .sort(),
    sortedRows(alerts, [
      'alert_id',
      'email',
      'kind',
      'reason',
      'author',
      'at_ms',
      'state',
      'snoozed_until_ms',
    ]),
    out,
  );

  const campaign = await wh.query({ sql: 'SELECT * FROM campaign_log_current', params: [] });
  compareSets(
    'campaign_log_current',
    [...latestCampaignLog(log).values()]
      .map((c) => json([c.changeId, c.campaignId, c.email, c.status, c.group, c.detail, c.author, c.atMs]))
      .sort(),
    sortedRows(campaign, [
      'change_id',
      'campaign_id',
      'email',
      'status',
      'recipient_group',
      'detail',
      'author',
      'at_ms',
    ]),
    out,
  );
  return out;
}

export interface ChangeRunResult extends DifferentialResult {
  changes: number;
  /** Changes sharing their key's millisecond with another writer's: the ties the order must break. */
  ties: number;
}

/**
 * One seed: customers loaded, random batches appended through the INSERT statements, then the
 * views against the fold, and `queries` random segment queries and the aggregates read through the
 * views against `membersOf`/the snapshot over the folded records.
 */
export async function changeRun(
  seed: number,
  rnd: Random,
  { customers = 60, batches = 40, queries = 30, views = {} as ViewOptions } = {},
): Promise<ChangeRunResult> {
  const base = generateRecords(rnd, customers);
  const wh = await openLoaded(base);
  try {
    if (views.order) await wh.createViews(MAP, views);
    const sent = generateBatches(rnd, base, { batches });
    for (const batch of sent) await wh.append(batch);
    const log = sent.flat();
    const mismatches = (await compareLatest(wh, base, log)).map((m) => `seed ${seed}: ${m}`);
    const folded = latestRecords(base, log);
    const q = await queryDifferential(wh, folded, rnd, seed, { queries });
    const stamps = new Map<string, number>();
    for (const c of log) {
      const k = `${c.kind}:${'email' in c ? c.email.trim().toLowerCase() : ''}:${c.atMs}`;
      stamps.set(k, (stamps.get(k) ?? 0) + 1);
    }
    return {
      ...q,
      mismatches: [...mismatches, ...q.mismatches],
      changes: log.length,
      ties: [...stamps.values()].filter((n) => n > 1).length,
    };
  } finally {
    wh.close();
  }
}
