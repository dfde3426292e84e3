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

export interface BigQueryLike {
  Jobs: {
    query(resource: BigQueryQueryRequest, projectId: string): BigQueryQueryResponse;
    getQueryResults(
      projectId: string,
      jobId: string,
      optionalArgs?: { pageToken?: string; maxResults?: number; timeoutMs?: number; location?: string },
    ): BigQueryQueryResponse;
  };
}
