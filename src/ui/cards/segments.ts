/**
 * Segments: the list (each with size, MRR and MRR at risk), one segment (its members, playbook and
 * bulk tagging), and the bulk-tag preview that must be confirmed before anything is written.
 */
import { count } from '../../core/text/format';
import { foldedSection } from '../card/fold';
import { ACTION } from '../action-names';
import type { Card, Section, Widget } from '../card/types';
import { action, actionButton } from './common';
import { freshnessWidget } from './freshness';

export const SEGMENTS_PAGE_SIZE = 15;
export const MEMBERS_SHOWN = 10;
export const BULK_FIELDS = { tag: 'bulkTag' } as const;

export interface SegmentSummary {
  name: string;
  description: string;
  query: string;
  playbook?: string;
  customers: number;
  mrrText: string;
  atRiskText: string;
  /** The figures are from before the segment was added or its query changed: none shown until a refresh. */
  notCounted?: boolean;
}

export interface SegmentsListState {
  segments: SegmentSummary[];
  page: number;
  pages: number;
  /** "Severe 31 · Hit 52 · Stable 190 · Booming 61 · Unknown 0". */
  impactLine: string;
  /** Problems in the Impact rules and Segments tabs. */
  issues: string[];
  /** The last bulk change that can be undone, described. */
  undo?: string;
  /** The spreadsheet's Segments tab, to edit queries. */
  tabUrl?: string;
  /** The figures' age and any refresh under way ("as of 09:12 UTC · rescoring: 2,500 / 10,000"). */
  freshness?: string;
}

const ISSUES_SHOWN = 8;

function issuesSection(issues: readonly string[]): Section[] {
  if (issues.length === 0) return [];
  const widgets: Widget[] = issues.slice(0, ISSUES_SHOWN).map((i) => ({ kind: 'textParagraph', text: i }));
  if (issues.length > ISSUES_SHOWN)
    widgets.push({ kind: 'textParagraph', text: `…and ${issues.length - ISSUES_SHOWN} more.` });
  return [foldedSection(2, widgets, `${count(issues.length, 'problem')} in the rules and segments`)];
}

/** The figures' age: segments and their members come from the portfolio snapshot, not a live read. */
function freshnessSection(freshness: string): Section {
  return { widgets: [freshnessWidget(freshness)] };
}

export function segmentsCard(state: SegmentsListState): Card {
  const list: Widget[] = state.segments.map((s) => ({
    kind: 'decoratedText',
    topLabel: s.playbook ? `Playbook: ${s.playbook}` : 'No playbook',
    text: [{ text: s.name, bold: true }],
    bottomLabel: s.notCounted
      ? 'Not counted yet: press Refresh'
      : `${count(s.customers, 'customer')} · MRR ${s.mrrText} · MRR at high risk ${s.atRiskText}`,
    wrapText: true,
    icon: 'MULTIPLE_PEOPLE',
    onClick: { kind: 'action', action: action(ACTION.openSegment, { segment: s.name }) },
  }));
  if (list.length === 0)
    list.push({
      kind: 'textParagraph',
      text: 'No segments yet. Add rows to the Segments tab: a name and a query such as "Impact = Severe AND MRR >= 500".',
    });
  const sections: Section[] = [
    ...(state.freshness ? [freshnessSection(state.freshness)] : []),
    { header: 'Crisis impact', widgets: [{ kind: 'textParagraph', text: state.impactLine }] },
    { header: 'Segments', widgets: list },
  ];
  if (state.pages > 1) {
    const buttons = [];
    if (state.page > 0)
      buttons.push(actionButton('Previous', ACTION.openSegments, { page: String(state.page - 1) }, 'text'));
    if (state.page < state.pages - 1)
      buttons.push(actionButton('Next', ACTION.openSegments, { page: String(state.page + 1) }, 'text'));
    sections.push({
      widgets: [
        { kind: 'textParagraph', text: `Page ${state.page + 1} of ${state.pages}` },
        { kind: 'buttonSet', buttons },
      ],
    });
  }
  sections.push(...issuesSection(state.issues));
  const tools: Widget[] = [];
  if (state.undo)
    tools.push({
      kind: 'decoratedText',
      topLabel: 'Last bulk change',
      text: state.undo,
      wrapText: true,
      button: actionButton('Undo', ACTION.undoBulkChange),
    });
  const buttons = [actionButton('Refresh', ACTION.openSegments, { page: String(state.page), refresh: '1' })];
  if (state.tabUrl)
    buttons.push({ text: 'Edit segments', style: 'text', onClick: { kind: 'openLink', url: state.tabUrl } });
  tools.push({ kind: 'buttonSet', buttons });
  sections.push({ widgets: tools });
  return {
    name: 'segments',
    header: { title: 'Segments', subtitle: 'By crisis impact, risk and value' },
    sections,
  };
}

export interface MemberView {
  email: string;
  name: string;
  detail: string;
}

export interface SegmentState {
  name: string;
  description: string;
  query: string;
  summary: string;
  playbook?: { move: string; template?: string; note: string };
  members: MemberView[];
  customers: number;
  /** The figures' age and any refresh under way. */
  freshness?: string;
  /** A campaign can be started (a template exists for the playbook, or any template). */
  canCampaign: boolean;
  /** Why campaigns are not offered (the BigQuery store): shown in their place. */
  unavailable?: string;
}

export function segmentCard(state: SegmentState): Card {
  const about: Widget[] = [
    { kind: 'decoratedText', topLabel: 'Query', text: state.query, wrapText: true },
    { kind: 'decoratedText', topLabel: 'Size', text: state.summary, wrapText: true, icon: 'DOLLAR' },
  ];
  if (state.description) about.unshift({ kind: 'textParagraph', text: state.description });
  if (state.playbook)
    about.push({
      kind: 'decoratedText',
      topLabel: 'Playbook',
      text: [{ text: state.playbook.move, bold: true }],
      bottomLabel: state.playbook.note,
      wrapText: true,
      icon: 'OFFER',
    });
  const members: Widget[] = state.members.map((m) => ({
    kind: 'decoratedText',
    text: m.name || m.email,
    bottomLabel: m.detail,
    wrapText: true,
    onClick: { kind: 'action', action: action(ACTION.showCustomer, { email: m.email }) },
  }));
  if (members.length === 0) members.push({ kind: 'textParagraph', text: 'Nobody is in this segment today.' });
  else if (state.customers > state.members.length)
    members.push({
      kind: 'textParagraph',
      text: `Showing the ${state.members.length} with the most revenue at risk of ${state.customers}.`,
    });
  const sections: Section[] = [
    ...(state.freshness ? [freshnessSection(state.freshness)] : []),
    { widgets: about },
    foldedSection(4, members, 'Highest risk × value first'),
  ];
  sections.push({
    header: 'Tag everyone in this segment',
    widgets: [
      { kind: 'textInput', name: BULK_FIELDS.tag, label: 'Tag', hint: 'e.g. crisis-relief-2026' },
      {
        kind: 'buttonSet',
        buttons: [
          actionButton('Preview add', ACTION.previewBulkTag, { segment: state.name, operation: 'add' }),
          actionButton(
            'Preview remove',
            ACTION.previewBulkTag,
            { segment: state.name, operation: 'remove' },
            'text',
          ),
        ],
      },
    ],
  });
  if (state.unavailable) sections.push({ widgets: [{ kind: 'textParagraph', text: state.unavailable }] });
  else if (state.canCampaign && state.customers > 0)
    sections.push({
      widgets: [
        {
          kind: 'buttonSet',
          buttons: [
            actionButton('Email this segment…', ACTION.newCampaign, { segment: state.name }, 'filled'),
          ],
        },
      ],
    });
  return segmentCardOf(state, sections);
}

function segmentCardOf(state: SegmentState, sections: Section[]): Card {
  return {
    name: 'segment',
    header: { title: state.name, subtitle: count(state.customers, 'customer') },
    sections,
  };
}

export interface BulkPreviewState {
  segment: string;
  tag: string;
  operation: 'add' | 'remove';
  changes: { email: string; before: string; after: string; row: number }[];
  unchanged: number;
  /** Rows checked of all, when the sheet is too large to check whole on a card. */
  partial?: { done: number; total: number };
  /**
   * The warehouse store: how many would change and the first few, counted whole by the warehouse
   * (`changes` is then empty); Apply appends tag changes instead of writing cells.
   */
  counted?: { changes: number; examples: { row: number; email: string }[] };
}

export function bulkTagPreviewCard(state: BulkPreviewState): Card {
  const verb = state.operation === 'add' ? 'Add' : 'Remove';
  const n = state.counted ? state.counted.changes : state.changes.length;
  const widgets: Widget[] = [
    {
      kind: 'textParagraph',
      text: [
        { text: `${verb} “${state.tag}” ${state.operation === 'add' ? 'to' : 'from'} ` },
        { text: count(n, 'customer'), bold: true },
        {
          text: ` in ${state.segment}. ${state.unchanged} already ${state.operation === 'add' ? 'have it' : 'do not have it'} and stay as they are.`,
        },
      ],
    },
    ...(state.counted
      ? state.counted.examples.map((c): Widget => ({
          kind: 'decoratedText',
          topLabel: `Row ${c.row}`,
          text: c.email,
          wrapText: true,
        }))
      : state.changes.slice(0, MEMBERS_SHOWN).map((c): Widget => ({
          kind: 'decoratedText',
          topLabel: `Row ${c.row} · ${c.email}`,
          text: c.after || '(no tags)',
          bottomLabel: `was: ${c.before || '(no tags)'}`,
          wrapText: true,
        }))),
  ];
  const shown = state.counted ? state.counted.examples.length : Math.min(n, MEMBERS_SHOWN);
  if (n > shown) widgets.push({ kind: 'textParagraph', text: `…and ${n - shown} more.` });
  widgets.push({
    kind: 'textParagraph',
    text: state.counted
      ? 'Apply appends a tag change for each of them to the warehouse, beside your teammates’ edits (nothing is written over). Undo on the Segments card reverses them, except where a teammate has changed the same tag since.'
      : state.partial
        ? `These are the changes in the first ${state.partial.done.toLocaleString('en-US')} of ${state.partial.total.toLocaleString('en-US')} rows: the sheet is too large to check whole here. Apply tags the whole segment in the background, a chunk of rows at a time (the Segments card shows how far). Every changed cell is logged in the Bulk changes tab, and Undo on the Segments card puts them back.`
        : 'Every changed cell is logged in the Bulk changes tab, and Undo on the Segments card puts them back.',
  });
  const buttons =
    n > 0 || state.partial
      ? [
          actionButton(
            state.partial
              ? `${verb} tag on the whole segment`
              : `${verb} tag on ${count(n, state.counted ? 'customer' : 'row')}`,
            ACTION.applyBulkTag,
            { segment: state.segment, operation: state.operation, tag: state.tag },
            'filled',
          ),
        ]
      : [];
  widgets.push({
    kind: 'buttonSet',
    buttons: [...buttons, actionButton('Back', ACTION.goBack, undefined, 'text')],
  });
  return {
    name: 'bulkTagPreview',
    header: { title: `${verb} tag`, subtitle: state.segment },
    sections: [{ widgets }],
  };
}
