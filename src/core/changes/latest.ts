/**
 * The latest state of an append-only change log, computed in memory: the specification the
 * warehouse's latest-state views (src/core/sql/change-views.ts) must agree with, row for row (the
 * differential test folds the same random log both ways). Rules:
 * - a change id counts once (a retry re-sends the same row);
 * - a customer field takes its newest change by (atMs, changeId), else the base table's value
 *   (a newest impact change of null also keeps the base table's value: the override withdrawn);
 * - a tag (compared folded: "VIP" and "vip" are one tag) follows its newest add/remove; a tag with
 *   no change keeps the base table's rows;
 * - notes are all kept; an alert is its first raise with its newest state (open when none);
 * - a campaign recipient, keyed by (campaign id, email), is its newest entry.
 * Changes for an email the base table lacks change nothing there.
 */
import type { SegmentRecord } from '../segments/fields';
import { tagShadows } from '../sql/encode';
import { newer, normaliseChange, type FieldChange, type WarehouseChange } from './change';

type Of<K extends WarehouseChange['kind']> = Extract<WarehouseChange, { kind: K }>;

/** Each change id once (the first copy), normalised as stored. */
export function uniqueChanges(log: readonly WarehouseChange[]): WarehouseChange[] {
  const seen = new Set<string>();
  const out: WarehouseChange[] = [];
  for (const raw of log) {
    const c = normaliseChange(raw);
    if (seen.has(c.changeId)) continue;
    seen.add(c.changeId);
    out.push(c);
  }
  return out;
}

/** The newest change per key. */
function newestBy<C extends WarehouseChange>(changes: readonly C[], key: (c: C) => string): Map<string, C> {
  const out = new Map<string, C>();
  for (const c of changes) {
    const k = key(c);
    const have = out.get(k);
    if (!have || newer(c, have)) out.set(k, c);
  }
  return out;
}

const only = <K extends WarehouseChange['kind']>(log: readonly WarehouseChange[], kind: K): Of<K>[] =>
  uniqueChanges(log).filter((c): c is Of<K> => c.kind === kind);

/** One field change applied to a record (a new record; the input is not touched). */
export function applyField(record: SegmentRecord, change: FieldChange): SegmentRecord {
  const out: SegmentRecord = { ...record, customer: { ...record.customer } };
  switch (change.field) {
    case 'status':
      out.customer.status = change.value;
      break;
    case 'risk_band':
      out.band = change.value;
      break;
    case 'risk_score':
      if (change.value === null) delete out.score;
      else out.score = change.value;
      break;
    case 'impact':
      // Null withdraws the hand-set impact: the record keeps the impact it was loaded with.
      if (change.value !== null) out.impact = change.value;
      break;
    case 'churn_ms':
      if (change.value === null) delete out.customer.churnDate;
      else out.customer.churnDate = new Date(change.value);
      break;
  }
  return out;
}

/** A tag's identity: its folded text, as the tags table's `tag__text` holds it. */
export const tagKey = (tag: string): string | null => tagShadows(tag).text as string | null;

/** The base records with every field and tag change applied. */
export function latestRecords(
  base: readonly SegmentRecord[],
  log: readonly WarehouseChange[],
): SegmentRecord[] {
  const group = <C extends { email: string }>(list: Iterable<C>) => {
    const out = new Map<string, C[]>();
    for (const c of list) out.set(c.email, [...(out.get(c.email) ?? []), c]);
    return out;
  };
  const fields = group(newestBy(only(log, 'field'), (c) => `${c.email}\u0000${c.field}`).values());
  const tags = group(newestBy(only(log, 'tag'), (c) => `${c.email}\u0000${tagKey(c.tag)}`).values());
  return base.map((record) => {
    let r = record;
    for (const c of fields.get(r.customer.email) ?? []) r = applyField(r, c);
    const changed = tags.get(r.customer.email);
    if (!changed) return r;
    const keys = new Set(changed.map((t) => tagKey(t.tag)));
    const kept = r.customer.tags.filter((t) => !keys.has(tagKey(t)));
    const added = changed.filter((t) => t.op === 'add').map((t) => t.tag);
    return { ...r, customer: { ...r.customer, tags: [...kept, ...added] } };
  });
}

/** Every note once, oldest first. */
export function latestNotes(log: readonly WarehouseChange[]): Of<'note'>[] {
  return only(log, 'note').sort((a, b) => (newer(a, b) ? 1 : -1));
}

export interface AlertState {
  raise: Of<'alert'>;
  state: Of<'alertState'>['state'];
  snoozedUntilMs: number | null;
}

/** Each raised alert (its first raise) with its newest state; open when no one touched it. */
export function latestAlerts(log: readonly WarehouseChange[]): Map<string, AlertState> {
  const first = new Map<string, Of<'alert'>>();
  for (const c of only(log, 'alert')) {
    const have = first.get(c.alertId);
    if (!have || newer(have, c)) first.set(c.alertId, c);
  }
  const states = newestBy(only(log, 'alertState'), (c) => c.alertId);
  const out = new Map<string, AlertState>();
  for (const [id, raise] of first) {
    const s = states.get(id);
    out.set(id, { raise, state: s?.state ?? 'open', snoozedUntilMs: s?.snoozedUntilMs ?? null });
  }
  return out;
}

/** Each campaign recipient's newest entry, keyed `campaignId \0 email`. */
export function latestCampaignLog(log: readonly WarehouseChange[]): Map<string, Of<'campaign'>> {
  return newestBy(only(log, 'campaign'), (c) => `${c.campaignId}\u0000${c.email}`);
}
