/**
 * What the customer sheet itself says about sending, before any audience is planned: problems that
 * stop every send (an Email column that is not unambiguous), and the rows no campaign can reach
 * because their email cell cannot be used, each with the cell and the reason, so nobody is left out
 * silently and nobody's mail goes to a guessed address.
 */
import { formatSheetIssue } from '../sheet/ambiguous-columns';
import { formatIssue, type CustomerSheetRead } from '../sheet/read-customers';

export interface SheetGate {
  /** Each stops every campaign and automatic email until fixed. */
  blockers: string[];
  /** Rows left out of every campaign: "Customers!B5 (Email): not a valid email: …". */
  leftOut: string[];
}

export function sheetGate(read: Pick<CustomerSheetRead, 'issues' | 'sheetIssues'>): SheetGate {
  return {
    blockers: read.sheetIssues.filter((i) => i.blocksSending).map(formatSheetIssue),
    leftOut: read.issues.filter((i) => i.field === 'email' && i.severity === 'error').map(formatIssue),
  };
}
