/**
 * A bulk tag over a segment, in chunks, killed at any service call of any execution (inside a chunk:
 * after its intent is logged but before the cells are written, after the write but before the cursor
 * is saved), with people sorting the customer tab between executions. It must end with every member
 * tagged exactly once and nobody else touched, and Undo must then put back every cell it changed.
 */
import {
  continueBulkTag,
  loadBulkTagJob,
  newBulkTagJob,
  saveBulkTagJob,
} from '../../../src/app/segments/bulk-tag-job';
import { undoBulkChange } from '../../../src/app/segments/handlers';
import { killAtCall, rng, survive } from '../../helpers/campaign-faults';
import { seeds } from '../../helpers/seeds';
import { hotelSegmentWorld } from '../../helpers/hotel-segment-world';

const HEADER = ['Email', 'Name', 'Company', 'Industry', 'MRR', 'Status', 'Tags'];
const TAG = 'relief';

/** Hotels are the segment; some already carry the tag or other tags. */
function customers(n: number): unknown[][] {
  return [
    HEADER,
    ...Array.from({ length: n }, (_, i) => [
      `c${i}@x${i}.example`,
      `Customer ${i}`,
      `Company ${i}`,
      i % 3 === 0 ? 'Clinic' : 'Hotels',
      100 + i,
      'Active',
      i % 7 === 0 ? `vip, ${TAG}` : i % 5 === 0 ? 'vip' : '',
    ]),
  ];
}

function world(n: number) {
  const values = customers(n);
  const before = new Map(values.slice(1).map((r) => [String(r[0]), String(r[6])]));
  return { ...hotelSegmentWorld(values), before };
}

type World = ReturnType<typeof world>;

/** Tags by email, as the sheet holds them now. */
function tagsNow(w: World): Map<string, string> {
  const [, ...rows] = w.ss.sheet('Customers')!.toValues();
  return new Map(rows.map((r) => [String(r[0]), String(r[6] ?? '')]));
}

function sortCustomers(w: World, random: () => number): void {
  const sheet = w.ss.sheet('Customers')!;
  const [header, ...rows] = sheet.toValues();
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  [header!, ...rows].forEach((r, i) => r.forEach((v, c) => sheet.put(i + 1, c + 1, v)));
}

const isMember = (email: string) => Number(/^c(\d+)@/.exec(email)![1]) % 3 !== 0;

describe('a bulk tag in chunks, killed anywhere', () => {
  it.each(process.env.SEED ? [Number(process.env.SEED)] : seeds(30, 1_000))(
    'seed %i: every member tagged once, nobody else touched, and Undo restores every cell',
    (seed) => {
      const random = rng(seed);
      const n = 20 + Math.floor(random() * 30);
      const w = world(n);
      const chunkCells = HEADER.length * (2 + Math.floor(random() * 8));
      {
        const ctx = w.contextOf(w.world.startExecution());
        saveBulkTagJob(
          ctx,
          newBulkTagJob(
            ctx,
            {
              spreadsheetId: w.ss.id,
              segment: 'Hurt hotels',
              tag: TAG,
              operation: 'add',
              header: 'Tags',
              column: 7,
            },
            chunkCells,
          ),
        );
      }
      for (
        let run = 0;
        run < 60 && loadBulkTagJob(w.contextOf(w.world.startExecution()))?.state !== 'done';
        run++
      ) {
        if (random() < 0.3) sortCustomers(w, random);
        const exec = w.world.startExecution({ kind: 'trigger' });
        if (random() < 0.7) killAtCall(exec, 1 + Math.floor(random() * 40));
        survive(() => {
          const ctx = w.contextOf(exec);
          const job = loadBulkTagJob(ctx)!;
          continueBulkTag(ctx, job, Number.POSITIVE_INFINITY);
        });
        exec.end();
      }
      expect(loadBulkTagJob(w.contextOf(w.world.startExecution()))?.state).toBe('done');
      const problems: string[] = [];
      for (const [email, now] of tagsNow(w)) {
        const tags = now.split(',').map((t) => t.trim());
        const count = tags.filter((t) => t === TAG).length;
        const was = w.before.get(email)!;
        if (isMember(email) && count !== 1) problems.push(`${email}: '${now}'`);
        if (!isMember(email) && now !== was) problems.push(`${email}: not a member, '${was}' → '${now}'`);
      }
      expect(problems).toEqual([]);

      if (random() < 0.5) sortCustomers(w, random);
      undoBulkChange(w.contextOf(w.world.startExecution()));
      const notRestored = [...tagsNow(w)].filter(([email, now]) => now !== w.before.get(email));
      expect(notRestored).toEqual([]);
    },
  );
});
