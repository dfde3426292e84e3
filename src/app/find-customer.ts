/**
 * Who is this email from? The sender by exact address; if the sender is the user (a message they
 * sent), the first recipient; failing that, a customer at the same company domain, with a note that
 * says so. Free-mail domains never match by domain: gmail.com is not a company.
 */
import type { Customer } from '../core/customers/customer';
import { domainOf, parseAddress, parseAddressList } from '../core/email/address';
import { emailColumnIndex, type ColumnMapping } from '../core/sheet/columns';
import { readCustomers, type CellIssue } from '../core/sheet/read-customers';
import type { CustomerSheet, SheetRows } from '../ports/customer-sheet';
import type { OpenMessage } from '../ports/mailbox';

/** Free-mail domains: never a company, so never matched by domain. */
export const FREE_MAIL: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'mail.ru',
  'yandex.ru',
  'yandex.com',
  'gmx.de',
  'gmx.net',
  'web.de',
]);

export interface CustomerMatch {
  /** The address we looked up. */
  email: string;
  displayName: string;
  customers: Customer[];
  issues: CellIssue[];
  how: 'email' | 'domain' | 'none';
  /** The spreadsheet's locale and time zone, for formatting merged values. */
  sheet: { locale: string; timeZone: string; headers: unknown[] };
  /** The newest notes, newest first, when the store read them with the customer (the warehouse). */
  notes?: { text: string; author: string; atMs: number }[];
}

export function counterpartAddress(message: OpenMessage, me: string): { email: string; name: string } | null {
  const sender = parseAddress(message.from);
  if (sender && sender.email !== me.toLowerCase()) return sender;
  const recipients = parseAddressList([...message.to, ...message.cc].join(', ')).filter(
    (a) => a.email !== me.toLowerCase(),
  );
  return recipients[0] ?? sender;
}

export function findCustomer(
  sheet: CustomerSheet,
  address: { email: string; name: string },
  mapping: ColumnMapping | undefined,
): CustomerMatch {
  const locate = (headers: unknown[]) => emailColumnIndex(headers, mapping);
  const parse = (rows: SheetRows) =>
    readCustomers({
      sheetName: rows.sheetName,
      headers: rows.headers,
      rows: rows.rows,
      rowNumbers: rows.rowNumbers,
      locale: rows.locale,
      timeZone: rows.timeZone,
      mapping,
    });
  let sheetFormat: CustomerMatch['sheet'] = { locale: 'en_US', timeZone: 'UTC', headers: [] };
  const match = (
    read: { customers: Customer[]; issues: CellIssue[] },
    how: CustomerMatch['how'],
  ): CustomerMatch => ({
    sheet: sheetFormat,
    email: address.email,
    displayName: address.name,
    customers: read.customers,
    issues: read.issues,
    how,
  });
  const rows = sheet.findByEmail(address.email, locate);
  sheetFormat = { locale: rows.locale, timeZone: rows.timeZone, headers: rows.headers };
  const exact = parse(rows);
  if (exact.customers.length > 0 && rows.rowNumbers.length > 1) {
    // The sheet uses the first row of a duplicated email; the manager may still pick another row to see.
    const each = rows.rows.flatMap(
      (row, i) => parse({ ...rows, rows: [row], rowNumbers: [rows.rowNumbers[i]!] }).customers,
    );
    return match({ customers: each, issues: exact.issues }, 'email');
  }
  if (exact.customers.length > 0) return match(exact, 'email');
  const domain = domainOf(address.email);
  if (domain && !FREE_MAIL.has(domain)) {
    const byDomain = parse(sheet.findByDomain(domain, locate));
    if (byDomain.customers.length > 0) return match(byDomain, 'domain');
  }
  return match({ customers: [], issues: [] }, 'none');
}
