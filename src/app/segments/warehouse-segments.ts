/**
 * The Segments cards on the BigQuery store: every saved segment's size and MRR, and active customers
 * by crisis impact, in one scan (segmentFigures); one segment's figures and its top members in two.
 * The segments themselves still come from the spreadsheet's Segments tab. Bulk tags are appended
 * to the change tables (warehouse-bulk-tag.ts); campaign sends from a segment need the customer
 * sheet, and the card says so instead of offering them.
 */
import { MOVE_LABELS, templateForMove } from '../../core/playbooks';
import { describeQuery, parseQuery, type Query } from '../../core/segments';
import type { SegmentFigures } from '../../core/sql';
import { spreadsheetUrl } from '../../core/settings/spreadsheet-ref';
import type { BigQueryStore } from '../../core/settings/store';
import { count, formatMoney, formatNumber } from '../../core/text/format';
import type { CustomerWarehouse } from '../../ports/customer-warehouse';
import type { Card } from '../../ui/card/types';
import { MEMBERS_SHOWN, segmentCard, segmentsCard, SEGMENTS_PAGE_SIZE } from '../../ui/cards/segments';
import type { AppContext } from '../context';
import { sheetMoney } from '../money';
import { memberLine } from './member-line';
import { teamConfigFrom } from '../retention-reply';
import { notWithWarehouse } from '../store-choice';
import { warehouseFreshness } from '../warehouse-home';
import { segmentConfig, segmentNamed } from './portfolio';
import { warehouseUndoText } from './warehouse-bulk-tag';

/** What a segment card offers on the sheet and not here yet. */
export const WAREHOUSE_SEGMENT_NOTE = notWithWarehouse('campaign sends from a segment');

const IMPACTS = ['severe', 'hit', 'stable', 'booming'] as const;

/** Active customers by effective impact, as the snapshot counts them, as extra segments of the same scan. */
const IMPACT_QUERIES: readonly Query[] = [
  ...IMPACTS.map((i) => parseQuery(`Status = active AND Impact = ${i}`, [])),
  parseQuery('Status = active AND Impact is empty', []),
];

function sizeText(f: SegmentFigures, money: Parameters<typeof formatMoney>[1]): string {
  return `${count(f.customers, 'customer')} · MRR ${formatMoney(f.mrr, money)} · MRR at high or critical risk ${formatMoney(f.atRiskMrr, money)}${f.withoutMrr ? ` · ${formatNumber(f.withoutMrr)} without MRR` : ''}`;
}

interface Opened {
  warehouse: CustomerWarehouse;
  store: BigQueryStore;
  spreadsheetId: string;
}

function configOf(ctx: AppContext, o: Opened) {
  const config = segmentConfig(ctx, o.spreadsheetId, o.warehouse.headers());
  return { config, money: sheetMoney(ctx, o.spreadsheetId, 'en_US') };
}

export function warehouseSegmentsCard(ctx: AppContext, o: Opened, page: number): Card {
  const { config, money } = configOf(ctx, o);
  const figures = o.warehouse.segmentFigures(
    [...config.segments.map((s) => s.query), ...IMPACT_QUERIES],
    ctx.clock.now(),
  );
  const impacts = figures.slice(config.segments.length);
  const pages = Math.max(1, Math.ceil(config.segments.length / SEGMENTS_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const undo = warehouseUndoText(ctx);
  return segmentsCard({
    segments: config.segments
      .map((s, i) => ({
        name: s.name,
        description: s.description,
        query: describeQuery(s.query),
        ...(s.playbook ? { playbook: MOVE_LABELS[s.playbook] } : {}),
        customers: figures[i]!.customers,
        mrrText: formatMoney(figures[i]!.mrr, money),
        atRiskText: formatMoney(figures[i]!.atRiskMrr, money),
      }))
      .slice(current * SEGMENTS_PAGE_SIZE, (current + 1) * SEGMENTS_PAGE_SIZE),
    page: current,
    pages,
    impactLine: [...IMPACTS, 'unknown']
      .map((k, i) => `${k[0]!.toUpperCase()}${k.slice(1)} ${formatNumber(impacts[i]!.customers)}`)
      .join(' · '),
    issues: config.issues,
    ...(undo ? { undo } : {}),
    tabUrl: spreadsheetUrl(o.spreadsheetId),
    freshness: `${warehouseFreshness(o.store, ctx.clock.now())}. ${WAREHOUSE_SEGMENT_NOTE}`,
  });
}

export function warehouseSegmentCard(ctx: AppContext, o: Opened, name: string): Card {
  const { config, money } = configOf(ctx, o);
  const segment = segmentNamed(config, name);
  const [figures] = o.warehouse.segmentFigures([segment.query], ctx.clock.now());
  const [top] = o.warehouse.topMembers([segment.query], ctx.clock.now());
  const templates = teamConfigFrom(config.raw).templates;
  const template = segment.playbook ? templateForMove(segment.playbook, templates) : undefined;
  return segmentCard({
    name: segment.name,
    description: segment.description,
    query: describeQuery(segment.query),
    summary: sizeText(figures!, money),
    ...(segment.playbook
      ? {
          playbook: {
            move: MOVE_LABELS[segment.playbook],
            ...(template ? { template: template.name } : {}),
            note: template
              ? `Template "${template.name}". Guard rails still apply per customer in the sidebar.`
              : `No template for it yet: add a "${MOVE_LABELS[segment.playbook]}" row to the Templates tab.`,
          },
        }
      : {}),
    members: (top ?? [])
      .slice(0, MEMBERS_SHOWN)
      .map((m) =>
        memberLine({ ...m, name: m.name ?? m.company ?? '', score: m.risk_score, band: m.risk_band }, money),
      ),
    customers: figures!.customers,
    freshness: warehouseFreshness(o.store, ctx.clock.now()),
    canCampaign: false,
    unavailable: WAREHOUSE_SEGMENT_NOTE,
  });
}
