/** Two columns meaning one field are a sheet issue naming both; an ambiguous Email column blocks sending. */
import { readCustomers } from '../../../src/core/sheet/read-customers';
import { sheetGate } from '../../../src/core/campaigns/sheet-gate';

const read = (headers: string[], mapping?: Record<string, string>) =>
  readCustomers({
    sheetName: 'Customers',
    headers,
    rows: [headers.map((h, i) => (/mail/i.test(h) ? `a${i}@x.example` : '1'))],
    ...(mapping ? { mapping } : {}),
  });

describe('ambiguous columns', () => {
  it('reports two Email columns naming both, and blocks sending', () => {
    const r = read(['Email', 'Name', 'Email']);
    expect(r.sheetIssues).toEqual([
      expect.objectContaining({ field: 'email', columns: ['A (Email)', 'C (Email)'], blocksSending: true }),
    ]);
    expect(sheetGate(r).blockers[0]).toMatch(
      /^Customers: 2 columns could be the Email column: A \(Email\) and C \(Email\)/,
    );
  });

  it.each([[['E-mail', 'email ']], [['Email', 'Email address']]])(
    'treats %j as two Email columns too',
    (headers) => {
      expect(sheetGate(read(headers)).blockers).toHaveLength(1);
    },
  );

  it('still sees two identical Email headers when the user mapped Email by name', () => {
    expect(sheetGate(read(['Email', 'Email'], { email: 'Email' })).blockers).toHaveLength(1);
  });

  it('reports two MRR columns naming both, without blocking sending', () => {
    const r = read(['Email', 'MRR', 'Plan', 'mrr']);
    expect(r.sheetIssues).toEqual([
      expect.objectContaining({ field: 'mrr', columns: ['B (MRR)', 'D (mrr)'], blocksSending: false }),
    ]);
    expect(r.sheetIssues[0]!.reason).toContain('ChurnGuard reads B (MRR) only');
    expect(sheetGate(r).blockers).toEqual([]);
  });

  it('finds nothing on a sheet whose columns are distinct', () => {
    expect(read(['Email', 'Billing email', 'MRR', 'Name']).sheetIssues).toEqual([]);
  });

  it('lists rows whose email cell is unusable as left out of every campaign, with the cell', () => {
    const r = readCustomers({
      sheetName: 'Customers',
      headers: ['Name', 'Email'],
      rows: [
        ['John', 'john smith@acme.com'],
        ['Blank', ''],
        ['Ana', 'ana@x.example'],
      ],
    });
    expect(sheetGate(r).leftOut).toEqual([
      "Customers!B2 (Email): not a valid email: 'john smith@acme.com' has a space in the address; ChurnGuard never guesses which part is meant",
      'Customers!B3 (Email): no email: this row is not a customer ChurnGuard can match',
    ]);
  });
});
