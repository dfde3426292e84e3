/**
 * Fuzz: the workbench server under hostile HTTP, on hostile sheets. Well-formed requests with hostile
 * bodies, forged Host/Origin/token/Content-Type, odd methods and paths, and bytes that are not HTTP.
 * Never a 5xx, never a stack trace to the client; a foreign Host is always refused; a refused request
 * changes no file; no file the workbench writes holds an unguarded formula.
 */
import * as path from 'node:path';
import { hostileRequest, sendBytes } from '../helpers/fuzz/hostile-requests';
import { hostileCsv, hostileSheet } from '../helpers/fuzz/hostile-values';
import { randomFrom } from '../helpers/fuzz/random';
import { seedCount } from '../helpers/seeds';
import { unguardedCells } from '../helpers/unguarded-cells';
import { rawRequest, snapshotFiles, startTestWorkbench } from '../helpers/workbench-http';

const REQUESTS_PER_WORKBENCH = 50;
const STACK = /\n\s+at |\.ts:\d+:\d+|node:internal|\/work\//;
const TABS = {
  'segments.csv': 'Segment,Query,Playbook\r\nEveryone,Status = Active,\r\n',
  'templates.csv': 'Name,Subject,Body\r\nCheck-in,Hi,"Hi {{Company|there}}"\r\n',
};

const batches = Math.ceil(seedCount(60, 6000) / REQUESTS_PER_WORKBENCH);
export const serverCases = { requests: 0, refused: 0, rawBytes: 0 };

describe('workbench server under hostile HTTP (fuzz)', () => {
  it.each(Array.from({ length: batches }, (_, i) => i + 1))(
    'batch %i: no 5xx, no stack trace, no write from a refused request, no unguarded write',
    async (batch) => {
      const r = randomFrom(batch);
      const sheet = hostileSheet(r);
      const wb = await startTestWorkbench({ folder: { 'customers.csv': hostileCsv(sheet, r), ...TABS } });
      const emails = sheet.rows
        .flat()
        .map(String)
        .filter((v) => v.includes('@'));
      const original = snapshotFiles(wb.dir);
      try {
        for (let i = 0; i < REQUESTS_PER_WORKBENCH; i++) {
          const hostile = hostileRequest(r, wb, emails);
          serverCases.requests++;
          const where = `batch ${batch} request ${i}`;
          if (hostile.kind === 'bytes') {
            serverCases.rawBytes++;
            const answer = await sendBytes(wb.port, hostile.bytes);
            expect([where, answer]).not.toEqual([where, expect.stringMatching(/^HTTP\/1\.[01] 5\d\d/)]);
            expect([where, STACK.test(answer)]).toEqual([where, false]);
            continue;
          }
          const before = snapshotFiles(wb.dir);
          const res = await rawRequest(wb.port, hostile.request);
          expect([where, res.status < 500]).toEqual([where, true]);
          expect([where, STACK.test(res.body)]).toEqual([where, false]);
          // A foreign Host is refused by the guard (403), or by Node's parser when it is empty (400).
          if (!hostile.hostAllowed) expect([where, [400, 403].includes(res.status)]).toEqual([where, true]);
          if (res.status >= 400) {
            serverCases.refused++;
            expect(snapshotFiles(wb.dir)).toEqual(before);
          }
        }
        const now = snapshotFiles(wb.dir);
        for (const file of [...now.keys()].filter((f) => now.get(f) !== original.get(f)))
          expect(unguardedCells(path.join(wb.dir, file))).toEqual([]);
      } finally {
        await wb.close();
      }
    },
    60_000,
  );

  afterAll(() => {
    console.log(
      `server fuzz: ${serverCases.requests} requests (${serverCases.refused} refused with a 4xx, ${serverCases.rawBytes} malformed byte streams)`,
    );
  });
});
