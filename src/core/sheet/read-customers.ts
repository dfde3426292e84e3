/**
 * Rows → Customers. A bad cell never fails the read: it becomes a CellIssue naming the sheet, row,
 * column and what is wrong, and the rest of the row is still used. Rows without a usable email are
 * reported, not guessed at; duplicate emails are reported with every row, never merged silently.
 * The only thing that stops a read is a sheet with no email column (MappingError, naming the headers).
 */
import type { Customer } from '../customers/customer';
import { ambiguousColumnIssues, type SheetIssue } from './ambiguous-columns';
import { columnLetter } from './column-letter';
import {
  mapColumns,
  normaliseHeader,
  type ColumnMapping,
  type CustomerField,
  type MappingReport,
} from './columns';
import {
  isBlank,
  parseBoolean,
  parseCount,
  parseCsat,
  parseDate,
  parseEmail,
  parseImpact,
  parseNps,
  parseNumber,
  parseStatus,
  parseTags,
  parseTenureMonths,
  parseText,
  formulaError,
  showValue,
  type Parsed,
} from './values';

export interface CellIssue {
  sheet: string;
  /** 1-based sheet row (the header is row 1). */
  row: number;
  /** The column's header text. */
  column: string;
  /** The column's A1 letter ("F"). */
  columnLetter: string;
  /** The cell in A1 notation ("F12"). */
  a1: string;
  value: unknown;
  field: CustomerField | 'row';
  reason: string;
  /** 'error': the value could not be used; 'warning': it was used, or the problem costs nothing. */
  severity: 'error' | 'warning';
}

export interface DuplicateEmail {
  email: string;
  /** Every row holding the address, first (the one used) first. */
  rows: number[];
}

export interface SheetInput {
  sheetName: string;
  headers: readonly unknown[];
  rows: readonly (readonly unknown[])[];
  /** Sheet row number of each row; defaults to 2, 3, … */
  rowNumbers?: readonly number[];
  /** The spreadsheet's locale ('en_US', 'de_DE'…): decimal marks and day/month order. */
  locale?: string;
  /** The spreadsheet's time zone: Date cells are read as the day they show there. */
  timeZone?: string;
  mapping?: ColumnMapping;
  /**
   * Today, for "days since last login" columns and for flagging dates in the future. Without it,
   * future dates are not flagged and day counts are taken from the current time.
   */
  today?: Date;
}

export interface CustomerSheetRead {
  customers: Customer[];
  issues: CellIssue[];
  duplicates: DuplicateEmail[];
  /** Sheet rows that were entirely blank. */
  skippedBlankRows: number[];
  mapping: MappingReport;
  /** Problems of the sheet as a whole: two columns that mean one field. */
  sheetIssues: SheetIssue[];
}

export { columnLetter };

/** The sentence a UI lists: "Customers!F12 (MRR): not a number: 'n/a'". */
export function formatIssue(issue: CellIssue): string {
  const where =
    issue.field === 'row'
      ? `${issue.sheet} row ${issue.row}`
      : `${issue.sheet}!${issue.a1} (${issue.column || `column ${issue.columnLetter}`})`;
  return `${where}: ${issue.reason}`;
}

interface ReadContext {
  locale: string;
  timeZone?: string;
}

type FieldReader = (value: unknown, ctx: ReadContext) => Parsed<unknown>;

const nonNegative =
  (what: string): FieldReader =>
  (value, { locale }) => {
    const n = parseNumber(value, locale);
    if (n.ok && n.value < 0)
      return { ok: false, reason: `${what} cannot be negative, got ${showValue(value)}` };
    return n;
  };
const date: FieldReader = (value, { locale, timeZone }) => parseDate(value, locale, timeZone);

/** How each field's cells are read. Text fields take any value but a formula error. */
const READERS: Record<Exclude<CustomerField, 'email' | 'tags'>, FieldReader> = {
  name: parseText,
  firstName: parseText,
  lastName: parseText,
  company: parseText,
  industry: parseText,
  plan: parseText,
  owner: parseText,
  mrr: (v, { locale }) => parseNumber(v, locale),
  arr: (v, { locale }) => parseNumber(v, locale),
  tenureMonths: (v, { locale }) => parseTenureMonths(v, locale),
  activityThisPeriod: nonNegative('activity'),
  activityLastPeriod: nonNegative('activity'),
  overdueInvoices: (v, { locale }) => parseCount(v, locale),
  daysLate: (v, { locale }) => parseCount(v, locale),
  openTickets: (v, { locale }) => parseCount(v, locale),
  complaints: (v, { locale }) => parseCount(v, locale),
  nps: (v, { locale }) => parseNps(v, locale),
  csat: (v, { locale }) => parseCsat(v, locale),
  startDate: date,
  lastActivity: date,
  renewalDate: date,
  churnDate: date,
  unsubscribed: (v) => parseBoolean(v),
  status: (v) => parseStatus(v),
  impact: (v) => parseImpact(v),
};

const TEXT_FIELDS = new Set<CustomerField>([
  'name',
  'firstName',
  'lastName',
  'company',
  'industry',
  'plan',
  'owner',
]);

/** A "Days since last login" column holds a number of days, not a date. */
const DAYS_SINCE = /^(days since|days inactive|days idle)/;

const DAY_MS = 86_400_000;
const utcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Keys for `raw`: the header text; a blank header becomes "Column F"; a repeated one "Notes (F)". */
export function rawKeys(headers: readonly string[]): string[] {
  const used = new Set<string>();
  return headers.map((h, i) => {
    const letter = columnLetter(i);
    let key = h === '' ? `Column ${letter}` : h;
    if (used.has(key)) key = `${h || 'Column'} (${letter})`;
    used.add(key);
    return key;
  });
}

export function readCustomers(input: SheetInput): CustomerSheetRead {
  const ctx: ReadContext = { locale: input.locale || 'en_US', timeZone: input.timeZone };
  const mapping = mapColumns(input.headers, input.mapping);
  const headers = input.headers.map((h) => String(h ?? '').trim());
  const keys = rawKeys(headers);
  const columns = mapping.columns;
  const daysSince =
    columns.lastActivity !== undefined && DAYS_SINCE.test(normaliseHeader(headers[columns.lastActivity]));
  const today = input.today ? utcDay(input.today) : undefined;
  const customers: Customer[] = [];
  const issues: (CellIssue & { index: number })[] = [];
  const skippedBlankRows: number[] = [];
  const seen = new Map<string, number[]>();

  const issueAt = (
    row: number,
    index: number,
    field: CellIssue['field'],
    value: unknown,
    reason: string,
    severity: CellIssue['severity'],
  ) =>
    issues.push({
      sheet: input.sheetName,
      row,
      column: headers[index] ?? '',
      columnLetter: columnLetter(index),
      a1: `${columnLetter(index)}${row}`,
      value,
      field,
      reason,
      severity,
      index,
    });

  input.rows.forEach((cells, i) => {
    const row = input.rowNumbers?.[i] ?? i + 2;
    if (cells.every(isBlank)) {
      skippedBlankRows.push(row);
      return;
    }
    const cell = (field: CustomerField): unknown => {
      const index = columns[field];
      return index === undefined ? undefined : cells[index];
    };
    const issue = (
      field: CustomerField,
      value: unknown,
      reason: string,
      severity: CellIssue['severity'] = 'error',
    ) => issueAt(row, columns[field] ?? 0, field, value, reason, severity);

    const rawEmail = cell('email');
    const email = parseEmail(rawEmail);
    if (!email.ok) {
      issue(
        'email',
        rawEmail,
        email.reason === 'no email'
          ? 'no email: this row is not a customer ChurnGuard can match'
          : email.reason,
      );
      return;
    }
    if (email.value.invisible) {
      issue(
        'email',
        rawEmail,
        `invisible characters removed from the address (${email.value.invisible.join(', ')}): ${email.value.email}`,
        'warning',
      );
    }
    if (email.value.others.length > 0) {
      issue(
        'email',
        rawEmail,
        `${email.value.others.length + 1} addresses in one cell: ChurnGuard matches only the first, ${email.value.email}`,
        'warning',
      );
    }
    const rows = seen.get(email.value.email) ?? [];
    rows.push(row);
    seen.set(email.value.email, rows);
    if (rows.length > 1) return;

    const raw: Record<string, unknown> = {};
    keys.forEach((key, c) => {
      raw[key] = cells[c] ?? '';
    });
    const customer: Customer = {
      row,
      email: email.value.email,
      tags: [],
      status: 'active',
      unsubscribed: false,
      raw,
    };
    const set = customer as unknown as Record<string, unknown>;

    for (const [field, read] of Object.entries(READERS) as [keyof typeof READERS, FieldReader][]) {
      const value = cell(field);
      if (value === undefined || isBlank(value)) continue;
      if (field === 'lastActivity' && daysSince && !(value instanceof Date)) {
        const days = parseCount(value, ctx.locale);
        if (days.ok) set[field] = new Date((today ?? utcDay(new Date())).getTime() - days.value * DAY_MS);
        else issue(field, value, `days since last activity ${days.reason}`);
        continue;
      }
      const parsed = read(value, ctx);
      if (parsed.ok) set[field] = parsed.value;
      else if (parsed.reason !== 'empty')
        issue(field, value, parsed.reason, TEXT_FIELDS.has(field) ? 'warning' : 'error');
    }

    const tagsCell = cell('tags');
    const tagsError = formulaError(tagsCell);
    if (tagsError) issue('tags', tagsCell, `formula error ${tagsError}`, 'warning');
    customer.tags = parseTags(tagsCell);

    if (!customer.name && (customer.firstName || customer.lastName)) {
      customer.name = [customer.firstName, customer.lastName].filter(Boolean).join(' ');
    }
    if (customer.mrr === undefined && typeof set.arr === 'number') customer.mrr = set.arr / 12;
    delete set.arr;
    if (!customer.impact) {
      const fromTag = customer.tags.map((t) => parseImpact(t)).find((p) => p.ok);
      if (fromTag?.ok) customer.impact = fromTag.value;
    }
    if (customer.churnDate && columns.status === undefined) customer.status = 'churned';
    if (
      customer.status === 'churned' &&
      !customer.churnDate &&
      columns.churnDate !== undefined &&
      isBlank(cell('churnDate'))
    ) {
      issue(
        'churnDate',
        '',
        'churned customer without a churn date: churn metrics will not count it',
        'warning',
      );
    }
    if (today) {
      const future = (field: 'lastActivity' | 'startDate', label: string) => {
        const d = customer[field];
        if (d && utcDay(d).getTime() > today.getTime())
          issue(field, cell(field), `${label} ${isoDay(d)} is in the future`, 'warning');
      };
      future('lastActivity', 'last activity');
      future('startDate', 'start date');
    }
    if (customer.startDate && customer.churnDate && customer.churnDate < customer.startDate) {
      issue(
        'churnDate',
        cell('churnDate'),
        `churn date ${isoDay(customer.churnDate)} is before the start date ${isoDay(customer.startDate)}`,
        'warning',
      );
    }
    customers.push(customer);
  });

  const duplicates = [...seen.entries()]
    .filter(([, rows]) => rows.length > 1)
    .map(([email, rows]) => ({ email, rows }));
  const emailIndex = columns.email ?? 0;
  for (const d of duplicates) {
    for (const row of d.rows.slice(1)) {
      const i = input.rowNumbers ? input.rowNumbers.indexOf(row) : row - 2;
      issueAt(
        row,
        emailIndex,
        'email',
        input.rows[i]?.[emailIndex] ?? d.email,
        `duplicate of row ${d.rows[0]}: ${d.email} appears ${d.rows.length} times; only row ${d.rows[0]} is used`,
        'warning',
      );
    }
  }
  issues.sort((a, b) => a.row - b.row || a.index - b.index);
  return {
    customers,
    issues: issues.map(({ index: _index, ...issue }) => issue),
    duplicates,
    skippedBlankRows,
    mapping,
    sheetIssues: ambiguousColumnIssues(input.sheetName, headers, mapping),
  };
}
