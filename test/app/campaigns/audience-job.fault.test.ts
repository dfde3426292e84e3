/**
 * A segment campaign whose audience is written in chunks after Start, killed anywhere: in Start
 * (before or after the trigger, the record, inside the card's step, between a chunk's log append and
 * its cursor save), in the hourly runs that continue it (inside and between chunks, during the
 * confirm and the sends), while people sort the customer tab between executions. The next runs must
 * finish it with every segment member emailed exactly once, held out or excluded with a reason:
 * never twice, never skipped, one log row each.
 */
import { loadCampaign, type CampaignMeta } from '../../../src/app/campaigns/meta';
import { runHourly } from '../../../src/app/campaigns/run';
import { startSegmentCampaign } from '../../../src/app/campaigns/start';
import { sheetComposer } from '../../../src/app/campaigns/composer';
import { settleReview } from '../../../src/app/campaigns/control';
import { DEFAULT_TEAM_SETTINGS } from '../../../src/core/settings/team-settings';
import { DEFAULT_TEMPLATES } from '../../../src/core/templates';
import type { Execution } from '../../../src/local/standins';
import { killAtCall, rng, survive } from '../../helpers/campaign-faults';
import { seeds } from '../../helpers/seeds';
import { hotelSegmentWorld } from '../../helpers/hotel-segment-world';

const HOUR = 3_600_000;
const ID = 'cmp-20261120-0900-aud';
const HEADER = ['Email', 'Name', 'Company', 'Industry', 'MRR', 'Status', 'Unsubscribed'];

/** n customers, every one a hotel (the segment), some unsubscribed or churned (excluded), one address twice. */
function customers(n: number): unknown[][] {
  const rows: unknown[][] = Array.from({ length: n }, (_, i) => [
    `owner${i}@hotel${i}.example`,
    `Guest ${i}`,
    `Hotel ${i}`,
    'Hotels',
    100 + i,
    i % 11 === 5 ? 'Churned' : 'Active',
    i % 13 === 7 ? 'yes' : '',
  ]);
  rows.push(['owner3@hotel3.example', 'Guest 3 again', 'Hotel 3', 'Hotels', 1, 'Active', '']);
  return [HEADER, ...rows];
}

function world(n: number) {
  return hotelSegmentWorld(customers(n), [
    { name: 'Templates', values: DEFAULT_TEMPLATES.map((r) => [...r]) },
  ]);
}

type World = ReturnType<typeof world>;

const start = (w: World, exec: Execution, chunkCells: number, appendEvery = 1) =>
  startSegmentCampaign(
    w.contextOf(exec),
    {
      id: ID,
      name: 'Relief',
      template: 'Payment holiday',
      segment: 'Hurt hotels',
      spreadsheetId: w.ss.id,
      winBack: false,
      team: { ...DEFAULT_TEAM_SETTINGS, holdoutPercent: 20 },
      sheetBlockers: [],
      chunkCells,
      appendEvery,
    },
    w.contextOf(exec).customerSheet(w.ss.id, 'Customers'),
  );

const state = (w: World): CampaignMeta | null =>
  loadCampaign(w.contextOf(w.world.startExecution()).userStore, ID);

/** A person sorts the customer tab (header stays), as happens between the hourly runs. */
function sortCustomers(w: World, random: () => number): void {
  const sheet = w.ss.sheet('Customers')!;
  const [header, ...rows] = sheet.toValues();
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  [header!, ...rows].forEach((r, i) => r.forEach((v, c) => sheet.put(i + 1, c + 1, v)));
}

/** One hourly run, killed at its `killAt`-th service call (0: not killed). */
function hourly(w: World, killAt: number): void {
  w.world.clock.advance(HOUR);
  w.world.runDueTriggers((_fn, execution) => {
    if (killAt > 0) killAtCall(execution, killAt);
    survive(() => runHourly(w.contextOf(execution), sheetComposer));
  });
}

/** Every address of the segment and what it should end as. */
function expected(n: number) {
  const out = new Map<string, 'mail' | 'excluded'>();
  for (let i = 0; i < n; i++)
    out.set(`owner${i}@hotel${i}.example`, i % 11 === 5 || i % 13 === 7 ? 'excluded' : 'mail');
  return out;
}

function outcome(w: World, n: number) {
  const log = w.contextOf(w.world.startExecution()).campaignLog(w.ss.id).readAll();
  const rows = log.recipients.filter((r) => r.campaignId === ID);
  const received = new Map<string, number>();
  for (const m of w.world.mail.outbox) for (const to of m.to) received.set(to, (received.get(to) ?? 0) + 1);
  const problems: string[] = [];
  const byEmail = new Map<string, number>();
  for (const r of rows) byEmail.set(r.email, (byEmail.get(r.email) ?? 0) + 1);
  for (const [email, want] of expected(n)) {
    const count = byEmail.get(email) ?? 0;
    if (count !== 1) problems.push(`${email}: ${count} log rows`);
    const row = rows.find((r) => r.email === email);
    const got = received.get(email) ?? 0;
    if (want === 'excluded' && (row?.status !== 'excluded' || got > 0))
      problems.push(`${email}: should be excluded, is ${row?.status} with ${got} emails`);
    if (want === 'mail' && row?.status === 'holdout' && got > 0)
      problems.push(`${email}: holdout but emailed`);
    if (want === 'mail' && row?.status !== 'holdout' && (row?.status !== 'sent' || got !== 1))
      problems.push(`${email}: ${row?.status} with ${got} emails`);
  }
  for (const email of received.keys()) if (!expected(n).has(email)) problems.push(`${email}: not a member`);
  return { problems, rows };
}

/** Settles recipients a kill left in review, from the Sent folder (the outbox), as the card asks. */
function settle(w: World): void {
  const ctx = w.contextOf(w.world.startExecution());
  const got = new Set(w.world.mail.outbox.flatMap((m) => m.to));
  for (const r of ctx.campaignLog(w.ss.id).recipients(ID))
    if (r.status === 'review') settleReview(ctx, ID, r.email, got.has(r.email));
}

describe('a segment campaign whose audience is written in chunks, killed anywhere', () => {
  it('writes a small sheet whole on the Start card and sends its first batch from there', () => {
    const w = world(30);
    const started = start(w, w.world.startExecution(), 60_000);
    expect(started.kind).toBe('started');
    expect(state(w)?.state).toBe('sending');
    expect(w.world.triggers.nextDue()).not.toBeNull();
  });

  it('leaves a large sheet to the trigger: Start records "preparing" with the trigger installed, writing no row', () => {
    const w = world(60);
    const started = start(w, w.world.startExecution(), HEADER.length * 10);
    expect(started.kind === 'started' && started.meta.state).toBe('preparing');
    expect(w.contextOf(w.world.startExecution()).campaignLog(w.ss.id).rowCount()).toBe(0);
    for (let h = 0; h < 3 && state(w)?.state !== 'done'; h++) hourly(w, 0);
    expect(state(w)?.state).toBe('done');
    expect(outcome(w, 60).problems).toEqual([]);
  });

  it('a campaign whose Start card timed out mid-audience is finished by the trigger', () => {
    const w = world(60);
    const card = w.world.startExecution();
    // Dies inside the card's step, after the trigger, the record and part of the audience.
    let calls = 0;
    const original = card.call.bind(card);
    card.call = (method, cells) => {
      if (method === 'Range.setValues' && ++calls === 2) {
        card.end();
        throw new Error('Exceeded maximum execution time');
      }
      original(method, cells);
    };
    // 40 rows a chunk: two chunks, so the card does the whole (small) audience unless it dies.
    survive(() => start(w, card, HEADER.length * 40));
    expect(state(w)?.state).toBe('preparing');
    for (let h = 0; h < 3 && state(w)?.state !== 'done'; h++) hourly(w, 0);
    expect(state(w)?.state).toBe('done');
    expect(outcome(w, 60).problems).toEqual([]);
  });

  it.each(process.env.SEED ? [Number(process.env.SEED)] : seeds(30, 1_000))(
    'seed %i: every member once, held out or excluded, whatever is killed',
    (seed) => {
      const random = rng(seed);
      const n = 25 + Math.floor(random() * 30);
      const w = world(n);
      // 3 to 12 rows a chunk: many chunks, so kills land between and inside them.
      const chunkCells = HEADER.length * (3 + Math.floor(random() * 10));
      // Appends after every chunk up to every few chunks: kills land between an append and its cursor save.
      const appendEvery = 1 + Math.floor(random() * 20);
      const card = w.world.startExecution();
      killAtCall(card, 1 + Math.floor(random() * 120));
      survive(() => start(w, card, chunkCells, appendEvery));
      // A Start that died before its record: the person presses Start again (same preview id).
      if (!state(w)) survive(() => start(w, w.world.startExecution(), chunkCells));
      if (!state(w)) start(w, w.world.startExecution(), chunkCells);
      for (let hour = 0; hour < 40 && state(w)?.state !== 'done'; hour++) {
        if (random() < 0.4) sortCustomers(w, random);
        hourly(w, random() < 0.6 ? 1 + Math.floor(random() * 150) : 0);
        if (hour % 5 === 4) settle(w);
      }
      settle(w);
      for (let hour = 0; hour < 5 && state(w)?.state !== 'done'; hour++) hourly(w, 0);
      expect(state(w)?.state).toBe('done');
      expect(outcome(w, n).problems).toEqual([]);
    },
  );
});
