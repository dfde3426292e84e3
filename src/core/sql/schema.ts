/**
 * The warehouse table ChurnGuard queries instead of a sheet (issue 21). ChurnGuard writes it from the
 * team's own table or view: one row per customer with a few typed columns for the cards, ChurnGuard's
 * computed columns (risk_score, risk_band, impact), and for every field a segment can name five
 * "shadow" columns holding the field as the in-memory evaluator sees it (folded text, raw text, the
 * number it is, the number it compares as, the date it compares as). The shadows are computed by the
 * same TypeScript as the evaluator (encode.ts), so the SQL only compares; text folding, accent
 * stripping and "1,500"-as-a-number parsing never have to be re-implemented in two SQL dialects.
 * Tags, a list, live in their own table (one row per tag) because BigQuery and DuckDB read UNNEST
 * aliases differently.
 *
 * Identifiers are fixed here (or derived from a header by `columnMapFor` and checked), never taken
 * from a query's text; values only ever reach SQL as parameters.
 */
import { BUILT_IN_FIELD_NAMES } from '../segments/fields';

export const CUSTOMERS_TABLE = 'customers';
export const TAGS_TABLE = 'customer_tags';
/** Header ↔ column mapping the loader writes with the table (column-table.ts). */
export const COLUMNS_TABLE = 'customer_columns';

/** BigQuery's names; the DuckDB adapter maps them (dialect.ts). */
export type SqlType = 'STRING' | 'FLOAT64' | 'INT64';

/** The typed columns the cards and the aggregates read. */
export const BASE_COLUMNS = [
  { name: 'row_id', type: 'INT64', about: 'stable order of the source (the sheet row)' },
  { name: 'email', type: 'STRING', about: 'lower-cased address, the identity' },
  { name: 'name', type: 'STRING', about: 'display name' },
  { name: 'company', type: 'STRING', about: 'company' },
  { name: 'mrr', type: 'FLOAT64', about: 'monthly recurring revenue, NULL when unknown' },
  { name: 'risk_score', type: 'FLOAT64', about: 'ChurnGuard risk score 0-100, NULL when unscored' },
  { name: 'risk_band', type: 'STRING', about: 'Critical, High, Medium, Low or Unknown' },
  { name: 'impact', type: 'STRING', about: 'effective crisis impact: severe, hit, stable, booming or NULL' },
  { name: 'status', type: 'STRING', about: 'active or churned' },
  { name: 'last_activity_ms', type: 'INT64', about: 'last activity, epoch ms (Dormant days)' },
  { name: 'renewal_ms', type: 'INT64', about: 'renewal date, epoch ms (Renewal days)' },
  // The month trend and the revenue-to-date value basis (trend.ts, value-lines.ts) place customers in time.
  { name: 'start_ms', type: 'INT64', about: 'start date, epoch ms' },
  { name: 'tenure_months', type: 'FLOAT64', about: 'tenure in months, when the sheet gives no start date' },
  {
    name: 'churn_ms',
    type: 'INT64',
    about: 'churn date, epoch ms (a churned customer without one is in no month)',
  },
] as const satisfies readonly { name: string; type: SqlType; about: string }[];

/** The shadow columns of one field, `<base>__<suffix>`. */
export const SHADOWS = [
  {
    suffix: 'text',
    type: 'STRING',
    about: 'folded text (lower case, no accents, spaces collapsed); NULL = empty',
  },
  { suffix: 'raw', type: 'STRING', about: 'the value as text, unfolded (what `matches` reads)' },
  { suffix: 'num', type: 'FLOAT64', about: 'the value when it is a number' },
  { suffix: 'cmp', type: 'FLOAT64', about: 'the number it compares as (numbers, numeric text)' },
  { suffix: 'day', type: 'INT64', about: 'the date it compares as, epoch ms (dates, YYYY-MM-DD text)' },
] as const satisfies readonly { suffix: string; type: SqlType; about: string }[];
export type ShadowSuffix = (typeof SHADOWS)[number]['suffix'];

/** How a segment field is found in the table. */
export type FieldSql =
  /** Shadow columns `<column>__text` … in the customers table. */
  | { kind: 'stored'; column: string }
  /** Whole days between two instants, one of them today (a parameter): computed, never stored. */
  | { kind: 'days'; since: 'last_activity_ms' | 'today'; until: 'renewal_ms' | 'today' }
  /** The tags table, one row per tag with the same shadow columns under `tag`. */
  | { kind: 'tags' };

/** Every built-in segment field (fields.ts) by its label. */
export const BUILT_IN_SQL: Readonly<Record<string, FieldSql>> = {
  Email: { kind: 'stored', column: 'email' },
  Name: { kind: 'stored', column: 'name' },
  Company: { kind: 'stored', column: 'company' },
  Industry: { kind: 'stored', column: 'industry' },
  Plan: { kind: 'stored', column: 'plan' },
  Owner: { kind: 'stored', column: 'owner' },
  MRR: { kind: 'stored', column: 'mrr' },
  Tag: { kind: 'tags' },
  Impact: { kind: 'stored', column: 'impact' },
  Band: { kind: 'stored', column: 'band' },
  Risk: { kind: 'stored', column: 'risk' },
  Status: { kind: 'stored', column: 'status' },
  'Dormant days': { kind: 'days', since: 'last_activity_ms', until: 'today' },
  'Renewal days': { kind: 'days', since: 'today', until: 'renewal_ms' },
  'Usage change': { kind: 'stored', column: 'usage_change' },
  NPS: { kind: 'stored', column: 'nps' },
  'Days late': { kind: 'stored', column: 'days_late' },
  'Overdue invoices': { kind: 'stored', column: 'overdue_invoices' },
  'Open tickets': { kind: 'stored', column: 'open_tickets' },
  Complaints: { kind: 'stored', column: 'complaints' },
  Unsubscribed: { kind: 'stored', column: 'unsubscribed' },
};

/** The tag shadows' base name in the tags table. */
export const TAG_COLUMN = 'tag';

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;

export class SqlSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlSchemaError';
  }
}

/** A column identifier, checked: only these characters ever appear between backticks. */
export function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new SqlSchemaError(`'${name}' is not a safe column name`);
  return `\`${name}\``;
}

/** The sheet's own columns (any header a segment may name), each with its table column. */
export interface ColumnMap {
  /** Header (as the customer sheet spells it) → base column of its shadows. */
  columns: Readonly<Record<string, string>>;
}

const BUILT_IN_COLUMNS = new Set(
  Object.values(BUILT_IN_SQL).flatMap((f) => (f.kind === 'stored' ? [f.column] : [])),
);

/**
 * The table columns for the sheet's headers: `col_` and the header in lower-case letters, digits
 * and underscores ("Logins this month" → col_logins_this_month), numbered on a clash. Fixed when the
 * table is written and kept with it, so the loader and the compiler agree.
 */
export function columnMapFor(headers: readonly string[]): ColumnMap {
  const used = new Set<string>([...BUILT_IN_COLUMNS, ...BASE_COLUMNS.map((c) => c.name)]);
  const columns: Record<string, string> = {};
  for (const header of headers) {
    if (header in columns) continue;
    const slug =
      header
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '')
        .slice(0, 40) || 'column';
    let name = `col_${slug}`;
    for (let n = 2; used.has(name); n++) name = `col_${slug}_${n}`;
    used.add(name);
    columns[header] = name;
  }
  return { columns };
}

/** Every stored field's shadow base, built-ins first, then the sheet's columns. */
export function storedBases(map: ColumnMap): string[] {
  return [...BUILT_IN_COLUMNS, ...Object.values(map.columns)];
}

/** The customers table's columns and types. */
export function customerColumns(map: ColumnMap): { name: string; type: SqlType }[] {
  return [
    ...BASE_COLUMNS.map((c) => ({ name: c.name, type: c.type as SqlType })),
    ...storedBases(map).flatMap((base) =>
      SHADOWS.map((s) => ({ name: `${base}__${s.suffix}`, type: s.type as SqlType })),
    ),
  ];
}

export function tagColumns(): { name: string; type: SqlType }[] {
  return [
    { name: 'row_id', type: 'INT64' },
    ...SHADOWS.map((s) => ({ name: `${TAG_COLUMN}__${s.suffix}`, type: s.type as SqlType })),
  ];
}

export function columnTableColumns(): { name: string; type: SqlType }[] {
  return [
    { name: 'position', type: 'INT64' },
    { name: 'header', type: 'STRING' },
    { name: 'column_name', type: 'STRING' },
  ];
}

/** `CREATE TABLE` statements in BigQuery's types (dialect.ts maps them for DuckDB). */
export function createTablesSql(map: ColumnMap, dataset = ''): string[] {
  const table = (name: string) => (dataset ? `${identifier(dataset)}.${identifier(name)}` : identifier(name));
  const cols = (list: { name: string; type: SqlType }[]) =>
    list.map((c) => `${identifier(c.name)} ${c.type}`).join(', ');
  return [
    `CREATE TABLE ${table(CUSTOMERS_TABLE)} (${cols(customerColumns(map))})`,
    `CREATE TABLE ${table(TAGS_TABLE)} (${cols(tagColumns())})`,
    // Which column holds which header (column-table.ts): what the add-on reads to rebuild a row.
    `CREATE TABLE ${table(COLUMNS_TABLE)} (${cols(columnTableColumns())})`,
  ];
}

/** Checked once at load: every built-in field has its SQL. */
export function missingBuiltIns(): string[] {
  return BUILT_IN_FIELD_NAMES.filter((label) => !(label in BUILT_IN_SQL));
}
