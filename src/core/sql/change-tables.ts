/**
 * The append-only tables ChurnGuard writes its changes to (issue 21), and each change as its row.
 * Nothing here is ever updated or deleted: concurrent writers only ever add rows, and the
 * latest-state views (change-views.ts) decide what is current. A field change carries the value's
 * shadow columns, computed by the evaluator's own functions on a record with the change applied,
 * so "Status = churned" or "Risk > 70" compare the same on a changed customer as on a loaded one.
 */
import { applyField } from '../changes/latest';
import { normaliseChange, type ChangeableField, type WarehouseChange } from '../changes/change';
import { resolveField, type SegmentRecord } from '../segments/fields';
import { shadowsOf, tagShadows, type Shadows, type SqlValue } from './encode';
import { BUILT_IN_SQL, SHADOWS, TAG_COLUMN, type SqlType } from './schema';

export const CHANGE_TABLES = {
  field: 'customer_changes',
  tag: 'tag_changes',
  note: 'notes',
  alert: 'alerts',
  alertState: 'alert_changes',
  campaign: 'campaign_log',
} as const satisfies Record<WarehouseChange['kind'], string>;

/** The value columns of a field change: the typed value and its shadows under `value`. */
export const VALUE_COLUMN = 'value';

/**
 * Each changeable field's typed column type and the segment field (label) it feeds, if any. A
 * number is kept in the change table's `value_float` (an INT64 field's epoch ms are exact there, far
 * below 2^53) and cast back to its column's type by the view.
 */
export const FIELD_SQL: Readonly<Record<ChangeableField, { type: SqlType; label?: string }>> = {
  status: { type: 'STRING', label: 'Status' },
  risk_score: { type: 'FLOAT64', label: 'Risk' },
  risk_band: { type: 'STRING', label: 'Band' },
  impact: { type: 'STRING', label: 'Impact' },
  // The churn date feeds the month trend and the value lines, no segment field: no shadows.
  churn_ms: { type: 'INT64' },
};

/** The shadow base column a changeable field's shadows live under in the customers table (none: no segment field). */
export function shadowBaseOf(field: ChangeableField): string | undefined {
  const label = FIELD_SQL[field].label;
  if (!label) return undefined;
  const sql = BUILT_IN_SQL[label];
  if (sql?.kind !== 'stored') throw new Error(`${field} has no stored shadows`);
  return sql.column;
}

type Columns = readonly (readonly [string, SqlType])[];
const shadowCols = (base: string): Columns => SHADOWS.map((s) => [`${base}__${s.suffix}`, s.type] as const);
const STAMP_HEAD: Columns = [['change_id', 'STRING']];
const STAMP_TAIL: Columns = [
  ['author', 'STRING'],
  ['at_ms', 'INT64'],
];

/** Every change table's columns, in insert order. */
export const CHANGE_COLUMNS: Readonly<Record<WarehouseChange['kind'], Columns>> = {
  field: [
    ...STAMP_HEAD,
    ['email', 'STRING'],
    ['field', 'STRING'],
    ['value_string', 'STRING'],
    ['value_float', 'FLOAT64'],
    ...shadowCols(VALUE_COLUMN),
    ...STAMP_TAIL,
  ],
  tag: [...STAMP_HEAD, ['email', 'STRING'], ['op', 'STRING'], ...shadowCols(TAG_COLUMN), ...STAMP_TAIL],
  note: [...STAMP_HEAD, ['email', 'STRING'], ['text', 'STRING'], ...STAMP_TAIL],
  alert: [
    ...STAMP_HEAD,
    ['alert_id', 'STRING'],
    ['email', 'STRING'],
    ['kind', 'STRING'],
    ['reason', 'STRING'],
    ['customer', 'STRING'],
    ['owner', 'STRING'],
    ['move', 'STRING'],
    ...STAMP_TAIL,
  ],
  alertState: [
    ...STAMP_HEAD,
    ['alert_id', 'STRING'],
    ['state', 'STRING'],
    ['snoozed_until_ms', 'INT64'],
    ...STAMP_TAIL,
  ],
  campaign: [
    ...STAMP_HEAD,
    ['campaign_id', 'STRING'],
    ['email', 'STRING'],
    ['status', 'STRING'],
    ['recipient_group', 'STRING'],
    ['detail', 'STRING'],
    ['template', 'STRING'],
    ['language', 'STRING'],
    ...STAMP_TAIL,
  ],
};

const BLANK: SegmentRecord = {
  customer: { row: 0, email: '', tags: [], status: 'active', unsubscribed: false, raw: {} },
  band: 'Unknown',
};

/** A field value's shadows: the segment field read from a record carrying just that value. */
export function fieldShadows(change: Extract<WarehouseChange, { kind: 'field' }>): Shadows {
  const label = FIELD_SQL[change.field].label;
  if (!label) return shadowsOf(undefined);
  const field = resolveField(label, []);
  if (!field.ok) throw new Error(field.message);
  const v = field.field.get(applyField(BLANK, change), { today: new Date(0) });
  if (Array.isArray(v)) throw new Error(`${change.field} is a list`);
  return shadowsOf(v as string | number | Date | undefined);
}

const prefixed = (base: string, s: Shadows) =>
  Object.fromEntries(Object.entries(s).map(([k, v]) => [`${base}__${k}`, v]));

/** One change as its table's row (column → value). */
export function changeRow(raw: WarehouseChange): Record<string, SqlValue> {
  const c = normaliseChange(raw);
  const stamp = { change_id: c.changeId, author: c.author, at_ms: c.atMs };
  switch (c.kind) {
    case 'field':
      return {
        ...stamp,
        email: c.email,
        field: c.field,
        value_string: FIELD_SQL[c.field].type === 'STRING' ? (c.value as string | null) : null,
        value_float: FIELD_SQL[c.field].type !== 'STRING' ? (c.value as number | null) : null,
        ...prefixed(VALUE_COLUMN, fieldShadows(c)),
      };
    case 'tag':
      return { ...stamp, email: c.email, op: c.op, ...prefixed(TAG_COLUMN, tagShadows(c.tag)) };
    case 'note':
      return { ...stamp, email: c.email, text: c.text };
    case 'alert':
      return {
        ...stamp,
        alert_id: c.alertId,
        email: c.email,
        kind: c.alertKind,
        reason: c.reason,
        customer: c.customer ?? null,
        owner: c.owner ?? null,
        move: c.move ?? null,
      };
    case 'alertState':
      return { ...stamp, alert_id: c.alertId, state: c.state, snoozed_until_ms: c.snoozedUntilMs };
    case 'campaign':
      return {
        ...stamp,
        campaign_id: c.campaignId,
        email: c.email,
        status: c.status,
        recipient_group: c.group,
        detail: c.detail,
        template: c.template || null,
        language: c.language || null,
      };
  }
}
