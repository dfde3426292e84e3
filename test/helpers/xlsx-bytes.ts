/** An .xlsx workbook of one Customers tab holding `rows` exactly as given: what a user's Excel file holds. */
import * as XLSX from 'xlsx';

export function xlsxBytes(rows: unknown[][]): Buffer {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Customers');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}
