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
  statsOf,
  type SegmentRecord,
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
import { count, formatMoney, formatRisk, type MoneyFormat } from '../../core/text/format';
import { BadInputError, UserFacingError } from '../errors';
import { formValue, type AddonEvent } from '../events';
import { teamConfigFrom } from '../retention-reply';
import { findSegment, withPortfolio, type Portfolio } from './portfolio';

const TAGS_HEADER = 'Tags';
const LOCK_WAIT_MS = 5_000;

const IMPACT_ORDER = ['severe', 'hit', 'stable', 'booming'] as const;

function impactLine(records: readonly SegmentRecord[]): string {
  const counts = new Map<string, number>();
  for (const r of records) {
    if (r.customer.status === 'churned') continue;
    const k = r.impact ?? 'unknown';
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...IMPACT_ORDER, 'unknown' as const]
    .map((k) => `${k[0]!.toUpperCase()}${k.slice(1)} ${counts.get(k) ?? 0}`)
    .join(' · ');
}

/** Members, highest revenue at risk first: score × MRR, the order a manager works through them. */
function byRiskValue(members: SegmentRecord[]): SegmentRecord[] {
  const weight = (r: SegmentRecord) => (r.score ?? 0) * (r.customer.mrr ?? 0);
  return [...members].sort((a, b) => weight(b) - weight(a) || (b.score ?? 0) - (a.score ?? 0));
}

/** The team's currency (Settings tab, already in the portfolio's config) in the sheet's locale. */
const moneyOf = (p: Portfolio): MoneyFormat => ({
  currency: teamConfigFrom(p.config.raw).team.currency,
  locale: p.whole.all.locale,
});

export function segmentSummaries(p: Portfolio): SegmentSummary[] {
  const ctx = { today: p.today };
  const money = moneyOf(p);
  return p.config.segments.map((s) => {
    const stats = statsOf(membersOf(s.query, p.records, ctx));
    return {
      name: s.name,
      description: s.description,
      query: describeQuery(s.query),
      ...(s.playbook ? { playbook: MOVE_LABELS[s.playbook] } : {}),
      customers: stats.customers,
      mrrText: formatMoney(stats.mrr, money),
      atRiskText: formatMoney(stats.atRiskMrr, money),
    };
  });
}

function undoText(ctx: AppContext, spreadsheetId: string): string | undefined {
  const last = lastOpenChange(ctx.tabs(spreadsheetId).read(BULK_LOG_TAB)?.values ?? null);
  if (!last) return undefined;
  return `${last.cells.length} cell${last.cells.length === 1 ? '' : 's'} in ${last.column}, ${last.at.slice(0, 16).replace('T', ' ')} UTC by ${last.by}`;
}

export function buildSegmentsCard(ctx: AppContext, page: number, refresh = false): Card {
  return withPortfolio(
    ctx,
    (p) => {
      const id = p.whole.settings.spreadsheetId!;
      const all = segmentSummaries(p);
      const pages = Math.max(1, Math.ceil(all.length / SEGMENTS_PAGE_SIZE));
      const current = Math.min(Math.max(0, page), pages - 1);
      const undo = undoText(ctx, id);
      return segmentsCard({
        segments: all.slice(current * SEGMENTS_PAGE_SIZE, (current + 1) * SEGMENTS_PAGE_SIZE),
        page: current,
        pages,
        impactLine: impactLine(p.records),
        issues: p.config.issues,
        ...(undo ? { undo } : {}),
        tabUrl: spreadsheetUrl(id),
      });
    },
    refresh,
  );
}

export function buildSegmentCard(ctx: AppContext, name: string): Card {
  return withPortfolio(ctx, (p) => {
    const segment = findSegment(p, name);
    const members = byRiskValue(membersOf(segment.query, p.records, { today: p.today }));
    const stats = statsOf(members);
    const templates = teamConfigFrom(p.config.raw).templates;
    const template = segment.playbook ? templateForMove(segment.playbook, templates) : undefined;
    const money = moneyOf(p);
    return segmentCard({
      name: segment.name,
      description: segment.description,
      query: describeQuery(segment.query),
      summary: `${count(stats.customers, 'customer')} · MRR ${formatMoney(stats.mrr, money)} · MRR at high or critical risk ${formatMoney(stats.atRiskMrr, money)}${stats.withoutMrr ? ` · ${stats.withoutMrr} without MRR` : ''}`,
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
      members: members.slice(0, MEMBERS_SHOWN).map((m) => ({
        email: m.customer.email,
        name: m.customer.name ?? m.customer.company ?? '',
        detail: [
          m.customer.company,
          m.score !== undefined ? formatRisk(m.score, m.band) : undefined,
          m.customer.mrr !== undefined ? `MRR ${formatMoney(m.customer.mrr, money)}` : undefined,
          m.impact,
        ]
          .filter(Boolean)
          .join(' · '),
      })),
      customers: stats.customers,
      canCampaign: templates.length > 0,
    });
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
