/**
 * The learned model reads cells with the sheet reader's typed parsers (issue 18). These fail if a
 * feature builder goes back to reading text: money in several forms must be one number column,
 * dates in several forms one "days from the scoring day" column, a row number an identifier even
 * inside a training fold, and the messy sheet must rank as well as a clean copy of itself.
 */
import { messySaasSheet } from '../../../bench/data/synthetic-sheets';
import { buildFeatureSpec, type Table } from '../../../src/core/risk/model/features';
import { crossValidate, labelled, stratifiedFolds } from '../../../src/core/risk/model/model';
import { rocAuc } from '../../../src/core/risk/model/metrics';
import { cellNumber } from '../../../src/core/risk/model/cell-types';
import { parseDate, parseNumber } from '../../../src/core/sheet/values';

const sheet = messySaasSheet(1200, 3);
const { rows, y } = labelled(sheet.table, sheet.outcome);
const reading = { locale: 'en_US', asOf: sheet.asOf };

/** The same sheet with every cell already typed: numbers as numbers, dates as days from the scoring day. */
function cleanCopy(table: Table): Table {
  const days = (v: unknown) => {
    const d = parseDate(v);
    return d.ok ? Math.round((d.value.getTime() - sheet.asOf.getTime()) / 86_400_000) : '';
  };
  const money = (v: unknown) => {
    const n = parseNumber(v);
    return n.ok ? n.value : '';
  };
  const typed: Record<string, (v: unknown) => unknown> = {
    MRR: money,
    'Customer since': days,
    'Last login': days,
    'Renewal date': days,
    Discount: money,
    'Auto-renew': (v) => (/^(yes|y|true)$/i.test(String(v)) ? 1 : 0),
  };
  return {
    headers: table.headers,
    rows: table.rows.map((r) => r.map((v, i) => (typed[table.headers[i]!] ?? ((x: unknown) => x))(v))),
  };
}

describe('typed model features', () => {
  it('reads money, dates, percentages and yes/no through the sheet parsers', () => {
    const spec = buildFeatureSpec(sheet.table, rows, new Set([sheet.outcome]), y, 20, reading);
    const parseOf = Object.fromEntries(
      spec.columns.map((c) => [c.column, c.kind === 'numeric' ? c.parse : 'categorical']),
    );
    expect(parseOf).toMatchObject({
      MRR: 'number',
      'Customer since': 'date',
      'Last login': 'date',
      'Renewal date': 'date',
      NPS: 'number',
      Discount: 'number',
      'Auto-renew': 'boolean',
      Plan: 'categorical',
    });
    expect(cellNumber('$1,234.50', 'number', reading)).toBe(1234.5);
    expect(cellNumber('USD 1,234.50', 'number', reading)).toBe(1234.5);
    expect(cellNumber('12%', 'number', reading)).toBeCloseTo(0.12, 12);
    expect(cellNumber('11/17/2026', 'date', reading)).toBe(-3);
    expect(cellNumber('2026-11-23', 'date', reading)).toBe(3);
    expect(cellNumber('5 Dec 2026', 'date', reading)).toBe(15);
    expect(cellNumber('1.234,50 €', 'number', { ...reading, locale: 'de_DE' })).toBe(1234.5);
    expect(cellNumber('ja', 'boolean', reading)).toBe(1);
  });

  it('excludes a RowNumber column inside every training fold, not only on the whole sheet', () => {
    const foldOf = stratifiedFolds(rows, y, 5, 42);
    for (let f = 0; f < 5; f++) {
      const train = rows.filter((r) => foldOf.get(r) !== f);
      const trainY = Uint8Array.from(train, (r) => y[rows.indexOf(r)]!);
      const spec = buildFeatureSpec(sheet.table, train, new Set([sheet.outcome]), trainY, 20, reading);
      expect(spec.excluded.map((e) => e.column)).toEqual(
        expect.arrayContaining(['RowNumber', 'Customer ID']),
      );
    }
  });

  it('ranks the messy sheet as well as its clean copy, and near the generator’s own probabilities', () => {
    const messy = crossValidate(sheet.table, sheet.outcome, { folds: 3, asOf: sheet.asOf });
    const clean = crossValidate(cleanCopy(sheet.table), sheet.outcome, { folds: 3, asOf: sheet.asOf });
    expect(Math.abs(messy.auc - clean.auc)).toBeLessThan(0.01);
    const oracle = rocAuc(sheet.truth, Array.from(y));
    expect(messy.auc / oracle).toBeGreaterThan(0.95);
  });
});
