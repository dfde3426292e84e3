import { emailColumnIndex, type ColumnMapping } from '../../src/core/sheet/columns';
import { formatIssue, readCustomers } from '../../src/core/sheet/read-customers';
import {
  DOMAIN_ROW_LIMIT,
  ROW_CACHE_SECONDS,
  rowCacheKey,
  sheetsCustomerSheet,
} from '../../src/gas/customer-sheet';
import { SheetAccessError, type CustomerSheet, type SheetRows } from '../../src/ports/customer-sheet';
import { AppsScriptWorld } from '../../src/local/standins';

const locateEmail = (headers: unknown[]) => headers.findIndex((h) => String(h).toLowerCase() === 'email');

/**
 * The raw port parsed the way src/app parses it (src/app/find-customer.ts, whole-sheet.ts), so these
 * tests see Customers and cell issues exactly as a handler would.
 */
function parsedView(port: CustomerSheet, options: { mapping?: ColumnMapping; today?: Date } = {}) {
  const locate = (headers: unknown[]) => emailColumnIndex(headers, options.mapping);
  const parse = (r: SheetRows) => readCustomers({ ...r, mapping: options.mapping, today: options.today });
  return {
    findByEmail(email: string) {
      const found = port.findByEmail(email, locate);
      const read = parse(found);
      return {
        customer: read.customers[0],
        issues: read.issues,
        matches: found.rowNumbers.length,
        rows: found.rowNumbers,
      };
    },
    findByDomain(domain: string) {
      const read = parse(port.findByDomain(domain, locate));
      return { customers: read.customers, issues: read.issues };
    },
    readAll() {
      const all = port.readAll();
      return { ...all, ...parse(all) };
    },
  };
}

function sheetWith(
  rows: number,
  extra: unknown[][] = [],
  sheet: { headers?: unknown[]; locale?: string; timeZone?: string } = {},
) {
  const world = new AppsScriptWorld({ latency: 'none' });
  const values: unknown[][] = [sheet.headers ?? ['Name', 'Email', 'MRR']];
  for (let i = 1; i <= rows; i++) values.push([`Customer ${i}`, `c${i}@co${i % 50}.example`, i]);
  values.push(...extra);
  const ss = world.spreadsheets.create({
    name: 'S',
    sheets: [{ name: 'Customers', values }],
    locale: sheet.locale,
    timeZone: sheet.timeZone,
  });
  const globals = () => world.startExecution().globals;
  const port = () => {
    const g = globals();
    return sheetsCustomerSheet(g.SpreadsheetApp, g.CacheService.getUserCache(), ss.id, 'Customers');
  };
  const store = (options: { mapping?: ColumnMapping } = {}) => parsedView(port(), options);
  const tab = () => ss.sheet('Customers')!;
  return { world, ss, port, store, tab };
}

describe('Sheets customer sheet, parsed: findByEmail', () => {
  it('makes the same calls and reads the same cells at 1k, 10k and 100k rows, cached or not', () => {
    const measure = (n: number) => {
      const { world, store } = sheetWith(n, [['Target', ' Target@Example.com ', 'n/a']]);
      world.calls.reset();
      const first = store().findByEmail('target@example.com');
      expect(first.customer).toMatchObject({ row: n + 2, email: 'target@example.com', name: 'Target' });
      expect(first.issues.map(formatIssue)).toEqual([`Customers!C${n + 2} (MRR): not a number: 'n/a'`]);
      expect(first.matches).toBe(1);
      const uncached = world.calls.snapshot();
      world.calls.reset();
      expect(store().findByEmail('TARGET@example.com').customer?.row).toBe(n + 2);
      return { uncached, cached: world.calls.snapshot() };
    };
    const [small, medium, large] = [1_000, 10_000, 100_000].map(measure);
    expect(medium).toEqual(small);
    expect(large).toEqual(small);
    // Header and one row, three columns each; the second open skips the TextFinder.
    expect(small!.uncached.cellsRead).toBe(6);
    expect(small!.uncached.calls['TextFinder.findAll']).toBe(1);
    expect(small!.cached.cellsRead).toBe(6);
    expect(small!.cached.calls['TextFinder.findAll']).toBeUndefined();
    expect(small!.cached.total).toBeLessThan(small!.uncached.total);
  });

  it('still finds the right row after the sheet is re-sorted or rows are inserted above', () => {
    const { world, tab, store } = sheetWith(100);
    expect(store().findByEmail('c42@co42.example').rows).toEqual([43]);

    // The user sorts descending: the cached row 43 now holds someone else.
    tab().rows = [tab().rows[0]!, ...tab().rows.slice(1).reverse()];
    world.calls.reset();
    const resorted = store().findByEmail('c42@co42.example');
    expect(resorted.customer).toMatchObject({
      row: 60,
      email: 'c42@co42.example',
      name: 'Customer 42',
      mrr: 42,
    });
    expect(world.calls.get('TextFinder.findAll')).toBe(1);

    // Two rows inserted at the top.
    tab().rows.splice(1, 0, ['New', 'new1@x.example', 1], ['New', 'new2@x.example', 2]);
    expect(store().findByEmail('c42@co42.example').customer?.row).toBe(62);
    // And the corrected row is what the cache now holds.
    world.calls.reset();
    expect(store().findByEmail('c42@co42.example').customer?.row).toBe(62);
    expect(world.calls.get('TextFinder.findAll')).toBe(0);
  });

  it('forgets a customer whose row was deleted', () => {
    const { tab, store, world } = sheetWith(10);
    expect(store().findByEmail('c5@co5.example').matches).toBe(1);
    tab().rows.splice(5, 1);
    expect(store().findByEmail('c5@co5.example')).toEqual({
      customer: undefined,
      issues: [],
      matches: 0,
      rows: [],
    });
    world.calls.reset();
    store().findByEmail('c5@co5.example');
    expect(world.calls.get('TextFinder.findAll')).toBe(1); // nothing stale left in the cache
  });

  it('keeps one small cache entry per address, for at most 6 hours', () => {
    const { world, store } = sheetWith(20);
    store().findByEmail('c7@co7.example');
    expect(ROW_CACHE_SECONDS).toBe(21_600);
    world.clock.advance((ROW_CACHE_SECONDS - 1) * 1000);
    world.calls.reset();
    store().findByEmail('c7@co7.example');
    expect(world.calls.get('TextFinder.findAll')).toBe(0);
    world.clock.advance(2000);
    world.calls.reset();
    store().findByEmail('c7@co7.example');
    expect(world.calls.get('TextFinder.findAll')).toBe(1);
  });

  it('gives cache keys that fit CacheService and differ by sheet, tab and address', () => {
    const long = `${'x'.repeat(240)}@example.com`;
    const keys = [
      rowCacheKey('1abc', 'Customers', long),
      rowCacheKey('1abc', 'Customers', 'a@x.example'),
      rowCacheKey('1abc', 'Clients', 'a@x.example'),
      rowCacheKey('1abd', 'Customers', 'a@x.example'),
    ];
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(250);
    expect(new Set(keys).size).toBe(4);
    expect(rowCacheKey('1abc', 'Customers', 'a@x.example')).toBe(keys[1]);
  });

  it('finds an address written as "Name <address>" or mailto:, and not a longer one containing it', () => {
    const { store } = sheetWith(5, [
      ['Ana', 'Ana Díaz <ana@hotel.example>', 1],
      ['Bo', 'mailto:bo@hotel.example', 2],
      ['Evil', 'xana@hotel.example', 3],
      ['Evil2', 'ana@hotel.example.evil', 4],
    ]);
    expect(store().findByEmail('ana@hotel.example')).toMatchObject({ matches: 1, rows: [7] });
    expect(store().findByEmail('bo@hotel.example').customer?.email).toBe('bo@hotel.example');
  });

  it('returns the first of duplicated rows, with the duplicate reported', () => {
    const { store } = sheetWith(10, [['Dup', 'C3@co3.example', 1]]);
    const found = store().findByEmail('c3@co3.example');
    expect(found.customer?.row).toBe(4);
    expect(found.matches).toBe(2);
    expect(found.rows).toEqual([4, 12]);
    expect(found.issues.map(formatIssue)).toEqual([
      'Customers!B12 (Email): duplicate of row 4: c3@co3.example appears 2 times; only row 4 is used',
    ]);
  });

  it('treats regex characters in an address literally', () => {
    const { store } = sheetWith(3, [
      ['Plus', 'a.b+c@x.example', 1],
      ['Other', 'aXb+c@x.example', 2],
    ]);
    expect(store().findByEmail('a.b+c@x.example').rows).toEqual([5]);
  });

  it('uses the mapping from settings, and says so when there is no email column', () => {
    const mapped = sheetWith(3, [], { headers: ['Name', 'Contact', 'MRR'] });
    expect(mapped.store({ mapping: { email: 'Contact' } }).findByEmail('c2@co2.example').customer?.row).toBe(
      3,
    );
    // A lookup must not read the whole sheet to explain itself: the card names the problem instead.
    expect(() => mapped.store().findByEmail('c2@co2.example')).toThrow(
      new SheetAccessError('no-email-column', 'The "Customers" tab has no email column.'),
    );
    expect(() => mapped.store({ mapping: { email: 'E-post' } }).findByEmail('x@y.z')).toThrow(
      expect.objectContaining({ problem: 'no-email-column' }),
    );
  });

  it('reads the matching row with the spreadsheet’s locale and time zone', () => {
    const { store } = sheetWith(
      2,
      [['Jonas', 'jonas@firma.example', '1.200,50', new Date('2024-03-04T23:00:00Z'), '05.03.2024']],
      {
        headers: ['Name', 'Email', 'MRR', 'Start date', 'Renewal'],
        locale: 'de_DE',
        timeZone: 'Europe/Berlin',
      },
    );
    expect(store().findByEmail('jonas@firma.example').customer).toMatchObject({
      mrr: 1200.5,
      startDate: new Date('2024-03-05T00:00:00Z'),
      renewalDate: new Date('2024-03-05T00:00:00Z'),
    });
  });

  it('names the problem when the sheet or the tab is gone', () => {
    const { world, ss, store } = sheetWith(3);
    ss.sheet('Customers')!.name = 'Clients';
    expect(() => store().findByEmail('a@b.example')).toThrow(
      new SheetAccessError('tab-not-found', 'The spreadsheet has no tab named "Customers".'),
    );
    ss.sheet('Clients')!.name = 'Customers';
    world.spreadsheets.revokeAccess(ss.id);
    expect(() => store().readAll()).toThrow(expect.objectContaining({ problem: 'no-access' }));
  });
});

describe('Sheets customer sheet, parsed: findByDomain and readAll', () => {
  it('finds a company’s customers without look-alike domains, reading only a few rows', () => {
    const { store, world } = sheetWith(1000, [
      ['Evil', 'x@notco7.example', 0],
      ['Sub', 'y@eu.co7.example', 0],
    ]);
    world.calls.reset();
    const found = store().findByDomain('co7.example');
    expect(found.customers.map((c) => c.email)).toEqual(
      Array.from({ length: DOMAIN_ROW_LIMIT }, (_, i) => `c${7 + 50 * i}@co7.example`),
    );
    expect(world.calls.cellsRead).toBe(3 * (1 + DOMAIN_ROW_LIMIT));
    expect(store().findByDomain('nobody.example')).toEqual({ customers: [], issues: [] });
  });

  it('reads the whole tab in one getValues, parsed with the sheet’s locale', () => {
    const { world, store } = sheetWith(
      500,
      [
        ['', '', ''],
        ['Bad', 'bad@x.example', '#N/A'],
      ],
      { locale: 'ru_RU' },
    );
    world.calls.reset();
    const all = store().readAll();
    expect(world.calls.get('Range.getValues')).toBe(1);
    expect(all).toMatchObject({ sheetName: 'Customers', locale: 'ru_RU', timeZone: 'Etc/UTC' });
    expect(all.headers).toEqual(['Name', 'Email', 'MRR']);
    expect(all.rows).toHaveLength(502);
    expect(all.rowNumbers[501]).toBe(503);
    expect(all.customers).toHaveLength(501);
    expect(all.skippedBlankRows).toEqual([502]);
    expect(all.issues.map(formatIssue)).toEqual(['Customers!C503 (MRR): formula error #N/A']);
  });

  it('reads an empty tab as no customers, and says it has no email column', () => {
    const world = new AppsScriptWorld({ latency: 'none' });
    const ss = world.spreadsheets.create({ name: 'S', sheets: [{ name: 'Customers', values: [] }] });
    const g = world.startExecution().globals;
    const store = parsedView(
      sheetsCustomerSheet(g.SpreadsheetApp, g.CacheService.getUserCache(), ss.id, 'Customers'),
    );
    expect(() => store.readAll()).toThrow(/No email column found.*Columns seen: \(none\)/);
  });
});

describe('Sheets customer sheet (raw rows)', () => {
  it('finds one customer with the same number of calls at 1k, 10k and 100k rows', () => {
    const counts = [1_000, 10_000, 100_000].map((n) => {
      const { world, port } = sheetWith(n, [['Target', ' Target@Example.com ', 5]]);
      world.calls.reset();
      const found = port().findByEmail('target@example.com', locateEmail);
      expect(found.rows).toEqual([['Target', ' Target@Example.com ', 5]]);
      expect(found.rowNumbers).toEqual([n + 2]);
      return world.calls.snapshot();
    });
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[2]).toEqual(counts[0]);
    expect(counts[0]!.cellsRead).toBe(6); // header + one row, 3 columns each
  });

  it('uses the cached row on the next open and verifies it after a re-sort', () => {
    const { world, tab, port } = sheetWith(100);
    expect(port().findByEmail('c42@co42.example', locateEmail).rowNumbers).toEqual([43]);
    world.calls.reset();
    expect(port().findByEmail('c42@co42.example', locateEmail).rowNumbers).toEqual([43]);
    expect(world.calls.get('TextFinder.findAll')).toBe(0);

    tab().rows = [tab().rows[0]!, ...tab().rows.slice(1).reverse()];
    const found = port().findByEmail('c42@co42.example', locateEmail);
    expect(found.rowNumbers).toEqual([60]);
    expect(found.rows[0]![1]).toBe('c42@co42.example');
  });

  it('returns every row of a duplicated email, and none for a stranger', () => {
    const { port } = sheetWith(10, [['Dup', 'C3@co3.example', 1]]);
    expect(port().findByEmail('c3@co3.example', locateEmail).rowNumbers).toEqual([4, 12]);
    expect(port().findByEmail('nobody@x.example', locateEmail).rows).toEqual([]);
  });

  it('finds by domain without matching look-alike domains', () => {
    const { port } = sheetWith(100, [['Evil', 'x@notco7.example', 0]]);
    const found = port().findByDomain('co7.example', locateEmail);
    expect(found.rows.map((r) => r[1])).toEqual(['c7@co7.example', 'c57@co7.example']);
  });

  it('reads everything in one getValues', () => {
    const { world, port } = sheetWith(500);
    world.calls.reset();
    const all = port().readAll();
    expect(all.rows).toHaveLength(500);
    expect(all.rowNumbers[0]).toBe(2);
    expect(world.calls.get('Range.getValues')).toBe(1);
  });

  it('reads a chunk of rows in two getValues calls at any size, stopping at the last row', () => {
    for (const n of [1_000, 100_000]) {
      const { world, port } = sheetWith(n);
      expect(port().lastRow()).toBe(n + 1);
      world.calls.reset();
      const chunk = port().readRows(n - 1, 50);
      expect(chunk.rowNumbers).toEqual([n - 1, n, n + 1]);
      expect(chunk.rows.map((r) => r[1])).toEqual([
        `c${n - 2}@co${(n - 2) % 50}.example`,
        `c${n - 1}@co${(n - 1) % 50}.example`,
        `c${n}@co${n % 50}.example`,
      ]);
      expect(chunk.headers).toEqual(['Name', 'Email', 'MRR']);
      expect(world.calls.get('Range.getValues')).toBe(2);
      expect(world.calls.cellsRead).toBe(3 + 3 * 3);
      expect(port().readRows(n + 2, 10).rows).toEqual([]);
    }
    expect(() => sheetWith(1).port().readRows(1, 5)).toThrow(RangeError);
  });

  it('names the problem when the sheet, the tab or the email column is gone', () => {
    const { world, ss, port } = sheetWith(3);
    ss.sheet('Customers')!.name = 'Clients';
    expect(() => port().readAll()).toThrow(
      new SheetAccessError('tab-not-found', 'The spreadsheet has no tab named "Customers".'),
    );
    ss.sheet('Clients')!.name = 'Customers';
    expect(() => port().findByEmail('a@b.c', () => -1)).toThrow(/has no email column/);
    world.spreadsheets.revokeAccess(ss.id);
    expect(() => port().readAll()).toThrow(expect.objectContaining({ problem: 'no-access' }));
    world.spreadsheets.delete(ss.id);
  });
});
