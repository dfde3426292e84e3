/**
 * "What works" on the BigQuery store: the campaigns whose audience was a warehouse segment, counted
 * by one aggregate query over campaign_log_current and the customers (src/core/sql/outcome-sql.ts),
 * so a card never reads the log or the table itself. The figures go through the same
 * campaignOutcomeOf as the sheet's, so the two stores report a campaign the same way.
 */
import { campaignOutcomeOf, windowEnds } from '../../core/watch/outcomes';
import type { CustomerWarehouse } from '../../ports/customer-warehouse';
import type { AppContext } from '../context';
import { readReplies } from '../watch/replies';
import { campaignsOf, logStoreOf, measuredElsewhere, withPlaybooks, type Outcomes } from './outcome-list';

export function warehouseOutcomes(
  ctx: AppContext,
  warehouse: CustomerWarehouse,
  spreadsheetId: string,
): Outcomes {
  const metas = campaignsOf(ctx, spreadsheetId);
  const today = ctx.clock.now();
  const replies = readReplies(ctx);
  const mine = metas.filter((m) => logStoreOf(m) === 'bigquery');
  const tallies = warehouse.campaignOutcomes(
    mine.map((m) => {
      const start = new Date(m.createdAt);
      return {
        campaignId: m.id,
        startMs: start.getTime(),
        endsMs: windowEnds(start, today).map((w) => w.end.getTime()),
        replied: replies[m.id] ?? [],
      };
    }),
  );
  return withPlaybooks(
    metas.map((meta) => {
      const tally = tallies.get(meta.id);
      if (!tally) return measuredElsewhere(meta, today);
      return {
        meta,
        outcome: campaignOutcomeOf({ campaignId: meta.id, start: new Date(meta.createdAt), today, ...tally }),
      };
    }),
  );
}
