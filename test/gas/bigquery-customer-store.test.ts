/**
 * The store's waiting: a job still running after Jobs.query is polled with getQueryResults (growing
 * pauses) until complete, and a job that never completes fails after the call budget, naming the figure.
 */
import { BigQueryCustomerStore } from '../../src/gas/bigquery-customer-store';
import type { BigQueryLike, BigQueryQueryResponse } from '../../src/gas/bigquery-like';
import { MAP } from '../helpers/sql-differential';
import { TODAY } from '../helpers/warehouse-data';

const DONE: BigQueryQueryResponse = {
  jobComplete: true,
  jobReference: { jobId: 'j1', location: 'EU' },
  schema: {
    fields: [
      { name: 'status' },
      { name: 'band' },
      { name: 'impact' },
      { name: 'customers' },
      { name: 'mrr' },
    ],
  },
  rows: [{ f: [{ v: 'active' }, { v: 'High' }, { v: null }, { v: '3' }, { v: '150.5' }] }],
};

function fakeBigQuery(pendingPolls: number) {
  const calls: string[] = [];
  let left = pendingPolls;
  const answer = (): BigQueryQueryResponse =>
    left-- > 0 ? { jobComplete: false, jobReference: { jobId: 'j1', location: 'EU' } } : DONE;
  const bq: BigQueryLike = {
    Jobs: {
      query: (request) => (calls.push(`query ${request.parameterMode ?? ''}`), answer()),
      getQueryResults: (_p, jobId, args) => (calls.push(`poll ${jobId} ${args?.location}`), answer()),
    },
  };
  return { bq, calls };
}

const storeOn = (bq: BigQueryLike, sleeps: number[]) =>
  new BigQueryCustomerStore(bq, {
    projectId: 'p',
    datasetId: 'd',
    map: MAP,
    today: () => TODAY,
    sleep: (ms) => sleeps.push(ms),
    maxCalls: 5,
  });

describe('BigQueryCustomerStore waiting for a job', () => {
  it('polls a running job with growing pauses, then reads its rows (strings parsed as numbers)', () => {
    const { bq, calls } = fakeBigQuery(3);
    const sleeps: number[] = [];
    const totals = storeOn(bq, sleeps).portfolioTotals();
    expect(calls).toEqual(['query NAMED', 'poll j1 EU', 'poll j1 EU', 'poll j1 EU']);
    expect(sleeps).toEqual([250, 500, 1000]);
    expect(totals).toMatchObject({ active: 3, mrr: 150.5, atRiskCount: 3, impacts: { unknown: 3 } });
  });

  it('gives up after its call budget, naming the figure', () => {
    const { bq } = fakeBigQuery(100);
    expect(() => storeOn(bq, []).portfolioTotals()).toThrow(
      /portfolio totals: BigQuery did not answer within 5 calls/,
    );
  });
});
