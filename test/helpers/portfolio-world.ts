/** A customer sheet on the stand-ins for the chunked portfolio job's tests, and ways to run the job. */
import { loadJob, requestJob, stepJob, type StepOutcome } from '../../src/app/jobs/portfolio-job';
import { readSnapshot } from '../../src/app/portfolio/snapshot-tab';
import type { PortfolioSnapshot } from '../../src/core/portfolio/snapshot';
import { standInContext } from './stand-in-context';

export const PORTFOLIO_HEADERS = [
  'Email',
  'Name',
  'Company',
  'MRR',
  'Status',
  'Churn date',
  'Start date',
  'Last activity',
  'Overdue invoices',
  'NPS',
  'Tags',
];

function rng(seed: number) {
  let s = (seed * 2654435761) >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const day = (offset: number) =>
  new Date(Date.UTC(2026, 10, 20) - offset * 86_400_000).toISOString().slice(0, 10);

/** `n` customers with varied risk signals, some churned, a blank row and a bad cell or two. */
export function portfolioRows(n: number, seed = 1): unknown[][] {
  const r = rng(seed);
  const rows: unknown[][] = [PORTFOLIO_HEADERS];
  for (let i = 0; i < n; i++) {
    const churned = r() < 0.15;
    rows.push([
      `c${i}@x${i % 7}.example`,
      `Customer ${i}`,
      `Company ${i % 11}`,
      r() < 0.05 ? 'lots' : [49, 99, 199, 499, 1200][Math.floor(r() * 5)],
      churned ? 'Churned' : 'Active',
      churned ? day(Math.floor(r() * 150)) : '',
      day(100 + Math.floor(r() * 800)),
      day(Math.floor(r() * 90)),
      Math.floor(r() * 3),
      Math.floor(r() * 11),
      r() < 0.3 ? 'vip' : '',
    ]);
  }
  return rows;
}

export function portfolioWorld(n: number, seed = 1) {
  return standInContext(portfolioRows(n, seed), {
    tabs: {
      Segments: [
        ['Segment', 'Query', 'Playbook', 'Description'],
        ['Big', 'MRR >= 499', '', 'Large accounts'],
        ['VIP', 'Tags has vip', '', ''],
      ],
    },
  });
}

/** Steps a job until it finishes (each step a fresh execution), returning the snapshot. */
export function runToEnd(ctx: () => Parameters<typeof stepJob>[0], budget: 'card' | 'trigger' = 'trigger') {
  let last: StepOutcome = { kind: 'idle' };
  for (let i = 0; i < 10_000 && loadJob(ctx()); i++) last = stepJob(ctx(), budget);
  return last;
}

export function refreshedSnapshot(
  w: ReturnType<typeof portfolioWorld>,
  chunkRows?: number,
): PortfolioSnapshot {
  requestJob(w.ctx(), 'rescore', { restart: true, ...(chunkRows ? { chunkRows } : {}) });
  runToEnd(w.ctx);
  return readSnapshot(w.ctx(), w.ss.id)!;
}

/** The snapshot without what differs between two runs over the same sheet (times). */
export function comparable(s: PortfolioSnapshot | undefined) {
  if (!s) return s;
  const { asOf: _asOf, ...rest } = s;
  return JSON.parse(JSON.stringify(rest), (_k, v: unknown) =>
    typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v,
  ) as unknown;
}

/** The risk and band columns as written. */
export function riskColumns(w: ReturnType<typeof portfolioWorld>): unknown[][] {
  const values = w.ss.sheet('Customers')!.toValues();
  const header = values[0]!;
  const risk = header.indexOf('ChurnGuard risk');
  const band = header.indexOf('ChurnGuard band');
  return values.slice(1).map((row) => [row[0], row[risk], row[band]]);
}
