import { MappingError } from '../../../src/core/sheet/columns';
import { columnLetter, formatIssue, readCustomers } from '../../../src/core/sheet/read-customers';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('readCustomers on a messy real-world sheet', () => {
  const headers = [
    'Customer Name', // A
    'E-mail', // B
    'MonthlyRevenue', // C
    'LastLoginDate', // D
    'NPS', // E
    'Open tickets', // F
    'Renewal date', // G
    'Status', // H
    'Tags', // I
    'CSAT (%)', // J
    'Notes', // K
  ];
  const rows: unknown[][] = [
    // row 2
    [
      'Ana Díaz',
      'ana@hotel.example',
      '$1,200.50',
      day('2026-09-01'),
      4,
      2,
      '05/03/2027',
      'Active',
      'hotels; vip',
      '80%',
      'call back',
    ],
    // row 3: blank
    ['', '', '', '', '', '', '', '', '', '', ''],
    // row 4: text in number columns, a formula error, a date that does not exist
    ['Bo Berg', 'bo@clinic.example', 'n/a', '#N/A', 9, 'three', '31/02/2026', 'Active', '', 4, ''],
    // row 5: the same address as row 2 in another case, with spaces
    ['Ana again', ' ANA@Hotel.example ', 99, '', '', '', '', '', '', '', ''],
    // row 6: no email
    ['No Email Ltd', '', 50, '', '', '', '', '', '', '', ''],
    // row 7: not an address
    ['Carl', 'carl@shop', 10, '', '', '', '', 'Churned', '', '', ''],
    // row 8: an NPS off the scale; a status word and an impact tag
    ['Dee', 'dee@shop.example', '1.234,50 €', '', 12, 0, '', 'Cancelled', 'Severe', '', ''],
    // row 9: only spaces, and shorter than the header
    ['   ', '  '],
    // row 10: formula errors in text and number columns, an unknown status, CSAT off every scale
    ['#REF!', 'eve@x.example', '#DIV/0!', '', '', '', '', 'zombie', '', '150', ''],
  ];
  const read = readCustomers({ sheetName: 'Customers', headers, rows, locale: 'en_GB' });

  it('loads every usable row, and the good cells of bad rows', () => {
    expect(read.customers.map((c) => [c.row, c.email])).toEqual([
      [2, 'ana@hotel.example'],
      [4, 'bo@clinic.example'],
      [8, 'dee@shop.example'],
      [10, 'eve@x.example'],
    ]);
    const [ana, bo, dee, eve] = read.customers;
    expect(ana).toEqual({
      row: 2,
      email: 'ana@hotel.example',
      name: 'Ana Díaz',
      mrr: 1200.5,
      lastActivity: day('2026-09-01'),
      nps: 4,
      openTickets: 2,
      renewalDate: day('2027-03-05'), // en_GB: day first
      status: 'active',
      tags: ['hotels', 'vip'],
      csat: 0.8,
      unsubscribed: false,
      raw: {
        'Customer Name': 'Ana Díaz',
        'E-mail': 'ana@hotel.example',
        MonthlyRevenue: '$1,200.50',
        LastLoginDate: day('2026-09-01'),
        NPS: 4,
        'Open tickets': 2,
        'Renewal date': '05/03/2027',
        Status: 'Active',
        Tags: 'hotels; vip',
        'CSAT (%)': '80%',
        Notes: 'call back',
      },
    });
    expect(bo).toMatchObject({ name: 'Bo Berg', nps: 9, csat: 0.8, status: 'active' });
    expect(bo).not.toHaveProperty('mrr');
    expect(bo).not.toHaveProperty('lastActivity');
    expect(bo).not.toHaveProperty('openTickets');
    expect(bo).not.toHaveProperty('renewalDate');
    expect(dee).toMatchObject({
      mrr: 1234.5,
      openTickets: 0,
      status: 'churned',
      impact: 'severe',
      tags: ['Severe'],
    });
    expect(dee).not.toHaveProperty('nps');
    expect(eve).toMatchObject({ status: 'active' });
    expect(eve).not.toHaveProperty('name');
    expect(eve).not.toHaveProperty('mrr');
    expect(eve).not.toHaveProperty('csat');
  });

  it('lists each problem precisely, in sheet order', () => {
    expect(read.skippedBlankRows).toEqual([3, 9]);
    expect(read.duplicates).toEqual([{ email: 'ana@hotel.example', rows: [2, 5] }]);
    expect(read.issues.map((i) => [formatIssue(i), i.severity])).toEqual([
      ["Customers!C4 (MonthlyRevenue): not a number: 'n/a'", 'error'],
      ['Customers!D4 (LastLoginDate): formula error #N/A', 'error'],
      ["Customers!F4 (Open tickets): not a number: 'three'", 'error'],
      ["Customers!G4 (Renewal date): date '31/02/2026' does not exist", 'error'],
      [
        'Customers!B5 (E-mail): duplicate of row 2: ana@hotel.example appears 2 times; only row 2 is used',
        'warning',
      ],
      ['Customers!B6 (E-mail): no email: this row is not a customer ChurnGuard can match', 'error'],
      ["Customers!B7 (E-mail): not a valid email: 'carl@shop'", 'error'],
      ['Customers!E8 (NPS): NPS must be 0-10, got 12', 'error'],
      ['Customers!A10 (Customer Name): formula error #REF!', 'warning'],
      ['Customers!C10 (MonthlyRevenue): formula error #DIV/0!', 'error'],
      ["Customers!H10 (Status): unknown status 'zombie' (use Active or Churned)", 'error'],
      ["Customers!J10 (CSAT (%)): CSAT must be 1-5, 0-10 or a percentage, got '150'", 'error'],
    ]);
  });

  it('gives each issue its sheet, row, column, cell, value and field', () => {
    expect(read.issues[0]).toEqual({
      sheet: 'Customers',
      row: 4,
      column: 'MonthlyRevenue',
      columnLetter: 'C',
      a1: 'C4',
      value: 'n/a',
      field: 'mrr',
      reason: "not a number: 'n/a'",
      severity: 'error',
    });
    expect(read.issues[4]).toMatchObject({ field: 'email', value: ' ANA@Hotel.example ', a1: 'B5' });
  });

  it('reports the mapping it used', () => {
    expect(read.mapping.columns).toEqual({
      name: 0,
      email: 1,
      mrr: 2,
      lastActivity: 3,
      nps: 4,
      openTickets: 5,
      renewalDate: 6,
      status: 7,
      tags: 8,
      csat: 9,
    });
    expect(read.mapping.unmapped).toEqual(['Notes']);
  });
});

describe('readCustomers', () => {
  const read = (
    headers: unknown[],
    rows: unknown[][],
    extra: Partial<Parameters<typeof readCustomers>[0]> = {},
  ) => readCustomers({ sheetName: 'Sheet1', headers, rows, ...extra });

  it('reads numbers and dates with the sheet’s locale', () => {
    const headers = ['Email', 'MRR', 'Start date', 'Days late'];
    const row = ['a@x.example', '1.200,50', '05/03/2024', '3'];
    expect(read(headers, [row], { locale: 'de_DE' }).customers[0]).toMatchObject({
      mrr: 1200.5,
      startDate: day('2024-03-05'),
      daysLate: 3,
    });
    expect(
      read(headers, [['a@x.example', '1,200.50', '03/05/2024', 3]], { locale: 'en_US' }).customers[0],
    ).toMatchObject({
      mrr: 1200.5,
      startDate: day('2024-03-05'),
    });
  });

  it('reads Date cells as the day they show in the sheet’s time zone, and date serials in date columns', () => {
    const c = read(
      ['Email', 'Start date', 'Renewal'],
      [['a@x.example', new Date('2024-03-04T21:00:00Z'), 45356]],
      {
        timeZone: 'Europe/Moscow',
      },
    ).customers[0]!;
    expect(c.startDate).toEqual(day('2024-03-05'));
    expect(c.renewalDate).toEqual(day('2024-03-05'));
  });

  it('uses the given sheet row numbers', () => {
    const r = read(['Email', 'MRR'], [['a@x.example', 'lots']], { rowNumbers: [812] });
    expect(r.customers[0]!.row).toBe(812);
    expect(formatIssue(r.issues[0]!)).toBe("Sheet1!B812 (MRR): not a number: 'lots'");
  });

  it('builds the name from first and last name, and MRR from ARR when there is no MRR column', () => {
    const c = read(['Email', 'First name', 'Last name', 'ARR'], [['a@x.example', 'Ana', 'Díaz', 12_000]])
      .customers[0]!;
    expect(c).toMatchObject({ name: 'Ana Díaz', firstName: 'Ana', lastName: 'Díaz', mrr: 1000 });
    expect(c).not.toHaveProperty('arr');
    const both = read(['Email', 'MRR', 'ARR'], [['a@x.example', 900, 12_000]]).customers[0]!;
    expect(both.mrr).toBe(900);
  });

  it('reads a yes/no churn column as status, and a churn date alone as churned', () => {
    const flags = read(
      ['Email', 'Churned'],
      [
        ['a@x.example', 'Yes'],
        ['b@x.example', 'no'],
        ['c@x.example', true],
      ],
    ).customers.map((c) => c.status);
    expect(flags).toEqual(['churned', 'active', 'churned']);
    const dated = read(
      ['Email', 'Cancelled on'],
      [
        ['a@x.example', '2024-03-05'],
        ['b@x.example', ''],
      ],
    ).customers;
    expect(dated.map((c) => c.status)).toEqual(['churned', 'active']);
  });

  it('warns about a churned customer without a churn date, and a churn before the start', () => {
    const r = read(
      ['Email', 'Status', 'Churn date', 'Start date'],
      [
        ['a@x.example', 'Churned', '', '2024-01-01'],
        ['b@x.example', 'Churned', '2023-05-01', '2024-01-01'],
      ],
    );
    expect(r.issues.map((i) => [formatIssue(i), i.severity])).toEqual([
      [
        'Sheet1!C2 (Churn date): churned customer without a churn date: churn metrics will not count it',
        'warning',
      ],
      ['Sheet1!C3 (Churn date): churn date 2023-05-01 is before the start date 2024-01-01', 'warning'],
    ]);
  });

  it('turns "days since last login" into a date counted back from today, and flags future dates', () => {
    const today = new Date('2024-03-05T15:00:00Z');
    const r = read(
      ['Email', 'Days since last login', 'Start date'],
      [
        ['a@x.example', 10, '2024-04-01'],
        ['b@x.example', 'soon', ''],
      ],
      { today },
    );
    expect(r.customers[0]!.lastActivity).toEqual(day('2024-02-24'));
    expect(r.issues.map(formatIssue)).toEqual([
      'Sheet1!C2 (Start date): start date 2024-04-01 is in the future',
      "Sheet1!B3 (Days since last login): days since last activity not a number: 'soon'",
    ]);
  });

  it('does not judge future dates without today', () => {
    expect(read(['Email', 'Last login'], [['a@x.example', '2099-01-01']]).issues).toEqual([]);
  });

  it('warns when a cell holds several addresses, and uses the first', () => {
    const r = read(['Email'], [['Ana <ana@x.example>, bo@x.example']]);
    expect(r.customers[0]!.email).toBe('ana@x.example');
    expect(r.issues.map((i) => [formatIssue(i), i.severity])).toEqual([
      [
        'Sheet1!A2 (Email): 2 addresses in one cell: ChurnGuard matches only the first, ana@x.example',
        'warning',
      ],
    ]);
  });

  it('keeps every column in raw, naming blank and repeated headers by their column', () => {
    const c = read(['Email', '', 'Notes', 'Notes'], [['a@x.example', 'x', 'first', 'second']]).customers[0]!;
    expect(c.raw).toEqual({ Email: 'a@x.example', 'Column B': 'x', Notes: 'first', 'Notes (D)': 'second' });
  });

  it('treats missing cells of a short row as blank', () => {
    const r = read(['Email', 'MRR', 'NPS'], [['a@x.example']]);
    expect(r.customers[0]).toMatchObject({
      email: 'a@x.example',
      raw: { Email: 'a@x.example', MRR: '', NPS: '' },
    });
    expect(r.issues).toEqual([]);
  });

  it('lists a duplicate appearing three times against the first row', () => {
    const r = read(['Email'], [['a@x.example'], ['b@x.example'], ['A@x.example'], ['a@X.example']]);
    expect(r.customers.map((c) => c.row)).toEqual([2, 3]);
    expect(r.duplicates).toEqual([{ email: 'a@x.example', rows: [2, 4, 5] }]);
    expect(r.issues.map((i) => i.a1)).toEqual(['A4', 'A5']);
  });

  it('stops only when there is no email column, naming the headers it saw', () => {
    expect(() => read(['Name', 'MRR'], [['Ana', 5]])).toThrow(MappingError);
    expect(() => read(['Name', 'MRR'], [['Ana', 5]])).toThrow(/Columns seen: Name, MRR/);
  });

  it('honours an explicit mapping', () => {
    const r = read(['Contact', 'Revenue'], [['a@x.example', '5']], {
      mapping: { email: 'Contact', Revenue: 'mrr' },
    });
    expect(r.customers[0]).toMatchObject({ email: 'a@x.example', mrr: 5 });
  });
});

describe('columnLetter and formatIssue', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('%d is %s', (index, letters) => expect(columnLetter(index)).toBe(letters));

  it('names a column without a header by its letter', () => {
    expect(
      formatIssue({
        sheet: 'S',
        row: 3,
        column: '',
        columnLetter: 'D',
        a1: 'D3',
        value: 'x',
        field: 'mrr',
        reason: 'r',
        severity: 'error',
      }),
    ).toBe('S!D3 (column D): r');
  });
});

describe('email cells that would change who gets mail', () => {
  const read = () =>
    readCustomers({
      sheetName: 'Customers',
      headers: ['Name', 'Email'],
      rows: [
        ['John', 'john smith@acme.com'],
        ['Ana', 'ana@hotel.example\u200b'],
      ],
    });

  it('flags a spaced address as an error naming sheet, row, column and what is wrong, and leaves the row out', () => {
    const { customers, issues } = read();
    expect(customers.map((c) => c.email)).toEqual(['ana@hotel.example']);
    expect(customers.some((c) => c.email === 'smith@acme.com')).toBe(false);
    expect(issues[0]).toMatchObject({
      sheet: 'Customers',
      row: 2,
      column: 'Email',
      a1: 'B2',
      severity: 'error',
    });
    expect(formatIssue(issues[0]!)).toMatch(
      /^Customers!B2 \(Email\): not a valid email: 'john smith@acme.com'/,
    );
  });

  it('strips a zero-width space from the address and says so', () => {
    const { customers, issues } = read();
    expect(customers[0]!.email).toBe('ana@hotel.example');
    expect(issues[1]).toMatchObject({ row: 3, a1: 'B3', severity: 'warning' });
    expect(issues[1]!.reason).toContain('invisible characters removed from the address (U+200B)');
  });
});
