/**
 * A customer as a warehouse row: the typed base columns and every field's shadow columns, computed
 * by the same functions the in-memory evaluator uses (conditions.ts), so a compiled query and
 * `membersOf` see the same text, numbers and dates. This is the loader's one source of truth.
 */
import { comparable, isEmpty, textOf } from '../segments/conditions';
import { columnValue, resolveField, type FieldValue, type SegmentRecord } from '../segments/fields';
import { BUILT_IN_SQL, TAG_COLUMN, type ColumnMap, type ShadowSuffix } from './schema';

export type SqlValue = string | number | null;
export type Shadows = Record<ShadowSuffix, SqlValue>;

/**
 * A comparable that is not a number (an impossible date such as 2026-13-45 parses to NaN) is
 * stored as NULL: NaN compares false in JavaScript, NULL is made false by the compiled SQL.
 */
const finite = (n: number | null): number | null => (n !== null && Number.isFinite(n) ? n : null);

const NO_SHADOWS: Shadows = { text: null, raw: null, num: null, cmp: null, day: null };

/** The shadows of one scalar value (a list's element, or a field that is not a list). */
export function shadowsOf(value: string | number | Date | undefined): Shadows {
  if (value === undefined || isEmpty(value)) return NO_SHADOWS;
  return {
    text: textOf(value),
    raw: value instanceof Date ? value.toISOString().slice(0, 10) : String(value),
    num: typeof value === 'number' ? value : null,
    cmp: finite(comparable(value, false)),
    day: finite(comparable(value, true)),
  };
}

/** Fields read through their getter; "days" fields are computed in SQL from today. */
const NO_TODAY = { today: new Date(0) };

function put(row: Record<string, SqlValue>, base: string, value: FieldValue): void {
  if (Array.isArray(value)) throw new Error(`field ${base} is a list; only Tag may be one`);
  const s = shadowsOf(value as string | number | Date | undefined);
  for (const [suffix, v] of Object.entries(s)) row[`${base}__${suffix}`] = v;
}

type Getter = (r: SegmentRecord) => FieldValue;

/** Each stored field's base column and getter, resolved once per column map (1M rows load in one pass). */
const GETTERS = new WeakMap<ColumnMap, [string, Getter][]>();

function gettersFor(map: ColumnMap): [string, Getter][] {
  const have = GETTERS.get(map);
  if (have) return have;
  const out: [string, Getter][] = [];
  for (const [label, sql] of Object.entries(BUILT_IN_SQL)) {
    if (sql.kind !== 'stored') continue;
    const field = resolveField(label, []);
    if (!field.ok) throw new Error(field.message);
    out.push([sql.column, (r) => field.field.get(r, NO_TODAY)]);
  }
  // Every header's cell, also one a built-in shadows ("Status"): no query reads those columns, but
  // the sidebar rebuilds the source row from every column's raw value (column-table.ts).
  for (const [header, column] of Object.entries(map.columns))
    out.push([column, (r) => columnValue(r, header)]);
  GETTERS.set(map, out);
  return out;
}

/** The customers table row of one record. */
export function customerRow(record: SegmentRecord, map: ColumnMap): Record<string, SqlValue> {
  const c = record.customer;
  const row: Record<string, SqlValue> = {
    row_id: c.row,
    email: c.email,
    name: c.name ?? null,
    company: c.company ?? null,
    mrr: c.mrr ?? null,
    risk_score: record.score ?? null,
    risk_band: record.band,
    impact: record.impact ?? null,
    status: c.status,
    last_activity_ms: c.lastActivity ? c.lastActivity.getTime() : null,
    renewal_ms: c.renewalDate ? c.renewalDate.getTime() : null,
    start_ms: c.startDate ? c.startDate.getTime() : null,
    tenure_months: c.tenureMonths ?? null,
    churn_ms: c.churnDate ? c.churnDate.getTime() : null,
  };
  for (const [column, get] of gettersFor(map)) put(row, column, get(record));
  return row;
}

/** The tags table rows of one record, one per tag (an element is never "empty": it was typed). */
export function tagRows(record: SegmentRecord): Record<string, SqlValue>[] {
  return record.customer.tags.map((tag) => {
    const s: Shadows =
      tag === ''
        ? { text: '', raw: '', num: null, cmp: null, day: null }
        : {
            text: textOf(tag),
            raw: tag,
            num: null,
            cmp: finite(comparable(tag, false)),
            day: finite(comparable(tag, true)),
          };
    const row: Record<string, SqlValue> = { row_id: record.customer.row };
    for (const [suffix, v] of Object.entries(s)) row[`${TAG_COLUMN}__${suffix}`] = v;
    return row;
  });
}
