/**
 * The customer sheet as Customers: reading the whole sheet in one batch, looking one customer up
 * without reading the sheet, and writing fields back in batches. Parsing is src/core/sheet's, so
 * every adapter (Sheets, a CSV file, a test double) reports the same issues for the same cells.
 */
import type { Customer } from '../core/customers/customer';
import type { CellIssue, CustomerSheetRead } from '../core/sheet/read-customers';
import type { FieldUpdate } from '../core/sheet/write-plan';

export type { FieldUpdate } from '../core/sheet/write-plan';

/** The whole customer tab, read in one batch, as values and as Customers. */
export interface CustomerSheetSnapshot extends CustomerSheetRead {
  sheetName: string;
  headers: unknown[];
  /** Every row below the header as Sheets returned it, and the 1-based sheet row of each. */
  rows: unknown[][];
  rowNumbers: number[];
  /** The spreadsheet's locale ('en_US', 'de_DE') and time zone ('Europe/Oslo'). */
  locale: string;
  timeZone: string;
}

export interface EmailLookup {
  /** The customer in the first row holding the address; absent when none does or the row is unusable. */
  customer?: Customer;
  /** Issues in the rows read (the header row's mapping problems throw instead). */
  issues: CellIssue[];
  /** How many rows hold the address: more than 1 means duplicates, which `issues` lists. */
  matches: number;
  /** Those rows' 1-based numbers. */
  rows: number[];
}

export interface DomainLookup {
  customers: Customer[];
  issues: CellIssue[];
  /** Rows whose address is at the domain; only the first few are read and parsed. */
  matches: number;
}

export interface FieldWriteResult {
  /** setValues calls made, and cells written. */
  writes: number;
  cells: number;
  /** Columns added to the header row for fields or headers the sheet lacked. */
  addedHeaders: string[];
  /** Updates that could not be placed (no row holds the email now, …), and why. */
  skipped: { update: FieldUpdate; reason: string }[];
}

export interface CustomerStore {
  /** Headers, every row, locale and time zone in one batched read, parsed into Customers. */
  readAll(): CustomerSheetSnapshot;
  /** The customer with this address, reading the header and the matching row only: its cost does not grow with the sheet. */
  findByEmail(email: string): EmailLookup;
  /** Customers at a company domain ("hotel.example"); may read the email column, never the whole sheet. */
  findByDomain(domain: string): DomainLookup;
  /** Writes field values back in as few contiguous blocks as possible, at the rows the emails hold now. */
  writeFields(updates: readonly FieldUpdate[]): FieldWriteResult;
}
