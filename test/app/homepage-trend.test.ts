/** The homepage's churn trend: the last six full months as bars, on the sample's churn history. */
import * as path from 'node:path';
import { buildHomepage } from '../../src/app/handlers/home';
import { portfolioMetrics } from '../../src/core/metrics/portfolio';
import { readCustomers } from '../../src/core/sheet/read-customers';
import { readTableFile } from '../../src/local/table/table-file';
import { standInContext } from '../helpers/stand-in-context';

const SAMPLE = path.resolve(__dirname, '../../sample/customers.csv');

describe('homepage churn trend', () => {
  it('shows each of the last six full months with its churn rate and a bar scaled to the worst', () => {
    const values = readTableFile(SAMPLE).sheets[0]!.values;
    const w = standInContext(values);
    const card = buildHomepage(w.ctx());
    const section = card.sections.find((s) => s.header === 'Customer churn by month');
    const widget = section?.widgets[0];
    if (!widget || widget.kind !== 'textParagraph' || typeof widget.text === 'string')
      throw new Error('no trend');
    const lines = widget.text
      .map((s) => s.text)
      .join('')
      .split('\n');
    expect(lines.map((l) => l.slice(0, 3))).toEqual(['May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct']);
    // Each figure is the portfolio metric for that month.
    const [headers = [], ...rows] = values;
    const customers = readCustomers({ sheetName: 'Customers', headers, rows }).customers;
    const today = new Date('2026-11-20T12:00:00Z');
    const oct = portfolioMetrics(
      customers,
      { start: new Date('2026-10-01T00:00:00Z'), end: new Date('2026-11-01T00:00:00Z') },
      { today },
    );
    expect(lines[5]).toContain(`${(oct.churnRate.value! * 100).toFixed(1)}% (${oct.lostCustomers} lost)`);
    expect(lines.some((l) => l.includes('██████████'))).toBe(true);
  });
});
