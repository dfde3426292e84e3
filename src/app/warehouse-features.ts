/**
 * Every warehouse (BigQuery store) feature the rest of the add-on calls, in one place: handlers and
 * jobs import them from here, never from the warehouse modules themselves. A deployment built without
 * the BigQuery opt-in has no bigquery scope, so none of them could ever run there; the build swaps
 * this file for opt-in-absent/warehouse-features.ts (scripts/lib/bundle.ts, `leaveOutOptIns`), which
 * keeps the sheet half of the few that serve both stores, so their ~20 KB stay off the file Apps
 * Script parses on every card click (issue 16's 400 KB budget).
 */
export { warehouseFreshness, warehousePortfolioView } from './warehouse-home';
export { dayFiguresInTrigger as warehouseDayFiguresInTrigger } from './warehouse-day-figures';
export { customerSource } from './warehouse-customer';
export { refuseWarehouseAdd, whereToAddCustomer } from './warehouse-add-customer';
export {
  editableWarehouse,
  impactEdit,
  noteChange,
  statusEdits,
  tagEdits,
  warehouseTagsState,
} from './warehouse-edits';
export { warehouseSegmentCard, warehouseSegmentsCard } from './segments/warehouse-segments';
export {
  warehouseBulkTagApply,
  warehouseBulkTagPreview,
  warehouseBulkTagUndo,
} from './segments/warehouse-bulk-tag';
export { campaignLogOf, warehouseCardRows, withCampaignLog } from './campaigns/warehouse-log';
export { warehouseOutcomes } from './campaigns/warehouse-outcomes';
export { prepareWarehouseAudience, warehouseAudienceSource } from './campaigns/warehouse-audience';
export { warehouseComposer } from './campaigns/warehouse-composer';
export { changeWarehouseAlert, warehouseAlertViews } from './watch/warehouse-alerts';
export { warehouseScanInTrigger, warehouseScanPending } from './watch/warehouse-scan';
export { warehouseScanNow } from './watch/warehouse-scan-now';
export { sourceSyncStatus } from './jobs/source-sync-job';
export { refreshFromSource } from './jobs/source-sync-now';
export {
  checkWarehouseAudience,
  startWarehouseCampaign,
  warehouseSetupFigures,
} from './campaigns/warehouse-start';
