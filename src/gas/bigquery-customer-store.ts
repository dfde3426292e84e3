/**
 * The customer warehouse on BigQuery: each figure is one compiled, parameterised query
 * (src/core/sql) sent through the advanced service with named parameters and GoogleSQL; the answer's
 * rows are turned into objects by the response's schema and parsed with zod (src/core/sql/results.ts).
 * A job still running after the request's timeout is polled with growing pauses, and further pages
 * are fetched by pageToken, within a bounded number of calls so a card never hangs.
 */
import type { Query } from '../core/segments';
import type { PlaybookSettings } from '../core/playbooks/settings';
import type { WatchSettings } from '../core/watch/events';
import {
  callFirstSql,
  cellsFrom,
  columnTableSql,
  customerByEmailSql,
  insertHistorySql,
  scanEventsFrom,
  scanEventsSql,
  trendFrom,
  trendSql,
  valueLinesFrom,
  valueLinesSql,
  customerCellsSql,
  layoutFrom,
  membersFrom,
  segmentTotalsFrom,
  segmentTotalsSql,
  topMembersFrom,
  topMembersSql,
  totalsFrom,
  totalsSql,
  type ColumnMap,
  type SqlQuery,
  type WarehouseLayout,
} from '../core/sql';
import type { CustomerWarehouse, ScanRequest } from '../ports/customer-warehouse';
import type { BigQueryLike, BigQueryQueryRequest, BigQueryQueryResponse } from './bigquery-like';

export interface BigQueryStoreOptions {
  projectId: string;
  datasetId: string;
  /** The customers table's name when not `customers` (Settings → Customer store). */
  table?: string;
  /**
   * The header ↔ column mapping: given (tests, bench), or read from the customer_columns table at
   * first use and handed to `remember` (the add-on keeps it in CacheService).
   */
  map?: ColumnMap;
  cachedLayout?: () => WarehouseLayout | undefined;
  remember?: (layout: WarehouseLayout) => void;
  today: () => Date;
  sleep?: (ms: number) => void;
  /** Calls allowed per figure (the query, then polls and pages). */
  maxCalls?: number;
  /** What a BigQuery error means for the person at the card (src/gas/warehouse-choice.ts). */
  explain?: (error: unknown) => unknown;
}

export class WarehouseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WarehouseError';
  }
}

const POLL_MS = [250, 500, 1_000, 2_000, 4_000];

/** The request for one compiled query: GoogleSQL, named parameters, values as strings. */
export function queryRequest(q: SqlQuery, projectId: string, datasetId: string): BigQueryQueryRequest {
  return {
    query: q.sql,
    useLegacySql: false,
    parameterMode: 'NAMED',
    queryParameters: q.params.map((p) => ({
      name: p.name,
      parameterType: { type: p.type },
      parameterValue: { value: String(p.value) },
    })),
    defaultDataset: { projectId, datasetId },
    timeoutMs: 10_000,
  };
}

/** A response's rows as objects keyed by the schema's field names (values stay strings or null). */
export function rowsOf(response: BigQueryQueryResponse): Record<string, unknown>[] {
  const names = (response.schema?.fields ?? []).map((f) => f.name ?? '');
  return (response.rows ?? []).map((row) => {
    const out: Record<string, unknown> = {};
    (row.f ?? []).forEach((cell, i) => {
      out[names[i] ?? `f${i}`] = cell.v ?? null;
    });
    return out;
  });
}

export class BigQueryCustomerStore implements CustomerWarehouse {
  private readonly sleep: (ms: number) => void;
  private readonly maxCalls: number;

  private known: WarehouseLayout | undefined;

  constructor(
    private readonly bigQuery: BigQueryLike,
    private readonly options: BigQueryStoreOptions,
  ) {
    this.sleep = options.sleep ?? (() => undefined);
    this.maxCalls = options.maxCalls ?? 12;
    if (options.map) this.known = { headers: Object.keys(options.map.columns), map: options.map };
  }

  /** The header ↔ column mapping: given, cached, or one query of customer_columns. */
  layout(): WarehouseLayout {
    if (this.known) return this.known;
    const cached = this.options.cachedLayout?.();
    if (cached) return (this.known = cached);
    const layout = layoutFrom(this.run(columnTableSql(), 'column mapping'));
    this.options.remember?.(layout);
    return (this.known = layout);
  }

  headers(): string[] {
    return this.layout().headers;
  }

  private get map(): ColumnMap {
    return this.layout().map;
  }

  /** Runs one query to its last row; BigQuery's errors explained when the options say how. */
  run(q: SqlQuery, what: string): Record<string, unknown>[] {
    try {
      return this.runToEnd(q, what);
    } catch (error) {
      throw this.options.explain ? this.options.explain(error) : error;
    }
  }

  private runToEnd(q: SqlQuery, what: string): Record<string, unknown>[] {
    const { projectId, datasetId } = this.options;
    let calls = 1;
    let response = this.bigQuery.Jobs.query(queryRequest(q, projectId, datasetId), projectId);
    const jobId = response.jobReference?.jobId;
    const location = response.jobReference?.location;
    const more = (pageToken?: string) => {
      if (++calls > this.maxCalls)
        throw new WarehouseError(`${what}: BigQuery did not answer within ${this.maxCalls} calls`);
      if (!jobId) throw new WarehouseError(`${what}: BigQuery gave no job id to wait for`);
      return this.bigQuery.Jobs.getQueryResults(projectId, jobId, {
        ...(pageToken ? { pageToken } : {}),
        ...(location ? { location } : {}),
      });
    };
    while (!response.jobComplete) {
      this.sleep(POLL_MS[Math.min(calls - 1, POLL_MS.length - 1)]!);
      response = more();
    }
    const rows = rowsOf(response);
    while (response.pageToken) {
      response = more(response.pageToken);
      rows.push(...rowsOf(response));
    }
    return rows;
  }

  customerByEmail(email: string) {
    const q = customerByEmailSql(email, this.options.table);
    return membersFrom(this.run(q, 'customer lookup'), 'customer lookup')[0];
  }

  customerRow(email: string) {
    const layout = this.layout();
    const [row] = this.run(customerCellsSql({ email }, layout, this.options.table), 'customer lookup');
    return row ? { headers: layout.headers, ...cellsFrom(row, layout) } : undefined;
  }

  customerRowsAt(domain: string, limit: number) {
    const layout = this.layout();
    const q = customerCellsSql({ domain, limit }, layout, this.options.table);
    return this.run(q, 'customers at a domain').map((row) => ({
      headers: layout.headers,
      ...cellsFrom(row, layout),
    }));
  }

  portfolioTotals() {
    return totalsFrom(this.run(totalsSql(this.options.table), 'portfolio totals'));
  }

  segmentFigures(segments: readonly Query[], today = this.options.today()) {
    if (segments.length === 0) return [];
    const q = segmentTotalsSql(segments, this.map, today, { table: this.options.table });
    return segmentTotalsFrom(this.run(q, 'segment sizes'), segments.length);
  }

  topMembers(segments: readonly Query[], today = this.options.today()) {
    if (segments.length === 0) return [];
    const q = topMembersSql(segments, this.map, today, { table: this.options.table });
    return topMembersFrom(this.run(q, 'segment members'), segments.length);
  }

  callFirst() {
    return membersFrom(this.run(callFirstSql(undefined, this.options.table), 'call first'), 'call first');
  }

  monthTrend() {
    const { query, months } = trendSql(this.options.today());
    return trendFrom(this.run(query, 'month trend'), months);
  }

  valueLines(settings: PlaybookSettings) {
    const today = this.options.today();
    return valueLinesFrom(this.run(valueLinesSql(settings, today), 'value lines'), settings, today);
  }

  scanEvents(settings: WatchSettings, options: ScanRequest = {}) {
    const today = this.options.today();
    const { query, inactivity, renewal } = scanEventsSql(today, settings, options);
    return scanEventsFrom(this.run(query, 'scan events'), today, { inactivity, renewal }, options.limit);
  }

  recordScan(timeZone?: string) {
    this.run(insertHistorySql(this.options.today(), timeZone), 'score history');
  }
}
