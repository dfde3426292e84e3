import type { Section, Widget } from './types';

/**
 * A section that shows its first `visible` widgets and folds the rest under "Show more". The fold is
 * derived from the content: a section with `visible` widgets or fewer is not collapsible at all, so
 * a segment with 0-3 members or a campaign with one failure can never ask CardService to keep more
 * widgets in sight than the section holds.
 */
export function foldedSection(visible: number, widgets: Widget[], header?: string): Section {
  return {
    ...(header !== undefined ? { header } : {}),
    widgets,
    ...(widgets.length > visible ? { collapsible: true, uncollapsibleWidgets: visible } : {}),
  };
}
