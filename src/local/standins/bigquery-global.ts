/**
 * The `BigQuery` global an execution sees when the world has a warehouse (`world.bigQuery`, set by
 * `npm start -- --store duckdb:FILE` and the warehouse bench): the BigQuery stand-in (./bigquery.ts)
 * behind the execution's call hook, so each Jobs call is counted with the other service calls, spends
 * its modelled latency on the fake clock and stops once the execution is over its budget, as any
 * Apps Script service call does. In Apps Script the global exists only when the manifest enables the
 * advanced service (`dependencies.enabledAdvancedServices`, userSymbol "BigQuery"), so without a
 * warehouse the world gives none.
 */
import type { BigQueryLike } from '../../gas/bigquery-like';
import type { ServiceEnv } from './world';

export function bigQueryGlobal(service: BigQueryLike, env: ServiceEnv): BigQueryLike {
  return {
    Jobs: {
      query(resource, projectId) {
        env.call('BigQuery.Jobs.query');
        return service.Jobs.query(resource, projectId);
      },
      getQueryResults(projectId, jobId, optionalArgs) {
        env.call('BigQuery.Jobs.getQueryResults');
        return service.Jobs.getQueryResults(projectId, jobId, optionalArgs);
      },
      // The source sync's jobs (src/gas/bigquery-sync.ts): a query job and load jobs.
      ...(service.Jobs.insert && service.Jobs.get
        ? {
            insert: (job, projectId, media) => {
              env.call('BigQuery.Jobs.insert');
              return service.Jobs.insert!(job, projectId, media);
            },
            get: (projectId, jobId, optionalArgs) => {
              env.call('BigQuery.Jobs.get');
              return service.Jobs.get!(projectId, jobId, optionalArgs);
            },
          }
        : {}),
    },
  };
}
