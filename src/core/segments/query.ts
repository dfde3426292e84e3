/**
 * The segment query language, written in a sheet cell by a manager:
 *
 *   Impact in Severe, Hit AND MRR >= 500 AND NOT Tag = paused
 *   (Band = Critical OR Dormant days > 90) AND Owner = sofia@nimbus.example
 *   "Logins this month" < 3 AND Renewal days between 0..60
 *
 * A condition is a field (a built-in such as MRR or Dormant days, or any column header; quote it
 * when it holds an operator word), an operator (see conditions.ts) and a value (quote it when it
 * holds AND, OR or a parenthesis). AND binds tighter than OR; NOT applies to what follows it.
 * Parsing reports the first problem with the character where it was found.
 */
import { compileTest, OPERATOR_PHRASES, parseOperator, type Operator, type Test } from './conditions';
import {
  operatorMisfit,
  resolveField,
  type FieldContext,
  type ResolvedField,
  type SegmentRecord,
} from './fields';

export type Query =
  | { kind: 'and' | 'or'; items: Query[] }
  | { kind: 'not'; item: Query }
  | { kind: 'condition'; field: ResolvedField; operator: Operator; value: string; test: Test };

export class QueryError extends Error {
  constructor(
    message: string,
    /** 1-based character in the query where the problem is. */
    readonly at: number,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

const MAX_QUERY = 2000;
const MAX_DEPTH = 20;
const KEYWORD = /^(and|or|not)\b/i;
const SYMBOL_OPERATORS = ['>=', '<=', '!=', '<>', '==', '=', '>', '<'];

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly headers: readonly string[],
  ) {}

  parse(): Query {
    this.space();
    if (this.pos >= this.text.length) throw new QueryError('the query is empty', 1);
    const q = this.or();
    this.space();
    if (this.pos < this.text.length) {
      const rest = this.text.slice(this.pos);
      throw this.error(
        rest.startsWith(')')
          ? 'a ")" without its "("'
          : `expected AND, OR or the end, found '${rest.slice(0, 20)}'`,
      );
    }
    return q;
  }

  private error(message: string, at = this.pos): QueryError {
    return new QueryError(message, at + 1);
  }

  private space(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  private keyword(word: 'and' | 'or' | 'not'): boolean {
    this.space();
    const m = KEYWORD.exec(this.text.slice(this.pos));
    if (m && m[1]!.toLowerCase() === word) {
      this.pos += m[0].length;
      return true;
    }
    const symbol = word === 'and' ? '&&' : word === 'or' ? '||' : null;
    if (symbol && this.text.startsWith(symbol, this.pos)) {
      this.pos += 2;
      return true;
    }
    return false;
  }

  private or(): Query {
    const items = [this.and()];
    while (this.keyword('or')) items.push(this.and());
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private and(): Query {
    const items = [this.not()];
    while (this.keyword('and')) items.push(this.not());
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private not(): Query {
    if (this.keyword('not')) return { kind: 'not', item: this.not() };
    return this.primary();
  }

  private primary(): Query {
    this.space();
    if (this.text[this.pos] === '(') {
      if (++this.depth > MAX_DEPTH) throw this.error(`more than ${MAX_DEPTH} nested parentheses`);
      const open = this.pos;
      this.pos++;
      this.space();
      if (this.text[this.pos] === ')') throw this.error('empty parentheses');
      const inner = this.or();
      this.space();
      if (this.text[this.pos] !== ')') throw this.error('a "(" without its ")"', open);
      this.pos++;
      this.depth--;
      return inner;
    }
    if (this.pos >= this.text.length) throw this.error('expected a condition after AND, OR or NOT');
    return this.condition();
  }

  private quoted(): string | null {
    if (this.text[this.pos] !== '"') return null;
    const start = this.pos;
    let out = '';
    this.pos++;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos]!;
      if (ch === '"') {
        if (this.text[this.pos + 1] === '"') {
          out += '"';
          this.pos += 2;
          continue;
        }
        this.pos++;
        return out;
      }
      out += ch;
      this.pos++;
    }
    throw this.error('a quote without its closing quote', start);
  }

  /** The operator starting here (longest phrase first), as whole words. */
  private operatorHere(): { op: Operator; length: number } | null {
    const rest = this.text.slice(this.pos);
    for (const s of SYMBOL_OPERATORS)
      if (rest.startsWith(s)) return { op: parseOperator(s)!, length: s.length };
    const lower = rest.toLowerCase();
    for (const phrase of OPERATOR_PHRASES) {
      if (!/^[a-z]/.test(phrase)) continue;
      const words = phrase.split(' ');
      const re = new RegExp(
        `^${words.map((w) => w.replace(/'/g, "[']")).join('\\s+')}(?![\\p{L}\\p{N}_])`,
        'u',
      );
      const m = re.exec(lower);
      if (m) return { op: parseOperator(phrase)!, length: m[0].length };
    }
    return null;
  }

  private condition(): Query {
    const fieldStart = this.pos;
    let name = this.quoted();
    if (name === null) {
      // Words up to the operator: a field name may have spaces ("Dormant days").
      const words: string[] = [];
      for (;;) {
        this.space();
        if (this.pos >= this.text.length) break;
        if (words.length > 0 && this.operatorHere()) break;
        const m = /^[^\s()"=<>!]+/.exec(this.text.slice(this.pos));
        if (!m) break;
        words.push(m[0]);
        this.pos += m[0].length;
      }
      name = words.join(' ');
      if (!name) throw this.error('expected a field name, such as MRR or Industry', fieldStart);
    }
    const field = resolveField(name, this.headers);
    if (!field.ok) {
      // "Plan Pro": a known field followed by a value with no operator between them.
      const words = name.split(' ');
      for (let n = words.length - 1; n > 0 && !this.operatorHere(); n--) {
        const prefix = words.slice(0, n).join(' ');
        if (resolveField(prefix, this.headers).ok)
          throw this.error(
            `expected an operator after '${prefix}', such as =, contains, in or >=`,
            fieldStart + prefix.length + 1,
          );
      }
      throw this.error(field.message, fieldStart);
    }
    this.space();
    const found = this.operatorHere();
    if (!found) throw this.error(`expected an operator after '${name}', such as =, contains, in or >=`);
    this.pos += found.length;
    this.space();
    const valueStart = this.pos;
    const misfit = operatorMisfit(field.field, found.op);
    if (misfit) throw this.error(`${field.field.label}: ${misfit}`, valueStart);
    const value = found.op === 'is empty' || found.op === 'is not empty' ? '' : this.value(found.op);
    const compiled = compileTest(found.op, value);
    if (!compiled.ok) throw this.error(`${field.field.label}: ${compiled.message}`, valueStart);
    return { kind: 'condition', field: field.field, operator: found.op, value, test: compiled.test };
  }

  /** A quoted value, or the text up to AND, OR, a closing parenthesis or the end. */
  private value(op: Operator): string {
    const quoted = this.quoted();
    if (quoted !== null) {
      if (op === 'in' || op === 'not in') {
        // "a, b", "c" — a list of quoted items.
        const items = [quoted];
        for (;;) {
          this.space();
          if (this.text[this.pos] !== ',') break;
          this.pos++;
          this.space();
          items.push(this.quoted() ?? this.bare());
        }
        return items.map((i) => `"${i.replace(/"/g, '""')}"`).join(', ');
      }
      return quoted;
    }
    if (op === 'between') {
      // "between 0 and 60": the AND belongs to the bounds only when both sides are numbers or dates.
      const bound = '(-?\\d[\\d,]*(?:\\.\\d+)?|\\d{4}-\\d{2}-\\d{2})';
      const m = new RegExp(`^${bound}\\s+(?:and|to)\\s+${bound}(?=\\s|\\)|$)`, 'i').exec(
        this.text.slice(this.pos),
      );
      if (m) {
        this.pos += m[0].length;
        return `${m[1]}..${m[2]}`;
      }
    }
    return this.bare();
  }

  private bare(): string {
    const start = this.pos;
    while (this.pos < this.text.length) {
      const rest = this.text.slice(this.pos);
      if (rest[0] === ')' || rest[0] === '(') break;
      if (/^\s/.test(rest) && /^\s+(?:and|or|&&|\|\|)(?![\p{L}\p{N}_])/iu.test(rest)) break;
      this.pos++;
    }
    return this.text.slice(start, this.pos).trim();
  }
}

/** Parses a query against the customer sheet's headers; throws QueryError with the position. */
export function parseQuery(text: string, headers: readonly string[]): Query {
  if (text.length > MAX_QUERY)
    throw new QueryError(`the query is longer than ${MAX_QUERY} characters`, MAX_QUERY);
  return new Parser(text, headers).parse();
}

export function matches(query: Query, record: SegmentRecord, ctx: FieldContext): boolean {
  switch (query.kind) {
    case 'condition':
      return query.test(query.field.get(record, ctx));
    case 'not':
      return !matches(query.item, record, ctx);
    case 'and':
      return query.items.every((q) => matches(q, record, ctx));
    case 'or':
      return query.items.some((q) => matches(q, record, ctx));
  }
}

/** The query written back in one canonical form, for cards ("(A OR B) AND NOT C"). */
export function describeQuery(query: Query, parent?: 'and' | 'or'): string {
  switch (query.kind) {
    case 'condition': {
      const field =
        /[\s"]/.test(query.field.label) && query.field.kind === 'column'
          ? `"${query.field.label}"`
          : query.field.label;
      return query.value ? `${field} ${query.operator} ${query.value}` : `${field} ${query.operator}`;
    }
    case 'not':
      return `NOT ${describeQuery(query.item, 'and')}`;
    case 'and':
    case 'or': {
      const inner = query.items
        .map((q) => describeQuery(q, query.kind))
        .join(` ${query.kind.toUpperCase()} `);
      return parent && parent !== query.kind ? `(${inner})` : inner;
    }
  }
}
