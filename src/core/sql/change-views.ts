/**
 * DDL for the change tables and the latest-state views over them (issue 21), in the SQL both
 * BigQuery and DuckDB read the same way: the newest row per key is `ROW_NUMBER() OVER (PARTITION BY
 * key ORDER BY at_ms DESC, change_id DESC) = 1` in a derived table (no QUALIFY, which DuckDB and
 * BigQuery both have but BigQuery only with a WHERE/GROUP BY/HAVING beside it), so changes stamped
 * in the same millisecond resolve by change id on both engines, and a retried change (the same row
 * twice) is simply one of two equal rows. The views hold fixed lower-case literals (field names,
 * 'add', 'open'), never a value from a person; BigQuery refuses query parameters in a view body
 * (https://cloud.google.com/bigquery/docs/views, "View limitations").
 *
 * A BigQuery view's table references must name their dataset ("The default dataset doesn't affect a
 * view body", same page), so every reference here is `dataset`.`table` when a dataset is given.
 */
import { CHANGEABLE_FIELDS } from '../changes/change';
import { CHANGE_COLUMNS, CHANGE_TABLES, FIELD_SQL, shadowBaseOf, VALUE_COLUMN } from './change-tables';
import {
  CUSTOMERS_TABLE,
  CUSTOMERS_VIEW,
  customerColumns,
  identifier,
  SHADOWS,
  TAG_COLUMN,
  tagColumns,
  TAGS_TABLE,
  TAGS_VIEW,
  type ColumnMap,
  type SqlType,
} from './schema';

export const NOTES_VIEW = 'notes_current';
export const ALERTS_VIEW = 'alerts_current';
export const CAMPAIGN_LOG_VIEW = 'campaign_log_current';

export type OrderColumn = 'at_ms' | 'change_id';
export interface ViewOptions {
  /** Qualifies every table reference (BigQuery views need it); none for a local DuckDB. */
  dataset?: string;
  /**
   * Newest first. Exported as an option so a test can give a wrong order and see the
   * differential test fail (test/core/sql/change-views.mutation.test.ts).
   */
  order?: readonly (readonly [OrderColumn, 'ASC' | 'DESC'])[];
}

export const LATEST_FIRST: NonNullable<ViewOptions['order']> = [
  ['at_ms', 'DESC'],
  ['change_id', 'DESC'],
];

/** A fixed word as a SQL string literal; only ever a constant of this module. */
function word(w: string): string {
  if (!/^[a-z][a-z_]*$/.test(w)) throw new Error(`'${w}' is not a fixed word`);
  return `'${w}'`;
}

class Views {
  constructor(private readonly options: ViewOptions) {}

  table(name: string): string {
    const d = this.options.dataset;
    return d ? `${identifier(d)}.${identifier(name)}` : identifier(name);
  }

  order(alias: string, flip = false): string {
    return (this.options.order ?? LATEST_FIRST)
      .map(([c, dir]) => `${alias}.${identifier(c)} ${flip === (dir === 'DESC') ? 'ASC' : 'DESC'}`)
      .join(', ');
  }

  /** The first row per key of a change table (newest, or oldest with `flip`), its columns only. */
  first(table: string, columns: readonly string[], key: readonly string[], flip = false): string {
    const cols = (a: string) => columns.map((c) => `${a}.${identifier(c)} AS ${identifier(c)}`).join(', ');
    const part = key.map((k) => `x.${identifier(k)}`).join(', ');
    return (
      `(SELECT ${cols('z')} FROM (SELECT ${cols('x')}, ROW_NUMBER() OVER (PARTITION BY ${part} ` +
      `ORDER BY ${this.order('x', flip)}) AS rn FROM ${this.table(table)} AS x) AS z WHERE z.rn = 1)`
    );
  }
}

/** Fields whose newest change of null means "no change of ours": the base table's value shows. */
const NULL_KEEPS_BASE: ReadonlySet<string> = new Set(['impact']);

const namesOf = (cols: readonly (readonly [string, SqlType])[]) => cols.map(([n]) => n);

/** `CREATE TABLE` for every change table, in BigQuery's types. */
export function createChangeTablesSql(options: ViewOptions = {}): string[] {
  const v = new Views(options);
  return Object.entries(CHANGE_TABLES).map(([kind, name]) => {
    const cols = CHANGE_COLUMNS[kind as keyof typeof CHANGE_TABLES];
    return `CREATE TABLE IF NOT EXISTS ${v.table(name)} (${cols.map(([n, t]) => `${identifier(n)} ${t}`).join(', ')})`;
  });
}

/**
 * The customers table with each changeable field's newest change laid over it: one pivot of the
 * newest change per (email, field), joined once by email.
 */
function customersView(map: ColumnMap, v: Views): string {
  const fieldCols = namesOf(CHANGE_COLUMNS.field);
  const latest = v.first(CHANGE_TABLES.field, fieldCols, ['email', 'field']);
  const pivot: string[] = [];
  const overridden = new Map<string, string>();
  for (const f of CHANGEABLE_FIELDS) {
    const is = `z.${identifier('field')} = ${word(f)}`;
    const typed = FIELD_SQL[f].type === 'STRING' ? 'value_string' : 'value_float';
    // A null impact withdraws the hand-set impact (change.ts): the newest change then lays nothing over the base.
    const laid = NULL_KEEPS_BASE.has(f) ? `${is} AND z.${identifier(typed)} IS NOT NULL` : is;
    pivot.push(`MAX(CASE WHEN ${laid} THEN 1 ELSE 0 END) AS ${identifier(`has_${f}`)}`);
    const base = shadowBaseOf(f);
    const sources: [string, string][] = [
      [f, typed],
      ...(base
        ? SHADOWS.map((s): [string, string] => [`${base}__${s.suffix}`, `${VALUE_COLUMN}__${s.suffix}`])
        : []),
    ];
    for (const [target, source] of sources) {
      const alias = `v_${target}`;
      pivot.push(`MAX(CASE WHEN ${is} THEN z.${identifier(source)} END) AS ${identifier(alias)}`);
      // An INT64 field travels in value_float; the view gives it back its column's type.
      const value =
        target === f && FIELD_SQL[f].type === 'INT64'
          ? `CAST(l.${identifier(alias)} AS INT64)`
          : `l.${identifier(alias)}`;
      overridden.set(
        target,
        `CASE WHEN l.${identifier(`has_${f}`)} = 1 THEN ${value} ELSE b.${identifier(target)} END`,
      );
    }
  }
  const select = customerColumns(map)
    .map((c) => `${overridden.get(c.name) ?? `b.${identifier(c.name)}`} AS ${identifier(c.name)}`)
    .join(', ');
  const l = `(SELECT z.${identifier('email')} AS ${identifier('email')}, ${pivot.join(', ')} FROM ${latest} AS z GROUP BY z.${identifier('email')})`;
  return `SELECT ${select} FROM ${v.table(CUSTOMERS_TABLE)} AS b LEFT JOIN ${l} AS l ON l.${identifier('email')} = b.${identifier('email')}`;
}

/** Base tags whose (customer, folded tag) has no change, plus each tag whose newest change adds it. */
function tagsView(v: Views): string {
  const cols = namesOf(tagColumns().map((c) => [c.name, c.type] as const)).filter((c) => c !== 'row_id');
  const text = identifier(`${TAG_COLUMN}__text`);
  const id = identifier('row_id');
  const email = identifier('email');
  const base =
    `SELECT t.${id} AS ${id}, ${cols.map((c) => `t.${identifier(c)} AS ${identifier(c)}`).join(', ')} ` +
    `FROM ${v.table(TAGS_TABLE)} AS t WHERE NOT EXISTS (SELECT 1 FROM ${v.table(CUSTOMERS_TABLE)} AS b ` +
    `JOIN ${v.table(CHANGE_TABLES.tag)} AS x ON x.${email} = b.${email} WHERE b.${id} = t.${id} AND x.${text} = t.${text})`;
  const latest = v.first(CHANGE_TABLES.tag, namesOf(CHANGE_COLUMNS.tag), ['email', `${TAG_COLUMN}__text`]);
  const added =
    `SELECT b.${id} AS ${id}, ${cols.map((c) => `l.${identifier(c)} AS ${identifier(c)}`).join(', ')} ` +
    `FROM ${v.table(CUSTOMERS_TABLE)} AS b JOIN ${latest} AS l ON l.${email} = b.${email} WHERE l.${identifier('op')} = ${word('add')}`;
  return `${base} UNION ALL ${added}`;
}

/** Each alert's first raise with its newest state ('open' when none). */
function alertsView(v: Views): string {
  const raise = v.first(CHANGE_TABLES.alert, namesOf(CHANGE_COLUMNS.alert), ['alert_id'], true);
  const state = v.first(CHANGE_TABLES.alertState, namesOf(CHANGE_COLUMNS.alertState), ['alert_id']);
  const a = (c: string) => `a.${identifier(c)} AS ${identifier(c)}`;
  const id = identifier('alert_id');
  return (
    `SELECT ${['alert_id', 'email', 'kind', 'reason', 'customer', 'owner', 'move', 'author', 'at_ms'].map(a).join(', ')}, ` +
    `COALESCE(s.${identifier('state')}, ${word('open')}) AS ${identifier('state')}, ` +
    `s.${identifier('snoozed_until_ms')} AS ${identifier('snoozed_until_ms')} ` +
    `FROM ${raise} AS a LEFT JOIN ${state} AS s ON s.${id} = a.${id}`
  );
}

/** Every view's `CREATE OR REPLACE VIEW` (the customers view depends on the column map). */
export function createViewsSql(map: ColumnMap, options: ViewOptions = {}): string[] {
  const v = new Views(options);
  const view = (name: string, body: string) => `CREATE OR REPLACE VIEW ${v.table(name)} AS ${body}`;
  const all = (kind: 'note' | 'campaign', key: string[]) =>
    `SELECT * FROM ${v.first(CHANGE_TABLES[kind], namesOf(CHANGE_COLUMNS[kind]), key)} AS w`;
  return [
    view(CUSTOMERS_VIEW, customersView(map, v)),
    view(TAGS_VIEW, tagsView(v)),
    // A note is never "latest": every note once (a retry's copy dropped).
    view(NOTES_VIEW, all('note', ['change_id'])),
    view(ALERTS_VIEW, alertsView(v)),
    view(CAMPAIGN_LOG_VIEW, all('campaign', ['campaign_id', 'email'])),
  ];
}
