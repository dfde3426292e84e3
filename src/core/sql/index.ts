/** Segments and portfolio aggregates compiled to parameterised SQL (issue 21). */
export * from './schema';
export * from './params';
export * from './column-table';
export { customerRow, shadowsOf, tagRows, tagShadows, type SqlValue } from './encode';
export { compileCondition, compileMembers, OPERATOR_SQL, SqlCompileError, type HitSql } from './where';
export {
  callFirstSql,
  customerByEmailSql,
  MEMBER_COLUMNS,
  segmentTotalsSql,
  topMembersSql,
  totalsSql,
} from './aggregates';
export { toDuckDbDdl, toDuckDbSql, DUCKDB_SETUP } from './dialect';
export { unportablePattern } from './regex-subset';
export {
  membersFrom,
  segmentTotalsFrom,
  topMembersFrom,
  totalsFrom,
  type PortfolioTotals,
  type SegmentFigures,
  type WarehouseMember,
} from './results';
export { CHANGE_COLUMNS, CHANGE_TABLES, changeRow, fieldShadows } from './change-tables';
export {
  ALERTS_VIEW,
  CAMPAIGN_LOG_VIEW,
  createChangeTablesSql,
  createViewsSql,
  LATEST_FIRST,
  NOTES_VIEW,
  type ViewOptions,
} from './change-views';
export { insertChangesSql, ROWS_PER_INSERT, type ChangeInsert } from './change-insert';
export { trendFrom, trendSql, TREND_SQL, type TrendMonth } from './trend';
export { valueLinesFrom, valueLinesSql } from './value-lines';
export {
  dayFiguresFrom,
  dayFiguresSql,
  fieldChangedFrom,
  fieldChangedSql,
  homeLiveFrom,
  homeLiveSql,
  renameParams,
  type DayFigures,
  type HomeLive,
} from './home-sql';
export { createHistoryTableSql, HISTORY_COLUMNS, HISTORY_TABLE, insertHistorySql } from './history-table';
export {
  SCAN_PAGE,
  SCAN_SQL,
  SEEN_BEFORE_SQL,
  scanEventsFrom,
  scanEventsSql,
  SQL_EVENT_KINDS,
  THRESHOLD_SQL,
  type ScanCursor,
  type ScanPage,
} from './scan';
export {
  duplicateRowsSql,
  LOAD_TYPE,
  STAGING,
  stagingColumns,
  schemaUpkeepSql,
  swapSql,
  syncedCountsSql,
} from './sync-swap';
export {
  campaignCountsFrom,
  campaignCountsSql,
  campaignRecipientsFrom,
  campaignRowsSql,
  recipientCellsSql,
  segmentPageSql,
  type CampaignCount,
} from './campaign-sql';
export {
  alertRowsFrom,
  openAlertsFrom,
  openAlertsSql,
  RAISE_ROWS,
  raiseAlertsSql,
  raisedAlertsSql,
  type AlertRaise,
  type OpenAlerts,
  type WarehouseAlertRow,
} from './alert-sql';
export { TAG_VOCABULARY_LIMIT, tagVocabularyFrom, tagVocabularySql } from './tag-vocabulary';
export { CARD_NOTES, customerCardFrom, customerCardSql, type CardCurrent } from './card-lookup';
