/**
 * One condition, "Industry contains hotel" or "MRR >= 500": an operator, its value checked once
 * when the rule or query is read, and a test over a customer's field. Text compares without case or
 * accents; a tag list matches when any tag does; an empty cell matches only "is empty" and the
 * negative operators, so "Plan != Pro" includes customers with no plan.
 */
import { foldText } from './fold';
import type { FieldValue } from './fields';

export const OPERATORS = [
  '=',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  'contains',
  'not contains',
  'starts with',
  'ends with',
  'matches',
  'in',
  'not in',
  'between',
  'is empty',
  'is not empty',
] as const;
export type Operator = (typeof OPERATORS)[number];

/** Words a person may type for each operator. */
const OPERATOR_WORDS: Record<string, Operator> = {
  '=': '=',
  '==': '=',
  is: '=',
  equals: '=',
  'is equal to': '=',
  '!=': '!=',
  '<>': '!=',
  'is not': '!=',
  'not equals': '!=',
  'does not equal': '!=',
  '>': '>',
  'greater than': '>',
  'more than': '>',
  over: '>',
  '>=': '>=',
  'at least': '>=',
  '<': '<',
  'less than': '<',
  under: '<',
  '<=': '<=',
  'at most': '<=',
  contains: 'contains',
  has: 'contains',
  includes: 'contains',
  'not contains': 'not contains',
  'does not contain': 'not contains',
  "doesn't contain": 'not contains',
  'starts with': 'starts with',
  'begins with': 'starts with',
  'ends with': 'ends with',
  matches: 'matches',
  regex: 'matches',
  in: 'in',
  'is one of': 'in',
  'one of': 'in',
  'not in': 'not in',
  'is not one of': 'not in',
  between: 'between',
  'is empty': 'is empty',
  empty: 'is empty',
  'is blank': 'is empty',
  'is not empty': 'is not empty',
  'not empty': 'is not empty',
  'is not blank': 'is not empty',
  'is set': 'is not empty',
};

export function parseOperator(text: string): Operator | null {
  return OPERATOR_WORDS[text.trim().toLowerCase().replace(/\s+/g, ' ')] ?? null;
}

/** The longest operator words first, so "is not empty" wins over "is not" and "is". */
export const OPERATOR_PHRASES: readonly string[] = Object.keys(OPERATOR_WORDS).sort(
  (a, b) => b.split(' ').length - a.split(' ').length || b.length - a.length,
);

export type Test = (value: FieldValue) => boolean;

const MAX_PATTERN = 200;
const NUMBER = /^-?\d+(?:\.\d+)?$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function asNumber(text: string): number | null {
  const t = text.trim().replace(/[,_ ](?=\d{3}\b)/g, '');
  return NUMBER.test(t) ? Number(t) : null;
}

/** A comparable number for a cell: numbers as they are, dates as time, numeric text parsed. */
export function comparable(value: FieldValue, wantDate: boolean): number | null {
  if (typeof value === 'number') return wantDate ? null : value;
  if (value instanceof Date) return wantDate ? value.getTime() : null;
  if (typeof value === 'string') {
    if (wantDate) return ISO_DAY.test(value.trim()) ? Date.parse(`${value.trim()}T00:00:00Z`) : null;
    return asNumber(value);
  }
  return null;
}

export type Bound = { value: number; date: boolean };

export function bound(text: string): Bound | null {
  const t = text.trim();
  if (ISO_DAY.test(t)) {
    const ms = Date.parse(`${t}T00:00:00Z`);
    return Number.isNaN(ms) ? null : { value: ms, date: true };
  }
  const n = asNumber(t);
  return n === null ? null : { value: n, date: false };
}

export const textOf = (v: string | number | Date) =>
  foldText(v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

export const isEmpty = (v: FieldValue) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Any element of a list (tags) or the single value matches. */
function some(value: FieldValue, test: (v: string | number | Date) => boolean): boolean {
  if (isEmpty(value)) return false;
  if (Array.isArray(value)) return value.some((v) => test(v));
  return test(value as string | number | Date);
}

/** Splits "a, b, c" (commas; a quoted item may hold one). */
export function splitList(text: string): string[] {
  const items: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([^,]*))\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text))) {
    const item = m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? '').trim();
    if (item) items.push(item);
    if (m[0] === '') break;
  }
  return items;
}

/** The two bounds of "100..500" / "2026-01-01 to 2026-03-31" (null where a side is not a bound). */
export function betweenBounds(value: string): { lo: Bound | null; hi: Bound | null } {
  const parts = value.split(/\s*(?:\.\.|\bto\b|\band\b)\s*/i);
  return {
    lo: parts.length === 2 ? bound(parts[0]!) : null,
    hi: parts.length === 2 ? bound(parts[1]!) : null,
  };
}

/**
 * The test for `operator value`, or the reason the value cannot be used with it. Values are checked
 * here, once, so a bad rule is reported when the tab is read, not silently skipped per customer.
 */
export function compileTest(
  operator: Operator,
  rawValue: string,
): { ok: true; test: Test } | { ok: false; message: string } {
  const value = rawValue.trim();
  const needsValue = operator !== 'is empty' && operator !== 'is not empty';
  if (needsValue && value === '') return { ok: false, message: `'${operator}' needs a value` };
  if (!needsValue && value !== '')
    return { ok: false, message: `'${operator}' takes no value, but '${value}' is given` };
  const folded = foldText(value);
  switch (operator) {
    case 'is empty':
      return { ok: true, test: isEmpty };
    case 'is not empty':
      return { ok: true, test: (v) => !isEmpty(v) };
    case '=': {
      const n = asNumber(value);
      return {
        ok: true,
        test: (v) => some(v, (x) => (typeof x === 'number' && n !== null ? x === n : textOf(x) === folded)),
      };
    }
    case '!=': {
      const n = asNumber(value);
      return {
        ok: true,
        test: (v) => !some(v, (x) => (typeof x === 'number' && n !== null ? x === n : textOf(x) === folded)),
      };
    }
    case '>':
    case '>=':
    case '<':
    case '<=': {
      const b = bound(value);
      if (!b)
        return { ok: false, message: `'${operator}' needs a number or a date (YYYY-MM-DD), not '${value}'` };
      const cmp =
        operator === '>'
          ? (x: number) => x > b.value
          : operator === '>='
            ? (x: number) => x >= b.value
            : operator === '<'
              ? (x: number) => x < b.value
              : (x: number) => x <= b.value;
      return {
        ok: true,
        test: (v) => {
          const x = comparable(v, b.date);
          return x !== null && cmp(x);
        },
      };
    }
    case 'between': {
      const { lo, hi } = betweenBounds(value);
      if (!lo || !hi || lo.date !== hi.date)
        return { ok: false, message: `'between' needs two numbers or dates like 100..500, not '${value}'` };
      if (lo.value > hi.value)
        return { ok: false, message: `'between' needs the smaller bound first, not '${value}'` };
      return {
        ok: true,
        test: (v) => {
          const x = comparable(v, lo.date);
          return x !== null && x >= lo.value && x <= hi.value;
        },
      };
    }
    case 'contains':
      return { ok: true, test: (v) => some(v, (x) => textOf(x).includes(folded)) };
    case 'not contains':
      return { ok: true, test: (v) => !some(v, (x) => textOf(x).includes(folded)) };
    case 'starts with':
      return { ok: true, test: (v) => some(v, (x) => textOf(x).startsWith(folded)) };
    case 'ends with':
      return { ok: true, test: (v) => some(v, (x) => textOf(x).endsWith(folded)) };
    case 'in':
    case 'not in': {
      const items = new Set(splitList(value).map(foldText));
      if (items.size === 0) return { ok: false, message: `'${operator}' needs a list like Pro, Business` };
      const hit = (v: FieldValue) => some(v, (x) => items.has(textOf(x)));
      return { ok: true, test: operator === 'in' ? hit : (v) => !hit(v) };
    }
    case 'matches': {
      if (value.length > MAX_PATTERN)
        return { ok: false, message: `pattern is longer than ${MAX_PATTERN} characters` };
      let re: RegExp;
      try {
        re = new RegExp(value, 'iu');
      } catch (e) {
        return {
          ok: false,
          message: `bad pattern '${value}': ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`,
        };
      }
      return {
        ok: true,
        test: (v) => some(v, (x) => re.test(x instanceof Date ? x.toISOString().slice(0, 10) : String(x))),
      };
    }
  }
}
