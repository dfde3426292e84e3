/**
 * The BigQuery stand-in's Jobs.insert and Jobs.get (https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/insert),
 * for the source sync: a query job (its results then read by getQueryResults) and a load job of
 * newline-delimited JSON uploaded with the call, as the Apps Script advanced service sends one
 * (https://developers.google.com/apps-script/advanced/bigquery, "Load CSV data"). It refuses what
 * BigQuery refuses: a second job with an id it already has ("Already Exists"), a query job without
 * `useLegacySql: false` (jobs default to legacy SQL, JobConfigurationQuery.useLegacySql), a load
 * without data, a line with a field the schema does not have or a value of the wrong type (the
 * default `ignoreUnknownValues: false`; a failed load is reported in status.errorResult and loads
 * nothing, https://cloud.google.com/bigquery/docs/loading-data-cloud-storage-json), a table from
 * another project or dataset. Jobs answer RUNNING and are DONE at the next Jobs.get, so the caller's
 * polling is exercised.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BigQueryJob, BlobLike } from '../../gas/bigquery-like';
import type { BigQueryStandInOptions, BigQueryTraffic } from './bigquery';
import type { SyncDuckDb } from './duckdb-sync';

const DUCK_TYPE: Record<string, string> = { STRING: 'VARCHAR', INTEGER: 'BIGINT', FLOAT: 'DOUBLE' };
const TABLE_ID = /^[A-Za-z0-9_]{1,1024}$/;
const JOB_ID = /^[A-Za-z0-9_-]{1,1024}$/;
type Values = Record<string, string | number | bigint>;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function tableExists(db: SyncDuckDb, table: string): boolean {
  return (
    db.run('SELECT 1 FROM information_schema.tables WHERE table_name = $t', { t: table }).rows.length > 0
  );
}

/** The value as the schema's type, or why not (BigQuery's JSON parser accepts numbers as strings too). */
function typed(
  type: string,
  v: unknown,
): { ok: true; value: string | number | bigint | null } | { ok: false } {
  if (v === null) return { ok: true, value: null };
  if (type === 'STRING') return typeof v === 'string' ? { ok: true, value: v } : { ok: false };
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) return { ok: false };
  if (type === 'INTEGER') return Number.isInteger(n) ? { ok: true, value: BigInt(n) } : { ok: false };
  return { ok: true, value: n };
}

export function insertedJobs(
  db: SyncDuckDb,
  options: BigQueryStandInOptions,
  traffic: BigQueryTraffic,
  keepResults: (jobId: string, projectId: string, sql: string, values: Values, later?: boolean) => void,
): {
  insert(job: BigQueryJob, projectId: string, media?: BlobLike): BigQueryJob;
  get(projectId: string, jobId: string): BigQueryJob;
} {
  const jobs = new Map<string, BigQueryJob>();
  let next = 1;

  const load = (config: NonNullable<NonNullable<BigQueryJob['configuration']>['load']>, media?: BlobLike) => {
    const dest = config.destinationTable;
    if (dest.projectId !== options.projectId || dest.datasetId !== options.datasetId)
      throw new Error(`Not found: Dataset ${dest.projectId}:${dest.datasetId}`);
    if (!TABLE_ID.test(dest.tableId)) throw new Error(`Invalid table ID "${dest.tableId}"`);
    if (config.sourceFormat !== 'NEWLINE_DELIMITED_JSON')
      throw new Error('The stand-in loads only NEWLINE_DELIMITED_JSON');
    if (!media) throw new Error('Load configuration must specify at least one source URI');
    const text = media.getDataAsString();
    traffic.uploaded = (traffic.uploaded ?? 0) + text.length;
    const fields = config.schema.fields;
    const byName = new Map(fields.map((f) => [f.name, f.type]));
    // Every line is checked before anything is written: a failed load job writes nothing.
    let rows = 0;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i]!;
      if (raw.trim() === '') continue;
      let object: Record<string, unknown>;
      try {
        object = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return {
          message: `Error while reading data, error message: JSON parsing error in row starting at position ${i}`,
        };
      }
      for (const key of Object.keys(object))
        if (!byName.has(key))
          return {
            message: `Error while reading data, error message: JSON parsing error in row ${i + 1}: No such field: ${key}.`,
          };
      for (const f of fields) {
        const t = typed(f.type, object[f.name] ?? null);
        if (!t.ok)
          return {
            message: `Error while reading data, error message: Could not convert value to ${f.type.toLowerCase()}. Field: ${f.name}; Value: ${String(object[f.name])}`,
          };
      }
      rows++;
    }
    const table = quote(dest.tableId);
    const exists = tableExists(db, dest.tableId);
    if (!exists && config.createDisposition === 'CREATE_NEVER')
      return { message: `Not found: Table ${dest.tableId}` };
    const columns = fields.map((f) => `${quote(f.name)} ${DUCK_TYPE[f.type] ?? 'VARCHAR'}`).join(', ');
    // WRITE_TRUNCATE replaces the data and the schema (JobConfigurationLoad.writeDisposition).
    if (!exists || config.writeDisposition === 'WRITE_TRUNCATE')
      db.run(`CREATE OR REPLACE TABLE ${table} (${columns})`, {});
    else if (
      config.writeDisposition === 'WRITE_EMPTY' &&
      db.run(`SELECT 1 FROM ${table} LIMIT 1`, {}).rows.length
    )
      return { message: `Already Exists: Table ${dest.tableId} is not empty` };
    // The checked lines through DuckDB's own JSON reader: one statement, not a parameter per value.
    const tmp = path.join(os.tmpdir(), `churnguard-load-${process.pid}-${next++}.json`);
    fs.writeFileSync(tmp, text);
    try {
      const types = fields
        .map((f) => `'${f.name.replace(/'/g, "''")}': '${DUCK_TYPE[f.type] ?? 'VARCHAR'}'`)
        .join(', ');
      const names = fields.map((f) => quote(f.name)).join(', ');
      db.run(
        `INSERT INTO ${table} (${names}) SELECT ${names} FROM read_json('${tmp.replace(/'/g, "''")}', format = 'newline_delimited', columns = {${types}})`,
        {},
      );
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    return { rows };
  };

  return {
    insert(job, projectId, media) {
      traffic.calls++;
      if (projectId !== options.projectId) throw new Error(`Access Denied: Project ${projectId}`);
      const jobId = job.jobReference?.jobId ?? `job_insert_${next++}`;
      if (!JOB_ID.test(jobId)) throw new Error(`Invalid job ID "${jobId}"`);
      if (jobs.has(jobId)) throw new Error(`Already Exists: Job ${projectId}:US.${jobId}`);
      const reference = { projectId, jobId, location: 'US' };
      const query = job.configuration?.query;
      const loadConfig = job.configuration?.load;
      let done: BigQueryJob;
      if (query) {
        if ((query as { useLegacySql?: boolean }).useLegacySql !== false)
          throw new Error('Invalid table name: a query job runs legacy SQL unless useLegacySql is false');
        // Only `project.dataset.table` of this project and dataset: the stand-in has one schema.
        const sql = query.query.replace(
          /`([a-z][a-z0-9-]*)\.([A-Za-z0-9_]+)\.([A-Za-z0-9_-]+)`/g,
          (_m, p, d, t) => {
            if (p !== options.projectId || d !== options.datasetId)
              throw new Error(`Not found: Dataset ${p}:${d}`);
            if (!tableExists(db, t)) throw new Error(`Not found: Table ${p}:${d}.${t}`);
            return `\`${t}\``;
          },
        );
        keepResults(jobId, projectId, sql, {}, true);
        done = { jobReference: reference, status: { state: 'DONE' } };
      } else if (loadConfig) {
        const outcome = load(loadConfig, media);
        done =
          'message' in outcome
            ? {
                jobReference: reference,
                status: { state: 'DONE', errorResult: { reason: 'invalid', message: outcome.message } },
              }
            : {
                jobReference: reference,
                status: { state: 'DONE' },
                statistics: { load: { outputRows: String(outcome.rows) } },
              };
      } else throw new Error('Job configuration must hold a query or a load');
      jobs.set(jobId, done);
      if (options.loseAnswer?.(`JOB ${jobId}`)) throw new Error('Backend error: the request timed out');
      const answer: BigQueryJob = { jobReference: reference, status: { state: 'RUNNING' } };
      traffic.bytes += JSON.stringify(answer).length;
      return answer;
    },
    get(projectId, jobId) {
      traffic.calls++;
      if (projectId !== options.projectId) throw new Error(`Access Denied: Project ${projectId}`);
      const job = jobs.get(jobId);
      if (!job) throw new Error(`Not found: Job ${projectId}:${jobId}`);
      traffic.bytes += JSON.stringify(job).length;
      return job;
    },
  };
}
