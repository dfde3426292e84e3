/**
 * A segment query (query.ts) compiled to a parameterised SQL condition over the customers table
 * (schema.ts), selecting exactly the customers `membersOf` selects. Every leaf is made two-valued
 * (COALESCE(…, FALSE)) so NOT and the negative operators include empty cells as the evaluator does:
 * "Plan != Pro" keeps customers with no plan. Text compares on the folded shadow, numbers and dates
 * on their comparable shadows; a list field (Tag) matches when any of its rows does.
 */
import { asNumber, betweenBounds, bound, splitList, type Bound, type Operator } from '../segments/conditions';
import { foldText } from '../segments/fold';
import type { Query } from '../segments/query';
import { ParamBag, type SqlQuery } from './params';
import { unportablePattern } from './regex-subset';
import {
  BUILT_IN_SQL,
  CURRENT_TABLES,
  identifier,
  TAG_COLUMN,
  type ColumnMap,
  type ReadTables,
  type FieldSql,
  type ShadowSuffix,
} from './schema';

export class SqlCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlCompileError';
  }
}

/** SQL expressions for one value's shadows (a column, a tag row, or a computed day count). */
export type ValueRef = Record<ShadowSuffix, string>;

/** An operator's "hit" over one value: may be NULL for an empty value (the caller makes it FALSE). */
export type HitSql = (ref: ValueRef, value: string, params: ParamBag) => string;

export type PositiveOperator = Exclude<Operator, '!=' | 'not contains' | 'not in' | 'is not empty'>;

const DAY_MS = 86_400_000;
const ORDERED: ReadonlySet<Operator> = new Set(['>', '>=', '<', '<=', 'between']);

function boundParam(b: Bound, params: ParamBag): string {
  return params.add(b.date ? 'INT64' : 'FLOAT64', b.value);
}

function comparison(symbol: '>' | '>=' | '<' | '<='): HitSql {
  return (ref, value, params) => {
    const b = bound(value);
    if (!b) throw new SqlCompileError(`'${symbol}' needs a number or a date, not '${value}'`);
    return `${b.date ? ref.day : ref.cmp} ${symbol} ${boundParam(b, params)}`;
  };
}

/** Folded text of a value; '' matches every non-empty value for contains/starts/ends, as in JS. */
function textTest(fn: (ref: string, p: string) => string): HitSql {
  return (ref, value, params) => {
    const folded = foldText(value.trim());
    return folded === '' ? `${ref.text} IS NOT NULL` : fn(ref.text, params.add('STRING', folded));
  };
}

/**
 * Each positive operator's SQL. Exported so a test can break one entry and see the differential
 * test fail; the compiler takes the table as an option for that.
 */
export const OPERATOR_SQL: Readonly<Record<PositiveOperator, HitSql>> = {
  '=': (ref, value, params) => {
    const t = params.add('STRING', foldText(value.trim()));
    const n = asNumber(value.trim());
    if (n === null) return `${ref.text} = ${t}`;
    // A number compares as a number ("MRR = 1,500"), anything else as folded text.
    const p = params.add('FLOAT64', n);
    return `(${ref.num} = ${p} OR (${ref.num} IS NULL AND ${ref.text} = ${t}))`;
  },
  '>': comparison('>'),
  '>=': comparison('>='),
  '<': comparison('<'),
  '<=': comparison('<='),
  between: (ref, value, params) => {
    const { lo, hi } = betweenBounds(value.trim());
    if (!lo || !hi || lo.date !== hi.date)
      throw new SqlCompileError(`'between' needs two numbers or dates, not '${value}'`);
    const col = lo.date ? ref.day : ref.cmp;
    return `(${col} >= ${boundParam(lo, params)} AND ${col} <= ${boundParam(hi, params)})`;
  },
  contains: textTest((text, p) => `STRPOS(${text}, ${p}) > 0`),
  'starts with': textTest((text, p) => `STARTS_WITH(${text}, ${p})`),
  'ends with': textTest((text, p) => `ENDS_WITH(${text}, ${p})`),
  in: (ref, value, params) => {
    const items = [...new Set(splitList(value.trim()).map(foldText))];
    if (items.length === 0) throw new SqlCompileError(`'in' needs a list, not '${value}'`);
    return `${ref.text} IN (${items.map((i) => params.add('STRING', i)).join(', ')})`;
  },
  matches: (ref, value, params) => {
    const pattern = value.trim();
    const why = unportablePattern(pattern);
    if (why)
      throw new SqlCompileError(`the pattern '${pattern}' uses ${why}, which the warehouse cannot run`);
    // JavaScript runs it with the i and u flags; RE2's (?i) is its Unicode case folding.
    return `REGEXP_CONTAINS(${ref.raw}, ${params.add('STRING', `(?i)${pattern}`)})`;
  },
  'is empty': (ref) => `${ref.text} IS NULL`,
};

/** The negative operators are NOT of their positive, so empty values are in them. */
const NEGATION: Readonly<Partial<Record<Operator, PositiveOperator>>> = {
  '!=': '=',
  'not contains': 'contains',
  'not in': 'in',
  'is not empty': 'is empty',
};

export interface CompileOptions {
  operators?: Readonly<Record<PositiveOperator, HitSql>>;
  /** The customers table's alias in the FROM clause. */
  alias?: string;
  /** What to read: the latest-state views by default, so ChurnGuard's own changes count. */
  tables?: ReadTables;
}

const shadowRef = (prefix: string, base: string): ValueRef => ({
  text: `${prefix}.${identifier(`${base}__text`)}`,
  raw: `${prefix}.${identifier(`${base}__raw`)}`,
  num: `${prefix}.${identifier(`${base}__num`)}`,
  cmp: `${prefix}.${identifier(`${base}__cmp`)}`,
  day: `${prefix}.${identifier(`${base}__day`)}`,
});

function daysRef(
  f: Extract<FieldSql, { kind: 'days' }>,
  alias: string,
  params: ParamBag,
  today: Date,
): ValueRef {
  const end = (which: string) =>
    which === 'today' ? params.shared('today', 'INT64', today.getTime()) : `${alias}.${identifier(which)}`;
  // days() in fields.ts: Math.floor((to - from) / DAY_MS), in doubles; always a whole number.
  const days = `FLOOR((${end(f.until)} - ${end(f.since)}) / ${DAY_MS})`;
  const text = `CAST(CAST(${days} AS INT64) AS STRING)`;
  return { text, raw: text, num: days, cmp: days, day: 'CAST(NULL AS INT64)' };
}

function fieldSql(field: { label: string; kind: 'builtIn' | 'column' }, map: ColumnMap): FieldSql {
  if (field.kind === 'builtIn') {
    const sql = BUILT_IN_SQL[field.label];
    if (!sql) throw new SqlCompileError(`the built-in field '${field.label}' has no warehouse column`);
    return sql;
  }
  const column = map.columns[field.label];
  if (!column)
    throw new SqlCompileError(
      `the warehouse table has no column for '${field.label}': add it to the table (or its view) and reload`,
    );
  return { kind: 'stored', column };
}

class Compiler {
  constructor(
    private readonly map: ColumnMap,
    private readonly params: ParamBag,
    private readonly today: Date,
    private readonly operators: Readonly<Record<PositiveOperator, HitSql>>,
    private readonly alias: string,
    private readonly tables: ReadTables,
  ) {}

  compile(q: Query): string {
    switch (q.kind) {
      case 'and':
      case 'or':
        return `(${q.items.map((i) => this.compile(i)).join(q.kind === 'and' ? ' AND ' : ' OR ')})`;
      case 'not':
        return `(NOT ${this.compile(q.item)})`;
      case 'condition': {
        const positive = NEGATION[q.operator];
        const leaf = this.positive(q.field, positive ?? (q.operator as PositiveOperator), q.value);
        return positive ? `(NOT ${leaf})` : leaf;
      }
    }
  }

  private positive(
    field: { label: string; kind: 'builtIn' | 'column' },
    op: PositiveOperator,
    value: string,
  ): string {
    const sql = fieldSql(field, this.map);
    const hit = this.operators[op];
    if (sql.kind === 'tags') {
      const tags = `${identifier(this.tables.tags)} AS t`;
      const same = `t.${identifier('row_id')} = ${this.alias}.${identifier('row_id')}`;
      // Tag is empty when the customer has no tag rows; otherwise any tag row may match.
      if (op === 'is empty') return `(NOT EXISTS (SELECT 1 FROM ${tags} WHERE ${same}))`;
      // parseQuery refuses "Tag > 5" (operatorMisfit in segments/fields.ts); a Query built by hand
      // gets the evaluator's answer, which compares a list as a whole and matches nobody.
      if (ORDERED.has(op)) return 'FALSE';
      return `EXISTS (SELECT 1 FROM ${tags} WHERE ${same} AND ${hit(shadowRef('t', TAG_COLUMN), value, this.params)})`;
    }
    const ref =
      sql.kind === 'days'
        ? daysRef(sql, this.alias, this.params, this.today)
        : shadowRef(this.alias, sql.column);
    return `COALESCE(${hit(ref, value, this.params)}, FALSE)`;
  }
}

/**
 * The condition for one query, adding its parameters to `params` (so several queries can share one
 * statement). Throws SqlCompileError naming a field with no column or a pattern RE2 cannot run.
 */
export function compileCondition(
  query: Query,
  map: ColumnMap,
  params: ParamBag,
  today: Date,
  options: CompileOptions = {},
): string {
  return new Compiler(
    map,
    params,
    today,
    options.operators ?? OPERATOR_SQL,
    options.alias ?? 'c',
    options.tables ?? CURRENT_TABLES,
  ).compile(query);
}

/** `SELECT row_id … WHERE <query> ORDER BY row_id`: the members, in source order. */
export function compileMembers(
  query: Query,
  map: ColumnMap,
  today: Date,
  options: CompileOptions = {},
): SqlQuery {
  const params = new ParamBag();
  const where = compileCondition(query, map, params, today, { ...options, alias: 'c' });
  return params.query(
    `SELECT c.${identifier('row_id')} AS row_id FROM ${identifier((options.tables ?? CURRENT_TABLES).customers)} AS c WHERE ${where} ORDER BY c.${identifier('row_id')}`,
  );
}
