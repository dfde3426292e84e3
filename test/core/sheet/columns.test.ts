import {
  ColumnMappingSchema,
  CUSTOMER_FIELDS,
  emailColumnIndex,
  HEADER_SYNONYMS,
  mapColumns,
  MappingError,
  normaliseHeader,
  resolveMapping,
  type CustomerField,
} from '../../../src/core/sheet/columns';

/** The field a header maps to: email on its own, any other beside an Email column. */
const fieldOf = (header: string): CustomerField | undefined => {
  if (emailColumnIndex([header, 'Notes']) === 0) return 'email';
  const m = mapColumns(['Email', header]);
  return m.recognised.find((r) => r.index === 1)?.field;
};

describe('normaliseHeader', () => {
  it.each([
    ['LastLoginDate', 'last login date'],
    ['lastLoginDate', 'last login date'],
    ['NPSScore', 'nps score'],
    ['MRR ($)', 'mrr'],
    ['E-mail', 'e mail'],
    ['Email address (primary)', 'email address'],
    ['  Monthly   Revenue  ', 'monthly revenue'],
    ['days_late', 'days late'],
    ['Renewal [contract]', 'renewal'],
    ['Последний вход', 'последний вход'],
  ])('%j → %j', (header, expected) => {
    expect(normaliseHeader(header)).toBe(expected);
  });
});

describe('header detection', () => {
  it.each([
    // case, spacing, punctuation, underscores
    ['EMAIL ADDRESS', 'email'],
    ['e_mail', 'email'],
    ['E-mail', 'email'],
    ['Email address (primary)', 'email'],
    // camelCase and merged words
    ['LastLoginDate', 'lastActivity'],
    ['lastlogin', 'lastActivity'],
    ['LASTLOGINDATE', 'lastActivity'],
    ['MonthlyRevenue', 'mrr'],
    ['monthlyrecurringrevenue', 'mrr'],
    ['MonthlyCharges', 'mrr'],
    ['CustomerSince', 'startDate'],
    ['firstname', 'firstName'],
    ['Last_Name', 'lastName'],
    // units and notes
    ['MRR ($)', 'mrr'],
    ['MRR USD', 'mrr'],
    ['MRR, €', 'mrr'],
    ['Monthly fee (NOK)', 'mrr'],
    ['Tenure (months)', 'tenureMonths'],
    ['# of open tickets', 'openTickets'],
    ['Number of complaints', 'complaints'],
    ['NPS %', 'nps'],
    // synonyms, per field in the brief
    ['Name', 'name'],
    ['Company', 'company'],
    ['Industry', 'industry'],
    ['Plan', 'plan'],
    ['MRR', 'mrr'],
    ['Monthly revenue', 'mrr'],
    ['Monthly recurring revenue', 'mrr'],
    ['Monthly charge', 'mrr'],
    ['Monthly charges', 'mrr'],
    ['Monthly fee', 'mrr'],
    ['ARR', 'arr'],
    ['Annual recurring revenue', 'arr'],
    ['Start date', 'startDate'],
    ['Customer since', 'startDate'],
    ['Signup date', 'startDate'],
    ['Created', 'startDate'],
    ['Tenure', 'tenureMonths'],
    ['Tenure months', 'tenureMonths'],
    ['Last login', 'lastActivity'],
    ['Last activity', 'lastActivity'],
    ['Last seen', 'lastActivity'],
    ['Last active', 'lastActivity'],
    ['Days since last login', 'lastActivity'],
    ['Logins this month', 'activityThisPeriod'],
    ['Sessions this month', 'activityThisPeriod'],
    ['Usage this period', 'activityThisPeriod'],
    ['Active users', 'activityThisPeriod'],
    ['Logins last month', 'activityLastPeriod'],
    ['Sessions last month', 'activityLastPeriod'],
    ['Usage previous period', 'activityLastPeriod'],
    ['Overdue invoices', 'overdueInvoices'],
    ['Unpaid invoices', 'overdueInvoices'],
    ['Days late', 'daysLate'],
    ['Days overdue', 'daysLate'],
    ['Payment delay days', 'daysLate'],
    ['NPS', 'nps'],
    ['NPS score', 'nps'],
    ['Net promoter score', 'nps'],
    ['CSAT', 'csat'],
    ['Satisfaction', 'csat'],
    ['Open tickets', 'openTickets'],
    ['Support tickets', 'openTickets'],
    ['Complaints', 'complaints'],
    ['Renewal', 'renewalDate'],
    ['Renewal date', 'renewalDate'],
    ['Contract end', 'renewalDate'],
    ['Contract end date', 'renewalDate'],
    ['Owner', 'owner'],
    ['Account manager', 'owner'],
    ['CSM', 'owner'],
    ['AM', 'owner'],
    ['Tags', 'tags'],
    ['Labels', 'tags'],
    ['Segment tags', 'tags'],
    ['Crisis impact', 'impact'],
    ['Impact', 'impact'],
    ['Status', 'status'],
    ['Customer status', 'status'],
    ['Churned', 'status'],
    ['Churn', 'status'],
    ['Churn date', 'churnDate'],
    ['Cancelled on', 'churnDate'],
    ['Cancellation date', 'churnDate'],
    ['Unsubscribed', 'unsubscribed'],
    ['Opted out', 'unsubscribed'],
    ['Do not email', 'unsubscribed'],
  ])('%j is %s', (header, field) => {
    expect(fieldOf(header)).toBe(field);
  });

  it.each([
    'Revenue', // monthly or annual? the user maps it
    'Total charges', // lifetime, not monthly
    'State', // usually a US state
    'End date', // contract end or churn?
    'ChurnGuard risk', // ChurnGuard's own columns are not inputs
    'ChurnGuard band',
    'Favourite colour',
    'Notes',
  ])('leaves %j unmapped', (header) => {
    expect(fieldOf(header)).toBeUndefined();
    expect(mapColumns(['Email', header]).unmapped).toEqual([header]);
  });

  it('has a synonym list for every field, without a synonym claimed by two fields', () => {
    expect(Object.keys(HEADER_SYNONYMS).sort()).toEqual([...CUSTOMER_FIELDS].sort());
    const owners = new Map<string, string>();
    for (const field of CUSTOMER_FIELDS) {
      for (const s of HEADER_SYNONYMS[field]) {
        const key = s.replace(/ /g, '');
        expect([s, owners.get(key) ?? field]).toEqual([s, field]);
        owners.set(key, field);
      }
    }
  });

  it('maps a whole sheet and reports which header gave which field, and what stayed raw', () => {
    const m = mapColumns([
      'E-mail',
      'Monthly Recurring Revenue',
      'LastLoginDate',
      'Account manager',
      'Favourite colour',
      '',
    ]);
    expect(m.columns).toEqual({ email: 0, mrr: 1, lastActivity: 2, owner: 3 });
    expect(m.recognised).toEqual([
      { field: 'email', header: 'E-mail', index: 0, explicit: false },
      { field: 'mrr', header: 'Monthly Recurring Revenue', index: 1, explicit: false },
      { field: 'lastActivity', header: 'LastLoginDate', index: 2, explicit: false },
      { field: 'owner', header: 'Account manager', index: 3, explicit: false },
    ]);
    expect(m.unmapped).toEqual(['Favourite colour']);
    expect(m.conflicts).toEqual([]);
  });

  it('gives a field to the best of two claimants and reports the other, which stays raw', () => {
    const m = mapColumns(['Email', 'Churned', 'Status']);
    expect(m.columns.status).toBe(2);
    expect(m.conflicts).toEqual([
      { field: 'status', used: 'Status', ignored: 'Churned', usedIndex: 2, ignoredIndex: 1 },
    ]);
    expect(m.unmapped).toEqual(['Churned']);

    const emails = mapColumns(['Contact email', 'Email', 'Email']);
    expect(emails.columns.email).toBe(1);
    expect(emails.conflicts).toEqual([
      { field: 'email', used: 'Email', ignored: 'Email', usedIndex: 1, ignoredIndex: 2 },
      { field: 'email', used: 'Email', ignored: 'Contact email', usedIndex: 1, ignoredIndex: 0 },
    ]);
  });

  it('prefers an exact header over a merged-word or unit-stripped one', () => {
    expect(mapColumns(['Email', 'MRR USD', 'MRR']).columns.mrr).toBe(2);
    expect(mapColumns(['Email', 'lastlogin', 'Last login']).columns.lastActivity).toBe(2);
  });

  it('does not report a header that lost one field but won another', () => {
    // "Churn date" could mean the churn flag after stripping, but it is the churn date.
    const m = mapColumns(['Email', 'Churned', 'Churn date']);
    expect(m.columns).toMatchObject({ status: 1, churnDate: 2 });
    expect(m.conflicts).toEqual([]);
  });

  it('says which headers it saw when there is no email column', () => {
    expect(() => mapColumns(['Name', 'Company', '', 'MRR'])).toThrow(
      new MappingError(
        'No email column found. ChurnGuard identifies customers by email: name one column "Email" or map it in Settings. Columns seen: Name, Company, MRR',
      ),
    );
    expect(() => mapColumns([])).toThrow(/Columns seen: \(none\)$/);
  });
});

describe('explicit mapping', () => {
  const headers = ['Client', 'Contact', 'Revenue', 'MRR', 'Status', 'Signed'];

  it('overrides detection in field → header form', () => {
    const m = mapColumns(headers, { email: 'Contact', mrr: 'Revenue' });
    expect(m.columns).toMatchObject({ email: 1, mrr: 2, name: 0, status: 4 });
    expect(m.recognised.filter((r) => r.explicit).map((r) => r.field)).toEqual(['email', 'mrr']);
    // The detected MRR column lost to the user's choice and stays raw.
    expect(m.unmapped).toEqual(['MRR', 'Signed']);
  });

  it('overrides detection in header → field form, and matches headers loosely', () => {
    const m = mapColumns(headers, { Contact: 'email', revenue: 'mrr', signed: 'startDate' });
    expect(m.columns).toMatchObject({ email: 1, mrr: 2, startDate: 5 });
  });

  it('switches a field off with null', () => {
    const m = mapColumns(headers, { email: 'Contact', status: null });
    expect(m.columns.status).toBeUndefined();
    expect(m.disabled).toEqual(['status']);
    expect(m.unmapped).toContain('Status');
  });

  it('reads { field: field } whichever way names a column that exists', () => {
    expect(mapColumns(['email', 'plan', 'x'], { plan: 'mrr' }).columns).toMatchObject({ mrr: 1 });
    expect(mapColumns(['email', 'mrr', 'x'], { plan: 'mrr' }).columns).toMatchObject({ plan: 1 });
  });

  it('names a mapped header that is not in the sheet, and the headers that are', () => {
    expect(() => mapColumns(['Email', 'MRR'], { mrr: 'Revenue' })).toThrow(
      new MappingError('Column mapping for mrr: no column "Revenue". Columns: Email, MRR'),
    );
    expect(() => resolveMapping(['Email'], { Income: 'mrr' })).toThrow(
      'Column mapping for mrr: no column "Income". Columns: Email',
    );
  });

  it('is validated by its schema with a precise message for unknown fields', () => {
    expect(ColumnMappingSchema.safeParse({ mrr: 'Revenue', Signed: 'startDate', status: null }).success).toBe(
      true,
    );
    const unknownField = ColumnMappingSchema.safeParse({ revenue: 'Monthly' });
    expect(unknownField.success).toBe(false);
    expect(unknownField.error?.issues[0]).toMatchObject({
      path: ['revenue'],
      message: expect.stringMatching(
        /^neither "revenue" nor "Monthly" is a ChurnGuard field; fields are email, name,/,
      ),
    });
    const nearMiss = ColumnMappingSchema.safeParse({ MRR: 'Revenue' });
    expect(nearMiss.error?.issues[0]?.message).toMatch(
      /^neither "MRR" nor "Revenue" is a ChurnGuard field \(did you mean "mrr"\?\)/,
    );
    const offUnknown = ColumnMappingSchema.safeParse({ colour: null });
    expect(offUnknown.error?.issues[0]?.message).toMatch(/^unknown field "colour"; fields are/);
    const twice = ColumnMappingSchema.safeParse({ mrr: 'Revenue', MRR: 'mrr' });
    expect(twice.error?.issues[0]?.message).toBe('field "mrr" is mapped twice ("mrr" and "MRR")');
    expect(ColumnMappingSchema.safeParse({ '': 'email' }).success).toBe(false);
  });

  it('refuses an invalid mapping at read time with the schema’s message', () => {
    expect(() => mapColumns(['Email'], { revenue: 'Monthly' } as never)).toThrow(
      /^Column mapping: neither "revenue" nor "Monthly" is a ChurnGuard field/,
    );
  });
});
