/**
 * Crisis impact from rules: the Impact rules tab ("Rule name | Column | Operator | Value | Impact")
 * says which customers a crisis hits and how hard, first matching rule wins. A value typed in the
 * customer's own Crisis impact column (or set from the sidebar) is a manual override that rules
 * never replace. Rules are checked when read: an unknown column, an operator that does not fit its
 * value, a bad pattern, an unknown impact, and a rule that can never fire because an earlier rule
 * has the same condition are each reported with the cell; the other rules still apply.
 */
import type { CrisisImpact, Customer } from '../customers/customer';
import { parseImpact } from '../sheet/values';
import { compileTest, parseOperator, type Operator, type Test } from './conditions';
import {
  operatorMisfit,
  resolveField,
  type FieldContext,
  type ResolvedField,
  type SegmentRecord,
} from './fields';
import { foldText } from './fold';

export const IMPACT_RULES_TAB = 'Impact rules';
export const IMPACT_RULE_HEADERS = ['Rule name', 'Column', 'Operator', 'Value', 'Impact'] as const;

export interface ImpactRule {
  name: string;
  field: ResolvedField;
  operator: Operator;
  value: string;
  impact: CrisisImpact;
  /** 1-based row in the tab. */
  row: number;
  test: Test;
}

export interface ImpactRulesRead {
  rules: ImpactRule[];
  /** "Impact rules!B5 (Column): unknown field 'Sector' …", one per problem. */
  issues: string[];
}

const COLUMN_LETTER = ['A', 'B', 'C', 'D', 'E'];
const cellText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '')).trim();

/** Which column of the tab holds each part: by header, so a team may reorder or add columns. */
function locate(header: readonly unknown[]): Record<(typeof IMPACT_RULE_HEADERS)[number], number> | string {
  const at = (name: string) => header.findIndex((h) => foldText(cellText(h)) === foldText(name));
  const found = Object.fromEntries(IMPACT_RULE_HEADERS.map((h) => [h, at(h)])) as Record<
    (typeof IMPACT_RULE_HEADERS)[number],
    number
  >;
  const missing = IMPACT_RULE_HEADERS.filter((h) => h !== 'Rule name' && found[h] < 0);
  return missing.length
    ? `the header row lacks ${missing.join(', ')} (expected ${IMPACT_RULE_HEADERS.join(' | ')})`
    : found;
}

/**
 * Reads the tab's rows (header first) against the customer sheet's headers. A missing tab (`null`)
 * means no rules: impact then comes from the Crisis impact column alone.
 */
export function readImpactRules(
  values: readonly unknown[][] | null,
  customerHeaders: readonly string[],
  tab = IMPACT_RULES_TAB,
): ImpactRulesRead {
  const rules: ImpactRule[] = [];
  const issues: string[] = [];
  if (!values || values.length === 0) return { rules, issues };
  const cols = locate(values[0] ?? []);
  if (typeof cols === 'string') return { rules, issues: [`${tab}!1: ${cols}`] };
  const letter = (c: number) => COLUMN_LETTER[c] ?? String.fromCharCode(65 + c);
  const seen = new Map<string, ImpactRule>();
  values.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const get = (h: (typeof IMPACT_RULE_HEADERS)[number]) => (cols[h] >= 0 ? cellText(cells[cols[h]]) : '');
    const column = get('Column');
    const operatorText = get('Operator');
    const value = get('Value');
    const impactText = get('Impact');
    const name = get('Rule name') || `Row ${row}`;
    if (!column && !operatorText && !value && !impactText) return; // a blank line between groups
    const ref = (h: (typeof IMPACT_RULE_HEADERS)[number]) => `${tab}!${letter(cols[h])}${row} (${h})`;
    if (!column) return void issues.push(`${ref('Column')}: rule '${name}' names no column`);
    const field = resolveField(column, customerHeaders);
    if (!field.ok) return void issues.push(`${ref('Column')}: ${field.message}`);
    const operator = parseOperator(operatorText || '=');
    if (!operator) return void issues.push(`${ref('Operator')}: unknown operator '${operatorText}'`);
    const misfit = operatorMisfit(field.field, operator);
    if (misfit) return void issues.push(`${ref('Operator')}: ${field.field.label}: ${misfit}`);
    const compiled = compileTest(operator, value);
    if (!compiled.ok) return void issues.push(`${ref('Value')}: ${compiled.message}`);
    if (!impactText) return void issues.push(`${ref('Impact')}: rule '${name}' names no impact`);
    const impact = parseImpact(impactText);
    if (!impact.ok) return void issues.push(`${ref('Impact')}: ${impact.reason}`);
    const rule: ImpactRule = {
      name,
      field: field.field,
      operator,
      value,
      impact: impact.value,
      row,
      test: compiled.test,
    };
    const key = `${field.field.label}\u0000${operator}\u0000${foldText(value)}`;
    const earlier = seen.get(key);
    if (earlier) {
      issues.push(
        earlier.impact === rule.impact
          ? `${tab}!${row}: rule '${name}' repeats row ${earlier.row} ('${earlier.name}'); it never applies`
          : `${tab}!${row}: rule '${name}' (${impactText}) has the same condition as row ${earlier.row} ('${earlier.name}', ${earlier.impact}), which comes first and wins; it never applies`,
      );
      return;
    }
    seen.set(key, rule);
    rules.push(rule);
  });
  return { rules, issues };
}

export interface ImpactVerdict {
  impact?: CrisisImpact;
  source: 'override' | 'rule' | 'none';
  /** The rule that decided, for "Severe (rule 'Travel', row 2)". */
  rule?: { name: string; row: number };
}

/**
 * The customer's effective impact. The record passed to the rules carries no impact yet, so a rule
 * cannot depend on the impact it decides.
 */
export function impactOf(customer: Customer, rules: readonly ImpactRule[], ctx: FieldContext): ImpactVerdict {
  if (customer.impact) return { impact: customer.impact, source: 'override' };
  const record: SegmentRecord = { customer, band: 'Unknown' };
  for (const rule of rules) {
    if (rule.test(rule.field.get(record, ctx)))
      return { impact: rule.impact, source: 'rule', rule: { name: rule.name, row: rule.row } };
  }
  return { source: 'none' };
}

/** The rules a new spreadsheet ships: common industries a crisis like 2020's hit or helped. */
export const DEFAULT_IMPACT_RULES: readonly (readonly string[])[] = [
  [...IMPACT_RULE_HEADERS],
  ['Travel', 'Industry', 'contains', 'travel', 'Severe'],
  ['Airlines', 'Industry', 'contains', 'airline', 'Severe'],
  ['Events', 'Industry', 'contains', 'event', 'Severe'],
  ['Hotels', 'Industry', 'contains', 'hotel', 'Hit'],
  ['Restaurants', 'Industry', 'contains', 'restaurant', 'Hit'],
  ['Fitness', 'Industry', 'contains', 'fitness', 'Hit'],
  ['Healthcare', 'Industry', 'contains', 'health', 'Booming'],
  ['Clinics', 'Industry', 'contains', 'clinic', 'Booming'],
  ['Pharmacies', 'Industry', 'contains', 'pharma', 'Booming'],
  ['Delivery', 'Industry', 'contains', 'delivery', 'Booming'],
  ['Logistics', 'Industry', 'contains', 'logistic', 'Booming'],
  ['E-commerce', 'Industry', 'contains', 'commerce', 'Booming'],
  ['Remote work', 'Industry', 'contains', 'remote', 'Booming'],
  ['Everyone else', 'Industry', 'is not empty', '', 'Stable'],
];
