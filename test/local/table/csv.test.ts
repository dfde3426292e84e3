import {
  csvText,
  detectDelimiter,
  guardFormula,
  parseCsv,
  parseCsvTable,
  toCsv,
  unguardFormula,
} from '../../../src/local/table/csv';

describe('parseCsv', () => {
  it('reads quoted fields holding commas, escaped quotes and line breaks', () => {
    expect(parseCsv('Name,Note\n"Díaz, Ana","said ""hi""\nthen left"\n')).toEqual([
      ['Name', 'Note'],
      ['Díaz, Ana', 'said "hi"\nthen left'],
    ]);
  });

  it('keeps a CRLF inside a quoted field as it is', () => {
    expect(parseCsv('a,b\r\n"x\r\ny",z\r\n')).toEqual([
      ['a', 'b'],
      ['x\r\ny', 'z'],
    ]);
  });

  it.each([
    ['CRLF', 'a,b\r\n1,2\r\n3,4'],
    ['LF', 'a,b\n1,2\n3,4'],
    ['CR', 'a,b\r1,2\r3,4'],
    ['mixed', 'a,b\r\n1,2\r3,4'],
    ['a trailing CRLF', 'a,b\r\n1,2\r\n3,4\r\n'],
    ['a trailing LF', 'a,b\n1,2\n3,4\n'],
    ['a trailing CR', 'a,b\r1,2\r3,4\r'],
  ])('reads %s line ends', (_label, text) => {
    expect(parseCsv(text)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('drops a UTF-8 byte order mark', () => {
    expect(parseCsv('\uFEFFEmail,Name\nx@y.example,Ølstad')).toEqual([
      ['Email', 'Name'],
      ['x@y.example', 'Ølstad'],
    ]);
  });

  it('keeps empty fields, empty quoted fields and blank lines', () => {
    expect(parseCsv('a,b,c\n,"",\n\nx,,z\n')).toEqual([['a', 'b', 'c'], ['', '', ''], [''], ['x', '', 'z']]);
  });

  it('gives an empty text no rows, and a lone line end one blank row', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
    expect(parseCsv('\n')).toEqual([['']]);
  });

  it('reads ragged rows as they are', () => {
    expect(parseCsv('a,b,c\n1\n1,2,3,4')).toEqual([['a', 'b', 'c'], ['1'], ['1', '2', '3', '4']]);
  });

  it('is lenient with stray quotes, as spreadsheets are', () => {
    // A quote inside an unquoted field is a character; text after a closing quote is kept.
    expect(parseCsv('a,b\n5" screen,"12"" tall"x\n')).toEqual([
      ['a', 'b'],
      ['5" screen', '12" tallx'],
    ]);
    // An unterminated quote runs to the end instead of throwing.
    expect(parseCsv('a,b\n"open,1\n2')).toEqual([['a', 'b'], ['open,1\n2']]);
  });

  it('keeps spaces around fields (RFC 4180: spaces are part of a field)', () => {
    expect(parseCsv('a , b\n x ,y ')).toEqual([
      ['a ', ' b'],
      [' x ', 'y '],
    ]);
  });

  it('takes the delimiter as an argument or an option', () => {
    expect(parseCsv('a;b,c', ';')).toEqual([['a', 'b,c']]);
    expect(parseCsv('a;b,c', { delimiter: ',' })).toEqual([['a;b', 'c']]);
  });
});

describe('detectDelimiter', () => {
  it('finds the semicolon of a European Excel export, decimal commas and all', () => {
    const text = 'Name;MRR;Start\r\nØlstad AS;1200,50;20.11.2026\r\nKaya;99,9;01.02.2025\r\n';
    expect(detectDelimiter(text)).toBe(';');
    expect(parseCsv(text)[1]).toEqual(['Ølstad AS', '1200,50', '20.11.2026']);
  });

  it('finds tabs', () => {
    expect(detectDelimiter('a\tb\n1,5\t2')).toBe('\t');
    expect(parseCsv('a\tb\n1,5\t2')).toEqual([
      ['a', 'b'],
      ['1,5', '2'],
    ]);
  });

  it('does not count delimiters inside quotes', () => {
    // The header has more semicolons than commas, but only inside a quoted field.
    expect(detectDelimiter('"Notes; more; more",Email\n"a;b;c",x@y.example\n')).toBe(',');
  });

  it('prefers the delimiter that splits every row alike', () => {
    const text = 'Email,Note\na@x.example,"fine"\nb@x.example,ok; call back\nc@x.example,no\n';
    expect(detectDelimiter(text)).toBe(',');
  });

  it('falls back to a comma when nothing splits (a one-column file)', () => {
    expect(detectDelimiter('Email\na@x.example\n')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });

  it("follows Excel's sep= line and does not read it as data", () => {
    expect(detectDelimiter('sep=;\na,b;c\n')).toBe(';');
    expect(parseCsv('\uFEFFsep=;\r\na,b;c\r\n')).toEqual([['a,b', 'c']]);
  });
});

describe('parseCsvTable', () => {
  it('pads short rows to the header width and reports them', () => {
    const t = parseCsvTable('Email,Name,MRR\na@x.example,Ann\nb@x.example,Bo,10\n');
    expect(t.rows).toEqual([
      ['Email', 'Name', 'MRR'],
      ['a@x.example', 'Ann', ''],
      ['b@x.example', 'Bo', '10'],
    ]);
    expect(t.headerWidth).toBe(3);
    expect(t.problems).toEqual([
      { row: 2, message: "row 2 has 2 of the header's 3 fields; the missing ones read as empty" },
    ]);
  });

  it('keeps the extra fields of long rows in unnamed columns, and reports them', () => {
    const t = parseCsvTable('a,b\n1,2,3\n4,5\n');
    expect(t.rows).toEqual([
      ['a', 'b', ''],
      ['1', '2', '3'],
      ['4', '5', ''],
    ]);
    expect(t.problems.map((p) => p.row)).toEqual([2]);
    expect(t.problems[0]!.message).toContain('1 more than the header');
  });

  it('keeps blank lines as blank rows without reporting them', () => {
    const t = parseCsvTable('a,b\n1,2\n\n3,4\n');
    expect(t.rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['', ''],
      ['3', '4'],
    ]);
    expect(t.problems).toEqual([]);
  });

  it('reports an unterminated quote with the row it opened in', () => {
    const t = parseCsvTable('a,b\n1,2\n3,"oops\n4,5\n');
    expect(t.problems).toContainEqual({
      row: 3,
      message: 'a quoted field in row 3 is never closed; it runs to the end of the file',
    });
  });

  it('says which delimiter it used', () => {
    expect(parseCsvTable('a;b\n1;2').delimiter).toBe(';');
    expect(parseCsvTable('a\tb\n1\t2').delimiter).toBe('\t');
  });
});

describe('toCsv', () => {
  it('quotes only where needed', () => {
    expect(toCsv([['plain', 'a,b', 'say "hi"', 'two\nlines', ' pad', 'pad ', '', 'Ølstad']])).toBe(
      'plain,"a,b","say ""hi""","two\nlines"," pad","pad ",,Ølstad\r\n',
    );
  });

  it('writes numbers, booleans, dates and nulls as a spreadsheet would read them back', () => {
    const day = new Date('2026-11-20T00:00:00Z');
    const instant = new Date('2026-11-20T09:30:05Z');
    expect(toCsv([[1200.5, -3, 0, true, false, day, instant, null, undefined]])).toBe(
      '1200.5,-3,0,TRUE,FALSE,2026-11-20,2026-11-20 09:30:05,,\r\n',
    );
    expect(csvText(new Date('2026-11-20T09:30:05.250Z'))).toBe('2026-11-20 09:30:05.250');
    expect(csvText(Number.NaN)).toBe('');
  });

  it('round-trips anything through parseCsv', () => {
    const rows = [
      ['Email', 'Note', 'Name'],
      ['a@x.example', 'line1\r\nline2\rline3\nline4', '<script>alert("x")</script> Test Co'],
      ['b@x.example', '"quoted", with comma; and semicolon\ttab', 'Жанар Абенова 🚚'],
      ['', '', ''],
      ['=HYPERLINK("x")', '-5', '@SUM(A1)'],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
    expect(parseCsv(toCsv(rows, { lineEnding: '\n' }))).toEqual(rows);
    expect(parseCsv(toCsv(rows, { delimiter: ';' }))).toEqual(rows);
    expect(parseCsv(toCsv(rows, { delimiter: '\t', bom: true }))).toEqual(rows);
  });

  it('writes a BOM, a delimiter and a line ending when asked', () => {
    expect(toCsv([['a', 'b;c']], { delimiter: ';', lineEnding: '\n', bom: true })).toBe('\uFEFFa;"b;c"\n');
  });

  it('writes nothing for no rows', () => {
    expect(toCsv([])).toBe('');
  });
});

describe('formula injection guard', () => {
  it('prefixes text that starts like a formula with an apostrophe, when asked', () => {
    const rows = [
      ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', 'safe', 'a=b'],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
    expect(parseCsv(toCsv(rows, { guardFormulas: true }))[0]).toEqual([
      `'=HYPERLINK("http://evil.example","x")`,
      "'+1+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\tcmd",
      'safe',
      'a=b',
    ]);
  });

  it('leaves numbers, dates and booleans alone: only text is guarded', () => {
    expect(toCsv([[-5, '-5', true, new Date('2026-01-02T00:00:00Z')]], { guardFormulas: true })).toBe(
      "-5,'-5,TRUE,2026-01-02\r\n",
    );
  });

  it('can always be undone, even for text that already starts with an apostrophe', () => {
    for (const text of ['=1+2', "'=1+2", "''@x", "'plain", 'plain', '', '-', "'"]) {
      expect(unguardFormula(guardFormula(text))).toBe(text);
    }
    expect(unguardFormula("'=1+2")).toBe('=1+2');
    expect(unguardFormula("'hello")).toBe("'hello");
  });
});
