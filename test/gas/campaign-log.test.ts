/**
 * The Campaigns tab adapter with the exactly-once runner, on the Sheets stand-ins: statuses land on
 * the right recipient however the tab is sorted or edited mid-campaign, in a few batched calls.
 */
import { LOG_HEADERS, planAudience, runCampaign, type RunDeps } from '../../src/core/campaigns';
import type { Customer } from '../../src/core/customers/customer';
import { OVERWRITTEN_NOTE, sheetsCampaignLog } from '../../src/gas/campaign-log';
import { AppsScriptWorld } from '../../src/local/standins';
import { onCall } from '../helpers/campaign-faults';

const TODAY = new Date('2026-11-20T09:00:00Z');

function setup(n: number) {
  const world = new AppsScriptWorld({ latency: 'none' });
  const ss = world.spreadsheets.create({ name: 'S', sheets: [{ name: 'Customers', values: [['Email']] }] });
  const log = () => sheetsCampaignLog(world.startExecution().globals.SpreadsheetApp, ss.id);
  const members: Customer[] = Array.from({ length: n }, (_, i) => ({
    row: i + 2,
    email: `m${i}@x.example`,
    name: `M ${i}`,
    tags: [],
    status: 'active',
    unsubscribed: false,
    raw: {},
  }));
  const plan = planAudience({
    campaignId: 'cmp-1',
    campaign: 'Relief',
    members,
    winBack: false,
    lastEmailed: new Map(),
    coolDownDays: 14,
    holdoutPercent: 0,
    today: TODAY,
  });
  log().append(plan.entries);
  const tab = () => ss.sheet('Campaigns')!;
  return { world, ss, log, tab };
}

function deps(
  log: ReturnType<ReturnType<typeof setup>['log']>,
  sent: string[],
  onSend?: () => void,
): RunDeps {
  return {
    log,
    send: (e) => {
      sent.push(e.to);
      onSend?.();
    },
    remainingQuota: () => 1500,
    now: () => TODAY,
    elapsedMs: () => 0,
    compose: (r) => ({ ok: true, email: { to: r.email, subject: 's', htmlBody: 'h', textBody: 't' } }),
  };
}

const statusOf = (rows: unknown[][], email: string) => rows.find((r) => r[2] === email)?.[5];

describe('Sheets campaign log', () => {
  it('creates the tab with its header row and writes each batch in a few calls', () => {
    const { world, log, tab } = setup(50);
    expect(tab().rows[0]).toEqual([...LOG_HEADERS]);
    world.calls.reset();
    const sent: string[] = [];
    const r = runCampaign('cmp-1', deps(log(), sent), { budgetMs: 20_000, batchSize: 10 });
    expect(r).toMatchObject({ sent: 50, stopped: 'done' });
    const writes = world.calls.get('Range.setValues');
    const reads = world.calls.get('Range.getValues');
    // Per batch of ten, under the shared lock: the header and the batch's rows, one write (its outcomes with the next batch's marks) and one
    // read of those rows to check it landed; plus the run's first read (header and the campaign's
    // rows, found by Campaign ID) and the first batch's marks.
    expect(writes).toBe(6);
    expect(reads).toBe(2 + 6 * 3);
    // A tab of at most READ_WHOLE_UP_TO_ROWS rows is read whole rather than searched (as cheap as a
    // TextFinder); the crowded tab below and log-bounded.test.ts take the TextFinder path.
    expect(world.calls.get('TextFinder.findAll')).toBe(0);
    expect(
      tab()
        .rows.slice(1)
        .every((row) => row[5] === 'sent'),
    ).toBe(true);
  });

  it('keeps statuses on the right recipient when the tab is re-sorted mid-run', () => {
    const { log, tab } = setup(30);
    const sent: string[] = [];
    let sends = 0;
    const reverse = () => {
      // The user sorts the tab Z→A while the run is sending.
      if (++sends % 7 === 0) tab().rows = [tab().rows[0]!, ...tab().rows.slice(1).reverse()];
    };
    runCampaign('cmp-1', deps(log(), sent, reverse), { budgetMs: 20_000, batchSize: 10 });
    expect(new Set(sent).size).toBe(30);
    expect(sent).toHaveLength(30);
    const rows = tab().rows;
    for (let i = 0; i < 30; i++) expect(statusOf(rows, `m${i}@x.example`)).toBe('sent');
    expect(rows).toHaveLength(31);
  });

  it('re-creates the row of a recipient deleted from the tab mid-run instead of losing them', () => {
    const { log, tab } = setup(12);
    const sent: string[] = [];
    let deleted = false;
    const remove = () => {
      if (deleted) return;
      deleted = true;
      const i = tab().rows.findIndex((r) => r[2] === 'm1@x.example');
      tab().rows.splice(i, 1);
    };
    runCampaign('cmp-1', deps(log(), sent, remove), { budgetMs: 20_000, batchSize: 5 });
    const rows = tab().rows;
    expect(rows.filter((r) => r[2] === 'm1@x.example')).toHaveLength(1);
    expect(statusOf(rows, 'm1@x.example')).toBe('sent');
    expect(sent.filter((e) => e === 'm1@x.example')).toHaveLength(1);
  });

  it('reads every campaign, for cool-down and progress', () => {
    const { log } = setup(3);
    const all = log().readAll();
    expect(all.recipients.map((r) => r.email)).toEqual(['m0@x.example', 'm1@x.example', 'm2@x.example']);
    expect(all.issues).toEqual([]);
  });
});

describe('Sheets campaign log among other campaigns, sorted by a person', () => {
  const OTHER = 1_200;
  /**
   * cmp-1's 30 pending recipients among another campaign's 1,200 rows, half already sent, half
   * pending: more than READ_WHOLE_UP_TO_ROWS, so writes find their rows with a TextFinder.
   */
  function crowded(seed: number) {
    const { world, ss, log, tab } = setup(30);
    const other = Array.from({ length: OTHER }, (_, i) => [
      'cmp-0',
      'Earlier',
      `o${i}@x.example`,
      `O ${i}`,
      'emailed',
      i % 2 ? 'sent' : 'pending',
      TODAY,
      '',
    ]);
    tab().replaceValues([...tab().rows, ...other]);
    let s = seed;
    const shuffle = () => {
      const rows = tab().rows.slice(1);
      for (let i = rows.length - 1; i > 0; i--) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        const j = s % (i + 1);
        [rows[i], rows[j]] = [rows[j]!, rows[i]!];
      }
      tab().replaceValues([tab().rows[0]!, ...rows]);
    };
    return { world, ss, log, tab, shuffle };
  }

  it.each([1, 2, 3, 4, 5])(
    'a person sorting the tab between two sends causes no duplicate send and no skip (seed %i)',
    (seed) => {
      const { world, ss, tab, shuffle } = crowded(seed);
      const log = sheetsCampaignLog(world.startExecution().globals.SpreadsheetApp, ss.id);
      const sent: string[] = [];
      runCampaign('cmp-1', deps(log, sent, shuffle), { budgetMs: 20_000, batchSize: 5 });
      expect(sent.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `m${i}@x.example`).sort());
      for (let i = 0; i < 30; i++) expect(statusOf(tab().rows, `m${i}@x.example`)).toBe('sent');
      for (let i = 0; i < OTHER; i++)
        expect(statusOf(tab().rows, `o${i}@x.example`)).toBe(i % 2 ? 'sent' : 'pending');
      expect(tab().rows).toHaveLength(1 + 30 + OTHER);
    },
  );

  it.each([1, 2, 3, 4, 5])(
    'a sort between a write’s read and the write itself sends no one twice: a row it overwrote goes to review (seed %i)',
    (seed) => {
      const { world, ss, tab, shuffle } = crowded(seed);
      const exec = world.startExecution();
      const log = sheetsCampaignLog(exec.globals.SpreadsheetApp, ss.id);
      let sortBeforeWrite = false;
      onCall(exec, (method) => {
        // The sort lands between the write's read (under the lock) and the write: the rows read
        // moments ago are no longer where they were, and what the write overwrote is not known.
        if (method === 'Range.setValues' && sortBeforeWrite) {
          sortBeforeWrite = false;
          shuffle();
        }
      });
      const sent: string[] = [];
      let sends = 0;
      runCampaign(
        'cmp-1',
        deps(log, sent, () => (sortBeforeWrite = ++sends % 6 === 3)),
        {
          budgetMs: 20_000,
          batchSize: 5,
        },
      );
      expect(new Set(sent).size).toBe(sent.length);
      const rows = tab().rows;
      // Every recipient of either campaign ends as it should, or in review with the reason; a row
      // already sent never goes back to pending, and a pending one is never marked sent unsent.
      for (let i = 0; i < 30; i++) {
        const email = `m${i}@x.example`;
        const row = rows.find((r) => r[2] === email)!;
        if (row[5] === 'review') expect(row[7]).toBe(OVERWRITTEN_NOTE);
        else expect(row[5]).toBe(sent.includes(email) ? 'sent' : 'pending');
      }
      const stillPending: string[] = [];
      for (let i = 0; i < OTHER; i++) {
        const row = rows.find((r) => r[2] === `o${i}@x.example`)!;
        if (row[5] === 'review') expect(row[7]).toBe(OVERWRITTEN_NOTE);
        else expect(row[5]).toBe(i % 2 ? 'sent' : 'pending');
        if (row[5] === 'pending') stillPending.push(`o${i}@x.example`);
      }
      // The other campaign, run now, sends only its recipients still pending, each once.
      const later: string[] = [];
      const exec2 = world.startExecution();
      runCampaign('cmp-0', deps(sheetsCampaignLog(exec2.globals.SpreadsheetApp, ss.id), later), {
        budgetMs: 20_000,
        batchSize: 10,
      });
      expect([...later].sort()).toEqual(stillPending.sort());
      expect(tab().rows).toHaveLength(1 + 30 + OTHER);
    },
  );
});
