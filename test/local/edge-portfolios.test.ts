/**
 * Every card renders for the portfolios that have nothing to show: no customers, a header row only,
 * no active customers, everyone churned, every email blank. Each once failed or could fail on an empty
 * list (the homepage's risk-band section had no widget and the card validator refused it).
 */
import { startTestWorkbench } from '../helpers/workbench-http';
import { tourCards } from '../helpers/card-tour';

const TABS = {
  'segments.csv': 'Segment,Query,Playbook\r\nEveryone,Status = Active,\r\nGone,Status = Churned,Win-back\r\n',
  'templates.csv': 'Name,Subject,Body\r\nCheck-in,Hi,"Hi {{First name|there}}, how are things?"\r\n',
};
const HEADER = 'Email,Name,Company,MRR,Status,Churn date,Last login,Start date\r\n';

const EDGE_PORTFOLIOS: [string, string][] = [
  ['a header row only', HEADER],
  ['an empty file', ''],
  [
    'no active customers (everyone churned)',
    `${HEADER}a@x.example,A,A Co,100,Churned,2026-10-01,2026-09-01,2024-01-01\r\nb@x.example,B,B Co,50,Churned,2026-11-01,2026-10-01,2025-01-01\r\n`,
  ],
  [
    'every email blank',
    `${HEADER},A,A Co,100,Active,,2026-11-01,2024-01-01\r\n,B,B Co,50,Active,,2026-11-01,2024-01-01\r\n`,
  ],
  ['one customer, no MRR or dates', 'Email\r\nsolo@x.example\r\n'],
];

describe.each(EDGE_PORTFOLIOS)('a portfolio with %s', (_what, customers) => {
  it('renders the homepage and every card without an error', async () => {
    const wb = await startTestWorkbench({ folder: { 'customers.csv': customers, ...TABS } });
    try {
      expect(await tourCards(wb)).toEqual([]);
    } finally {
      await wb.close();
    }
  }, 30_000);
});
