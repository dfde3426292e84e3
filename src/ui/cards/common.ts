import type { ActionCall, Button, Section } from '../card/types';
import type { ActionName } from '../action-names';

export const BRAND_LOGO =
  'https://www.gstatic.com/images/icons/material/system/2x/verified_user_black_48dp.png';

export function action(name: ActionName, params?: Record<string, string>): ActionCall {
  return params ? { name, params } : { name };
}

export function actionButton(
  text: string,
  name: ActionName,
  params?: Record<string, string>,
  style: Button['style'] = 'outlined',
): Button {
  return { text, style, onClick: { kind: 'action', action: action(name, params) } };
}

export function linkButton(text: string, url: string): Button {
  return { text, style: 'text', onClick: { kind: 'openLink', url } };
}

/** A section that says something went wrong and what to do, used by every error card. */
export function problemSection(title: string, detail: string, fix: string): Section {
  return {
    header: title,
    widgets: [
      { kind: 'textParagraph', text: detail },
      { kind: 'textParagraph', text: [{ text: 'How to fix it: ', bold: true }, { text: fix }] },
    ],
  };
}

/**
 * A long section folds after its first `shown` widgets. A short one must not say so: a section whose
 * uncollapsibleWidgets exceeds its widget count is refused by CardService (an empty segment once
 * failed that way).
 */
export function foldAfter(
  widgetCount: number,
  shown: number,
): Pick<Section, 'collapsible' | 'uncollapsibleWidgets'> {
  return widgetCount > shown ? { collapsible: true, uncollapsibleWidgets: shown } : {};
}
