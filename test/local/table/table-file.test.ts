import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importCell, readTableFile, writeTableFile } from '../../../src/local/table/table-file';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cg-table-'));

describe('sheet files', () => {
  it('imports cells as Sheets does in en_US', () => {
    expect(importCell('1,200.50')).toBe(1200.5);
    expect(importCell('42')).toBe(42);
    expect(importCell('TRUE')).toBe(true);
    expect(importCell('2024-03-05')).toEqual(new Date('2024-03-05T00:00:00Z'));
    expect(importCell('3/5/2024')).toEqual(new Date('2024-03-05T00:00:00Z'));
    expect(importCell('2024-02-31')).toBe('2024-02-31');
    expect(importCell('$1,200.50')).toBe('$1,200.50');
    expect(importCell('n/a')).toBe('n/a');
    expect(importCell('')).toBe('');
  });

  it('round-trips a CSV with dates, numbers and booleans, padding ragged rows', () => {
    const file = path.join(tmp(), 'c.csv');
    fs.writeFileSync(file, 'Email,MRR,Since,Active\na@x.io,12.5,2024-03-05,TRUE\nb@x.io\n');
    const { sheets } = readTableFile(file);
    expect(sheets[0]!.values).toEqual([
      ['Email', 'MRR', 'Since', 'Active'],
      ['a@x.io', 12.5, new Date('2024-03-05T00:00:00Z'), true],
      ['b@x.io', '', '', ''],
    ]);
    writeTableFile(file, sheets);
    expect(readTableFile(file).sheets[0]!.values).toEqual(sheets[0]!.values);
  });

  it('round-trips XLSX with several tabs', () => {
    const file = path.join(tmp(), 'book.xlsx');
    const sheets = [
      {
        name: 'Customers',
        values: [
          ['Email', 'Since', 'MRR'],
          ['a@x.io', new Date('2024-03-05T00:00:00Z'), 99.5],
        ],
      },
      {
        name: 'Notes',
        values: [
          ['Email', 'Note'],
          ['a@x.io', 'Жанар called ☎'],
        ],
      },
    ];
    writeTableFile(file, sheets);
    const back = readTableFile(file).sheets;
    expect(back.map((s) => s.name)).toEqual(['Customers', 'Notes']);
    expect(back[0]!.values[1]![2]).toBe(99.5);
    expect((back[0]!.values[1]![1] as Date).toISOString().slice(0, 10)).toBe('2024-03-05');
    expect(back[1]!.values[1]).toEqual(['a@x.io', 'Жанар called ☎']);
  });

  it('leaves the old file intact when a write fails midway', () => {
    const file = path.join(tmp(), 'c.csv');
    fs.writeFileSync(file, 'Email\na@x.io\n');
    const bad = [
      {
        name: 'Customers',
        values: [
          [
            {
              toString: () => {
                throw new Error('disk full');
              },
            } as unknown as string,
          ],
        ],
      },
    ];
    expect(() => writeTableFile(file, bad)).toThrow('disk full');
    expect(fs.readFileSync(file, 'utf8')).toBe('Email\na@x.io\n');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['c.csv']);
  });

  it('says which file is missing or unsupported', () => {
    expect(() => readTableFile('/nope/customers.csv')).toThrow('No such sheet file: /nope/customers.csv');
    const file = path.join(tmp(), 'c.txt');
    fs.writeFileSync(file, 'x');
    expect(() => readTableFile(file)).toThrow('only .csv and .xlsx');
  });
});

describe('CSV spreadsheets with several tabs', () => {
  it('keeps other tabs beside the customer file and reads them back', () => {
    const file = path.join(tmp(), 'customers.csv');
    writeTableFile(file, [
      { name: 'Customers', values: [['Email'], ['a@x.io']] },
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
    expect(back[1]!.values[1]![1]).toBe('Called');
  });
});
