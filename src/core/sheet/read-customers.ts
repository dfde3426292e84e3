/**
 * Rows → Customers. A bad cell never fails the read: it becomes a CellIssue naming the sheet, row,
 * column and what is wrong, and the rest of the row is still used. Rows without a usable email are
 * reported, not guessed at; duplicate emails are reported with every row, never merged silently.
 */
import type { Customer, CrisisImpact } from '../customers/customer';
import { isValidEmail, normaliseEmail } from '../email/address';
import { mapColumns, type ColumnMapping, type CustomerField, type MappingReport } from './columns';
import {
  formulaError,
  isBlank,
  parseBoolean,
  parseCount,
  parseCsat,
  parseDate,
  parseImpact,
  parseNps,
  parseNumber,
  parseStatus,
  parseTags,
  type Parsed,
} from './values';

export interface CellIssue {
  sheet: string;
  /** 1-based sheet row (the header is row 1). */
  row: number;
  column: string;
  a1: string;
  value: unknown;
  field: CustomerField | 'row';
  reason: string;
  severity: 'error' | 'warning';
}

export interface DuplicateEmail {
  email: string;
  rows: number[];
}

export interface SheetInput {
  sheetName: string;
  headers: readonly unknown[];
  rows: readonly (readonly unknown[])[];
  /** Sheet row number of each row; defaults to 2, 3, … */
  rowNumbers?: readonly number[];
  locale?: string;
  mapping?: ColumnMapping;
}

export interface CustomerSheetRead {
  customers: Customer[];
  issues: CellIssue[];
  duplicates: DuplicateEmail[];
  skippedBlankRows: number[];
  mapping: MappingReport;
}

export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function formatIssue(issue: CellIssue): string {
  const where =
    issue.field === 'row'
      ? `${issue.sheet} row ${issue.row}`
      : `${issue.sheet}!${issue.a1} (${issue.column})`;
  return `${where}: ${issue.reason}`;
}

type FieldParser = (value: unknown, locale: string) => Parsed<unknown>;

const NUMERIC: Partial<Record<CustomerField, FieldParser>> = {
  mrr: (v, l) => parseNumber(v, l),
  tenureMonths: (v, l) => parseNumber(v, l),
  activityThisPeriod: (v, l) => parseNumber(v, l),
  activityLastPeriod: (v, l) => parseNumber(v, l),
  overdueInvoices: (v, l) => parseCount(v, l),
  daysLate: (v, l) => parseCount(v, l),
  openTickets: (v, l) => parseCount(v, l),
  complaints: (v, l) => parseCount(v, l),
  nps: (v, l) => parseNps(v, l),
  csat: (v, l) => parseCsat(v, l),
  startDate: (v, l) => parseDate(v, l),
  lastActivity: (v, l) => parseDate(v, l),
  renewalDate: (v, l) => parseDate(v, l),
  churnDate: (v, l) => parseDate(v, l),
  unsubscribed: (v) => parseBoolean(v),
  status: (v) => parseStatus(v),
  impact: (v) => parseImpact(v),
};

const TEXT_FIELDS: CustomerField[] = [
  'name',
  'firstName',
  'lastName',
  'company',
  'industry',
  'plan',
  'owner',
];

export function readCustomers(input: SheetInput): CustomerSheetRead {
  const locale = input.locale ?? 'en_US';
  const mapping = mapColumns(input.headers, input.mapping);
  const headers = input.headers.map((h) => String(h ?? '').trim());
  const customers: Customer[] = [];
  const issues: CellIssue[] = [];
  const skippedBlankRows: number[] = [];
  const seen = new Map<string, number[]>();

  input.rows.forEach((cells, i) => {
    const row = input.rowNumbers?.[i] ?? i + 2;
    if (cells.every(isBlank)) {
      skippedBlankRows.push(row);
      return;
    }
    const issue = (
      field: CustomerField,
      value: unknown,
      reason: string,
      severity: CellIssue['severity'] = 'error',
    ) => {
      const index = mapping.columns[field] ?? 0;
      issues.push({
        sheet: input.sheetName,
        row,
        column: headers[index] ?? '',
        a1: `${columnLetter(index)}${row}`,
        value,
        field,
        reason,
        severity,
      });
    };
    const cell = (field: CustomerField): unknown => {
      const index = mapping.columns[field];
      return index === undefined ? undefined : cells[index];
    };

    const rawEmail = cell('email');
    const email = normaliseEmail(String(rawEmail ?? ''));
    if (isBlank(rawEmail) || formulaError(rawEmail) || !isValidEmail(email)) {
      const err = formulaError(rawEmail);
      issue(
        'email',
        rawEmail,
        isBlank(rawEmail)
          ? 'no email: this row is not a customer ChurnGuard can match'
          : err
            ? `formula error ${err}`
            : `not a valid email: '${String(rawEmail)}'`,
      );
      return;
    }
    seen.set(email, [...(seen.get(email) ?? []), row]);
    if ((seen.get(email) ?? []).length > 1) return;

    const raw: Record<string, unknown> = {};
    headers.forEach((h, idx) => {
      if (h !== '') raw[h] = cells[idx] ?? '';
    });
    const customer: Customer = { row, email, tags: [], status: 'active', unsubscribed: false, raw };
    for (const field of TEXT_FIELDS) {
      const v = cell(field);
      if (isBlank(v)) continue;
      const err = formulaError(v);
      if (err) issue(field, v, `formula error ${err}`, 'warning');
      else (customer as unknown as Record<string, unknown>)[field] = String(v).trim();
    }
    if (!customer.name && (customer as { firstName?: string }).firstName) {
      customer.name = [
        (customer as { firstName?: string }).firstName,
        (customer as { lastName?: string }).lastName,
      ]
        .filter(Boolean)
        .join(' ');
    }
    for (const [field, parse] of Object.entries(NUMERIC) as [CustomerField, FieldParser][]) {
      const v = cell(field);
      if (v === undefined || isBlank(v)) continue;
      const parsed = parse(v, locale);
      if (parsed.ok) (customer as unknown as Record<string, unknown>)[field] = parsed.value;
      else issue(field, v, parsed.reason);
    }
    customer.tags = parseTags(cell('tags'));
    const impact = customer.impact as CrisisImpact | undefined;
    if (!impact) {
      const fromTag = customer.tags.map((t) => parseImpact(t)).find((p) => p.ok);
      if (fromTag?.ok) customer.impact = fromTag.value;
    }
    if (customer.churnDate && customer.status === 'active' && mapping.columns.status === undefined) {
      customer.status = 'churned';
    }
    if (customer.status === 'churned' && !customer.churnDate && mapping.columns.churnDate !== undefined) {
      issue(
        'churnDate',
        '',
        'churned customer without a churn date: churn metrics will not count it',
        'warning',
      );
    }
    customers.push(customer);
  });

  const duplicates = [...seen.entries()]
    .filter(([, rows]) => rows.length > 1)
    .map(([email, rows]) => ({ email, rows }));
  for (const d of duplicates) {
    for (const row of d.rows.slice(1)) {
      const index = mapping.columns.email ?? 0;
      issues.push({
        sheet: input.sheetName,
        row,
        column: headers[index] ?? '',
        a1: `${columnLetter(index)}${row}`,
        value: d.email,
        field: 'email',
        reason: `duplicate of row ${d.rows[0]}: ${d.email} appears ${d.rows.length} times; only row ${d.rows[0]} is used`,
        severity: 'warning',
      });
    }
  }
  return { customers, issues, duplicates, skippedBlankRows, mapping };
}
