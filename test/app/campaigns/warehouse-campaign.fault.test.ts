/**
 * A campaign on a warehouse segment through the email-service stand-in (real HTTP), with BigQuery
 * faults: an INSERT that commits and loses its answer (the store's retry then writes the same change
 * ids again), a read that fails, and executions killed before a BigQuery call, right after an INSERT
 * applied, or before/after an email-service fetch; the service answers with 429s, 5xx, 401 and
 * timeouts before and after it accepted the message. A person does what the card asks (settles each
 * review from the provider's log, retries failed recipients, resumes a sender pause). In the end
 * every recipient of the fault-free audience check was accepted exactly once (0 duplicates) and
 * every emailed row says sent (0 silently lost).
 *
 * WAREHOUSE_SKIP_CLAIMS=1 deletes every "sending" claim right after its INSERT (as if the runner
 * claimed nothing): this test must then find duplicates (see the closing note of wh-campaign).
 */
import { seeds } from '../../helpers/seeds';
import { changeCampaignState, retryFailed, settleReview } from '../../../src/app/campaigns/control';
import { continueCampaign } from '../../../src/app/campaigns/run';
import { loadCampaign } from '../../../src/app/campaigns/meta';
import { sheetComposer } from '../../../src/app/campaigns/composer';
import { campaignLogOf } from '../../../src/app/campaigns/warehouse-log';
import { checkWarehouseAudience, startWarehouseCampaign } from '../../../src/app/campaigns/warehouse-start';
import { loadTeamConfig } from '../../../src/app/retention-reply';
import { DEFAULT_SEGMENTS } from '../../../src/core/segments';
import { DEFAULT_TEMPLATES } from '../../../src/core/templates';
import type { BigQueryLike } from '../../../src/gas/bigquery-like';
import type { Execution } from '../../../src/local/standins';
import type { Fault } from '../../../src/local/email-service/server';
import type { EmailServiceProcess } from '../../../src/local/email-service/process';
import { Killed, onCall, rng } from '../../helpers/campaign-faults';
import { emailService, useEmailService } from '../../helpers/email-service';
import { warehouseRows, warehouseWorlds, type WarehouseWorlds } from '../../helpers/warehouse-world';

const SEGMENT = 'Struggling to pay';
const SKIP_CLAIMS = process.env.WAREHOUSE_SKIP_CLAIMS === '1';

const fired: Record<string, number> = {};
const count = (what: string) => (fired[what] = (fired[what] ?? 0) + 1);

/** What the BigQuery wrapper does to the current execution. */
const faults = {
  on: false,
  random: () => 0.5,
  calls: 0,
  /** The execution dies before this call (0: never). */
  killBefore: 0,
  /** The execution dies right after this INSERT applied (0: never). */
  killAfterInsert: 0,
  exec: null as Execution | null,
  dead: false,
};

function die(what: string): never {
  count(what);
  faults.dead = true;
  faults.exec?.end();
  throw new Killed();
}

let w: WarehouseWorlds;
let service: EmailServiceProcess;

function faulty(bq: BigQueryLike): BigQueryLike {
  return {
    Jobs: {
      query(request, projectId) {
        if (!faults.on) return bq.Jobs.query(request, projectId);
        if (faults.dead) throw new Killed();
        const n = ++faults.calls;
        if (n === faults.killBefore) die('killBeforeBigQuery');
        const insert = /^\s*INSERT/i.test(request.query);
        if (!insert && faults.random() < 0.04) {
          count('readFailed');
          throw new Error('Backend error: the query failed');
        }
        const answer = bq.Jobs.query(request, projectId);
        if (insert && SKIP_CLAIMS)
          w.warehouse.db.run(`DELETE FROM campaign_log WHERE status = 'sending'`, {});
        if (insert && n === faults.killAfterInsert) die('killAfterInsert');
        if (insert && faults.random() < 0.15) {
          // Committed, then the answer is lost: the store sends the same rows (same change ids) again.
          count('insertAnswerLost');
          throw new Error('Backend error: the request timed out');
        }
        return answer;
      },
      getQueryResults: (...args) => bq.Jobs.getQueryResults(...args),
    },
  };
}

beforeAll(async () => {
  service = await emailService();
  w = await warehouseWorlds(
    warehouseRows(160, 11),
    {
      Segments: DEFAULT_SEGMENTS.map((r) => [...r]),
      Templates: DEFAULT_TEMPLATES.map((r) =>
        r.map((c) => c.replace(/\{\{Company\}\}/g, '{{Company|your team}}')),
      ),
      // Every seed emails the same customers again: no cool-down between them. No holdout: the
      // audience is written in small pages, whose nominal holdout cut is not the check's exact one.
      Settings: [
        ['Setting', 'Value'],
        ['Cool-down days', '0'],
        ['Holdout %', '0'],
      ],
    },
    faulty,
  );
  useEmailService(w.warehouse.world, service);
}, 60_000);

afterAll(async () => {
  service.stop();
  await w.close();
});

function randomFault(random: () => number): Fault {
  if (random() < 0.7) return { kind: 'ok' };
  const kinds: Fault[] = [
    { kind: 'rate-limit', retryAfterS: 1 },
    { kind: 'server-error', status: random() < 0.5 ? 500 : 503 },
    { kind: 'hang-before' },
    { kind: 'hang-after' },
    { kind: 'reset-after' },
    { kind: 'unauthorized' },
  ];
  return kinds[Math.floor(random() * kinds.length)]!;
}

/** A run that died (killed, or a BigQuery error it could not get past) is what the next run recovers from. */
function survive(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (error instanceof Killed || /execution|Backend error|inserted \d+ of/i.test(String(error))) return;
    throw error;
  }
}

describe('a warehouse campaign through BigQuery and email-service faults', () => {
  // 200 seeds in the long run, not 1,000: each seed is a whole campaign on DuckDB (about 3.5 s), and
  // 1,000 would take an hour of CI's 90 minutes on its own.
  it.each(seeds(4, 200))('seed %i: every recipient accepted exactly once, none lost', (seed) => {
    const random = rng(seed);
    service.reset();
    const world = w.warehouse.world;
    const id = `cmp-20261120-1200-f${seed}`;
    const quiet = () => w.warehouse.ctx(world.startExecution());
    // The stand-in's clock stands still within an execution, so the log's stamps (each at least 1 ms
    // after the campaign's newest) can run a few ms ahead of it; a person opens the check a minute later.
    world.clock.advance(60_000);
    // The audience as a fault-free check sees it: who must get the email.
    const checked = checkWarehouseAudience(quiet(), w.warehouse.spreadsheetId, {
      id,
      name: `Faults ${seed}`,
      segment: SEGMENT,
      template: 'Installments',
      winBack: false,
    });
    const expected = checked.plan.entries
      .filter((e) => e.status === 'pending')
      .map((e) => e.email)
      .sort();
    expect(expected.length).toBeGreaterThan(10);
    // Small pages: the audience is written by the runs below, under the same faults as the sends.
    const ctx0 = quiet();
    const started = startWarehouseCampaign(ctx0, {
      id,
      name: `Faults ${seed}`,
      template: 'Installments',
      segment: SEGMENT,
      spreadsheetId: w.warehouse.spreadsheetId,
      winBack: false,
      team: loadTeamConfig(ctx0, w.warehouse.spreadsheetId).team,
      pageMembers: 5 + Math.floor(random() * 20),
    });
    expect(started.kind).toBe('started');
    expect(loadCampaign(quiet().userStore, id)).toMatchObject({ store: 'bigquery', state: 'preparing' });

    let done = false;
    for (let run = 0; run < 80 && !done; run++) {
      service.queueFaults(Array.from({ length: 12 }, () => randomFault(random)));
      const budget = random() < 0.3 ? 'trigger' : 'card';
      const exec = world.startExecution({ kind: budget });
      Object.assign(faults, {
        on: true,
        random,
        calls: 0,
        killBefore: 0,
        killAfterInsert: 0,
        exec,
        dead: false,
      });
      const roll = random();
      if (roll < 0.15) faults.killBefore = 1 + Math.floor(random() * 5);
      else if (roll < 0.3) faults.killAfterInsert = 1 + Math.floor(random() * 4);
      else if (roll < 0.45) {
        const nth = 1 + Math.floor(random() * 8);
        const after = random() < 0.5;
        let seen = 0;
        let armed = false;
        onCall(exec, (method) => {
          if (armed) die('killAfterFetch');
          if (method !== 'UrlFetchApp.fetch' || ++seen !== nth) return;
          if (after) armed = true;
          else die('killBeforeFetch');
        });
      }
      survive(() => continueCampaign(w.warehouse.ctx(exec), id, budget, sheetComposer));
      exec.end();
      faults.on = false;
      world.clock.advance(3_600_000);

      // A person acts on what the campaign card shows.
      const ctx = quiet();
      const meta = loadCampaign(ctx.userStore, id)!;
      if (meta.state === 'preparing' || meta.state === 'starting') {
        count('preparedUnderFaults');
        continue;
      }
      const accepted = new Set(service.stats().accepted.map((m) => m.reference));
      const rows = campaignLogOf(ctx, meta).recipients(id);
      for (const r of rows.filter((x) => x.status === 'review')) {
        count('review');
        settleReview(ctx, id, r.email, accepted.has(`${id}/${r.email}`));
      }
      if (rows.some((r) => r.status === 'failed')) {
        count('retryFailed');
        retryFailed(ctx, id);
      }
      const now = loadCampaign(ctx.userStore, id)!;
      if (now.state === 'paused' && now.problem?.kind === 'sender') {
        count('senderPause');
        changeCampaignState(ctx, id, 'resume');
      }
      const after = campaignLogOf(ctx, now).recipients(id);
      done = after
        .filter((r) => r.group === 'emailed' && r.status !== 'excluded')
        .every((r) => r.status === 'sent');
    }
    const perRecipient = new Map<string, number>();
    for (const m of service.stats().accepted.filter((x) => x.reference?.startsWith(`${id}/`)))
      perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
    const duplicates = [...perRecipient.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
    const missed = expected.filter((e) => !perRecipient.has(e));
    const extra = [...perRecipient.keys()].filter((e) => !expected.includes(e));
    expect({ duplicates, missed, extra, done }).toEqual({ duplicates: 0, missed: [], extra: [], done: true });
  });

  it('really injected the faults across the seeds', () => {
    const kinds = [
      'insertAnswerLost',
      'killAfterInsert',
      'killBeforeBigQuery',
      'review',
      'preparedUnderFaults',
    ];
    expect(kinds.filter((k) => !fired[k])).toEqual([]);
  });
});
