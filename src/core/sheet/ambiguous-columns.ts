/**
 * Two columns that both mean one field ("Email" twice, "MRR" and "mrr", "Email" and "E-mail"): the
 * reader uses one, and the other silently holds data nobody sees. That is a problem of the sheet, not
 * of a cell, so it is reported naming both columns. For the Email column it is more than a nuisance:
 * the two may hold different addresses for a row, and which one gets mail must not be a guess, so
 * nothing is sent until one is renamed or removed.
 */
import { FIELD_HEADERS, normaliseHeader, type CustomerField, type MappingReport } from './columns';
import { columnLetter } from './column-letter';

export interface SheetIssue {
  sheet: string;
  field: CustomerField;
  /** Every column that claims the field, the one read first: "B (Email)". */
  columns: string[];
  reason: string;
  /** True when campaigns and automatic emails must wait until it is fixed. */
  blocksSending: boolean;
}

const describeColumn = (headers: readonly string[], index: number) =>
  `${columnLetter(index)} (${headers[index] || 'no header'})`;

export function ambiguousColumnIssues(
  sheet: string,
  headers: readonly string[],
  mapping: MappingReport,
): SheetIssue[] {
  const rivals = new Map<CustomerField, Set<number>>();
  const add = (field: CustomerField, index: number) => {
    const set = rivals.get(field) ?? new Set<number>();
    set.add(index);
    rivals.set(field, set);
  };
  for (const c of mapping.conflicts) add(c.field, c.ignoredIndex);
  // An explicit mapping picks the first of two identical headers without any claim being lost.
  for (const [field, used] of Object.entries(mapping.columns) as [CustomerField, number][]) {
    const key = normaliseHeader(headers[used]);
    headers.forEach((h, i) => {
      if (i !== used && key !== '' && normaliseHeader(h) === key) add(field, i);
    });
  }
  return [...rivals.entries()].flatMap(([field, others]) => {
    const used = mapping.columns[field];
    if (used === undefined) return [];
    const columns = [used, ...[...others].sort((a, b) => a - b)].map((i) => describeColumn(headers, i));
    const email = field === 'email';
    const reason = email
      ? `${columns.length} columns could be the ${FIELD_HEADERS.email} column: ${columns.join(' and ')}. ` +
        'Nothing is sent until one is renamed or removed: they may hold different addresses for the same row.'
      : `${columns.length} columns could be ${FIELD_HEADERS[field]}: ${columns.join(' and ')}. ` +
        `ChurnGuard reads ${columns[0]} only; rename or remove the other${columns.length > 2 ? 's' : ''}.`;
    return [{ sheet, field, columns, reason, blocksSending: email }];
  });
}

/** "Customers: 2 columns could be …", for lists of problems. */
export function formatSheetIssue(issue: SheetIssue): string {
  return `${issue.sheet}: ${issue.reason}`;
}
