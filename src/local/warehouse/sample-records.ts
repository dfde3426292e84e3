/**
 * The bundled sample grown to N customers (src/local/sample-world.ts), as the warehouse holds them:
 * each row read by the sheet reader, given its effective crisis impact by the sample's Impact rules
 * tab and its risk score by the default scorecard, exactly as the add-on would score the same sheet.
 * Made a chunk at a time, so a million customers never sit in memory at once.
 */
import type { CrisisImpact } from '../../core/customers/customer';
import { scoreSheetOnly } from '../../core/risk/scorecard';
import { DEFAULT_SCORECARD } from '../../core/risk/settings';
import { impactOf, readImpactRules, type ImpactRule, type SegmentRecord } from '../../core/segments';
import { rawKeys, readCustomers } from '../../core/sheet/read-customers';
import { columnMapFor, type ColumnMap } from '../../core/sql';
import { grownRows, SAMPLE_DIR, SAMPLE_NOW } from '../sample-world';
import { readTableFile, type TableValue } from '../table/table-file';

export interface SampleRecords {
  /** The sample's customer headers (24), as the sheet reader keys them. */
  headers: string[];
  /** Their warehouse columns (`col_<header>`), fixed when the table is written. */
  map: ColumnMap;
  /** The day the risk scores and impact rules were computed for. */
  today: Date;
  /** Records of rows `first` … `first + count - 1` (sheet rows `first + 2` …). */
  chunk(first: number, count: number): SegmentRecord[];
}

export function sampleRecords(options: { seed?: number; sampleDir?: string } = {}): SampleRecords {
  const dir = options.sampleDir ?? SAMPLE_DIR;
  const table = readTableFile(dir);
  const tab = (name: string) => table.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  const customers = tab('Customers');
  if (!customers || customers.values.length < 2)
    throw new Error(`${dir}: the sample has no customers.csv with customers`);
  const [header, ...base] = customers.values as [TableValue[], ...TableValue[][]];
  const headers = rawKeys(header.map((h) => String(h).trim()));
  const rules: ImpactRule[] = readImpactRules(tab('Impact rules')?.values ?? null, headers).rules;
  const today = new Date(SAMPLE_NOW);
  const seed = options.seed ?? 0;
  return {
    headers,
    map: columnMapFor(headers),
    today,
    chunk(first, count) {
      const rows = grownRows(header, base, first, count, seed);
      const read = readCustomers({
        sheetName: 'Customers',
        headers: header,
        rows,
        rowNumbers: rows.map((_, j) => first + j + 2),
        // Dates of the grown sheet are UTC days (table-file.ts), which is what no time zone means.
        today,
      });
      return read.customers.map((customer): SegmentRecord => {
        const impact: CrisisImpact | undefined = impactOf(customer, rules, { today }).impact;
        const risk = scoreSheetOnly(
          customer,
          { today, ...(impact ? { segmentImpact: impact } : {}) },
          DEFAULT_SCORECARD,
        );
        return { customer, band: risk.band, score: risk.score, ...(impact ? { impact } : {}) };
      });
    },
  };
}
