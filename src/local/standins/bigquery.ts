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
import { toDuckDbDdl, toDuckDbSql } from '../../core/sql';
import type {
  BigQueryLike,
  BigQueryParameter,
  BigQueryQueryRequest,
  BigQueryQueryResponse,
} from '../../gas/bigquery-like';
import type { SyncDuckDb } from './duckdb-sync';
import { insertedJobs } from './bigquery-jobs';

export interface BigQueryStandInOptions {
  projectId: string;
  datasetId: string;
  /** Rows per page when the request sets no maxResults (the API's own limit is 10 MB a page). */
  pageRows?: number;
  /**
   * A fault: the statement runs and commits, then the answer is lost (the caller sees an error),
   * as when Apps Script's request times out after BigQuery accepted the job.
   */
  loseAnswer?: (sql: string) => boolean;
}

export interface BigQueryTraffic {
  calls: number;
  /** Bytes uploaded with load jobs (Jobs.insert's media). */
  uploaded?: number;
  /** JSON bytes of every answer. */
  bytes: number;
}

const SCHEMA_TYPE: Record<string, string> = {
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
  'TIMESTAMP WITH TIME ZONE': 'TIMESTAMP',
  INTEGER: 'INTEGER',
  BIGINT: 'INTEGER',
  HUGEINT: 'INTEGER',
  DOUBLE: 'FLOAT',
  VARCHAR: 'STRING',
  BOOLEAN: 'BOOLEAN',
};

function cell(v: unknown, type?: string): string | null {
  if (v === null || v === undefined) return null;
  // DATE as "YYYY-MM-DD"; TIMESTAMP as seconds since the epoch in floating point ("1.7040672E9"),
  // as the REST API sends them (getQueryResults, TableCell).
  // A Date from the worker thread is of another realm under jest: not `instanceof Date`.
  if (Object.prototype.toString.call(v) === '[object Date]') {
    const d = v as Date;
    return type === 'DATE'
      ? d.toISOString().slice(0, 10)
      : (d.getTime() / 1000).toExponential().replace('e+', 'E');
  }
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

type StatementKind = 'query' | 'insert' | 'ddl';

function statementKind(sql: string): StatementKind {
  if (/^\s*INSERT\s/i.test(sql)) return 'insert';
  if (/^\s*CREATE\s/i.test(sql)) return 'ddl';
  if (/^\s*(UPDATE|DELETE|MERGE|TRUNCATE|DROP|ALTER)\s/i.test(sql))
    throw new Error('The BigQuery stand-in runs only the INSERT and CREATE statements ChurnGuard sends');
  return 'query';
}

/**
 * DML and DDL as BigQuery takes them (https://cloud.google.com/bigquery/docs/views, "View
 * limitations"): views are read-only, so an INSERT into one is refused; a view body cannot
 * reference query parameters; and a reference inside a view must name its dataset, since the
 * default dataset does not apply to a view body. DuckDB has one schema here, so the dataset is
 * then dropped from the references.
 */
function runStatement(
  db: SyncDuckDb,
  kind: 'insert' | 'ddl',
  sql: string,
  values: Record<string, string | number | bigint>,
  datasetId: string,
): number {
  if (kind === 'insert') {
    const target = /^\s*INSERT\s+INTO\s+`([a-z0-9_]+)`/i.exec(sql)?.[1];
    if (!target) throw new Error('INSERT needs a table named in backticks');
    const type = db.run('SELECT table_type FROM information_schema.tables WHERE table_name = $t', {
      t: target,
    }).rows[0]?.[0];
    if (type === undefined) throw new Error(`Not found: Table ${datasetId}.${target}`);
    if (type === 'VIEW') throw new Error(`${datasetId}.${target} is a view; views are read-only`);
    return Number(db.run(toDuckDbSql(sql), values).rows[0]?.[0] ?? 0);
  }
  if (/^\s*CREATE\s+(OR\s+REPLACE\s+)?VIEW\s/i.test(sql)) {
    if (/@[A-Za-z_]/.test(sql)) throw new Error('Query parameters cannot be used in a view');
    const bare = /\b(?:FROM|JOIN)\s+`([a-z0-9_]+)`(?!\.)/i.exec(sql);
    if (bare)
      throw new Error(
        `Table name "${bare[1]}" missing dataset while no default dataset is set in the request (a view body ignores the default dataset)`,
      );
  }
  db.run(toDuckDbDdl(sql.split(`\`${datasetId}\`.`).join('')), values);
  return 0;
}

export function createBigQueryStandIn(
  db: SyncDuckDb,
  options: BigQueryStandInOptions,
): BigQueryLike & { traffic: BigQueryTraffic } {
  const traffic: BigQueryTraffic = { calls: 0, bytes: 0 };
  const jobs = new Map<string, { response: BigQueryQueryResponse; rows: { f: { v: string | null }[] }[] }>();
  /** Query jobs inserted but not yet run: BigQuery runs them after jobs.insert has answered. */
  const queued = new Map<string, () => void>();
  let nextJob = 1;
  const pageRows = options.pageRows ?? 10_000;

  const page = (jobId: string, start: number, size: number): BigQueryQueryResponse => {
    queued.get(jobId)?.();
    queued.delete(jobId);
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

  /** Runs a query and keeps its results for getQueryResults, as BigQuery keeps them (cached-results). */
  const keepResults = (
    jobId: string,
    projectId: string,
    sql: string,
    values: Record<string, string | number | bigint>,
    later = false,
  ): void => {
    // jobs.insert "starts a new asynchronous job" and answers before it ran
    // (https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/insert): an inserted query runs
    // at its first getQueryResults here, so its scan is not counted in the inserting execution's time.
    if (later) {
      queued.set(jobId, () => keepResults(jobId, projectId, sql, values));
      return;
    }
    const answer = db.run(toDuckDbSql(sql), values);
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
      rows: answer.rows.map((r) => ({ f: r.map((v, i) => ({ v: cell(v, answer.types[i]) })) })),
    });
  };
  const inserted = insertedJobs(db, options, traffic, keepResults);

  return {
    traffic,
    Jobs: {
      insert: inserted.insert,
      get: inserted.get,
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
        const jobId = `job_${nextJob++}`;
        const statement = statementKind(request.query);
        if (statement !== 'query') {
          const affected = runStatement(db, statement, request.query, values, options.datasetId);
          if (options.loseAnswer?.(request.query)) throw new Error('Backend error: the request timed out');
          const response: BigQueryQueryResponse = {
            jobComplete: true,
            jobReference: { projectId, jobId, location: 'US' },
            ...(statement === 'insert' ? { numDmlAffectedRows: String(affected) } : {}),
          };
          traffic.bytes += JSON.stringify(response).length;
          return response;
        }
        keepResults(jobId, projectId, request.query, values);
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
