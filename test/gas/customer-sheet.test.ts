import { sheetsCustomerSheet } from '../../src/gas/customer-sheet';
import { SheetAccessError } from '../../src/ports/customer-sheet';
import { AppsScriptWorld } from '../../src/local/standins';

const locateEmail = (headers: unknown[]) => headers.findIndex((h) => String(h).toLowerCase() === 'email');

function sheetWith(rows: number, extra: unknown[][] = []) {
  const world = new AppsScriptWorld({ latency: 'none' });
  const values: unknown[][] = [['Name', 'Email', 'MRR']];
  for (let i = 1; i <= rows; i++) values.push([`Customer ${i}`, `c${i}@co${i % 50}.example`, i]);
  values.push(...extra);
  const ss = world.spreadsheets.create({ name: 'S', sheets: [{ name: 'Customers', values }] });
  const port = () => {
    const g = world.startExecution().globals;
    return sheetsCustomerSheet(g.SpreadsheetApp, g.CacheService.getUserCache(), ss.id, 'Customers');
  };
  return { world, ss, port };
}

describe('Sheets customer sheet', () => {
  it('finds one customer with the same number of calls at 1k, 10k and 100k rows', () => {
    const counts = [1_000, 10_000, 100_000].map((n) => {
      const { world, port } = sheetWith(n, [['Target', ' Target@Example.com ', 5]]);
      world.calls.reset();
      const found = port().findByEmail('target@example.com', locateEmail);
      expect(found.rows).toEqual([['Target', ' Target@Example.com ', 5]]);
      expect(found.rowNumbers).toEqual([n + 2]);
      return { calls: world.calls.total(), cells: world.calls.cellsRead };
    });
    expect(new Set(counts.map((c) => c.calls)).size).toBe(1);
    expect(new Set(counts.map((c) => c.cells)).size).toBe(1);
    expect(counts[0]!.cells).toBe(6); // header + one row, 3 columns each
  });

  it('uses the cached row on the next open and verifies it after a re-sort', () => {
    const { world, ss, port } = sheetWith(100);
    expect(port().findByEmail('c42@co42.example', locateEmail).rowNumbers).toEqual([43]);
    world.calls.reset();
    expect(port().findByEmail('c42@co42.example', locateEmail).rowNumbers).toEqual([43]);
    expect(world.calls.get('TextFinder.findAll')).toBe(0);

    // The user sorts the sheet descending: the cached row now holds someone else.
    const sheet = ss.sheet('Customers')!;
    sheet.rows = [sheet.rows[0]!, ...sheet.rows.slice(1).reverse()];
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
