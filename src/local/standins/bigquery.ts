/**
 * A stand-in of Apps Script's BigQuery advanced service (Jobs.query, Jobs.getQueryResults) that runs
 * the request's GoogleSQL on DuckDB through the dialect adapter. It checks what the REST API checks
 * (https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query): the API defaults to legacy
 * SQL, which has no named parameters, so a request without `useLegacySql: false` is refused; named
 * parameters need `parameterMode: 'NAMED'`; every `@name` needs its parameter; values travel as
 * strings; tables are unqualified only under a `defaultDataset`. Answers come back as the API sends
 * them: a schema, and rows of `{ f: [{ v }] }` with every value a string or null, paged by maxResults.
 * It counts calls and the bytes of each answer for the warehouse bench.
 */
import { toDuckDbSql } from '../../core/sql';
import type {
  BigQueryLike,
  BigQueryParameter,
  BigQueryQueryRequest,
  BigQueryQueryResponse,
} from '../../gas/bigquery-like';
import type { SyncDuckDb } from './duckdb-sync';

export interface BigQueryStandInOptions {
  projectId: string;
  datasetId: string;
  /** Rows per page when the request sets no maxResults (the API's own limit is 10 MB a page). */
  pageRows?: number;
}

export interface BigQueryTraffic {
  calls: number;
  /** JSON bytes of every answer. */
  bytes: number;
}

const SCHEMA_TYPE: Record<string, string> = {
  BIGINT: 'INTEGER',
  HUGEINT: 'INTEGER',
  DOUBLE: 'FLOAT',
  VARCHAR: 'STRING',
  BOOLEAN: 'BOOLEAN',
};

function cell(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v;
  throw new Error(`the BigQuery stand-in cannot send a ${typeof v}`);
}

function parameterValue(p: BigQueryParameter): string | number | bigint {
  const raw = p.parameterValue?.value;
  if (typeof raw !== 'string') throw new Error(`Query parameter '${p.name}' has no string value`);
  if (p.parameterType.type === 'STRING') return raw;
  if (p.parameterType.type === 'INT64') {
    if (!/^-?\d+$/.test(raw)) throw new Error(`Query parameter '${p.name}': '${raw}' is not an INT64`);
    return BigInt(raw);
  }
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`Query parameter '${p.name}': '${raw}' is not a FLOAT64`);
  return n;
}

export function createBigQueryStandIn(
  db: SyncDuckDb,
  options: BigQueryStandInOptions,
): BigQueryLike & { traffic: BigQueryTraffic } {
  const traffic: BigQueryTraffic = { calls: 0, bytes: 0 };
  const jobs = new Map<string, { response: BigQueryQueryResponse; rows: { f: { v: string | null }[] }[] }>();
  let nextJob = 1;
  const pageRows = options.pageRows ?? 10_000;

  const page = (jobId: string, start: number, size: number): BigQueryQueryResponse => {
    const job = jobs.get(jobId);
    if (!job) throw new Error(`Not found: Job ${options.projectId}:${jobId}`);
    const rows = job.rows.slice(start, start + size);
    const response: BigQueryQueryResponse = {
      ...job.response,
      rows,
      ...(start + size < job.rows.length ? { pageToken: String(start + size) } : {}),
    };
    traffic.bytes += JSON.stringify(response).length;
    return response;
  };

  return {
    traffic,
    Jobs: {
      query(request: BigQueryQueryRequest, projectId: string) {
        traffic.calls++;
        if (projectId !== options.projectId) throw new Error(`Access Denied: Project ${projectId}`);
        if ((request as { useLegacySql?: boolean }).useLegacySql !== false)
          throw new Error('Query parameters cannot be used in legacy SQL queries (set useLegacySql: false)');
        const params = request.queryParameters ?? [];
        if (params.length > 0 && request.parameterMode !== 'NAMED')
          throw new Error('Named query parameters need parameterMode NAMED');
        const names = new Set(params.map((p) => p.name));
        for (const m of request.query.matchAll(/@([A-Za-z_][A-Za-z0-9_]*)/g))
          if (!names.has(m[1]!)) throw new Error(`Query parameter '${m[1]}' not found`);
        const ds = request.defaultDataset;
        if (!ds || ds.projectId !== options.projectId || ds.datasetId !== options.datasetId)
          throw new Error(
            `Table name "customers" missing dataset while no default dataset is set in the request`,
          );
        const values: Record<string, string | number | bigint> = {};
        for (const p of params) values[p.name] = parameterValue(p);
        const answer = db.run(toDuckDbSql(request.query), values);
        const jobId = `job_${nextJob++}`;
        jobs.set(jobId, {
          response: {
            jobComplete: true,
            jobReference: { projectId, jobId, location: 'US' },
            schema: {
              fields: answer.columns.map((name, i) => ({
                name,
                type: SCHEMA_TYPE[answer.types[i] ?? ''] ?? 'STRING',
              })),
            },
            totalRows: String(answer.rows.length),
          },
          rows: answer.rows.map((r) => ({ f: r.map((v) => ({ v: cell(v) })) })),
        });
        return page(jobId, 0, request.maxResults ?? pageRows);
      },
      getQueryResults(projectId, jobId, args = {}) {
        traffic.calls++;
        if (projectId !== options.projectId) throw new Error(`Access Denied: Project ${projectId}`);
        return page(jobId, Number(args.pageToken ?? 0), args.maxResults ?? pageRows);
      },
    },
  };
}
