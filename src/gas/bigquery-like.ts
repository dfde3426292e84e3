/**
 * The part of Apps Script's BigQuery advanced service ChurnGuard uses (`BigQuery.Jobs.query` and
 * `getQueryResults`), as structural types: the advanced service takes and returns the REST API's
 * objects (https://developers.google.com/apps-script/advanced/bigquery; QueryRequest and
 * QueryResponse in https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query).
 * @types/google-apps-script declares no BigQuery service, so these are ours; the stand-in
 * (src/local/standins/bigquery.ts) satisfies them too.
 */
export interface BigQueryParameter {
  name: string;
  parameterType: { type: 'STRING' | 'FLOAT64' | 'INT64' };
  /** Every value travels as a string in the REST API. */
  parameterValue: { value: string };
}

export interface BigQueryQueryRequest {
  query: string;
  /** The REST API defaults to legacy SQL; named parameters need GoogleSQL. */
  useLegacySql: false;
  parameterMode?: 'NAMED';
  queryParameters?: BigQueryParameter[];
  defaultDataset?: { projectId: string; datasetId: string };
  maxResults?: number;
  timeoutMs?: number;
}

export interface BigQueryQueryResponse {
  jobComplete?: boolean;
  jobReference?: { projectId?: string; jobId?: string; location?: string };
  schema?: { fields?: { name?: string; type?: string }[] };
  /** Cells as `{ v }`: strings (numbers too) or null. */
  rows?: { f?: { v?: unknown }[] }[];
  pageToken?: string;
  totalRows?: string;
  totalBytesProcessed?: string;
  /** Rows a DML statement inserted, updated or deleted. */
  numDmlAffectedRows?: string;
}

/** The part of a Job resource (https://cloud.google.com/bigquery/docs/reference/rest/v2/Job) the sync reads and sends. */
export interface BigQueryJob {
  jobReference?: { projectId?: string; jobId?: string; location?: string };
  configuration?: {
    query?: { query: string; useLegacySql: false };
    load?: {
      destinationTable: { projectId: string; datasetId: string; tableId: string };
      sourceFormat: 'NEWLINE_DELIMITED_JSON';
      schema: { fields: { name: string; type: 'STRING' | 'INTEGER' | 'FLOAT'; mode?: 'NULLABLE' }[] };
      createDisposition?: 'CREATE_IF_NEEDED' | 'CREATE_NEVER';
      writeDisposition?: 'WRITE_APPEND' | 'WRITE_TRUNCATE' | 'WRITE_EMPTY';
    };
  };
  status?: {
    state?: string;
    errorResult?: { reason?: string; message?: string };
    errors?: { message?: string }[];
  };
  statistics?: { load?: { outputRows?: string } };
}

/** What the load's upload is: an Apps Script Blob (Utilities.newBlob) in Apps Script. */
export interface BlobLike {
  getDataAsString(): string;
}

export interface BigQueryLike {
  Jobs: {
    /**
     * Jobs.insert with an optional upload (a load job's data), as the Apps Script sample "Load CSV
     * data" sends it (https://developers.google.com/apps-script/advanced/bigquery). Only the source sync uses it.
     */
    insert?(job: BigQueryJob, projectId: string, mediaData?: BlobLike): BigQueryJob;
    get?(projectId: string, jobId: string, optionalArgs?: { location?: string }): BigQueryJob;
    query(resource: BigQueryQueryRequest, projectId: string): BigQueryQueryResponse;
    getQueryResults(
      projectId: string,
      jobId: string,
      optionalArgs?: { pageToken?: string; maxResults?: number; timeoutMs?: number; location?: string },
    ): BigQueryQueryResponse;
  };
}
