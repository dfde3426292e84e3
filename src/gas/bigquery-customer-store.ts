/**
 * The customer warehouse on BigQuery: each figure is one compiled, parameterised query
 * (src/core/sql) sent through the advanced service with named parameters and GoogleSQL; the answer's
 * rows are turned into objects by the response's schema and parsed with zod (src/core/sql/results.ts).
 * A job still running after the request's timeout is polled with growing pauses, and further pages
 * are fetched by pageToken, within a bounded number of calls so a card never hangs.
 */
import type { WarehouseChange } from '../core/changes';
import type { Query } from '../core/segments';
import type { PlaybookSettings } from '../core/playbooks/settings';
import type { WatchSettings } from '../core/watch/events';
import {
  campaignCountsFrom,
  campaignCountsSql,
  campaignRecipientsFrom,
  campaignRowsSql,
  recipientCellsSql,
  segmentPageSql,
  insertChangesSql,
  callFirstSql,
  cellsFrom,
  customerCardFrom,
  customerCardSql,
  dayFiguresFrom,
  dayFiguresSql,
  fieldChangedFrom,
  fieldChangedSql,
  homeLiveFrom,
  homeLiveSql,
  CURRENT_TABLES,
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
  readTablesFor,
  type ReadTables,
  type SqlQuery,
  type WarehouseLayout,
  tagVocabularyFrom,
  tagVocabularySql,
} from '../core/sql';
import {
  bulkTagCountSql,
  bulkTagExamplesSql,
  bulkTagInsertSql,
  bulkTagUndoSql,
  type BulkTagStamp,
  type TagOperation,
} from '../core/sql/bulk-tag';
import type { CustomerWarehouse, ScanRequest } from '../ports/customer-warehouse';
import type { WarehouseChanges } from '../ports/warehouse-changes';
import type { WarehouseSync } from '../ports/warehouse-sync';
import type { BigQueryLike, BigQueryQueryRequest, BigQueryQueryResponse, BlobLike } from './bigquery-like';
import { BigQuerySync } from './bigquery-sync';
import type { SegmentPage } from '../ports/warehouse-campaigns';
import { campaignOutcomesFrom, campaignOutcomesSql, type OutcomeCampaign } from '../core/sql/outcome-sql';
import type { RecipientStatus } from '../core/campaigns/log';
import { bigQueryAlerts } from './bigquery-alerts';
import type { WarehouseAlerts } from '../ports/warehouse-alerts';

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
  /** What the reads look at; the latest-state views by default (a team's own view: its tables). */
  tables?: ReadTables;
  /** What a BigQuery error means for the person at the card (src/gas/warehouse-choice.ts). */
  explain?: (error: unknown) => unknown;
  /** Makes the upload of a load job (Utilities.newBlob): without it the store cannot sync a source. */
  newBlob?: (text: string) => BlobLike;
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

export class BigQueryCustomerStore implements CustomerWarehouse, WarehouseChanges {
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
    Object.assign(
      this,
      bigQueryAlerts({
        run: (q, what) => this.run(q, what),
        dml: (q, what) => Number(this.job(q, what).affected ?? 0),
        layout: () => this.layout(),
        tables: () => this.tables,
      }),
    );
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
    return this.job(q, what).rows;
  }

  private job(q: SqlQuery, what: string): { rows: Record<string, unknown>[]; affected?: string } {
    try {
      return this.runToEnd(q, what);
    } catch (error) {
      throw this.options.explain ? this.options.explain(error) : error;
    }
  }

  private runToEnd(q: SqlQuery, what: string): { rows: Record<string, unknown>[]; affected?: string } {
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
    const affected = response.numDmlAffectedRows;
    const rows = rowsOf(response);
    while (response.pageToken) {
      response = more(response.pageToken);
      rows.push(...rowsOf(response));
    }
    return { rows, ...(affected !== undefined ? { affected } : {}) };
  }

  /**
   * Appends changes with DML INSERT through Jobs.query, not tabledata.insertAll streaming: the
   * statement is one atomic job on the path every read already takes (GoogleSQL, named parameters),
   * its rows are visible to the next query at once, and BigQuery runs the first 1,500 INSERT
   * statements a table gets in 24 hours immediately, then 10 at a time with 100 queued
   * (https://cloud.google.com/bigquery/docs/data-manipulation-language, "INSERT DML concurrency"):
   * far above a team's edits, which come in batches of up to ROWS_PER_INSERT rows. Streaming's
   * insertId de-duplication is only best effort (the Storage Write API is the docs' advice for
   * stronger guarantees), so duplicates are handled where they are read anyway: the views count a
   * change id once. That is also why one retry of a failed insert is safe here.
   */
  appendChanges(changes: readonly WarehouseChange[]): void {
    // A team's own table has no latest-state views over it: a change written there would never show.
    this.requireChangeViews('saving changes');
    for (const q of insertChangesSql(changes)) {
      let done: { affected?: string };
      try {
        done = this.job(q, 'saving changes');
      } catch {
        // The answer may be lost after BigQuery committed: the same rows again are harmless.
        done = this.job(q, 'saving changes');
      }
      if (done.affected !== undefined && Number(done.affected) !== q.rows)
        throw new WarehouseError(`saving changes: BigQuery inserted ${done.affected} of ${q.rows} rows`);
    }
  }

  segmentPage(query: Query, page: SegmentPage, today: Date) {
    const layout = this.layout();
    return this.run(segmentPageSql(query, layout, today, page), 'segment members').map((row) => ({
      headers: layout.headers,
      ...cellsFrom(row, layout),
      lastSentMs:
        row.last_sent_ms === null || row.last_sent_ms === undefined ? null : Number(row.last_sent_ms),
    }));
  }

  campaignRecipients(campaign: { id: string; name: string }, statuses?: readonly RecipientStatus[]) {
    return campaignRecipientsFrom(this.run(campaignRowsSql(campaign.id, statuses), 'campaign log'), campaign);
  }

  campaignCounts(campaignId: string) {
    return campaignCountsFrom(this.run(campaignCountsSql(campaignId), 'campaign counts'));
  }

  campaignOutcomes(campaigns: readonly OutcomeCampaign[]) {
    if (campaigns.length === 0) return campaignOutcomesFrom([], campaigns);
    const rows = this.run(campaignOutcomesSql(campaigns, this.tables), 'campaign outcomes');
    return campaignOutcomesFrom(rows, campaigns);
  }

  recipientRows(campaignId: string, fromEmail: string, limit: number) {
    const layout = this.layout();
    const q = recipientCellsSql(layout, campaignId, fromEmail, limit);
    return this.run(q, 'campaign recipients').map((row) => ({
      headers: layout.headers,
      ...cellsFrom(row, layout),
    }));
  }

  /** The views ChurnGuard writes beside its own table; a team's own table has none (appendChanges). */
  private requireChangeViews(what: string): void {
    if (this.tables.customers !== CURRENT_TABLES.customers)
      throw new WarehouseError(
        `${what}: ChurnGuard keeps its changes beside the customers table its loader writes, not beside ${this.tables.customers}`,
      );
  }

  /** One DML statement, sent once more if its answer is lost: bulk-tag.ts makes a repeat append nothing. */
  private dml(q: SqlQuery, what: string): number {
    let done: { affected?: string };
    try {
      done = this.job(q, what);
    } catch {
      done = this.job(q, what);
    }
    return Number(done.affected ?? 0);
  }

  bulkTagPreview(segment: Query, tag: string, operation: TagOperation, today = this.options.today()) {
    const r = { query: segment, map: this.map, today, tag, operation, tables: this.tables };
    const [counts] = this.run(bulkTagCountSql(r), 'bulk tag preview');
    const examples = this.run(bulkTagExamplesSql(r), 'bulk tag preview').map((e) => ({
      rowId: Number(e.row_id),
      email: String(e.email),
    }));
    return { members: Number(counts?.members ?? 0), changes: Number(counts?.changes ?? 0), examples };
  }

  bulkTag(
    segment: Query,
    tag: string,
    operation: TagOperation,
    stamp: BulkTagStamp,
    today = this.options.today(),
  ) {
    this.requireChangeViews('bulk tag');
    const r = { query: segment, map: this.map, today, tag, operation, tables: this.tables };
    return this.dml(bulkTagInsertSql(r, stamp), 'bulk tag');
  }

  undoBulkTag(batchId: string, undo: BulkTagStamp) {
    this.requireChangeViews('undoing a bulk tag');
    const sql = bulkTagUndoSql(batchId, undo);
    const [plan] = this.run(sql.count, 'undoing a bulk tag');
    const restored = this.dml(sql.insert, 'undoing a bulk tag');
    return { restored, kept: Number(plan?.kept ?? 0) };
  }

  customerByEmail(email: string) {
    const q = customerByEmailSql(email, this.tables);
    return membersFrom(this.run(q, 'customer lookup'), 'customer lookup')[0];
  }

  customerRow(email: string) {
    const layout = this.layout();
    const tables = this.tables;
    if (tables.tags === CURRENT_TABLES.tags) {
      // With the views: the cells, current status, churn date, tags, newest notes and hand-set impact in one call.
      const { rows, current } = customerCardFrom(
        this.run(customerCardSql(email, layout, tables), 'customer lookup'),
      );
      const [row] = rows;
      return row ? { headers: layout.headers, ...cellsFrom(row, layout), current } : undefined;
    }
    const [row] = this.run(customerCellsSql({ email }, layout, tables.customers), 'customer lookup');
    return row ? { headers: layout.headers, ...cellsFrom(row, layout) } : undefined;
  }

  tagVocabulary(limit?: number) {
    return tagVocabularyFrom(this.run(tagVocabularySql(this.tables.tags, limit), 'tag vocabulary'));
  }

  customerRowsAt(domain: string, limit: number) {
    const layout = this.layout();
    const q = customerCellsSql({ domain, limit }, layout, this.tables.customers);
    return this.run(q, 'customers at a domain').map((row) => ({
      headers: layout.headers,
      ...cellsFrom(row, layout),
    }));
  }

  portfolioTotals() {
    return totalsFrom(this.run(totalsSql(this.tables), 'portfolio totals'));
  }

  segmentFigures(segments: readonly Query[], today = this.options.today()) {
    if (segments.length === 0) return [];
    const q = segmentTotalsSql(segments, this.map, today, { tables: this.tables });
    return segmentTotalsFrom(this.run(q, 'segment sizes'), segments.length);
  }

  topMembers(segments: readonly Query[], today = this.options.today()) {
    if (segments.length === 0) return [];
    const q = topMembersSql(segments, this.map, today, { tables: this.tables });
    return topMembersFrom(this.run(q, 'segment members'), segments.length);
  }

  callFirst() {
    return membersFrom(this.run(callFirstSql(undefined, this.tables), 'call first'), 'call first');
  }

  /** Whether ChurnGuard's change tables sit beside the table read (not a team's own table). */
  private get changeTables(): boolean {
    return this.tables.customers === CURRENT_TABLES.customers;
  }

  homeLive() {
    const withChanges = this.changeTables;
    return homeLiveFrom(this.run(homeLiveSql(this.tables, withChanges), 'homepage figures'), withChanges);
  }

  dayFigures(settings: PlaybookSettings, today = this.options.today()) {
    const withChanges = this.changeTables;
    const { query, months } = dayFiguresSql(settings, today, withChanges);
    return dayFiguresFrom(this.run(query, 'trend and value lines'), months, settings, today, withChanges);
  }

  newestFieldChange() {
    if (!this.changeTables) return undefined;
    return fieldChangedFrom(this.run(fieldChangedSql(), 'field changes'));
  }

  /** The latest-state views for the loader's table, the named table otherwise (schema.ts). */
  private get tables(): ReadTables {
    return this.options.tables ?? readTablesFor(this.options.table);
  }

  monthTrend(today = this.options.today()) {
    const { query, months } = trendSql(today, { tables: this.tables });
    return trendFrom(this.run(query, 'month trend'), months);
  }

  valueLines(settings: PlaybookSettings, today = this.options.today()) {
    return valueLinesFrom(
      this.run(valueLinesSql(settings, today, this.tables), 'value lines'),
      settings,
      today,
    );
  }

  scanEvents(settings: WatchSettings, options: ScanRequest = {}) {
    const today = options.today ?? this.options.today();
    const { query, inactivity, renewal } = scanEventsSql(today, settings, {
      ...options,
      tables: this.tables,
    });
    return scanEventsFrom(this.run(query, 'scan events'), today, { inactivity, renewal }, options.limit);
  }

  sourceSync(): WarehouseSync {
    const { newBlob, projectId, datasetId } = this.options;
    if (!newBlob) throw new WarehouseError('no Utilities.newBlob');
    return new BigQuerySync(this.bigQuery, {
      projectId,
      datasetId,
      newBlob,
      sleep: this.sleep,
      run: (q, what) => this.run(q, what),
    });
  }

  recordScan(timeZone?: string, now = this.options.today()) {
    this.run(insertHistorySql(now, timeZone, this.tables), 'score history');
  }

  // The daily scan's alerts (src/gas/bigquery-alerts.ts), over this store's jobs: set in the constructor.
  declare raiseAlerts: WarehouseAlerts['raiseAlerts'];
  declare openAlerts: WarehouseAlerts['openAlerts'];
  declare alertsRaisedBy: WarehouseAlerts['alertsRaisedBy'];
  declare customerRowsFor: WarehouseAlerts['customerRowsFor'];
}
