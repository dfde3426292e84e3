/**
 * Stands in for ../warehouse-features.ts in a deployment built without the BigQuery opt-in (the
 * default: `npm run build`, scripts/lib/bundle.ts `leaveOutOptIns`). There ctx.warehouse() never
 * returns a store (it throws the "deploy with --with bigquery" card when Settings name BigQuery), so
 * the warehouse-only features are unreachable; the few that serve both stores keep their sheet half.
 * Same names and signatures as the real module, checked by the compiler through `typeof Real.…`.
 */
import type * as Real from '../warehouse-features';
import { UserFacingError } from '../errors';
import { findCustomer } from '../find-customer';
import { recordScanError } from '../watch/scan';

function noBigQuery(): never {
  throw new UserFacingError(
    'This deployment has no BigQuery store',
    'This needs the BigQuery store, and this version of ChurnGuard was deployed without the BigQuery opt-in.',
    'Deploy it with npm run deploy -- --with bigquery, or switch Settings → Customer store back to the Google Sheet.',
  );
}

export const customerSource: typeof Real.customerSource = (ctx, settings) => {
  // Throws the deployment's own explanation when Settings name BigQuery; undefined on the sheet.
  ctx.warehouse?.();
  const sheet = ctx.customerSheet(settings.spreadsheetId, settings.customerSheet);
  return { find: (a) => findCustomer(sheet, a, settings.mapping), location: () => sheet.location() };
};
export const editableWarehouse: typeof Real.editableWarehouse = (ctx) => ctx.warehouse?.();
export const campaignLogOf: typeof Real.campaignLogOf = (ctx, meta) =>
  meta.store === 'bigquery' ? noBigQuery() : ctx.campaignLog(meta.spreadsheetId);
export const withCampaignLog: typeof Real.withCampaignLog = (ctx, meta) =>
  meta.store === 'bigquery' ? noBigQuery() : ctx;

/** Nothing to resume: no scan can start without BigQuery. Settings on BigQuery get the deploy message. */
export const warehouseScanPending: typeof Real.warehouseScanPending = () => false;
export const warehouseScanInTrigger: typeof Real.warehouseScanInTrigger = (ctx) => {
  try {
    ctx.warehouse?.();
  } catch (error) {
    recordScanError(ctx, error);
    throw error;
  }
  return { kind: 'idle' };
};
export const warehouseScanNow: typeof Real.warehouseScanNow = (ctx) => {
  ctx.warehouse?.();
  return noBigQuery();
};
/** No sync without BigQuery: nothing to report. */
export const sourceSyncStatus: typeof Real.sourceSyncStatus = () => [];
/** No sync without BigQuery: Settings' button is there only with a source, which needs the opt-in. */
export const refreshFromSource: typeof Real.refreshFromSource = noBigQuery;
export const changeWarehouseAlert: typeof Real.changeWarehouseAlert = noBigQuery;
export const warehouseAlertViews: typeof Real.warehouseAlertViews = noBigQuery;

export const warehouseFreshness: typeof Real.warehouseFreshness = noBigQuery;
/** No day figures without BigQuery: Settings on BigQuery get the deploy message from the scan's part. */
export const warehouseDayFiguresInTrigger: typeof Real.warehouseDayFiguresInTrigger = () => 'idle';
export const warehousePortfolioView: typeof Real.warehousePortfolioView = noBigQuery;
export const impactEdit: typeof Real.impactEdit = noBigQuery;
/** The sheet store adds rows itself; only BigQuery settings (unreachable here) send people elsewhere. */
export const whereToAddCustomer: typeof Real.whereToAddCustomer = () => '';
export const refuseWarehouseAdd: typeof Real.refuseWarehouseAdd = noBigQuery;
export const noteChange: typeof Real.noteChange = noBigQuery;
export const statusEdits: typeof Real.statusEdits = noBigQuery;
export const tagEdits: typeof Real.tagEdits = noBigQuery;
export const warehouseTagsState: typeof Real.warehouseTagsState = noBigQuery;
export const warehouseSegmentCard: typeof Real.warehouseSegmentCard = noBigQuery;
export const warehouseSegmentsCard: typeof Real.warehouseSegmentsCard = noBigQuery;
export const warehouseBulkTagApply: typeof Real.warehouseBulkTagApply = noBigQuery;
export const warehouseBulkTagPreview: typeof Real.warehouseBulkTagPreview = noBigQuery;
export const warehouseBulkTagUndo: typeof Real.warehouseBulkTagUndo = noBigQuery;
export const warehouseCardRows: typeof Real.warehouseCardRows = noBigQuery;
export const warehouseOutcomes: typeof Real.warehouseOutcomes = noBigQuery;
export const prepareWarehouseAudience: typeof Real.prepareWarehouseAudience = noBigQuery;
export const warehouseAudienceSource: typeof Real.warehouseAudienceSource = noBigQuery;
export const warehouseComposer: typeof Real.warehouseComposer = noBigQuery;
export const checkWarehouseAudience: typeof Real.checkWarehouseAudience = noBigQuery;
export const startWarehouseCampaign: typeof Real.startWarehouseCampaign = noBigQuery;
export const warehouseSetupFigures: typeof Real.warehouseSetupFigures = noBigQuery;
