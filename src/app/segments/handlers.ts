/**
 * The segments cards' actions: list segments with their size and MRR, open one, preview a bulk tag,
 * apply it in one write to the Tags column (logged cell by cell), and undo the last bulk change.
 */
import { MOVE_LABELS, templateForMove } from '../../core/playbooks';
import {
  applyToColumn,
  BULK_LOG_HEADERS,
  BULK_LOG_TAB,
  bulkLogRows,
  cleanTag,
  describeQuery,
  lastOpenChange,
  membersOf,
  planBulkTag,
  planUndo,
  type TagOperation,
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
import { formatMoney, formatRisk } from '../customer-view';
import { BadInputError, UserFacingError } from '../errors';
import { formValue, type AddonEvent } from '../events';
import { teamConfigFrom } from '../retention-reply';
import { findSegment, findSegmentIn, segmentConfig, withPortfolio, type Portfolio } from './portfolio';
import type { PortfolioSnapshot, SegmentTotals } from '../../core/portfolio/snapshot';
import type { Segment } from '../../core/segments/segments-tab';
import { requireConnected } from '../connected';
import { withSheet } from '../sheet-errors';
import { currentSnapshot, freshnessLine } from '../portfolio/current';
import type { JobKind } from '../jobs/portfolio-job';
import { loadSettings } from '../settings-store';
import { forgetRawConfig } from '../config';
import { markSnapshotStale } from '../portfolio/stale';

const TAGS_HEADER = 'Tags';
const LOCK_WAIT_MS = 5_000;

const IMPACT_ORDER = ['severe', 'hit', 'stable', 'booming'] as const;

/** "Severe 31 · Hit 52 · …": active customers by effective impact, from the snapshot's counts. */
function impactLine(impacts: Readonly<Record<string, number>>): string {
  return [...IMPACT_ORDER, 'unknown' as const]
    .map((k) => `${k[0]!.toUpperCase()}${k.slice(1)} ${impacts[k] ?? 0}`)
    .join(' · ');
}

/** The snapshot's figures for a saved segment, if they were counted with its current query. */
function totalsOf(snapshot: PortfolioSnapshot | undefined, segment: Segment): SegmentTotals | undefined {
  const t = snapshot?.segments[segment.name];
  return t && t.source === segment.source ? t : undefined;
}

export function segmentSummaries(
  segments: readonly Segment[],
  snapshot?: PortfolioSnapshot,
): SegmentSummary[] {
  return segments.map((s) => {
    const t = totalsOf(snapshot, s);
    return {
      name: s.name,
      description: s.description,
      query: describeQuery(s.query),
      ...(s.playbook ? { playbook: MOVE_LABELS[s.playbook] } : {}),
      customers: t?.customers ?? 0,
      mrrText: formatMoney(t?.mrr ?? 0),
      atRiskText: formatMoney(t?.atRiskMrr ?? 0),
      ...(t ? {} : { notCounted: true }),
    };
  });
}

function undoText(ctx: AppContext, spreadsheetId: string): string | undefined {
  const last = lastOpenChange(ctx.tabs(spreadsheetId).read(BULK_LOG_TAB)?.values ?? null);
  if (!last) return undefined;
  return `${last.cells.length} cell${last.cells.length === 1 ? '' : 's'} in ${last.column}, ${last.at.slice(0, 16).replace('T', ' ')} UTC by ${last.by}`;
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
    return { settings, spreadsheetId, config, view, freshness: freshnessLine(view, ctx.clock.now()) };
  });
}

/** `refresh`: re-read the Segments and Impact rules tabs and recount every segment (a background job). */
export function buildSegmentsCard(ctx: AppContext, page: number, refresh = false): Card {
  if (refresh) {
    const { settings } = loadSettings(ctx.userStore);
    if (settings.spreadsheetId) forgetRawConfig(ctx, settings.spreadsheetId);
  }
  const {
    spreadsheetId: id,
    config,
    view,
    freshness,
  } = segmentsAndSnapshot(ctx, refresh ? 'rescore' : undefined);
  const all = segmentSummaries(config.segments, view.snapshot);
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
  const { config, view, freshness } = segmentsAndSnapshot(ctx);
  const segment = findSegmentIn(config.segments, name);
  const t = totalsOf(view.snapshot, segment);
  const templates = teamConfigFrom(config.raw).templates;
  const template = segment.playbook ? templateForMove(segment.playbook, templates) : undefined;
  return segmentCard({
    name: segment.name,
    description: segment.description,
    query: describeQuery(segment.query),
    summary: t
      ? `${t.customers} customers · ${formatMoney(t.mrr)} MRR · ${formatMoney(t.atRiskMrr)} at high or critical risk${t.withoutMrr ? ` · ${t.withoutMrr} without MRR` : ''}`
      : 'Not counted yet: press Refresh on the Segments card.',
    ...(segment.playbook
      ? {
          playbook: {
            move: MOVE_LABELS[segment.playbook],
            ...(template ? { template: template.name } : {}),
            note: template
              ? `Template "${template.name}". Guard rails still apply per customer in the sidebar and in campaigns.`
              : `No template for it yet: add a "${MOVE_LABELS[segment.playbook]}" row to the Templates tab.`,
          },
        }
      : {}),
    members: (t?.top ?? []).slice(0, MEMBERS_SHOWN).map((m) => ({
      email: m.email,
      name: m.name,
      detail: [
        m.company,
        m.score !== undefined ? formatRisk(m.score, m.band) : undefined,
        m.mrr !== undefined ? `${formatMoney(m.mrr)} MRR` : undefined,
        m.impact,
      ]
        .filter(Boolean)
        .join(' · '),
    })),
    customers: t?.customers ?? 0,
    freshness,
    canCampaign: templates.length > 0,
  });
}

function tagFrom(raw: string): string {
  const tag = cleanTag(raw);
  if (!tag.ok) throw new BadInputError('Tag', `${tag.message} Type one tag, then preview again.`);
  return tag.tag;
}

function plan(p: Portfolio, segmentName: string, tag: string, operation: TagOperation) {
  const segment = findSegment(p, segmentName);
  const members = membersOf(segment.query, p.records, { today: p.today }).map((r) => r.customer);
  const tagsIndex = p.whole.read.mapping.columns.tags;
  const header = tagsIndex !== undefined ? String(p.whole.all.headers[tagsIndex] ?? '').trim() : TAGS_HEADER;
  return { segment, plan: planBulkTag(members, tag, operation, header), tagsIndex, header };
}

export function previewBulkTag(
  ctx: AppContext,
  segmentName: string,
  operation: TagOperation,
  event: AddonEvent,
): ActionResponse {
  const tag = tagFrom(formValue(event, BULK_FIELDS.tag));
  return withPortfolio(ctx, (p) => {
    const { segment, plan: planned } = plan(p, segmentName, tag, operation);
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
          }),
        },
      ],
    };
  });
}

function busy(): UserFacingError {
  return new UserFacingError(
    'Another change is running',
    'ChurnGuard is already writing to the sheet for you (a campaign batch or another bulk change).',
    'Wait a few seconds and press the button again.',
  );
}

export function applyBulkTag(
  ctx: AppContext,
  segmentName: string,
  operation: TagOperation,
  rawTag: string,
): ActionResponse {
  const tag = tagFrom(rawTag);
  const result = ctx.locks.withUserLock(LOCK_WAIT_MS, () =>
    withPortfolio(ctx, (p) => {
      const { plan: planned, tagsIndex, header } = plan(p, segmentName, tag, operation);
      if (planned.changes.length === 0) return { applied: 0, skipped: 0 };
      const sheet = p.whole.sheet;
      // Read the column, write it and log the change with no teammate's bulk change in between:
      // the column is written whole, so an interleaved change would be overwritten.
      return withSheetLock(ctx, () => {
        const column =
          tagsIndex !== undefined
            ? tagsIndex + 1
            : sheet.ensureColumns([TAGS_HEADER], p.whole.all.headers)[0]!;
        // The column as it is now: a cell someone changed since this read is left alone.
        const { values, applied, skipped } = applyToColumn(sheet.readColumn(column), planned);
        if (applied.length > 0) {
          sheet.write([{ row: 2, column, values }]);
          markSnapshotStale(ctx);
          const now = ctx.clock.now();
          ctx.tabs(p.whole.settings.spreadsheetId!).append(
            BULK_LOG_TAB,
            BULK_LOG_HEADERS,
            bulkLogRows(
              {
                id: `bulk-${now.getTime().toString(36)}`,
                at: now,
                by: ctx.session.email(),
                column: header,
              },
              applied,
            ),
          );
        }
        return { applied: applied.length, skipped: skipped.length };
      });
    }),
  );
  if (!result) throw busy();
  const verb = operation === 'add' ? 'added to' : 'removed from';
  return {
    kind: 'navigate',
    steps: [
      { kind: 'popToNamed', name: 'segments' },
      { kind: 'update', card: buildSegmentsCard(ctx, 0) },
    ],
    notification:
      `Tag “${tag}” ${verb} ${result.applied} customer${result.applied === 1 ? '' : 's'}` +
      (result.skipped ? `; ${result.skipped} changed in the sheet since the preview were left alone` : '') +
      '. Undo is on the Segments card.',
    stateChanged: true,
  };
}

export function undoBulkChange(ctx: AppContext): ActionResponse {
  const result = ctx.locks.withUserLock(LOCK_WAIT_MS, () =>
    withPortfolio(ctx, (p) => {
      const id = p.whole.settings.spreadsheetId!;
      const tabs = ctx.tabs(id);
      // The Tags column and the Bulk changes tab are read and rewritten whole: no teammate in between.
      return withSheetLock(ctx, () => {
        const log = tabs.read(BULK_LOG_TAB)?.values ?? null;
        const change = lastOpenChange(log);
        if (!change || !log) return 'nothing' as const;
        const headers = p.whole.all.headers;
        const tagsIndex = headers.findIndex((h) => String(h ?? '').trim() === change.column);
        if (tagsIndex < 0)
          throw new UserFacingError(
            'Column not found',
            `The bulk change was made in the "${change.column}" column, which the customer sheet no longer has.`,
            'Rename the column back, then undo again.',
          );
        const sheet = p.whole.sheet;
        const emails = sheet.readColumn(emailColumnIndex(headers, p.whole.settings.mapping) + 1);
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
