import fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as XLSX from 'xlsx';
import {
  exportCell,
  importCell,
  readTableFile,
  tabNameForFile,
  writeFileAtomic,
  writeTableFile,
  type TableValue,
} from '../../../src/local/table/table-file';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cg-table-'));
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('importCell: CSV text as Sheets imports it in en_US', () => {
  it.each<[string, TableValue]>([
    ['', ''],
    ['42', 42],
    ['-3', -3],
    ['0', 0],
    ['-0', 0],
    ['1200.5', 1200.5],
    ['1,200.50', 1200.5],
    ['1,234,567', 1234567],
    [' 42 ', 42],
    ['.5', 0.5],
    ['5.', 5],
    ['1e+21', 1e21],
    ['1.5e-7', 1.5e-7],
    ['4111111111111111', 4111111111111111],
    ['TRUE', true],
    ['false', false],
    ['True', true],
    ['2026-11-20', day('2026-11-20')],
    ['2026-3-5', day('2026-03-05')],
    ['2026/11/20', day('2026-11-20')],
    ['11/20/2026', day('2026-11-20')],
    ['3/5/2024', day('2024-03-05')],
    ['3/5/24', day('2024-03-05')],
    ['3/5/95', day('1995-03-05')],
    ['Nov 20, 2026', day('2026-11-20')],
    ['November 20 2026', day('2026-11-20')],
    ['20 Nov 2026', day('2026-11-20')],
    ['20-Sep-2026', day('2026-09-20')],
    ['2026-11-20 09:30', new Date('2026-11-20T09:30:00Z')],
    ['2026-11-20T09:30:05Z', new Date('2026-11-20T09:30:05Z')],
    ['2026-11-20 09:30:05.250', new Date('2026-11-20T09:30:05.250Z')],
    ['11/20/2026 9:30 PM', new Date('2026-11-20T21:30:00Z')],
    ['11/20/2026 12:05 AM', new Date('2026-11-20T00:05:00Z')],
  ])('converts %j', (text, value) => {
    expect(importCell(text)).toEqual(value);
  });

  it.each([
    // Money and percentages: the sheet reader parses them in the sheet's locale.
    '$1,200.50',
    '15%',
    'n/a',
    '#N/A',
    '-',
    '007',
    '+7 701 123 4567',
    '+77011234567',
    '12345678901234567890',
    '1,2',
    '1.200,50',
    '12,34,567',
    '2026-02-30',
    '20/11/2026',
    '13/1/2026',
    '20.11.2026',
    '10:30',
    '2026-11-20 25:00',
    '2026-11-20T09:30:00+05:00',
    'Q3 2026',
    'true story',
    '   ',
    "'Tis the season",
    '1e5x',
  ])('leaves %j as text', (text) => {
    expect(importCell(text)).toBe(text);
  });

  it('reads a leading apostrophe as a text marker, as Sheets does for typed input', () => {
    expect(importCell("'=1+2")).toBe('=1+2');
    expect(importCell("'42")).toBe('42');
    expect(importCell("'2026-11-20")).toBe('2026-11-20');
    expect(importCell("''=x")).toBe("'=x");
    expect(importCell("'Tis")).toBe("'Tis");
  });
});

describe('exportCell', () => {
  it('writes every value so that importCell gives back the same value and type', () => {
    const values: unknown[] = [
      '',
      'plain',
      '42',
      '-5',
      'TRUE',
      '2026-11-20',
      ' 42 ',
      '=SUM(A1:A3)',
      "'=x",
      "''42",
      "'Tis",
      '$1,200.50',
      '@handle',
      42,
      -5,
      0.1 + 0.2,
      1e21,
      123456789012345680000,
      true,
      false,
      day('2026-11-20'),
      new Date('2026-11-20T09:30:05Z'),
      new Date('2026-11-20T09:30:05.123Z'),
      day('1899-12-30'),
    ];
    for (const v of values) expect([v, importCell(exportCell(v))]).toEqual([v, v]);
  });

  it('always guards text that starts like a formula: = + - @ tab CR', () => {
    expect(exportCell('=HYPERLINK("http://evil.example")')).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(exportCell('+1')).toBe("'+1");
    expect(exportCell('-x')).toBe("'-x");
    expect(exportCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(exportCell('\t=1+2')).toBe("'\t=1+2");
    expect(exportCell('\r=1+2')).toBe("'\r=1+2");
    expect(exportCell(-5)).toBe('-5');
  });
});

describe('tab names', () => {
  it('names a CSV tab after its file, known tabs in their own spelling', () => {
    expect(tabNameForFile('/x/customers.csv')).toBe('Customers');
    expect(tabNameForFile('TEMPLATES.CSV')).toBe('Templates');
    expect(tabNameForFile('q3 export.csv')).toBe('q3 export');
    expect(tabNameForFile('.csv')).toBe('Customers');
  });
});

describe('CSV files', () => {
  it('reads values as getValues hands them over, padding ragged rows and reporting them', () => {
    const file = path.join(tmp(), 'customers.csv');
    fs.writeFileSync(
      file,
      '\uFEFFEmail,MRR,Since,Active,Note\r\na@x.example,"1,200.50",2024-03-05,TRUE,"hi, there"\r\nb@x.example\r\n\r\nc@x.example,$9,3/5/2024,false,n/a\r\n\r\n\r\n',
    );
    const { sheets } = readTableFile(file);
    expect(sheets).toEqual([
      {
        name: 'Customers',
        values: [
          ['Email', 'MRR', 'Since', 'Active', 'Note'],
          ['a@x.example', 1200.5, day('2024-03-05'), true, 'hi, there'],
          ['b@x.example', '', '', '', ''],
          ['', '', '', '', ''],
          ['c@x.example', '$9', day('2024-03-05'), false, 'n/a'],
        ],
        problems: [
          { row: 3, message: "row 3 has 1 of the header's 5 fields; the missing ones read as empty" },
        ],
      },
    ]);
  });

  it("reads a European Excel export's semicolons", () => {
    const file = path.join(tmp(), 'export.csv');
    fs.writeFileSync(file, 'Email;Name;MRR\r\nkari@fjord.example;Kari Ølstad;1200,50\r\n');
    expect(readTableFile(file).sheets).toEqual([
      {
        name: 'export',
        values: [
          ['Email', 'Name', 'MRR'],
          // A decimal comma is not en_US: the sheet reader parses it with the sheet's locale.
          ['kari@fjord.example', 'Kari Ølstad', '1200,50'],
        ],
      },
    ]);
  });

  it('round-trips types, tricky text and the file format (delimiter, BOM, line ends)', () => {
    const file = path.join(tmp(), 'customers.csv');
    fs.writeFileSync(file, '\uFEFFEmail;Since\nx@y.example;2024-01-01\n');
    const values: TableValue[][] = [
      ['Email', 'Name', 'MRR', 'Since', 'Last seen', 'VIP', 'Code', 'Note'],
      [
        'a@x.example',
        'Жанар Абенова',
        1200.5,
        day('2024-03-05'),
        new Date('2026-11-20T09:30:00Z'),
        true,
        '007',
        'a;b\n"c"',
      ],
      ['b@x.example', '<script>alert("x")</script> Test Co', -3, '', '', false, '42', '=1+2'],
    ];
    writeTableFile(file, [{ name: 'Customers', values }]);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFFEmail;Name;')).toBe(true);
    expect(text).not.toContain('\r\n');
    expect(text).toContain("'42");
    expect(readTableFile(file).sheets[0]!.values).toEqual(values);
  });

  it('writes new files as RFC 4180 with CRLF, with formulas guarded', () => {
    const file = path.join(tmp(), 'export.csv');
    writeTableFile(file, [{ name: 'export', values: [['Name'], ['=cmd|"/c calc"!A1'], [-5]] }]);
    expect(fs.readFileSync(file, 'utf8')).toBe('Name\r\n"\'=cmd|""/c calc""!A1"\r\n-5\r\n');
    expect(readTableFile(file).sheets[0]!.values).toEqual([['Name'], ['=cmd|"/c calc"!A1'], [-5]]);
  });

  it('keeps other tabs beside the customer file and reads them back', () => {
    const file = path.join(tmp(), 'customers.csv');
    writeTableFile(file, [
      { name: 'Customers', values: [['Email'], ['a@x.example']] },
      {
        name: 'Notes',
        values: [
          ['Time', 'Note'],
          [new Date('2026-11-20T10:00:00Z'), 'Called'],
        ],
      },
    ]);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['customers.Notes.csv', 'customers.csv']);
    const back = readTableFile(file).sheets;
    expect(back.map((s) => s.name)).toEqual(['Customers', 'Notes']);
    expect(back[1]!.values[1]).toEqual([new Date('2026-11-20T10:00:00Z'), 'Called']);
  });

  it('drops trailing blank rows and columns, as getDataRange does, but keeps inner ones', () => {
    const file = path.join(tmp(), 'c.csv');
    fs.writeFileSync(file, 'a,,b,,\n1,,2,,\n,,,,\n3,,4,,\n,,,,\n\n');
    expect(readTableFile(file).sheets[0]!.values).toEqual([
      ['a', '', 'b'],
      [1, '', 2],
      ['', '', ''],
      [3, '', 4],
    ]);
  });

  it('says which file is missing or unsupported', () => {
    expect(() => readTableFile('/nope/customers.csv')).toThrow('No such sheet file: /nope/customers.csv');
    const file = path.join(tmp(), 'c.txt');
    fs.writeFileSync(file, 'x');
    expect(() => readTableFile(file)).toThrow('only .csv and .xlsx');
    expect(() => writeTableFile(file, [])).toThrow('only .csv and .xlsx');
  });
});

describe('a folder of CSV files', () => {
  it('is a spreadsheet with a tab per file, known tabs first', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'templates.csv'), 'Name,Subject\nCheck-in,Hello {{Company}}\n');
    fs.writeFileSync(path.join(dir, 'customers.csv'), 'Email,MRR\na@x.example,10\n');
    fs.writeFileSync(path.join(dir, 'Segments.csv'), 'Rule name,Impact\nTravel,Severe\n');
    fs.writeFileSync(path.join(dir, 'extra.csv'), 'x\n1\n');
    fs.writeFileSync(path.join(dir, 'README.md'), '# not a tab');
    const { sheets } = readTableFile(dir);
    expect(sheets.map((s) => s.name)).toEqual(['Customers', 'Segments', 'Templates', 'extra']);
    expect(sheets[0]!.values).toEqual([
      ['Email', 'MRR'],
      ['a@x.example', 10],
    ]);
  });

  it('writes each tab back to its own file, reusing the existing file names', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'Segments.csv'), 'Rule name\n');
    fs.writeFileSync(path.join(dir, 'customers.csv'), 'Email\n');
    writeTableFile(dir, [
      { name: 'Customers', values: [['Email'], ['a@x.example']] },
      { name: 'Segments', values: [['Rule name'], ['Travel']] },
      { name: 'Notes', values: [['Note'], ['Called']] },
    ]);
    expect(fs.readdirSync(dir).sort()).toEqual(['Segments.csv', 'customers.csv', 'notes.csv']);
    expect(readTableFile(dir).sheets.map((s) => [s.name, s.values[1]![0]])).toEqual([
      ['Customers', 'a@x.example'],
      ['Segments', 'Travel'],
      ['Notes', 'Called'],
    ]);
  });

  it('needs at least one CSV file', () => {
    expect(() => readTableFile(tmp())).toThrow('at least one .csv');
  });
});

describe('XLSX files', () => {
  const sheets = [
    {
      name: 'Customers',
      values: [
        ['Email', 'Since', 'MRR', 'VIP', 'Seen', 'Note'],
        ['a@x.example', day('2024-03-05'), 99.5, true, new Date('2026-11-20T09:30:05Z'), ''],
        ['b@x.example', day('1999-12-31'), 1200, false, '', '=not a formula'],
      ] as TableValue[][],
    },
    {
      name: 'Notes',
      values: [
        ['Email', 'Note'],
        ['a@x.example', 'Жанар called ☎ 🚚'],
      ] as TableValue[][],
    },
  ];

  it('round-trips tabs, dates, numbers, booleans and text in any time zone', () => {
    const file = path.join(tmp(), 'book.xlsx');
    writeTableFile(file, sheets);
    expect(readTableFile(file).sheets).toEqual(sheets);
  });

  it('stores dates as real date cells that Excel shows as dates', () => {
    const file = path.join(tmp(), 'book.xlsx');
    writeTableFile(file, sheets);
    const ws = XLSX.read(fs.readFileSync(file), { type: 'buffer', cellNF: true }).Sheets['Customers']!;
    expect(ws['B2']).toMatchObject({ t: 'n', v: 45356, z: 'yyyy-mm-dd' });
    expect(ws['C2']).toMatchObject({ t: 'n', v: 99.5 });
    expect(ws['D2']).toMatchObject({ t: 'b', v: true });
    expect(ws['F2']).toBeUndefined();
    // Inert in Excel as a text cell, but live once someone saves the workbook as CSV: guarded too.
    expect(ws['F3']).toMatchObject({ t: 's', v: "'=not a formula" });
    expect(ws['F3']!.f).toBeUndefined();
  });

  it('reads a workbook made elsewhere: offset data, formula errors, 1904 dates', () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['Email', 'Score', 'Renewal'],
      [
        'a@x.example',
        { t: 'e', v: 0x2a, w: '#N/A' } as unknown as string,
        { t: 'n', v: 44000, z: 'm/d/yy' } as unknown as string,
      ],
    ]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, ws, 'Customers');
    book.Workbook = { WBProps: { date1904: true } };
    const file = path.join(tmp(), 'other.xlsx');
    fs.writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const values = readTableFile(file).sheets[0]!.values;
    expect(values[1]![1]).toBe('#N/A');
    // 1904 system: serial 44000 is 1904-01-01 + 44000 days.
    expect(values[1]![2]).toEqual(new Date(Date.UTC(1904, 0, 1) + 44000 * 86_400_000));
  });

  it('refuses tab names an .xlsx file cannot hold, before touching the file', () => {
    const file = path.join(tmp(), 'book.xlsx');
    writeTableFile(file, sheets);
    const before = fs.readFileSync(file);
    expect(() => writeTableFile(file, [{ name: 'Q3/Q4', values: [['x']] }])).toThrow('cannot be saved');
    expect(() =>
      writeTableFile(file, [
        { name: 'Notes', values: [] },
        { name: 'notes', values: [] },
      ]),
    ).toThrow('Two tabs');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe('atomic writes', () => {
  afterEach(() => jest.restoreAllMocks());

  it('leaves the old file intact when the temporary write fails midway', () => {
    const dir = tmp();
    const file = path.join(dir, 'customers.csv');
    fs.writeFileSync(file, 'Email\nold@x.example\n');
    const realWrite = fs.writeSync.bind(fs) as (fd: number, b: Uint8Array, o: number, l: number) => number;
    jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buffer: Uint8Array, offset: number) => {
      // Half the bytes reach the disk, then the disk fills up.
      realWrite(fd, buffer, offset, 5);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }) as unknown as typeof fs.writeSync);
    expect(() =>
      writeTableFile(file, [
        { name: 'Customers', values: [['Email'], ['new@x.example'], ['more@x.example']] },
      ]),
    ).toThrow('ENOSPC');
    expect(fs.readFileSync(file, 'utf8')).toBe('Email\nold@x.example\n');
    // No temporary file is left behind.
    expect(fs.readdirSync(dir)).toEqual(['customers.csv']);
  });

  it('leaves the old file intact when the rename fails, and cleans up', () => {
    const dir = tmp();
    const file = path.join(dir, 'book.xlsx');
    writeTableFile(file, [{ name: 'Customers', values: [['Email'], ['old@x.example']] }]);
    const before = fs.readFileSync(file);
    jest.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw new Error('EXDEV');
    });
    expect(() =>
      writeTableFile(file, [{ name: 'Customers', values: [['Email'], ['new@x.example']] }]),
    ).toThrow('EXDEV');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['book.xlsx']);
  });

  it('fsyncs the data before the rename makes it visible', () => {
    const file = path.join(tmp(), 'a.csv');
    const order: string[] = [];
    const realFsync = fs.fsyncSync.bind(fs);
    const realRename = fs.renameSync.bind(fs);
    jest.spyOn(fs, 'fsyncSync').mockImplementation((fd) => {
      order.push('fsync');
      realFsync(fd);
    });
    jest.spyOn(fs, 'renameSync').mockImplementation((a, b) => {
      order.push('rename');
      realRename(a, b);
    });
    writeFileAtomic(file, 'x');
    // The file, then (after the rename) its folder.
    expect(order).toEqual(['fsync', 'rename', 'fsync']);
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
  });

  it('keeps permissions and writes through a symbolic link', () => {
    const dir = tmp();
    const real = path.join(dir, 'real.csv');
    const link = path.join(dir, 'link.csv');
    fs.writeFileSync(real, 'old');
    fs.chmodSync(real, 0o640);
    fs.symlinkSync(real, link);
    writeFileAtomic(link, 'new');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(real, 'utf8')).toBe('new');
    expect(fs.statSync(real).mode & 0o777).toBe(0o640);
  });

  it('does not write any file when a value cannot be written', () => {
    const dir = tmp();
    const file = path.join(dir, 'customers.csv');
    fs.writeFileSync(file, 'Email\n');
    const poison = {
      toString: () => {
        throw new Error('cannot write this');
      },
    };
    expect(() =>
      writeTableFile(file, [
        { name: 'Customers', values: [['Email'], ['a@x.example']] },
        { name: 'Notes', values: [[poison]] },
      ]),
    ).toThrow('cannot write this');
    expect(fs.readdirSync(dir)).toEqual(['customers.csv']);
    expect(fs.readFileSync(file, 'utf8')).toBe('Email\n');
  });
});
