/**
 * The segments cards' actions: list segments with their size and MRR, open one, preview a bulk tag,
 * apply it in one write to the Tags column (logged cell by cell), and undo the last bulk change.
 */
import { MOVE_LABELS, templateForMove } from '../../core/playbooks';
import {
  BULK_LOG_HEADERS,
  BULK_LOG_TAB,
  cleanTag,
  describeQuery,
  lastOpenChange,
  membersOf,
  planBulkTag,
  planUndo,
  type TagOperation,
  type BulkTagPlan,
} from '../../core/segments';
import { emailColumnIndex } from '../../core/sheet/columns';
import { spreadsheetUrl } from '../../core/settings/spreadsheet-ref';
import type { ActionResponse, Card } from '../../ui/card/types';
import {
  bulkTagPreviewCard,
  BULK_FIELDS,
  MEMBERS_SHOWN,
  segmentCard,
  segmentsCard,
  SEGMENTS_PAGE_SIZE,
  type SegmentSummary,
} from '../../ui/cards/segments';
import type { AppContext } from '../context';
import { withSheetLock } from '../shared-lock';
import { count, formatMoney, formatNumber, type MoneyFormat } from '../../core/text/format';
import { BadInputError, UserFacingError } from '../errors';
import { formValue, type AddonEvent } from '../events';
import { teamConfigFrom } from '../retention-reply';
import { segmentConfig, segmentNamed, segmentRecords } from './portfolio';
import type { PortfolioSnapshot, SegmentTotals } from '../../core/portfolio/snapshot';
import type { Segment } from '../../core/segments/segments-tab';
import { currentSnapshot, freshnessLine } from '../portfolio/current';
import type { JobKind } from '../jobs/portfolio-job';
import { loadSettings } from '../settings-store';
import { forgetRawConfig } from '../config';
import { markSnapshotStale } from '../portfolio/stale';
import { sheetMoney } from '../money';
import { memberLine } from './member-line';
import { HOURLY_HANDLER, keepHourlyTrigger } from '../campaigns/trigger-upkeep';
import { requireConnected } from '../connected';
import { activeWarehouse } from '../store-choice';
import { warehouseSegmentCard, warehouseSegmentsCard } from './warehouse-segments';
import { warehouseBulkTagApply, warehouseBulkTagPreview, warehouseBulkTagUndo } from './warehouse-bulk-tag';
import { readChunk, startWalk, walkDone, walkProgress } from '../jobs/sheet-walk';
import { withSheet } from '../sheet-errors';
import { readCustomers } from '../../core/sheet/read-customers';
import {
  bulkTagProgress,
  bulkTagRunning,
  continueBulkTag,
  loadBulkTagJob,
  newBulkTagJob,
  saveBulkTagJob,
} from './bulk-tag-job';

/** Apply writes a small sheet's tag from the card within this much of the execution. */
const BULK_CARD_STEP_MS = 5_000;

const TAGS_HEADER = 'Tags';
const LOCK_WAIT_MS = 5_000;

const IMPACT_ORDER = ['severe', 'hit', 'stable', 'booming'] as const;

/** "Severe 31 · Hit 52 · …": active customers by effective impact, from the snapshot's counts. */
function impactLine(impacts: Readonly<Record<string, number>>): string {
  return [...IMPACT_ORDER, 'unknown' as const]
    .map((k) => `${k[0]!.toUpperCase()}${k.slice(1)} ${formatNumber(impacts[k] ?? 0)}`)
    .join(' · ');
}

/** The snapshot's figures for a saved segment, if they were counted with its current query. */
function totalsOf(snapshot: PortfolioSnapshot | undefined, segment: Segment): SegmentTotals | undefined {
  const t = snapshot?.segments[segment.name];
  return t && t.source === segment.source ? t : undefined;
}

export function segmentSummaries(
  segments: readonly Segment[],
  snapshot: PortfolioSnapshot | undefined,
  money: MoneyFormat,
): SegmentSummary[] {
  return segments.map((s) => {
    const t = totalsOf(snapshot, s);
    return {
      name: s.name,
      description: s.description,
      query: describeQuery(s.query),
      ...(s.playbook ? { playbook: MOVE_LABELS[s.playbook] } : {}),
      customers: t?.customers ?? 0,
      mrrText: formatMoney(t?.mrr ?? 0, money),
      atRiskText: formatMoney(t?.atRiskMrr ?? 0, money),
      ...(t ? {} : { notCounted: true }),
    };
  });
}

function undoText(ctx: AppContext, spreadsheetId: string): string | undefined {
  const last = lastOpenChange(ctx.tabs(spreadsheetId).read(BULK_LOG_TAB)?.values ?? null);
  if (!last) return undefined;
  return `${count(last.cells.length, 'cell')} in ${last.column}, ${last.at.slice(0, 16).replace('T', ' ')} UTC by ${last.by}`;
}

/**
 * The saved segments (Segments and Impact rules tabs, from the five-minute cache) and the snapshot:
 * the header row and the snapshot tab are all a segments card reads of the sheet.
 */
function segmentsAndSnapshot(ctx: AppContext, start?: JobKind) {
  const { settings, sheet, spreadsheetId } = requireConnected(ctx);
  return withSheet(() => {
    const config = segmentConfig(ctx, spreadsheetId, sheet.readHeaders());
    const view = currentSnapshot(ctx, spreadsheetId, start);
    // The team's currency (Settings tab, from the same cache) in the sheet's locale the snapshot kept.
    const money = sheetMoney(ctx, spreadsheetId, view.snapshot?.locale ?? 'en_US');
    return { settings, spreadsheetId, config, view, money, freshness: freshnessLine(view, ctx.clock.now()) };
  });
}

/** `refresh`: re-read the Segments and Impact rules tabs and recount every segment (a background job). */
export function buildSegmentsCard(ctx: AppContext, page: number, refresh = false): Card {
  if (refresh) {
    const { settings } = loadSettings(ctx.userStore);
    if (settings.spreadsheetId) forgetRawConfig(ctx, settings.spreadsheetId);
  }
  const wh = openedWarehouse(ctx);
  if (wh) return warehouseSegmentsCard(ctx, wh, page);
  const {
    spreadsheetId: id,
    config,
    view,
    money,
    freshness,
  } = segmentsAndSnapshot(ctx, refresh ? 'rescore' : undefined);
  const all = segmentSummaries(config.segments, view.snapshot, money);
  const pages = Math.max(1, Math.ceil(all.length / SEGMENTS_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const undo = undoText(ctx, id);
  return segmentsCard({
    segments: all.slice(current * SEGMENTS_PAGE_SIZE, (current + 1) * SEGMENTS_PAGE_SIZE),
    page: current,
    pages,
    impactLine: view.snapshot ? impactLine(view.snapshot.impacts) : 'Not counted yet',
    issues: config.issues,
    ...(undo ? { undo } : {}),
    tabUrl: spreadsheetUrl(id),
    freshness,
  });
}

export function buildSegmentCard(ctx: AppContext, name: string): Card {
  const wh = openedWarehouse(ctx);
  if (wh) return warehouseSegmentCard(ctx, wh, name);
  const { config, view, money, freshness } = segmentsAndSnapshot(ctx);
  const segment = segmentNamed(config, name);
  const t = totalsOf(view.snapshot, segment);
  const templates = teamConfigFrom(config.raw).templates;
  const template = segment.playbook ? templateForMove(segment.playbook, templates) : undefined;
  return segmentCard({
    name: segment.name,
    description: segment.description,
    query: describeQuery(segment.query),
    summary: t
      ? `${count(t.customers, 'customer')} · MRR ${formatMoney(t.mrr, money)} · MRR at high or critical risk ${formatMoney(t.atRiskMrr, money)}${t.withoutMrr ? ` · ${formatNumber(t.withoutMrr)} without MRR` : ''}`
      : 'Not counted yet: press Refresh on the Segments card.',
    ...(segment.playbook
      ? {
          playbook: {
            move: MOVE_LABELS[segment.playbook],
            ...(template ? { template: template.name } : {}),
            note: template
              ? `Template "${template.name}". Guard rails still apply per customer, in the sidebar and in campaigns: the audience check counts who the rail refuses and why.`
              : `No template for it yet: add a "${MOVE_LABELS[segment.playbook]}" row to the Templates tab.`,
          },
        }
      : {}),
    members: (t?.top ?? []).slice(0, MEMBERS_SHOWN).map((m) => memberLine(m, money)),
    customers: t?.customers ?? 0,
    freshness,
    canCampaign: templates.length > 0,
  });
}

/** The BigQuery store, when Settings chose it and a spreadsheet (the Segments tab) is connected. */
function openedWarehouse(ctx: AppContext) {
  const { settings } = loadSettings(ctx.userStore);
  const spreadsheetId = settings.spreadsheetId;
  const active = spreadsheetId ? activeWarehouse(ctx, settings) : undefined;
  return active && spreadsheetId ? { ...active, spreadsheetId } : undefined;
}

function tagFrom(raw: string): string {
  const tag = cleanTag(raw);
  if (!tag.ok) throw new BadInputError('Tag', `${tag.message} Type one tag, then preview again.`);
  return tag.tag;
}

/** What a bulk tag works on: the connected tab's header, the segment by name and the Tags column's index. */
function bulkTagTarget(ctx: AppContext, segmentName: string) {
  const { settings, spreadsheetId, sheet } = requireConnected(ctx, 'bulk tags');
  // The header row once: no data rows, but enough for the column mapping to find the Tags column.
  const top = sheet.readRows(2, 0);
  const headers = top.headers;
  const config = segmentConfig(ctx, spreadsheetId, headers);
  const segment = segmentNamed(config, segmentName);
  const tagsIndex = readCustomers({ ...top, mapping: settings.mapping }).mapping.columns.tags;
  return { settings, spreadsheetId, sheet, headers, config, segment, tagsIndex };
}

/** The segment, the Tags column and what a bulk tag would change in the first chunk(s) of the tab. */
function planPreview(ctx: AppContext, segmentName: string, tag: string, operation: TagOperation) {
  const { settings, spreadsheetId, sheet, headers, config, segment, tagsIndex } = bulkTagTarget(
    ctx,
    segmentName,
  );
  const header = tagsIndex !== undefined ? String(headers[tagsIndex] ?? '').trim() : TAGS_HEADER;
  // A card reads the whole of a small tab, or the first chunk of a large one (the rest is done after Apply).
  let walk = startWalk(sheet);
  const chunks = walk.endRow - 1 <= 2 * walk.chunkRows ? 2 : 1;
  const changes: BulkTagPlan['changes'] = [];
  let unchanged = 0;
  for (let i = 0; i < chunks && !walkDone(walk); i++) {
    const chunk = readChunk(sheet, settings, walk);
    const records = segmentRecords(ctx, settings, config, chunk.read.customers, chunk.all.timeZone);
    const members = membersOf(segment.query, records, { today: ctx.clock.now() }).map((r) => r.customer);
    const part = planBulkTag(members, tag, operation, header);
    changes.push(...part.changes);
    unchanged += part.unchanged;
    walk = chunk.next;
  }
  const progress = walkProgress(walk);
  return {
    segment,
    plan: { tag, operation, changes, unchanged },
    tagsIndex,
    header,
    headers,
    spreadsheetId,
    sheet,
    partial: walkDone(walk) ? undefined : progress,
  };
}

export function previewBulkTag(
  ctx: AppContext,
  segmentName: string,
  operation: TagOperation,
  event: AddonEvent,
): ActionResponse {
  const tag = tagFrom(formValue(event, BULK_FIELDS.tag));
  const wh = openedWarehouse(ctx);
  if (wh) {
    const segment = warehouseSegment(ctx, wh, segmentName);
    return {
      kind: 'navigate',
      steps: [{ kind: 'push', card: warehouseBulkTagPreview(ctx, wh.warehouse, segment, tag, operation) }],
    };
  }
  const { segment, plan: planned, partial } = withSheet(() => planPreview(ctx, segmentName, tag, operation));
  return {
    kind: 'navigate',
    steps: [
      {
        kind: 'push',
        card: bulkTagPreviewCard({
          segment: segment.name,
          tag,
          operation,
          changes: planned.changes,
          unchanged: planned.unchanged,
          ...(partial ? { partial } : {}),
        }),
      },
    ],
  };
}

function busy(): UserFacingError {
  return new UserFacingError(
    'Another change is running',
    'ChurnGuard is already writing to the sheet for you (a campaign batch or another bulk change).',
    'Wait a few seconds and press the button again.',
  );
}

/**
 * Apply: the job is recorded (trigger first) and its first chunk(s) done here; a small sheet is done at
 * once, a large one continues on the hourly trigger (src/app/segments/bulk-tag-job.ts).
 */
export function applyBulkTag(
  ctx: AppContext,
  segmentName: string,
  operation: TagOperation,
  rawTag: string,
): ActionResponse {
  const tag = tagFrom(rawTag);
  const wh = openedWarehouse(ctx);
  if (wh) {
    const notification = warehouseBulkTagApply(
      ctx,
      wh.warehouse,
      warehouseSegment(ctx, wh, segmentName),
      tag,
      operation,
    );
    return segmentsAfterBulk(ctx, notification);
  }
  const result = ctx.locks.withUserLock(LOCK_WAIT_MS, () =>
    withSheet(() => {
      const running = loadBulkTagJob(ctx);
      if (running?.state === 'running') {
        // Apply again on the same change (after "a teammate is writing", or to hurry it) continues it.
        const same =
          running.segment.toLowerCase() === segmentName.trim().toLowerCase() &&
          running.tag === tag &&
          running.operation === operation;
        if (!same) return { already: true, job: running };
        const small = running.walk.endRow - 1 <= 2 * running.walk.chunkRows;
        const after = continueBulkTag(ctx, running, small ? BULK_CARD_STEP_MS : 0);
        keepHourlyTrigger(ctx);
        return { already: false, job: after };
      }
      const { spreadsheetId, sheet, headers, segment, tagsIndex } = bulkTagTarget(ctx, segmentName);
      const column =
        tagsIndex !== undefined
          ? tagsIndex + 1
          : withSheetLock(ctx, () => sheet.ensureColumns([TAGS_HEADER], headers)[0]!);
      const header = tagsIndex !== undefined ? String(headers[tagsIndex] ?? '').trim() : TAGS_HEADER;
      // The trigger before the job: a card killed between the two leaves a trigger that finds nothing.
      ctx.triggers.installHourly(HOURLY_HANDLER);
      const job = newBulkTagJob(ctx, {
        spreadsheetId,
        segment: segment.name,
        tag,
        operation,
        header,
        column,
      });
      saveBulkTagJob(ctx, job);
      const small = job.walk.endRow - 1 <= 2 * job.walk.chunkRows;
      const after = continueBulkTag(ctx, job, small ? BULK_CARD_STEP_MS : 0);
      keepHourlyTrigger(ctx);
      return { already: false, job: after };
    }),
  );
  if (!result) throw busy();
  const { job } = result;
  const verb = operation === 'add' ? 'added to' : 'removed from';
  return {
    kind: 'navigate',
    steps: [
      { kind: 'popToNamed', name: 'segments' },
      { kind: 'update', card: buildSegmentsCard(ctx, 0) },
    ],
    notification: result.already
      ? `A bulk change is still running (“${job.tag}” on ${job.segment}: ${bulkTagProgress(job)}). Apply this one when it is done.`
      : job.state === 'done'
        ? `Tag “${tag}” ${verb} ${job.changed} customer${job.changed === 1 ? '' : 's'}. Undo is on the Segments card.`
        : `Tag “${tag}”: ${job.changed} changed so far (${bulkTagProgress(job)}); the rest continues in the background, hourly.`,
    stateChanged: true,
  };
}

/** Back to the Segments card, recounted, with what the bulk change did. */
function segmentsAfterBulk(ctx: AppContext, notification: string): ActionResponse {
  return {
    kind: 'navigate',
    steps: [
      { kind: 'popToNamed', name: 'segments' },
      { kind: 'update', card: buildSegmentsCard(ctx, 0) },
    ],
    notification,
    stateChanged: true,
  };
}

/** A saved segment by name, its query read against the warehouse's columns. */
function warehouseSegment(
  ctx: AppContext,
  wh: NonNullable<ReturnType<typeof openedWarehouse>>,
  name: string,
) {
  return segmentNamed(segmentConfig(ctx, wh.spreadsheetId, wh.warehouse.headers()), name);
}

export function undoBulkChange(ctx: AppContext): ActionResponse {
  const wh = openedWarehouse(ctx);
  if (wh) {
    const notification = warehouseBulkTagUndo(ctx, wh.warehouse);
    return {
      kind: 'navigate',
      steps: [{ kind: 'update', card: buildSegmentsCard(ctx, 0) }],
      notification,
      stateChanged: true,
    };
  }
  if (bulkTagRunning(ctx))
    throw new UserFacingError(
      'A bulk change is still running',
      'ChurnGuard is still tagging this segment in the background.',
      'Undo it when it has finished (the Segments card says so).',
    );
  const result = ctx.locks.withUserLock(LOCK_WAIT_MS, () =>
    withSheet(() => {
      const { settings, spreadsheetId: id, sheet } = requireConnected(ctx);
      const tabs = ctx.tabs(id);
      // The Tags column and the Bulk changes tab are read and rewritten whole: no teammate in between.
      return withSheetLock(ctx, () => {
        const log = tabs.read(BULK_LOG_TAB)?.values ?? null;
        const change = lastOpenChange(log);
        if (!change || !log) return 'nothing' as const;
        const headers = sheet.readHeaders();
        const tagsIndex = headers.findIndex((h) => String(h ?? '').trim() === change.column);
        if (tagsIndex < 0)
          throw new UserFacingError(
            'Column not found',
            `The bulk change was made in the "${change.column}" column, which the customer sheet no longer has.`,
            'Rename the column back, then undo again.',
          );
        const emails = sheet.readColumn(emailColumnIndex(headers, settings.mapping) + 1);
        const tags = sheet.readColumn(tagsIndex + 1);
        const rowOf = new Map<string, number>();
        emails.forEach((e, i) => {
          const key = String(e ?? '')
            .trim()
            .toLowerCase();
          if (key && !rowOf.has(key)) rowOf.set(key, i + 2);
        });
        const undo = planUndo(change, (email) => {
          const row = rowOf.get(email);
          return row === undefined ? undefined : { row, value: String(tags[row - 2] ?? '') };
        });
        if (undo.restores.length > 0) {
          const values = tags.map((v) => [v]);
          for (const r of undo.restores) values[r.row - 2] = [r.value];
          sheet.write([{ row: 2, column: tagsIndex + 1, values }]);
          markSnapshotStale(ctx);
        }
        const stamp = ctx.clock.now().toISOString().slice(0, 16).replace('T', ' ');
        const undone = new Set(change.cells.map((c) => c.logRow));
        tabs.replace(
          BULK_LOG_TAB,
          log.map((row, i) =>
            undone.has(i + 1)
              ? [
                  ...BULK_LOG_HEADERS.map((_, c) => row[c] ?? '').slice(0, 8),
                  `${stamp} by ${ctx.session.email()}`,
                ]
              : row,
          ),
        );
        return undo;
      });
    }),
  );
  if (result === null) throw busy();
  if (result === 'nothing') return { kind: 'notify', notification: 'There is no bulk change to undo.' };
  return {
    kind: 'navigate',
    steps: [{ kind: 'update', card: buildSegmentsCard(ctx, 0) }],
    notification:
      `Restored ${result.restores.length} cell${result.restores.length === 1 ? '' : 's'}` +
      (result.conflicts.length
        ? `; kept ${result.conflicts.length} edited or removed since: ${result.conflicts.slice(0, 3).join('; ')}${result.conflicts.length > 3 ? '…' : ''}`
        : ''),
    stateChanged: true,
  };
}
