/**
 * Settings → Map columns: what ChurnGuard recognised in the customer tab's header row, and a
 * dropdown per field to choose another column or none. Only the header row is read to draw it.
 */
import type { Card, Section, SelectionItem, Widget } from '../card/types';
import { MAX_SELECTION_ITEMS } from '../card/types';
import { ACTION } from '../action-names';
import { actionButton } from './common';

export type ColumnStatus = 'auto' | 'mapped' | 'off' | 'missing';

export interface ColumnRow {
  field: string;
  label: string;
  /** The header the field reads now, if any. */
  header?: string;
  status: ColumnStatus;
}

export interface ColumnsState {
  tab: string;
  rows: ColumnRow[];
  /** Every non-blank header in the tab, in sheet order. */
  headers: string[];
  /** Headers no field uses: kept for merge fields and the learned model. */
  unused: string[];
  /** "MRR: used 'MRR', ignored 'Monthly fee'". */
  conflicts: string[];
  error?: string;
}

/** Dropdown values besides a header: keep automatic detection, or switch the field off. */
export const AUTOMATIC = '';
export const NOT_IN_SHEET = '-';
export const columnInputName = (field: string) => `column.${field}`;

function items(row: ColumnRow, headers: readonly string[]): SelectionItem[] {
  const auto: SelectionItem = {
    value: AUTOMATIC,
    text: row.status === 'auto' && row.header ? `Automatic: ${row.header}` : 'Automatic (none found)',
    selected: row.status === 'auto' || row.status === 'missing',
  };
  const off: SelectionItem = {
    value: NOT_IN_SHEET,
    text: 'Not in this sheet',
    selected: row.status === 'off',
  };
  // Item values must be unique: a header repeated in the sheet is one choice (mapping is by header
  // text, and the repeat is reported as a sheet issue), and a header spelled like a reserved value is
  // left out. Apps Script refuses a selection input with more than 100 items.
  const distinct = [...new Set(headers)].filter((h) => h !== AUTOMATIC && h !== NOT_IN_SHEET);
  const choices = distinct.slice(0, MAX_SELECTION_ITEMS - 2).map((h) => ({
    value: h,
    text: h,
    selected: row.status === 'mapped' && row.header === h,
  }));
  return [auto, off, ...choices];
}

export function columnsCard(state: ColumnsState): Card {
  const found = state.rows.filter((r) => r.header).length;
  const summary: Widget[] = [
    {
      kind: 'textParagraph',
      text: `ChurnGuard reads ${found} of ${state.rows.length} fields from the "${state.tab}" tab. Pick a column to override what it found, or "Not in this sheet" for a column that means something else.`,
    },
  ];
  if (state.unused.length)
    summary.push({
      kind: 'decoratedText',
      topLabel: 'Other columns (usable as merge fields and by the learned model)',
      text: state.unused.join(', '),
      wrapText: true,
    });
  for (const c of state.conflicts)
    summary.push({ kind: 'decoratedText', topLabel: 'Two columns claim one field', text: c, wrapText: true });
  const sections: Section[] = [];
  if (state.error)
    sections.push({ widgets: [{ kind: 'textParagraph', text: [{ text: state.error, color: '#d93025' }] }] });
  sections.push({ header: 'What was recognised', widgets: summary });
  sections.push({
    header: 'Fields',
    widgets: state.rows.map((row): Widget => ({
      kind: 'selectionInput',
      name: columnInputName(row.field),
      label: row.label,
      type: 'dropdown',
      items: items(row, state.headers),
    })),
  });
  return {
    name: 'columns',
    header: { title: 'Map columns', subtitle: state.tab },
    sections,
    fixedFooter: { primary: actionButton('Save columns', ACTION.saveColumns, undefined, 'filled') },
  };
}
