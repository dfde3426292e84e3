import { mapColumns, MappingError, normaliseHeader } from '../../../src/core/sheet/columns';
import { formatIssue, readCustomers } from '../../../src/core/sheet/read-customers';

describe('column mapping', () => {
  it('normalises merged words, punctuation and bracketed notes', () => {
    expect(normaliseHeader('LastLoginDate')).toBe('last login date');
    expect(normaliseHeader('MRR ($)')).toBe('mrr');
    expect(normaliseHeader('E-mail')).toBe('e mail');
    expect(normaliseHeader('Email address (primary)')).toBe('email address');
  });

  it('recognises synonyms and reports what it did not', () => {
    const m = mapColumns([
      'E-mail',
      'Monthly Recurring Revenue',
      'LastLoginDate',
      'Account manager',
      'Favourite colour',
    ]);
    expect(m.columns).toMatchObject({ email: 0, mrr: 1, lastActivity: 2, owner: 3 });
    expect(m.unmapped).toEqual(['Favourite colour']);
  });

  it('takes the best of two claimants and reports the conflict', () => {
    const m = mapColumns(['Email', 'Status', 'Churned']);
    expect(m.columns.status).toBe(1);
    expect(m.conflicts).toEqual([{ field: 'status', used: 'Status', ignored: 'Churned' }]);
  });

  it('lets an explicit mapping win, and names a mapped column that does not exist', () => {
    expect(mapColumns(['Email', 'Revenue', 'MRR'], { mrr: 'Revenue' }).columns.mrr).toBe(1);
    expect(() => mapColumns(['Email'], { mrr: 'Revenue' })).toThrow(
      'Column mapping for mrr: no column "Revenue". Columns: Email',
    );
  });

  it('says which headers it saw when there is no email column', () => {
    expect(() => mapColumns(['Name', 'Company'])).toThrow(MappingError);
    expect(() => mapColumns(['Name', 'Company'])).toThrow(/Columns seen: Name, Company/);
  });
});

describe('readCustomers on a messy real-world sheet', () => {
  const headers = [
    'Customer Name',
    'E-mail',
    'MonthlyRevenue',
    'LastLoginDate',
    'NPS',
    'Open tickets',
    'Renewal date',
    'Status',
    'Tags',
  ];
  const rows: unknown[][] = [
    [
      'Ana Díaz',
      'ana@hotel.example',
      '$1,200.50',
      new Date('2026-09-01T00:00:00Z'),
      4,
      2,
      '2026-12-01',
      'Active',
      'hotels; vip',
    ],
    ['', '', '', '', '', '', '', '', ''],
    ['Bo Berg', 'bo@clinic.example', 'n/a', '#N/A', 9, 'three', '31/02/2026', 'Active', ''],
    ['Ana again', 'ANA@hotel.example ', 99, '', '', '', '', '', ''],
    ['No Email Ltd', '', 50, '', '', '', '', '', ''],
    ['Carl', 'carl@shop', 10, '', '', '', '', 'Churned', ''],
    ['Dee', 'dee@shop.example', 10, '', '', '', '', 'Cancelled', 'Severe'],
  ];
  const read = readCustomers({ sheetName: 'Customers', headers, rows, locale: 'en_GB' });

  it('keeps every usable row and the good cells of bad rows', () => {
    expect(read.customers.map((c) => c.email)).toEqual([
      'ana@hotel.example',
      'bo@clinic.example',
      'dee@shop.example',
    ]);
    const [ana, bo, dee] = read.customers;
    expect(ana).toMatchObject({
      row: 2,
      name: 'Ana Díaz',
      mrr: 1200.5,
      nps: 4,
      openTickets: 2,
      tags: ['hotels', 'vip'],
    });
    expect(ana!.renewalDate).toEqual(new Date('2026-12-01T00:00:00Z'));
    expect(bo).toMatchObject({ row: 4, name: 'Bo Berg', nps: 9 });
    expect(bo!.mrr).toBeUndefined();
    expect(dee).toMatchObject({ status: 'churned', impact: 'severe' });
    expect(ana!.raw['MonthlyRevenue']).toBe('$1,200.50');
  });

  it('lists each problem precisely', () => {
    expect(read.skippedBlankRows).toEqual([3]);
    expect(read.issues.map(formatIssue)).toEqual([
      "Customers!C4 (MonthlyRevenue): not a number: 'n/a'",
      "Customers!F4 (Open tickets): not a number: 'three'",
      'Customers!D4 (LastLoginDate): formula error #N/A',
      "Customers!G4 (Renewal date): date '31/02/2026' does not exist",
      'Customers!B6 (E-mail): no email: this row is not a customer ChurnGuard can match',
      "Customers!B7 (E-mail): not a valid email: 'carl@shop'",
      'Customers!B5 (E-mail): duplicate of row 2: ana@hotel.example appears 2 times; only row 2 is used',
    ]);
    expect(read.duplicates).toEqual([{ email: 'ana@hotel.example', rows: [2, 5] }]);
  });
});
